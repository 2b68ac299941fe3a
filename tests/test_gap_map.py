"""The evidence and gap map's cells: how many case studies, the strongest evidence, the shade."""

from __future__ import annotations

import datetime as dt

import pytest
from support import make_project, record

from generator import gapmap
from generator.catalogue import Catalogue
from generator.content.validate import validate_library

EVALUATED = {"url": "https://example.org/evaluation.pdf", "by": "University of Example"}


def scheme(types: list[str], domains: list[str | None], level: str, **extra: object) -> dict:
    evidence = {"level": level, **(EVALUATED if level in ("independent-evaluation", "comparative-study") else {})}
    outcomes = [{"text": f"Outcome {n}"} | ({"domain": d} if d else {}) for n, d in enumerate(domains)]
    return record(collaboration_types=types, outcomes=outcomes or None, evidence=evidence, **extra)


RECORDS = {
    # Two outcomes in one domain count the case study once in that cell.
    "costs-twice": scheme(["first-response"], ["cost-and-efficiency", "cost-and-efficiency"], "self-reported"),
    "evaluated": scheme(["first-response", "prevention"], ["cost-and-efficiency", "response-times"],
                        "independent-evaluation", result="worked"),
    "unevidenced": scheme(["joint-control"], ["estate-and-assets", "views-and-recognition"], "none",
                          result="not-known"),
    "reviewed": scheme(["joint-control"], ["estate-and-assets"], "internal-review"),
    "no-domain": scheme(["joint-control"], [None], "self-reported"),
    "no-outcomes": scheme(["joint-control"], [], "none", result="not-known"),
    "a-draft": scheme(["interoperability"], ["joint-working"], "comparative-study", draft=True),
}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    project = make_project(tmp_path_factory.mktemp("gap-map"), RECORDS)
    library = validate_library(project, today=dt.date(2026, 11, 24))
    assert library.errors == [] and library.taxonomy is not None
    return Catalogue.published(library.taxonomy, library.records)


@pytest.fixture(scope="module")
def cells(catalogue: Catalogue) -> dict[tuple[str, str], gapmap.Cell]:
    return {(cell.row.id, cell.column.id): cell for _, row in gapmap.gap_map(catalogue).rows for cell in row}


def test_rows_are_every_collaboration_type_and_columns_every_outcome_domain(catalogue: Catalogue) -> None:
    gap = gapmap.gap_map(catalogue)
    assert [row.id for row, _ in gap.rows] == list(catalogue.taxonomy.collaboration_types)
    assert [column.id for column in gap.columns] == list(catalogue.taxonomy.outcome_domains)
    assert all([cell.column for cell in cells] == gap.columns for _, cells in gap.rows)


def test_a_cell_counts_case_studies_not_outcomes(cells: dict) -> None:
    assert cells["first-response", "cost-and-efficiency"].count == 2
    assert cells["prevention", "cost-and-efficiency"].count == 1
    assert cells["joint-control", "estate-and-assets"].count == 2


def test_a_cell_names_the_strongest_evidence_among_its_case_studies(cells: dict) -> None:
    assert cells["first-response", "cost-and-efficiency"].strongest.id == "independent-evaluation"
    assert cells["joint-control", "estate-and-assets"].strongest.id == "internal-review"


def test_shades_follow_the_rank_of_the_strongest_level(cells: dict) -> None:
    # Five levels, weakest first: none is 1, internal-review 3, independent-evaluation 4.
    assert cells["joint-control", "estate-and-assets"].shade == 3
    assert cells["first-response", "response-times"].shade == 4


def test_an_empty_cell_is_a_gap_with_no_level_and_no_shade(cells: dict) -> None:
    gap = cells["joint-control", "response-times"]
    assert gap.empty and gap.count == 0 and gap.strongest is None and gap.shade == 0
    # Drafts are not published, so they fill no cell.
    assert cells["interoperability", "joint-working"].empty


def test_case_studies_without_an_outcome_domain_are_counted_off_the_map(catalogue: Catalogue) -> None:
    gap = gapmap.gap_map(catalogue)
    assert (gap.mapped, gap.total) == (4, 6)
    assert gap.gaps == len(gap.rows) * len(gap.columns) - 6


def test_a_cell_of_unevidenced_case_studies_is_not_a_gap_but_the_weakest_shade(cells: dict) -> None:
    cell = cells["joint-control", "views-and-recognition"]
    assert cell.count == 1 and cell.strongest.id == "none" and cell.shade == 1 and not cell.empty


def test_the_key_lists_every_level_weakest_first_with_its_shade(catalogue: Catalogue) -> None:
    gap = gapmap.gap_map(catalogue)
    assert [(level.id, shade) for level, shade in gap.levels] == [
        (level, rank + 1) for rank, level in enumerate(catalogue.taxonomy.evidence_levels)]


@pytest.mark.parametrize("levels, shades", [(5, [1, 2, 3, 4, 5]), (3, [1, 3, 5]), (2, [1, 5]), (1, [5]),
                                            (9, [1, 1, 2, 2, 3, 3, 4, 4, 5])])
def test_level_shades_spread_over_the_whole_scale(levels: int, shades: list[int]) -> None:
    assert [gapmap.level_shade(rank, levels) for rank in range(levels)] == shades
