"""The facets and sort orders: the ways a reader can narrow and order the library, defined once.

The catalogue counts and groups by them, the listing pages are made from those with a URL
folder, the Find index carries them (with their labels and term pages) for `find.js`, which has
no facet list of its own, and the templates name their query parameters from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .i18n.marks import N_, Nn_

if TYPE_CHECKING:
    from .content.model import CaseStudy
    from .content.taxonomy import Taxonomy, Term


@dataclass(frozen=True)
class Facet:
    """One facet: the record attribute it reads (also its key), the taxonomy vocabulary its
    values come from, the folder of its listing pages (None: no listings), its query parameter
    on the Find page, a lowercase label (a message, translated where it is shown), whether a
    record has several values or one, and whether the attribute is derived from other fields
    rather than written in the record (exports carry what was written, so they leave a derived
    facet out).
    A `registered` facet's record field holds names, which the register (its vocabulary, with
    former names) turns into ids; a name it does not hold gives no value."""

    key: str
    vocabulary: str
    folder: str | None
    param: str
    label: str
    multiple: bool
    derived: bool = False
    registered: bool = False
    # "%(count)s regions": a number of its terms, with the plural forms of the page's language.
    counted: tuple[str, str] = ("%(count)s", "%(count)s")

    def values(self, record: CaseStudy, taxonomy: Taxonomy) -> tuple[str, ...]:
        value = getattr(record, self.key)
        if self.registered:
            register = taxonomy.organisations_by_name
            return tuple(dict.fromkeys(register[ref.name].id for ref in value if ref.name in register))
        if self.multiple:
            return value
        return () if value is None else (value,)

    def terms(self, taxonomy: Taxonomy) -> dict[str, Term]:
        return getattr(taxonomy, self.vocabulary)


FACETS: tuple[Facet, ...] = (
    Facet("services", "services", "services", "service", N_("service"), True,
          counted=Nn_("%(count)s service", "%(count)s services")),
    Facet("regions", "regions", "regions", "region", N_("region"), True,
          counted=Nn_("%(count)s region", "%(count)s regions")),
    Facet("collaboration_types", "collaboration_types", "types", "type", N_("collaboration type"), True,
          counted=Nn_("%(count)s collaboration type", "%(count)s collaboration types")),
    # A record's outcome domains are those of its outcomes (CaseStudy.outcome_domains).
    Facet("outcome_domains", "outcome_domains", None, "domain", N_("outcome domain"), True, derived=True,
          counted=Nn_("%(count)s outcome domain", "%(count)s outcome domains")),
    Facet("status", "statuses", None, "status", N_("status"), False,
          counted=Nn_("%(count)s status", "%(count)s statuses")),
    Facet("result", "results", None, "result", N_("result"), False,
          counted=Nn_("%(count)s result", "%(count)s results")),
    Facet("governance", "governance_forms", None, "governance", N_("governance"), False,
          counted=Nn_("%(count)s form of governance", "%(count)s forms of governance")),
)

# Organisations filter the Find page and have pages of their own (made with their history, not
# as listings of a vocabulary term), but no feeds; the exports list them with their roles.
ORGANISATION = Facet("organisations", "organisations", "organisations", "organisation", N_("organisation"), True,
                     registered=True, counted=Nn_("%(count)s organisation", "%(count)s organisations"))
# What the Find page filters by: the vocabulary facets, then the organisations.
FIND_FACETS: tuple[Facet, ...] = (*FACETS, ORGANISATION)

BY_KEY: dict[str, Facet] = {facet.key: facet for facet in FIND_FACETS}
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
    Sort("started", N_("Most recent start"), "started", True),
    Sort("reviewed", N_("Recently reviewed"), "reviewed", True),
    Sort("title", N_("Title A to Z"), "title", False),
    Sort("evidence", N_("Strongest evidence"), "evidence_level", True),
)
