"""The lessons, barriers and enablers of every case study, for the Find page's lessons view.

A file of its own, which find.js fetches only when a reader opens the lessons view: the notes
are most of a library's text, and the Find index must stay small enough for the first results.
Records sit in the Find index's order, so the view answers the same filters as the list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..catalogue import NOTE_KINDS, Catalogue, notes_of
from . import urls
from .exports import json_text
from .pages import OutputFile


def lessons_data(catalogue: Catalogue, gettext: Callable[[str], str] = str) -> dict[str, Any]:
    """The themes in the taxonomy's order, the kinds of note (named in the language `gettext`
    translates to), and each record's notes as [kind, theme, text] with kind and theme as
    positions in those lists."""
    themes = list(catalogue.taxonomy.themes.values())
    theme_codes = {term.id: code for code, term in enumerate(themes)}
    kind_codes = {kind: code for code, (kind, _) in enumerate(NOTE_KINDS)}
    return {
        "themes": [{"id": term.id, "name": term.name, "text": term.text} for term in themes],
        "kinds": [{"name": gettext(kind), "key": kind.lower()} for kind, _ in NOTE_KINDS],
        "notes": [[[kind_codes[kind], theme_codes[note.theme], note.text] for kind, note in notes_of(record)]
                  for record in catalogue.records],
    }


def lessons_files(catalogue: Catalogue, gettext: Callable[[str], str] = str) -> list[OutputFile]:
    def text() -> str:
        return json_text(lessons_data(catalogue, gettext))

    return [OutputFile(urls.FIND_LESSONS, text)]
