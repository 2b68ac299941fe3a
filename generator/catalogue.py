"""The loaded library as a reader sees it: lookups, groupings, the default order and similarity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from .model import CaseStudy, Note
from .taxonomy import Taxonomy, Term

DEFAULT_SORT = "Current schemes (pilot or operational) first, then the most recent start, then title."
RELATED_LIMIT = 5


@dataclass(frozen=True)
class Facet:
    """A way to group case studies: its key in records, its vocabulary, its URL folder and its
    parameter on the "Find case studies" page."""

    key: str
    folder: str
    param: str
    label: str
    plural: str
    terms: dict[str, Term]
    values: Callable[[CaseStudy], Iterable[str]]


@dataclass
class Catalogue:
    taxonomy: Taxonomy
    records: list[CaseStudy]
    by_slug: dict[str, CaseStudy] = field(init=False)
    _similar: _SimilarityIndex | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.records = self.sort(self.records)
        self.by_slug = {record.slug: record for record in self.records}

    @classmethod
    def published(cls, taxonomy: Taxonomy, records: list[CaseStudy], *, include_drafts: bool = False) -> Catalogue:
        return cls(taxonomy, [r for r in records if include_drafts or not r.draft])

    def sort(self, records: Iterable[CaseStudy]) -> list[CaseStudy]:
        """The default order, stated on every listing as DEFAULT_SORT."""
        current = {term.id for term in self.taxonomy.statuses.values() if term["current"]}
        by_title = sorted(records, key=lambda r: (r.title.casefold(), r.slug))
        by_start = sorted(by_title, key=lambda r: r.started, reverse=True)
        return sorted(by_start, key=lambda r: r.status not in current)

    @property
    def facets(self) -> list[Facet]:
        t = self.taxonomy
        return [
            Facet("services", "services", "service", "service", "services", t.services, lambda r: r.services),
            Facet("regions", "regions", "region", "region", "regions", t.regions, lambda r: r.regions),
            Facet("collaboration_types", "types", "type", "collaboration type", "collaboration types",
                  t.collaboration_types, lambda r: r.collaboration_types),
        ]

    def facet(self, key: str) -> Facet:
        return next(f for f in self.facets if f.key == key)

    def with_term(self, facet: Facet, term_id: str) -> list[CaseStudy]:
        return [r for r in self.records if term_id in facet.values(r)]

    def counts(self, facet: Facet) -> dict[str, int]:
        """Every term of the facet with its number of case studies, zeros included."""
        counted = Counter(value for record in self.records for value in facet.values(record))
        return {term_id: counted.get(term_id, 0) for term_id in facet.terms}

    def notes_by_theme(self, service: str | None = None) -> dict[str, list[tuple[str, Note, CaseStudy]]]:
        """Every lesson, barrier and enabler under its theme, in catalogue order; optionally only
        from case studies involving one service."""
        grouped: dict[str, list[tuple[str, Note, CaseStudy]]] = {theme: [] for theme in self.taxonomy.themes}
        for record in self.records:
            if service and service not in record.services:
                continue
            for kind, notes in (("Lesson", record.lessons), ("Barrier", record.barriers),
                                ("Enabler", record.enablers)):
                for note in notes:
                    grouped[note.theme].append((kind, note, record))
        return grouped

    def note_count(self) -> int:
        return sum(len(r.lessons) + len(r.barriers) + len(r.enablers) for r in self.records)

    def newest(self, limit: int = 5) -> list[CaseStudy]:
        return sorted(self.records, key=lambda r: (r.started, r.slug), reverse=True)[:limit]

    def organisations(self) -> dict[str, list[CaseStudy]]:
        """Registered organisations that appear in at least one record, with their records."""
        register = self.taxonomy.organisations_by_name
        found: dict[str, list[CaseStudy]] = {}
        for record in self.records:
            for ref in record.organisations:
                term = register.get(ref.name)
                if term and record not in found.setdefault(term.id, []):
                    found[term.id].append(record)
        return {key: found[key] for key in sorted(found)}

    def related(self, record: CaseStudy, limit: int = RELATED_LIMIT) -> list[CaseStudy]:
        """The record's own `related` first, then the most similar others, in a stable order."""
        chosen = [self.by_slug[slug] for slug in record.related if slug in self.by_slug]
        if self._similar is None:
            self._similar = _SimilarityIndex(self.records, set(self.taxonomy.emergency_services))
        for other in self._similar.most_similar(record, limit + len(chosen)):
            if other not in chosen:
                chosen.append(other)
        return chosen[:limit]


class _SimilarityIndex:
    """Scores pairs by shared features: collaboration types weigh 3, partner services 3 (rarer,
    so more telling), regions 2, emergency services 1.

    Scoring every pair is quadratic (10^8 pairs at 10,000 records), so candidates come from
    buckets of records sharing a collaboration type and a region, widened to the type, then the
    region, then a service when that finds too few; features are bit masks so a score is a few
    integer operations.
    """

    def __init__(self, records: list[CaseStudy], emergency: set[str]) -> None:
        self.bits: dict[str, int] = {}
        self.masks = {r.slug: self._masks(r, emergency) for r in records}
        # Candidate buckets, from the most to the least telling; each widens the pool when the
        # previous ones found too few.
        self.buckets: dict[str, dict[Any, list[CaseStudy]]] = {"pair": {}, "type": {}, "region": {}, "service": {}}
        for record in records:
            for key, kind in self._keys(record):
                self.buckets[kind].setdefault(key, []).append(record)

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

    def _masks(self, record: CaseStudy, emergency: set[str]) -> tuple[int, int, int, int]:
        def mask(prefix: str, values: Iterable[str]) -> int:
            total = 0
            for value in values:
                total |= self._bit(prefix + value)
            return total

        return (mask("t:", record.collaboration_types),
                mask("p:", (s for s in record.services if s not in emergency)),
                mask("e:", (s for s in record.services if s in emergency)),
                mask("r:", record.regions))

    def score(self, a: CaseStudy, b: CaseStudy) -> int:
        ma, mb = self.masks[a.slug], self.masks[b.slug]
        return (3 * (ma[0] & mb[0]).bit_count() + 3 * (ma[1] & mb[1]).bit_count()
                + (ma[2] & mb[2]).bit_count() + 2 * (ma[3] & mb[3]).bit_count())

    def most_similar(self, record: CaseStudy, limit: int) -> list[CaseStudy]:
        keys = list(self._keys(record))
        pool: dict[str, CaseStudy] = {}
        for kind in self.buckets:
            for key, key_kind in keys:
                if key_kind == kind:
                    pool.update((r.slug, r) for r in self.buckets[kind].get(key, ()))
            pool.pop(record.slug, None)
            if len(pool) > limit:
                break
        scored = sorted(((self.score(record, other), slug) for slug, other in pool.items()),
                        key=lambda item: (-item[0], item[1]))
        return [pool[slug] for score, slug in scored[:limit] if score > 0]
