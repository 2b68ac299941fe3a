"""The catalogue's groupings, order and similarity, and the numbers behind the charts."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from support import make_project, record

from generator.catalogue import Catalogue
from generator.content.model import CaseStudy
from generator.content.taxonomy import Taxonomy
from generator.content.validate import validate_library
from generator.facets import FACETS
from generator.render import charts

RECORDS = {
    "fire-ambulance-london": record(services=["fire", "ambulance"], regions=["london"], status="operational",
                                    collaboration_types=["first-response"], started="2016",
                                    organisations=[{"name": "London Fire Brigade", "service": "fire"},
                                                   {"name": "London Ambulance Service NHS Trust",
                                                    "service": "ambulance"}]),
    "fire-ambulance-scotland": record(services=["fire", "ambulance"], regions=["scotland"], status="completed",
                                      ended="2017", collaboration_types=["first-response"], started="2015",
                                      result="worked", evidence={"level": "internal-review"},
                                      organisations=[{"name": "Scottish Fire and Rescue Service", "service": "fire"},
                                                     {"name": "Scottish Ambulance Service",
                                                      "service": "ambulance"}]),
    "police-fire-london-control": record(services=["police", "fire"], regions=["london"], started="2019-04",
                                         collaboration_types=["joint-control"]),
    "police-fire-kent-estates": record(services=["police", "fire"], regions=["south-east"], started="2019-04",
                                       title="Another Kent scheme", collaboration_types=["shared-estates"],
                                       status="pilot"),
    "coastguard-fire": record(services=["fire", "coastguard"], regions=["wales"], started="2020",
                              collaboration_types=["shared-estates"], status="proposed", result="too-early",
                              evidence={"level": "none"},
                              organisations=[{"name": "South Wales Fire and Rescue Service", "service": "fire"},
                                             {"name": "HM Coastguard", "service": "coastguard"}]),
}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    project = make_project(tmp_path_factory.mktemp("catalogue"), RECORDS)
    library = validate_library(project, today=dt.date(2026, 11, 24))
    assert library.errors == []
    assert library.taxonomy is not None
    return Catalogue.published(library.taxonomy, library.records)


def slugs(records: list) -> list[str]:
    return [r.slug for r in records]


def test_default_order_is_current_first_then_newest_then_title(catalogue: Catalogue) -> None:
    assert slugs(catalogue.records) == ["police-fire-kent-estates", "police-fire-london-control",
                                        "fire-ambulance-london", "coastguard-fire", "fire-ambulance-scotland"]


def test_counts_include_every_term_with_zeros(catalogue: Catalogue) -> None:
    counts = catalogue.counts(catalogue.facet("regions"))
    assert counts["london"] == 2 and counts["north-east"] == 0
    assert list(counts) == list(catalogue.taxonomy.regions)


def test_related_prefers_shared_types_then_services_and_regions(catalogue: Catalogue) -> None:
    london = catalogue.by_slug["fire-ambulance-london"]
    # Same type and services beat same region; a record sharing only fire comes later.
    assert slugs(catalogue.related(london)) == ["fire-ambulance-scotland", "police-fire-london-control",
                                                "coastguard-fire", "police-fire-kent-estates"]


def test_related_puts_the_records_own_choices_first(catalogue: Catalogue, tmp_path: Path) -> None:
    london = catalogue.by_slug["fire-ambulance-london"]
    chosen = type(london)(**{**london.__dict__, "related": ("coastguard-fire",)})
    assert slugs(catalogue.related(chosen))[0] == "coastguard-fire"
    assert len(catalogue.related(chosen, limit=2)) == 2


def test_matrix_counts_each_service_in_each_region(catalogue: Catalogue) -> None:
    matrix = charts.service_region_matrix(catalogue)
    assert matrix.counts[("fire", "london")] == 2
    assert matrix.counts[("police", "london")] == 1
    assert matrix.counts[("ambulance", "wales")] == 0
    assert len(matrix.counts) == len(catalogue.taxonomy.services) * len(catalogue.taxonomy.regions)


def test_year_chart_stacks_statuses(catalogue: Catalogue) -> None:
    chart = charts.by_start_year(catalogue)
    assert [bar.label for bar in chart.bars] == ["2015", "2016", "2019", "2020"]
    year_2019 = chart.bars[2]
    assert year_2019.total == 2
    assert {s.series: s.value for s in year_2019.segments} == {"pilot": 1, "operational": 1}


def test_evidence_chart_follows_the_scale(catalogue: Catalogue) -> None:
    chart = next(c for c in charts.charts(catalogue) if c.id == "chart-evidence")
    assert [bar.label for bar in chart.bars] == [t.name for t in catalogue.taxonomy.evidence_levels.values()]
    assert [bar.total for bar in chart.bars] == [1, 3, 1, 0, 0]


def test_map_shades_by_share_of_the_busiest_region(catalogue: Catalogue) -> None:
    tiles = {tile.id: tile for tile in charts.region_map(catalogue).tiles}
    assert tiles["london"].shade == charts.SHADES and tiles["london"].count == 2
    assert tiles["wales"].shade == 3 and tiles["north-east"].shade == 0
    assert len(tiles) == 13


def test_every_facet_reads_a_record_field_or_a_derived_property_and_a_vocabulary() -> None:
    record_fields = {f.name: f.type for f in dataclasses.fields(CaseStudy)}
    vocabularies = {f.name for f in dataclasses.fields(Taxonomy)}
    for facet in FACETS:
        assert facet.vocabulary in vocabularies, facet
        if facet.derived:
            assert facet.key not in record_fields and isinstance(getattr(CaseStudy, facet.key), property), facet
        else:
            assert facet.key in record_fields, facet
            assert ("tuple" in str(record_fields[facet.key])) == facet.multiple, facet
    for attribute in ("key", "param", "label"):
        assert len({getattr(facet, attribute) for facet in FACETS}) == len(FACETS), attribute


def test_a_facet_counts_single_and_missing_values(catalogue: Catalogue) -> None:
    status, governance = catalogue.facet("status"), catalogue.facet("governance")
    assert sum(catalogue.counts(status).values()) == len(catalogue.records)
    assert catalogue.counts(status)["completed"] == 1
    assert set(catalogue.counts(governance)) == set(catalogue.taxonomy.governance_forms)
