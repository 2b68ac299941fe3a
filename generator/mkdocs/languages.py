"""The sites in other languages, as MkDocs builds them: Material sets its interface language once
per build, so each language is a build of its own, from the same configuration, into its folder
of the site (i18n.sites). The source language's build starts them when it has finished.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section

from ..content.validate import Library
from ..i18n.languages import Language
from ..i18n.sites import fallback_text, site_folder, translated_page

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig

PLUGIN = "casebook"


def build_language(config: MkDocsConfig, language: Language, library: Library | None, *,
                   command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Build the site in `language` into its folder of the site `config` has just built, from
    the `library` that build read (read again if None)."""
    other = load_config(config_file=config.config_file_path, strict=config.strict,
                        site_dir=str(Path(config.site_dir) / site_folder(language)))
    # MkDocs keeps one instance of a plugin with on_startup per process: this is the source
    # language's build's own plugin, which must be itself again for the next build (`serve`).
    plugin = other.plugins[PLUGIN]
    source = plugin.language  # type: ignore[attr-defined]
    plugin.language, plugin.library = language, library  # type: ignore[attr-defined]
    other.plugins.on_startup(command=command, dirty=dirty)
    try:
        build(other, dirty=dirty)
    finally:
        other.plugins.on_shutdown()
        plugin.language = source  # type: ignore[attr-defined]


def with_translated_pages(files: Files, config: MkDocsConfig, language: Language, generated: set[str]) -> Files:
    """The hand-written pages in `language` where they are written (same name, in its pages
    folder); the others in the source language, marked as such in their front matter."""
    docs = Path(config.docs_dir)
    kept = []
    for file in files:
        if not file.is_documentation_page() or file.src_uri in generated:
            kept.append(file)
            continue
        translated = translated_page(docs, language, file.src_uri)
        if translated is None:
            kept.append(File.generated(config, file.src_uri, content=fallback_text(file.content_string),
                                       inclusion=file.inclusion))
            continue
        page = File.generated(config, file.src_uri, abs_src_path=str(translated), inclusion=file.inclusion)
        # "Edit this page" opens the translation, not the English page.
        page.edit_uri = os.path.relpath(translated, docs).replace(os.sep, "/")
        kept.append(page)
    return Files(kept)


def translate_nav(nav: Navigation, gettext: Callable[[str], str]) -> None:
    """The titles the configuration's nav gives, in the build's language where the catalogue has them."""
    def walk(items: list) -> None:
        for item in items:
            if item.title:
                item.title = gettext(item.title)
            if isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
