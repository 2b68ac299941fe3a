"""The project `casebook render` writes: everything another engine (ProperDocs, Zensical, MkDocs
without the plugin) needs to build the site as it is.

The configuration is the project's own `mkdocs.yml` with the `casebook` plugin taken out and
its paths pointed at the copies: composed and serialised as YAML nodes, never constructed, so
tags the engine resolves itself (`!!python/name:` in Markdown extensions) pass through as
written. `!ENV` values are resolved here, because the data files are rendered with the site
address now and the configuration must say the same address.
"""

from __future__ import annotations

import gettext
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..i18n.languages import SOURCE, Language
from ..i18n.sites import MARKDOWN_IN_HTML, languages_extra, pages_dir_in, site_folder, site_url_in
from ..render import urls
from ..render.theme_text import theme_extra

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

PLUGIN = "casebook"
DOCS_DIR = "docs"  # Zensical needs the pages inside the project folder
OVERRIDES_DIR = "overrides"
_STR, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:null"
HEADER = ("# Written by `casebook render` from the project's mkdocs.yml, without the casebook plugin:\n"
          "# build this folder with any engine that reads mkdocs.yml. Edit the original, not this copy.\n")


class ProjectError(ValueError):
    """The project's configuration cannot be turned into one another engine builds."""


def _scalar(value: str | None, style: str | None = None) -> yaml.ScalarNode:
    return yaml.ScalarNode(_NULL, "null") if value is None else yaml.ScalarNode(_STR, value, style=style)


def _resolve_env(node: yaml.Node, env: Mapping[str, str]) -> yaml.Node:
    """`node` with every `!ENV` value replaced by what MkDocs would read: the first variable set,
    else the last item of a list as the default (pyyaml-env-tag's rules)."""
    if node.tag == "!ENV":
        names = [node] if isinstance(node, yaml.ScalarNode) else list(node.value)
        for name in names:
            if isinstance(name, yaml.ScalarNode) and name.value in env:
                return _scalar(env[name.value])
        default = names[-1] if len(names) > 1 else None
        return default if default is not None else _scalar(None)
    if isinstance(node, yaml.SequenceNode):
        node.value = [_resolve_env(item, env) for item in node.value]
    elif isinstance(node, yaml.MappingNode):
        node.value = [(key, _resolve_env(value, env)) for key, value in node.value]
    return node


def _entries(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _set(node: yaml.MappingNode, name: str, value: yaml.Node | None) -> None:
    """Set (or, with None, remove) the entry `name` of a mapping node, keeping its place."""
    kept = [(key, old) for key, old in node.value if not (isinstance(key, yaml.ScalarNode) and key.value == name)]
    if value is not None:
        at = next((i for i, (key, _) in enumerate(node.value) if getattr(key, "value", None) == name), len(kept))
        kept.insert(at, (_scalar(name), value))
    node.value = kept


def _is_plugin(entry: yaml.Node) -> bool:
    if isinstance(entry, yaml.ScalarNode):
        return entry.value == PLUGIN
    return isinstance(entry, yaml.MappingNode) and PLUGIN in _entries(entry)


def _without_plugin(plugins: yaml.Node) -> yaml.Node:
    # MkDocs takes plugins as a list (names, or one-key mappings) or as one mapping.
    if isinstance(plugins, yaml.SequenceNode):
        plugins.value = [entry for entry in plugins.value if not _is_plugin(entry)]
    elif isinstance(plugins, yaml.MappingNode):
        _set(plugins, PLUGIN, None)
    return plugins


def _plain(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) and node.tag != _NULL else None


def read_config(text: str, env: Mapping[str, str]) -> yaml.MappingNode:
    """The settings of the project's `mkdocs.yml` as YAML nodes, with `!ENV` values resolved."""
    try:
        top = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise ProjectError(f"mkdocs.yml is not valid YAML: {error}") from error
    if not isinstance(top, yaml.MappingNode):
        raise ProjectError("mkdocs.yml is not a mapping of settings")
    _resolve_env(top, env)
    for name, value in _entries(top).items():
        if value.tag == _NULL:
            _set(top, name, None)  # an unset `!ENV` without a default: as if the line were absent
    return top


def setting(config: yaml.MappingNode, name: str) -> str | None:
    """A top-level setting given as plain text, else None."""
    return _plain(_entries(config).get(name))


def custom_dir_of(config: yaml.MappingNode) -> str | None:
    """The theme's `custom_dir`, relative to the project folder."""
    theme = _entries(config).get("theme")
    return _plain(_entries(theme).get("custom_dir")) if isinstance(theme, yaml.MappingNode) else None


def _not_in_nav(config: yaml.MappingNode, generated: list[str]) -> yaml.Node:
    """MkDocs' `not_in_nav` patterns with the generated pages added: the plugin marks them as
    outside the nav itself; without it, `--strict` fails on every record missing from the nav."""
    patterns = [line for line in (_plain(_entries(config).get("not_in_nav")) or "").splitlines() if line]
    folders = sorted({"/" + (page.split("/")[0] + "/" if "/" in page else page) for page in generated})
    return _scalar("\n".join(patterns + [f for f in folders if f not in patterns]) + "\n", style="|")


def _node(value: Any) -> yaml.Node:
    """Plain data (text, lists, mappings) as a YAML node."""
    if isinstance(value, str):
        return _scalar(value)
    node = yaml.compose(yaml.safe_dump(value), Loader=_Loader)
    assert node is not None  # safe_dump of a value always writes a document
    return node


def _with_extra(config: yaml.MappingNode, values: dict[str, Any]) -> yaml.MappingNode:
    """The `extra` settings templates read, with `values` added."""
    extra = _entries(config).get("extra")
    extra = extra if isinstance(extra, yaml.MappingNode) else yaml.MappingNode("tag:yaml.org,2002:map", [])
    for name, value in values.items():
        _set(extra, name, _node(value))
    return extra


def config_file(language: Language) -> str:
    """The configuration of a language's site in the rendered project: `mkdocs.yml` for the
    source language, `mkdocs.cy.yml` beside it for Welsh."""
    return "mkdocs.yml" if language == SOURCE else f"mkdocs.{language.code}.yml"


def docs_dir(language: Language) -> str:
    return pages_dir_in(DOCS_DIR, language)


def _translate_nav(node: yaml.Node, gettext: Callable[[str], str]) -> None:
    """The nav's titles (`- Title: page.md`, `- Section: [...]`) in the build's language."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _translate_nav(item, gettext)
    elif isinstance(node, yaml.MappingNode):
        node.value = [(_scalar(gettext(key.value)) if isinstance(key, yaml.ScalarNode) else key, value)
                      for key, value in node.value]
        for _, value in node.value:
            _translate_nav(value, gettext)


def _in_language(config: yaml.MappingNode, language: Language, gettext: Callable[[str], str]) -> None:
    """The settings that differ in a language's site: its address, folders, theme language and nav."""
    if language == SOURCE:
        return
    entries = _entries(config)
    _set(config, "site_dir", _scalar("site/" + site_folder(language).rstrip("/")))
    theme = entries.get("theme")
    if isinstance(theme, yaml.MappingNode):
        _set(theme, "language", _scalar(language.code))
    if "nav" in entries:
        _translate_nav(entries["nav"], gettext)
    extensions = entries.get("markdown_extensions")
    if isinstance(extensions, yaml.SequenceNode):
        named = {item.value if isinstance(item, yaml.ScalarNode) else next(iter(_entries(item)), None)
                 for item in extensions.value}
        if MARKDOWN_IN_HTML not in named:
            extensions.value.append(_scalar(MARKDOWN_IN_HTML))
    else:
        _set(config, "markdown_extensions", yaml.SequenceNode("tag:yaml.org,2002:seq", [_scalar(MARKDOWN_IN_HTML)]))


def engine_config(config: yaml.MappingNode, *, site_url: str, generated: list[str], site_date: str,
                  language: Language = SOURCE, translations: gettext.NullTranslations | None = None) -> str:
    """The configuration of the rendered project: `config` without the plugin, its paths
    pointed at the copies in the rendered project; `generated` lists the generated pages, and
    `site_date` dates the pages without a date of their own (the sitemap template reads it).
    For another language than the source, the configuration of its site (`translations` give its
    nav titles and the theme's text)."""
    translations = translations or gettext.NullTranslations()
    entries = _entries(config)
    _set(config, "extra", _with_extra(config, {"casebook_site_date": site_date, "casebook_feed": urls.FEED,
                                                "casebook_social_card": urls.SOCIAL_CARD}
                                      | urls.search_extra(urls.DIRECTORY_LINKS)
                                      | theme_extra(translations, language)
                                      | languages_extra(site_url, language)))
    _in_language(config, language, translations.gettext)
    _set(config, "not_in_nav", _not_in_nav(config, generated))
    if "plugins" in entries:
        _set(config, "plugins", _without_plugin(entries["plugins"]))
    if _plain(entries.get("repo_url")) is None:
        # Edit links need a repository; MkDocs would warn on every page without one.
        _set(config, "edit_uri", None)
    _set(config, "site_url", _scalar(site_url_in(site_url, language)))
    _set(config, "docs_dir", _scalar(docs_dir(language)))
    theme = entries.get("theme")
    if isinstance(theme, yaml.MappingNode):
        if "custom_dir" in _entries(theme):
            _set(theme, "custom_dir", _scalar(OVERRIDES_DIR))
        if "variant" not in _entries(theme):
            # Zensical keeps Material's look (which the overrides are written for) only with the
            # classic variant; MkDocs and ProperDocs ignore the setting.
            _set(theme, "variant", _scalar("classic"))
    return HEADER + yaml.serialize(config, Dumper=_Dumper, allow_unicode=True, width=120)


def is_render_output(out: Path) -> bool:
    """Whether `out` is missing, empty, or an earlier render output (safe to replace)."""
    if not out.exists():
        return True
    config = out / "mkdocs.yml"
    if config.is_file():
        return config.read_text(encoding="utf-8").startswith(HEADER)
    return out.is_dir() and not any(out.iterdir())


def copy_overrides(root: Path, custom_dir: str | None, out: Path) -> None:
    """Copy the theme overrides (templates, CSS, JavaScript) beside the rendered configuration."""
    if custom_dir is not None:
        shutil.copytree(root / custom_dir, out / OVERRIDES_DIR)
