"""The facets and sort orders: the ways a reader can narrow and order the library, defined once.

The catalogue counts and groups by them, the listing pages are made from those with a URL
folder, the Find index carries them (with their labels and term pages) for `find.js`, which has
no facet list of its own, and the templates name their query parameters from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .content.model import CaseStudy
    from .content.taxonomy import Taxonomy, Term


@dataclass(frozen=True)
class Facet:
    """One facet: the record attribute it reads (also its key), the taxonomy vocabulary its
    values come from, the folder of its listing pages (None: no listings), its query parameter
    on the Find page, a lowercase label, whether a record has several values or one, and whether
    the attribute is derived from other fields rather than written in the record (exports carry
    what was written, so they leave a derived facet out)."""

    key: str
    vocabulary: str
    folder: str | None
    param: str
    label: str
    multiple: bool
    derived: bool = False

    def values(self, record: CaseStudy) -> tuple[str, ...]:
        value = getattr(record, self.key)
        if self.multiple:
            return value
        return () if value is None else (value,)

    def terms(self, taxonomy: Taxonomy) -> dict[str, Term]:
        return getattr(taxonomy, self.vocabulary)


FACETS: tuple[Facet, ...] = (
    Facet("services", "services", "services", "service", "service", True),
    Facet("regions", "regions", "regions", "region", "region", True),
    Facet("collaboration_types", "collaboration_types", "types", "type", "collaboration type", True),
    # A record's outcome domains are those of its outcomes (CaseStudy.outcome_domains).
    Facet("outcome_domains", "outcome_domains", None, "domain", "outcome domain", True, derived=True),
    Facet("status", "statuses", None, "status", "status", False),
    Facet("result", "results", None, "result", "result", False),
    Facet("governance", "governance_forms", None, "governance", "governance", False),
)

BY_KEY: dict[str, Facet] = {facet.key: facet for facet in FACETS}
# The facets a record states itself: the ones its exports label.
WRITTEN: tuple[Facet, ...] = tuple(facet for facet in FACETS if not facet.derived)


@dataclass(frozen=True)
class Sort:
    """An order the Find page offers: the Find index column it compares, and which way."""

    key: str
    label: str
    column: str
    descending: bool


# The first is the default.
SORTS: tuple[Sort, ...] = (
    Sort("started", "Most recent start", "started", True),
    Sort("reviewed", "Recently reviewed", "reviewed", True),
    Sort("title", "Title A to Z", "title", False),
    Sort("evidence", "Strongest evidence", "evidence_level", True),
)
