"""The lessons digest as pages: every lesson, barrier and enabler in theme order, split into pages
of NOTES_PER_PAGE, each page showing the themes it holds.

A theme may run over several pages; a theme without notes keeps its place in the order (on the
page where the next theme starts), so every page says which themes have nothing yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..catalogue import NoteOf
from .pagination import NOTES_PER_PAGE, Page, paginate


@dataclass(frozen=True)
class ThemeSection:
    """A theme's notes on one page; `continued` when the theme began on an earlier page."""

    theme: str
    notes: Sequence[NoteOf]
    continued: bool


@dataclass(frozen=True)
class DigestPage:
    pager: Page[tuple[str, NoteOf]]
    sections: list[ThemeSection]
    theme_pages: Mapping[str, str]  # theme -> the source of the page where it starts
    counts: Mapping[str, int]  # theme -> its notes in the whole digest


def digest_pages(src: str, by_theme: Mapping[str, Sequence[NoteOf]]) -> list[DigestPage]:
    """The digest whose first page is `src`, from notes grouped by theme in theme order."""
    pages = paginate(src, [(theme, note) for theme, notes in by_theme.items() for note in notes], NOTES_PER_PAGE)
    starts: dict[str, int] = {}
    for index, page in enumerate(pages):
        for theme, _ in page.items:
            starts.setdefault(theme, index)
    home = len(pages) - 1
    for theme in reversed(list(by_theme)):
        home = starts.setdefault(theme, home)
    theme_pages = {theme: pages[starts[theme]].src for theme in by_theme}
    counts = {theme: len(notes) for theme, notes in by_theme.items()}
    return [DigestPage(page, _sections(page, index, by_theme, starts), theme_pages, counts)
            for index, page in enumerate(pages)]


def _sections(page: Page[tuple[str, NoteOf]], index: int, themes: Mapping[str, object],
              starts: Mapping[str, int]) -> list[ThemeSection]:
    grouped: dict[str, list[NoteOf]] = {}
    for theme, note in page.items:
        grouped.setdefault(theme, []).append(note)
    return [ThemeSection(theme, grouped.get(theme, []), starts[theme] < index)
            for theme in themes if theme in grouped or starts[theme] == index]
