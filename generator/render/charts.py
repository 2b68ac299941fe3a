"""Numbers behind the map, the service × region matrix and the charts, with their geometry.

Templates in `site_theme/casebook/_charts.html` draw them as SVG; every chart also gets a data
table, so nothing depends on seeing the picture. A chart's title and description are messages,
translated where the template shows them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from ..content.taxonomy import Term
from ..i18n.marks import N_

SHADES = 5
TILE = 64
GAP = 6
BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 260
PLOT_WIDTH = 360


def shade(count: int, largest: int) -> int:
    """0 for none, then 1 to SHADES by share of the largest count."""
    if count <= 0 or largest <= 0:
        return 0
    return max(1, min(SHADES, -(-count * SHADES // largest)))


@dataclass(frozen=True)
class Tile:
    id: str
    name: str
    abbreviation: str
    count: int
    shade: int
    x: int
    y: int


@dataclass(frozen=True)
class TileMap:
    tiles: list[Tile]
    width: int
    height: int
    size: int = TILE


def region_map(catalogue: Catalogue) -> TileMap:
    counts = catalogue.counts(catalogue.facet("regions"))
    largest = max(counts.values(), default=0)
    tiles = []
    for term in catalogue.taxonomy.regions.values():
        place = term["map"]
        tiles.append(Tile(term.id, term.name, term["abbreviation"], counts[term.id], shade(counts[term.id], largest),
                          place["column"] * (TILE + GAP), place["row"] * (TILE + GAP)))
    width = max(t.x for t in tiles) + TILE if tiles else 0
    height = max(t.y for t in tiles) + TILE if tiles else 0
    return TileMap(tiles, width, height)


@dataclass(frozen=True)
class Segment:
    series: str
    label: str
    value: int
    x: int
    width: int


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    y: int
    segments: list[Segment]


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    series: list[tuple[str, str]]
    width: int
    height: int
    tones: dict[str, str]  # each series' tone, which picks its colour
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT


def _bar_chart(chart_id: str, title: str, description: str, rows: list[tuple[str, dict[str, int]]],
               series: list[tuple[str, str]], tones: dict[str, str] | None = None) -> BarChart:
    largest = max((sum(values.values()) for _, values in rows), default=0) or 1
    bars = []
    for index, (label, values) in enumerate(rows):
        x, segments = LABEL_WIDTH, []
        for series_id, series_label in series:
            width = round(values.get(series_id, 0) * PLOT_WIDTH / largest)
            if values.get(series_id, 0):
                segments.append(Segment(series_id, series_label, values[series_id], x, width))
            x += width
        bars.append(Bar(label, sum(values.values()), index * (BAR_HEIGHT + BAR_GAP), segments))
    height = len(rows) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(chart_id, title, description, bars, series, LABEL_WIDTH + PLOT_WIDTH + 50, height, tones or {})


def by_start_year(catalogue: Catalogue) -> BarChart:
    statuses = [(term.id, term.name) for term in catalogue.taxonomy.statuses.values()]
    years: dict[str, Counter[str]] = {}
    for record in catalogue.records:
        years.setdefault(record.started[:4], Counter())[record.status] += 1
    rows = [(year, dict(years[year])) for year in sorted(years)]
    return _bar_chart("chart-years", N_("Case studies by year started"),
                      N_("Each bar is one year; its parts show the current status of the schemes started that year."),
                      rows, statuses, {term.id: term["tone"] for term in catalogue.taxonomy.statuses.values()})


def by_vocabulary(chart_id: str, title: str, description: str, records: list[CaseStudy],
                  terms: dict[str, Term], values: Callable[[CaseStudy], Iterable[str]]) -> BarChart:
    counted = Counter(value for record in records for value in values(record))
    rows = [(term.name, {"count": counted.get(term.id, 0)}) for term in terms.values()]
    return _bar_chart(chart_id, title, description, rows, [("count", "Case studies")])


def charts(catalogue: Catalogue) -> list[BarChart]:
    taxonomy, records = catalogue.taxonomy, catalogue.records
    types = catalogue.facet("collaboration_types")
    return [
        by_start_year(catalogue),
        by_vocabulary("chart-types", N_("Case studies by collaboration type"),
                      N_("How many case studies there are of each type; a case study can be of several types."),
                      records, catalogue.terms(types), lambda r: types.values(r, taxonomy)),
        by_vocabulary("chart-evidence", N_("Case studies by evidence level"),
                      N_("How many case studies have each level of evidence, from weakest to strongest."),
                      records, taxonomy.evidence_levels, lambda r: [r.evidence.level]),
    ]


@dataclass(frozen=True)
class Matrix:
    services: list[tuple[str, str]]
    regions: list[tuple[str, str, str]]  # id, name and the code the map labels it with
    counts: dict[tuple[str, str], int]


def service_region_matrix(catalogue: Catalogue) -> Matrix:
    counts: Counter[tuple[str, str]] = Counter()
    for record in catalogue.records:
        for service in record.services:
            for region in record.regions:
                counts[(service, region)] += 1
    services = [(t.id, t.name) for t in catalogue.terms(catalogue.facet("services")).values()]
    regions = [(t.id, t.name, t["abbreviation"]) for t in catalogue.terms(catalogue.facet("regions")).values()]
    full = {(s, r): counts.get((s, r), 0) for s, _ in services for r, _, _ in regions}
    return Matrix(services, regions, full)
