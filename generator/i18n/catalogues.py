"""Message catalogues: the PO file of each translated language, read with Babel and compiled in
memory, so no binary .mo file is committed or written beside the sources.

Translators edit `<locale_dir>/<code>/LC_MESSAGES/casebook.po` in Poedit, Weblate or a text editor.
An entry marked `#, fuzzy` is a first draft awaiting review by a speaker of the language: the
tools list it for review, and the site shows it meanwhile (see `compiled`).
"""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.support import NullTranslations, Translations

from ..content.problems import Problem
from .languages import LANGUAGES, SOURCE, Language

DOMAIN = "casebook"
TEMPLATE_FILE = f"{DOMAIN}.pot"


def catalogue_file(language: Language) -> str:
    """Where a language's catalogue sits inside the locale folder (gettext's own layout)."""
    return f"{language.code}/LC_MESSAGES/{DOMAIN}.po"


# A line of a PO file other than a comment or a blank line: a keyword and a quoted string, or a
# quoted string continuing the one above.
_ENTRY_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*$')


def read_catalogue(path: Path, display: str, language: Language | None = None) -> tuple[Catalog | None, list[Problem]]:
    """A PO file (or the template, with `language` None), or the problem that stops it being read.

    Babel's reader is lenient: it skips a line it cannot parse unless told to stop, and reads a
    string without its closing quote as if the last character were one. A catalogue could then
    lose text silently, so every line is checked first and reading stops at the first problem."""
    try:
        data = path.read_bytes()
        bad = _first_bad_line(data.decode("utf-8"))
        if bad:
            return None, [_syntax(display, bad, 'this line is not a keyword with a "quoted" string')]
        return read_po(io.BytesIO(data), locale=language.locale if language else None, domain=DOMAIN,
                       abort_invalid=True), []
    except FileNotFoundError:
        return None, [Problem(path=display, line=1, col=1, code="catalogue-out-of-date",
                              message="the message catalogue is missing",
                              hint="run `casebook i18n update` to create it from the template")]
    except (PoFileError, UnicodeDecodeError, ValueError) as error:
        return None, [_syntax(display, getattr(error, "lineno", 1) or 1, str(error))]


def _syntax(display: str, line: int, what: str) -> Problem:
    return Problem(path=display, line=line, col=1, code="catalogue-syntax",
                   message=f"the catalogue cannot be read: {what}",
                   hint="open it in Poedit, which points at the broken entry, or compare it with the "
                        "repository's copy")


def _first_bad_line(text: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#") and not _ENTRY_LINE.match(line):
            return number
    return None


def placeholder_problems(catalog: Catalog, display: str) -> list[Problem]:
    """Translations whose placeholders (%(number)s) differ from the English: the page would fail
    to render, or show the wrong figure."""
    return [Problem(path=display, line=message.lineno or 1, col=1, code="catalogue-placeholders",
                    field=_label(message), message=str(error),
                    hint="copy each %(name)s placeholder from the English text unchanged")
            for message, errors in catalog.check() for error in errors]


def _label(message: Message) -> str:
    text = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"msgid {text[:60]!r}"


def compiled(catalog: Catalog) -> Translations:
    """The catalogue as gettext translations, built in memory."""
    buffer = io.BytesIO()
    # Babel's compiler leaves fuzzy entries out unless told. Here fuzzy marks a first draft that
    # a Welsh speaker has yet to review (issue 19): the site is to show it meanwhile rather than
    # fall back to English, so it is compiled in on purpose.
    write_mo(buffer, catalog, use_fuzzy=True)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def load_translations(locale_dir: Path, language: Language,
                      display_root: str) -> tuple[gettext.NullTranslations | None, list[Problem]]:
    """The translations a page in `language` uses; None, with the problems, if its catalogue
    cannot be used. The source language needs none: its message ids are its text."""
    if language == SOURCE:
        return NullTranslations(), []
    display = f"{display_root}/{catalogue_file(language)}"
    catalog, problems = read_catalogue(locale_dir / catalogue_file(language), display, language)
    if catalog is None:
        return None, problems
    problems = placeholder_problems(catalog, display)
    return (None if problems else compiled(catalog)), problems



def every_language(locale_dir: Path, display_root: str) -> tuple[dict[Language, gettext.NullTranslations | None],
                                                                list[Problem]]:
    """Each language's translations (None for one whose catalogue cannot be used), with the
    problems of those that cannot."""
    found: dict[Language, gettext.NullTranslations | None] = {}
    problems: list[Problem] = []
    for language in LANGUAGES:
        found[language], found_problems = load_translations(locale_dir, language, display_root)
        problems += found_problems if found[language] is None else []
    return found, problems

@dataclass(frozen=True)
class Progress:
    """How far a catalogue's translation has got; fuzzy entries are shown but await review."""

    total: int
    fuzzy: int
    untranslated: int


def progress(catalog: Catalog) -> Progress:
    messages = [message for message in catalog if message.id]
    untranslated = [message for message in messages if not is_translated(message)]
    fuzzy = [message for message in messages if message.fuzzy and is_translated(message)]
    return Progress(len(messages), len(fuzzy), len(untranslated))


def is_translated(message: Message) -> bool:
    """Every form of the message has a translation (a plural message has several)."""
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


def catalogue_text(catalog: Catalog) -> bytes:
    """A catalogue as written to disk: line numbers are left out of the source references, so
    editing a template does not rewrite every reference below the edit."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False)
    return buffer.getvalue()
