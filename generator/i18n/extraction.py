"""Keeping the catalogues in step with the sources: the template (`casebook.pot`) is extracted from
the Python and templates that `babel.cfg` names, and each language's catalogue is updated from it.
`casebook i18n extract|update|check` run these; `pybabel extract -F babel.cfg` reads the same file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from ..content.problems import Problem
from .catalogues import DOMAIN, TEMPLATE_FILE, catalogue_file, is_translated, placeholder_problems, read_catalogue
from .languages import TRANSLATED, Language
from .marks import KEYWORDS

MAPPING_FILE = "babel.cfg"
# A comment above a message that starts with this reaches translators in the catalogue.
TRANSLATOR_COMMENTS = ("Translators:",)
HEADER = ("# The interface strings of Casebook, in English.\n"
          "# Written by `casebook i18n extract` from the files babel.cfg names; do not edit by hand.\n#")


def _walks_into(patterns: list[str], root: Path) -> Callable[[str], bool]:
    """Only folders that can hold a matching file are read (not node_modules or the built site)."""
    prefixes = [pattern.split("*")[0].rsplit("/", 1)[0] for pattern in patterns]

    def wanted(folder: str) -> bool:
        relative = Path(folder).relative_to(root).as_posix()
        return any(relative == prefix or relative.startswith(prefix + "/") or prefix.startswith(relative + "/")
                   for prefix in prefixes)

    return wanted


def extract_template(root: Path) -> Catalog:
    """Every message in the sources, in the order of their files."""
    root = root.resolve()
    with (root / MAPPING_FILE).open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, MAPPING_FILE)
    template = Catalog(domain=DOMAIN, project="Casebook", version=version("casebook"), header_comment=HEADER,
                       fuzzy=False, charset="utf-8")
    found = extract_from_dir(root, method_map, options_map, keywords={**DEFAULT_KEYWORDS, **KEYWORDS},
                             comment_tags=TRANSLATOR_COMMENTS,
                             strip_comment_tags=True,
                             directory_filter=_walks_into([pattern for pattern, _ in method_map], root))
    for filename, line, message, comments, context in found:
        template.add(message, None, [(filename, line)], auto_comments=comments, context=context)
    return template


def _entries(catalog: Catalog) -> list[tuple[object, ...]]:
    """What a catalogue says, without its dates and line numbers."""
    return [(message.id, message.context, sorted({path for path, _ in message.locations}),
             sorted(message.flags), message.auto_comments) for message in catalog if message.id]


def same_messages(first: Catalog, second: Catalog) -> bool:
    return _entries(first) == _entries(second)


def updated(catalog: Catalog, template: Catalog) -> Catalog:
    """The catalogue with the template's messages: new ones empty, removed ones kept as obsolete
    entries for translators to reuse (Poedit and Weblate offer them as suggestions)."""
    # Babel would fill a new message with the translation of a similar one, marked fuzzy. Here
    # fuzzy marks a first draft the site shows (catalogues.compiled), so such a guess ("Not
    # given" as "No evidence") would reach readers: a new message starts untranslated instead.
    catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
    return catalog


def new_catalogue(language: Language, template: Catalog, today: dt.datetime) -> Catalog:
    catalog = Catalog(locale=language.locale, domain=DOMAIN, project="Casebook", version=version("casebook"),
                      header_comment=f"# The interface strings of Casebook in {language.name}.\n#",
                      language_team=language.name, last_translator="Casebook contributors",
                      creation_date=today, revision_date=today, fuzzy=False, charset="utf-8")
    return updated(catalog, template)


def drift_problems(root: Path, locale_dir: Path, display_root: str) -> list[Problem]:
    """The template against the sources, and each catalogue against the template."""
    template_display = f"{display_root}/{TEMPLATE_FILE}"
    committed, problems = read_catalogue(locale_dir / TEMPLATE_FILE, template_display)
    fresh = extract_template(root)
    if committed is not None and not same_messages(committed, fresh):
        problems.append(Problem(path=template_display, line=1, col=1, code="catalogue-out-of-date",
                                message="the template does not list the messages the sources have now",
                                hint="run `casebook i18n extract`, then `casebook i18n update`"))
    for language in TRANSLATED:
        problems += _language_problems(locale_dir, language, fresh, f"{display_root}/{catalogue_file(language)}")
    return problems


def _language_problems(locale_dir: Path, language: Language, template: Catalog, display: str) -> list[Problem]:
    catalog, problems = read_catalogue(locale_dir / catalogue_file(language), display, language)
    if catalog is None:
        return problems
    problems = placeholder_problems(catalog, display)
    wanted = {(message.id, message.context) for message in template if message.id}
    held = {(message.id, message.context) for message in catalog if message.id}
    if wanted != held:
        problems.append(Problem(path=display, line=1, col=1, code="catalogue-out-of-date",
                                message=f"{len(wanted - held)} messages of the template are missing and "
                                        f"{len(held - wanted)} are no longer used",
                                hint="run `casebook i18n update`"))
    problems += [Problem(path=display, line=message.lineno or 1, col=1, code="untranslated-message",
                         field=f"msgid {str(message.id)[:60]!r}", message=f"no {language.name} translation yet",
                         hint="translate it in Poedit or Weblate; until then the page shows the English")
                 for message in catalog if message.id and not is_translated(message)]
    return problems
