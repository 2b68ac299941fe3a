"""Outcome domain as a facet: derived from the outcomes, counted once per case study, carried by
the Find index and offered on the Find page like every other facet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import make_project, record, run_build

from generator.catalogue import Catalogue
from generator.content.validate import validate_library
from generator.render.exports import record_data
from generator.render.find import find_index
from generator.render.tables import TABLES, table_csv
from generator.render.urls import Linker


def outcomes(*domains: str | None) -> list[dict]:
    return [{"text": f"Outcome {n}"} | ({"domain": domain} if domain else {}) for n, domain in enumerate(domains)]


RECORDS = {
    "costs-twice": record(outcomes=outcomes("cost-and-efficiency", "response-times", "cost-and-efficiency")),
    "one-unnamed": record(outcomes=outcomes(None, "response-times")),
    "no-outcomes": record(outcomes=None),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("domains"), RECORDS)


@pytest.fixture(scope="module")
def catalogue(project: Path) -> Catalogue:
    library = validate_library(project, today=dt.date(2026, 11, 24))
    assert library.errors == [] and library.taxonomy is not None
    return Catalogue.published(library.taxonomy, library.records)


def test_a_record_has_each_of_its_outcomes_domains_once_in_order(catalogue: Catalogue) -> None:
    domains = {r.slug: r.outcome_domains for r in catalogue.records}
    assert domains == {"costs-twice": ("cost-and-efficiency", "response-times"),
                       "one-unnamed": ("response-times",), "no-outcomes": ()}


def test_the_facet_counts_case_studies_not_outcomes(catalogue: Catalogue) -> None:
    counts = catalogue.counts(catalogue.facet("outcome_domains"))
    assert list(counts) == list(catalogue.taxonomy.outcome_domains)
    assert counts["cost-and-efficiency"] == 1 and counts["response-times"] == 2 and counts["joint-working"] == 0


def test_the_find_index_carries_the_facet_with_every_domain(catalogue: Catalogue) -> None:
    index = find_index(catalogue, Linker())
    facet = next(facet for facet in index["facets"] if facet["param"] == "domain")
    assert facet["label"] == "outcome domain"
    domains = catalogue.taxonomy.outcome_domains.values()
    assert [term[:2] for term in facet["terms"]] == [[term.id, term.name] for term in domains]
    # No listing pages or feeds of their own: Find is where a domain is browsed.
    assert all(href is None and feed is None for _, _, href, feed in facet["terms"])
    ids = [term[0] for term in facet["terms"]]
    coded = {slug: [ids[code] for code in codes] for slug, codes in zip(index["slug"], facet["records"], strict=True)}
    assert coded == {r.slug: list(r.outcome_domains) for r in catalogue.records}


def test_exports_carry_domains_on_outcomes_not_as_a_term_list(catalogue: Catalogue) -> None:
    data = record_data(catalogue.by_slug["costs-twice"], catalogue, "https://casebook.example/")
    assert "outcome_domains" not in data
    assert [o["domain_name"] for o in data["outcomes"]] == ["Cost and efficiency", "Response times",
                                                             "Cost and efficiency"]
    terms = next(table for table in TABLES if table.name == "terms")
    assert "outcome_domains" not in table_csv(terms, catalogue, "https://casebook.example/")


def test_the_find_page_offers_each_domain_with_its_name(project: Path, catalogue: Catalogue) -> None:
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site" / "find" / "index.html").read_text(encoding="utf-8"), "html.parser")
    group = page.select_one('fieldset[data-facet="domain"]')
    assert group is not None and group.legend.get_text(strip=True) == "Outcome domain"
    boxes = {box["value"]: page.select_one(f'label[for="{box["id"]}"]').get_text(" ", strip=True)
             for box in group.select('input[type="checkbox"][name="domain"]')}
    assert boxes == {term.id: term.name for term in catalogue.taxonomy.outcome_domains.values()}
