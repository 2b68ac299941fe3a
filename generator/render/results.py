"""How the Find page lists its results, with or without its script: the cards' clipped
summaries, the size of a page of results and their default order, the same as find.js's."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from ..facets import SORTS, Sort

SUMMARY_LIMIT = 160
PAGE_SIZE = 20

# The values each sort order compares, by the Find index column it names.
_COLUMNS: dict[str, Callable[[Catalogue, CaseStudy], Any]] = {
    "started": lambda catalogue, r: r.started,
    "reviewed": lambda catalogue, r: r.last_reviewed,
    "title": lambda catalogue, r: r.title,
    "evidence_level": lambda catalogue, r: catalogue.taxonomy.evidence_rank(r.evidence.level),
}


def clip(text: str) -> str:
    """A summary as the Find page's cards show it."""
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def ordered(catalogue: Catalogue, sort: Sort = SORTS[0]) -> list[CaseStudy]:
    """The records in a sort order as find.js puts them (ties keep the catalogue's order). Only
    the orders of dates and numbers compare exactly as find.js does; it compares titles by the
    browser's collation."""
    column = _COLUMNS[sort.column]
    return sorted(catalogue.records, key=lambda r: column(catalogue, r), reverse=sort.descending)


def first_page(catalogue: Catalogue) -> list[CaseStudy]:
    """What the Find page shows before any filter: the first results in the default order."""
    return ordered(catalogue)[:PAGE_SIZE]
