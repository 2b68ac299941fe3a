"""The loaded library as a reader sees it: lookups, groupings, the default order and similarity."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .content.model import CaseStudy, Note
from .content.taxonomy import Taxonomy, Term
from .facets import BY_KEY, FACETS, FIND_FACETS, ORGANISATION, Facet
from .i18n.marks import N_

DEFAULT_SORT = N_("Current schemes (pilot or operational) first, then the most recent start, then title.")
RELATED_LIMIT = 5
# A lesson, barrier or enabler ("Lesson", "Barrier", "Enabler") with the case study it is from.
NoteOf = tuple[str, Note, CaseStudy]
# The kinds of note a case study gives, as readers see them, each with the record field holding them.
NOTE_KINDS: tuple[tuple[str, str], ...] = ((N_("Lesson"), "lessons"), (N_("Barrier"), "barriers"),
                                          (N_("Enabler"), "enablers"))


def notes_of(record: CaseStudy) -> Iterator[tuple[str, Note]]:
    """A record's lessons, barriers and enablers, each with its kind."""
    for kind, field_name in NOTE_KINDS:
        for note in getattr(record, field_name):
            yield kind, note


@dataclass
class Catalogue:
    taxonomy: Taxonomy
    records: list[CaseStudy]
    by_slug: dict[str, CaseStudy] = field(init=False)
    by_any_slug: dict[str, CaseStudy] = field(init=False)
    _similar: _SimilarityIndex | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.records = self.sort(self.records)
        self.by_slug = {record.slug: record for record in self.records}
        # A `related` entry naming a renamed record still finds it (the validator warns).
        self.by_any_slug = {old: record for record in self.records for old in record.formerly} | self.by_slug

    @classmethod
    def published(cls, taxonomy: Taxonomy, records: list[CaseStudy], *, include_drafts: bool = False) -> Catalogue:
        return cls(taxonomy, [r for r in records if include_drafts or not r.draft])

    @cached_property
    def last_reviewed(self) -> str | None:
        """The newest review date in the library."""
        return max((r.last_reviewed for r in self.records), default=None)

    def sort(self, records: Iterable[CaseStudy]) -> list[CaseStudy]:
        """The default order, stated on every listing as DEFAULT_SORT."""
        current = {term.id for term in self.taxonomy.statuses.values() if term["current"]}
        by_title = sorted(records, key=lambda r: (r.title.casefold(), r.slug))
        by_start = sorted(by_title, key=lambda r: r.started, reverse=True)
        return sorted(by_start, key=lambda r: r.status not in current)

    @property
    def facets(self) -> tuple[Facet, ...]:
        return FACETS

    @property
    def find_facets(self) -> tuple[Facet, ...]:
        return FIND_FACETS

    @property
    def listed_facets(self) -> list[Facet]:
        """The facets with a page per term."""
        return [facet for facet in FACETS if facet.folder]

    def facet(self, key: str) -> Facet:
        return BY_KEY[key]

    def terms(self, facet: Facet) -> dict[str, Term]:
        """A vocabulary's terms in its own order; for a register (hundreds of names, most of them
        in no case study), only the names some case study gives, in alphabetical order."""
        terms = facet.terms(self.taxonomy)
        if not facet.registered:
            return terms
        named = self._by_register[facet.key]
        return dict(sorted(((i, terms[i]) for i in named), key=lambda pair: (pair[1].name.casefold(), pair[0])))

    def with_term(self, facet: Facet, term_id: str) -> list[CaseStudy]:
        return [r for r in self.records if term_id in facet.values(r, self.taxonomy)]

    def counts(self, facet: Facet) -> dict[str, int]:
        """Every term of the facet with its number of case studies, zeros included."""
        counted = Counter(value for record in self.records for value in facet.values(record, self.taxonomy))
        return {term_id: counted.get(term_id, 0) for term_id in self.terms(facet)}

    def notes_by_theme(self, service: str | None = None) -> dict[str, list[NoteOf]]:
        """Every lesson, barrier and enabler under its theme, in catalogue order; optionally only
        from case studies involving one service."""
        grouped: dict[str, list[NoteOf]] = {theme: [] for theme in self.taxonomy.themes}
        for record in self.records:
            if service and service not in record.services:
                continue
            for kind, note in notes_of(record):
                grouped[note.theme].append((kind, note, record))
        return grouped

    def note_count(self) -> int:
        return sum(len(r.lessons) + len(r.barriers) + len(r.enablers) for r in self.records)

    def newest(self, limit: int = 5) -> list[CaseStudy]:
        return sorted(self.records, key=lambda r: (r.started, r.slug), reverse=True)[:limit]

    def organisations(self) -> dict[str, list[CaseStudy]]:
        """Registered organisations that appear in at least one record, with their records."""
        found = self._by_register[ORGANISATION.key]
        return {key: found[key] for key in sorted(found)}

    @cached_property
    def _by_register(self) -> dict[str, dict[str, list[CaseStudy]]]:
        """For each registered facet, its ids that records name, with those records in order
        (one pass over the library, which organisation pages ask about hundreds of times)."""
        grouped: dict[str, dict[str, list[CaseStudy]]] = {}
        for facet in FIND_FACETS:
            if facet.registered:
                found = grouped[facet.key] = {}
                for record in self.records:
                    for value in facet.values(record, self.taxonomy):
                        found.setdefault(value, []).append(record)
        return grouped

    def related(self, record: CaseStudy, limit: int = RELATED_LIMIT) -> list[CaseStudy]:
        """The record's own `related` first, then the most similar others, in a stable order."""
        chosen = [self.by_any_slug[slug] for slug in record.related if slug in self.by_any_slug]
        if self._similar is None:
            self._similar = _SimilarityIndex(self.records, set(self.taxonomy.emergency_services))
        for other in self._similar.most_similar(record, limit + len(chosen)):
            if other not in chosen:
                chosen.append(other)
        return chosen[:limit]


Masks = tuple[int, int, int, int]


class _SimilarityIndex:
    """Scores pairs by shared features: collaboration types weigh 3, partner services 3 (rarer,
    so more telling), regions 2, emergency services 1.

    Scoring every pair is quadratic (10^8 pairs at 10,000 records), so candidates come from
    buckets of records sharing a collaboration type and a region, widened to the type, then the
    region, then a service when that finds too few. Records with the same features score alike,
    so they are kept together in classes and each class is scored once: a bucket grows with the
    library, but the number of distinct classes in it does not.
    """

    def __init__(self, records: list[CaseStudy], emergency: set[str]) -> None:
        self.bits: dict[str, int] = {}
        self.masks: dict[str, Masks] = {}
        self.classes: dict[Masks, list[CaseStudy]] = {}
        for record in records:
            masks = self.masks[record.slug] = self._masks(record, emergency)
            self.classes.setdefault(masks, []).append(record)
        for members in self.classes.values():
            members.sort(key=lambda r: r.slug)
        # Candidate buckets, from the most to the least telling; each widens the pool when the
        # previous ones found too few.
        self.buckets: dict[str, dict[Any, set[Masks]]] = {"pair": {}, "type": {}, "region": {}, "service": {}}
        for record in records:
            for key, kind in self._keys(record):
                self.buckets[kind].setdefault(key, set()).add(self.masks[record.slug])
        self.found: dict[tuple[str, int], list[CaseStudy]] = {}

    @staticmethod
    def _keys(record: CaseStudy) -> Iterator[tuple[Any, str]]:
        for kind in record.collaboration_types:
            yield kind, "type"
            for region in record.regions:
                yield (kind, region), "pair"
        for region in record.regions:
            yield region, "region"
        for service in record.services:
            yield service, "service"

    def _bit(self, feature: str) -> int:
        return self.bits.setdefault(feature, 1 << len(self.bits))

    def _masks(self, record: CaseStudy, emergency: set[str]) -> Masks:
        def mask(prefix: str, values: Iterable[str]) -> int:
            total = 0
            for value in values:
                total |= self._bit(prefix + value)
            return total

        return (mask("t:", record.collaboration_types),
                mask("p:", (s for s in record.services if s not in emergency)),
                mask("e:", (s for s in record.services if s in emergency)),
                mask("r:", record.regions))

    @staticmethod
    def _score(ma: Masks, mb: Masks) -> int:
        return (3 * (ma[0] & mb[0]).bit_count() + 3 * (ma[1] & mb[1]).bit_count()
                + (ma[2] & mb[2]).bit_count() + 2 * (ma[3] & mb[3]).bit_count())

    def _pool(self, record: CaseStudy, limit: int) -> set[Masks]:
        """The classes in the narrowest buckets that hold more than `limit` other records."""
        keys = list(self._keys(record))
        pool: set[Masks] = set()
        for kind, buckets in self.buckets.items():
            for key, key_kind in keys:
                if key_kind == kind:
                    pool |= buckets.get(key, set())
            if sum(len(self.classes[masks]) for masks in pool) - 1 > limit:
                break
        return pool

    def most_similar(self, record: CaseStudy, limit: int) -> list[CaseStudy]:
        """The `limit` highest-scoring others with a score above zero; ties go by slug."""
        if (record.slug, limit) in self.found:
            return self.found[record.slug, limit]
        own = self.masks[record.slug]
        by_score: dict[int, list[Masks]] = {}
        for masks in self._pool(record, limit):
            by_score.setdefault(self._score(own, masks), []).append(masks)
        chosen: list[CaseStudy] = []
        for score in sorted(by_score, reverse=True):
            if score == 0 or len(chosen) >= limit:
                break
            # Only the first few of each class can make the cut, whatever the class's size.
            tied = [r for masks in by_score[score] for r in self.classes[masks][:limit + 1] if r is not record]
            chosen.extend(sorted(tied, key=lambda r: r.slug)[:limit - len(chosen)])
        self.found[record.slug, limit] = chosen
        return chosen
