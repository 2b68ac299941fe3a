"""The shipped library keeps its launch promises: real, sourced, covering the whole UK."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import ROOT

from generator.catalogue import Catalogue
from generator.content.validate import Library, validate_library


@pytest.fixture(scope="module")
def library() -> Library:
    return validate_library(ROOT)


@pytest.fixture(scope="module")
def catalogue(library: Library) -> Catalogue:
    assert library.taxonomy is not None
    return Catalogue.published(library.taxonomy, library.records)


def test_shipped_content_validates_without_warnings(library: Library) -> None:
    assert [p.text() for p in library.problems] == []


def test_at_least_25_published_records_each_with_sources_and_lessons(catalogue: Catalogue) -> None:
    assert len(catalogue.records) >= 25
    for record in catalogue.records:
        assert record.sources and all(re.match(r"^https?://", s.url) for s in record.sources), record.slug
        assert record.lessons, record.slug


def test_every_region_and_uk_wide_is_covered(catalogue: Catalogue) -> None:
    counts = catalogue.counts(catalogue.facet("regions"))
    assert [region for region, count in counts.items() if count == 0] == []


def test_every_collaboration_type_is_used(catalogue: Catalogue) -> None:
    # Statuses and results are left out on purpose: a label must follow the sources, so the
    # library may honestly have no current pilot.
    taxonomy = catalogue.taxonomy
    assert {t for r in catalogue.records for t in r.collaboration_types} == set(taxonomy.collaboration_types)


def test_every_outcome_names_what_it_measures_and_every_domain_is_used(catalogue: Catalogue) -> None:
    # The evidence and gap map counts outcomes by domain: one without a domain would fall off it.
    assert [(r.slug, o.text) for r in catalogue.records for o in r.outcomes if not o.domain] == []
    assert {d for r in catalogue.records for d in r.outcome_domains} == set(catalogue.taxonomy.outcome_domains)


def test_lessons_cover_every_theme(catalogue: Catalogue) -> None:
    by_theme = catalogue.notes_by_theme()
    assert [theme for theme, notes in by_theme.items() if not any(kind == "Lesson" for kind, _, _ in notes)] == []


def test_an_ended_scheme_says_what_was_learned_from_its_end(catalogue: Catalogue) -> None:
    ended = [r for r in catalogue.records if r.status in ("completed", "discontinued")]
    assert any(r.status == "discontinued" for r in ended)
    assert all(r.ended and r.lessons for r in ended)


def test_evidence_above_self_reported_names_its_evaluation(catalogue: Catalogue) -> None:
    ranked = catalogue.taxonomy.evidence_rank
    for record in catalogue.records:
        if ranked(record.evidence.level) > ranked("self-reported"):
            assert record.evidence.summary, f"{record.slug}: say which evaluation supports the level"


def test_every_record_organisation_is_registered(catalogue: Catalogue) -> None:
    register = catalogue.taxonomy.organisations_by_name
    unknown = {(r.slug, o.name) for r in catalogue.records for o in r.organisations if o.name not in register}
    assert unknown == set()


def test_register_holds_every_uk_emergency_service(library: Library) -> None:
    assert library.taxonomy is not None
    by_service: dict[str, int] = {}
    for term in library.taxonomy.organisations.values():
        by_service[term["service"]] = by_service.get(term["service"], 0) + 1
    # 43 territorial forces in England and Wales, Police Scotland, PSNI, British Transport Police.
    assert by_service["police"] >= 46
    # 44 English services, three Welsh, Scotland's and Northern Ireland's.
    assert by_service["fire"] >= 49
    # Ten English regional trusts, Isle of Wight, Wales, Scotland and Northern Ireland.
    assert by_service["ambulance"] >= 14


def test_organisation_pages_list_their_case_studies(shipped_site: Path, catalogue: Catalogue) -> None:
    for organisation_id, records in catalogue.organisations().items():
        html = (shipped_site / "organisations" / organisation_id / "index.html").read_text(encoding="utf-8")
        for record in records:
            assert f'href="../../case-studies/{record.slug}/"' in html, (organisation_id, record.slug)


def test_page_titles_name_the_site_once(shipped_site: Path) -> None:
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    about = (shipped_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "<title>Casebook</title>" in home
    assert "<title>About Casebook - Casebook</title>" in about


# What a record may claim, checked by the rules in generator/rules.py and the schema: a result
# its evidence supports, labels that have not gone stale, an evaluation that names its evaluator.
OVERCLAIMS = {"evidence-too-weak", "label-expired", "own-evaluator", "former-name"}


def test_no_shipped_record_claims_more_than_its_evidence_allows(library: Library) -> None:
    found = [p.text() for p in library.problems
             if p.code in OVERCLAIMS or (p.code == "rule" and p.field.startswith("evidence"))]
    assert found == []
