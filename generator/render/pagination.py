"""Long lists split into pages, so that no generated page grows with the library.

A listing page holds at most CARDS_PER_PAGE case studies and a lessons page at most
NOTES_PER_PAGE lessons, barriers and enablers: a full page of either is 70 to 80 KB of HTML with
the benchmark's synthetic text, whatever the library's size, and about 230 KB if every note were
as long as the schema allows. The pages link to each other as GOV.UK's pagination does
("Previous page", "2 of 12").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..i18n.marks import N_
from . import urls

CARDS_PER_PAGE = 50
NOTES_PER_PAGE = 150
# Translators: the title of a later page of a list, as in "All case studies (page 2 of 12)".
_PAGED = N_("%(title)s (page %(number)s of %(count)s)")

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, where it sits in the list, and its neighbours' sources."""

    first_src: str  # the source of the list's first page, which keeps the list's own address
    items: Sequence[T]
    number: int  # from 1
    count: int  # how many pages the list has
    first: int  # the position of the first item in the whole list, from 1
    total: int  # items in the whole list

    @property
    def src(self) -> str:
        return urls.paged(self.first_src, self.number)

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1

    @property
    def previous(self) -> str | None:
        return urls.paged(self.first_src, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return urls.paged(self.first_src, self.number + 1) if self.number < self.count else None

    def title(self, title: str, gettext: Callable[[str], str] = str) -> str:
        """The list's title, naming the page after the first (GOV.UK: "Search results (page 2 of 12)"),
        in the language `gettext` translates to."""
        if self.number == 1:
            return title
        return gettext(_PAGED) % {"title": title, "number": self.number, "count": self.count}


def paginate(src: str, items: Sequence[T], size: int) -> list[Page[T]]:
    """`items` as pages of at most `size`; the first page is `src`, and an empty list one empty page."""
    count = max(1, -(-len(items) // size))
    return [Page(src, items[(number - 1) * size:number * size], number, count,
                 (number - 1) * size + 1, len(items))
            for number in range(1, count + 1)]
