"""The "Find case studies" page: its index, and filtering in a real browser."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import axe_violations, open_page, served
from playwright.sync_api import Browser, Page, expect
from support import make_project, record, run_build

from generator.catalogue import Catalogue
from generator.content.validate import validate_library
from generator.facets import FACETS, SORTS
from generator.render.find import find_index
from generator.render.urls import Linker


def scheme(n: int, services: list[str], regions: list[str], level: str, started: str, **extra: object) -> dict:
    names = {"police": "Kent Police", "fire": "Kent Fire and Rescue Service",
             "ambulance": "South East Coast Ambulance Service NHS Foundation Trust", "coastguard": "HM Coastguard"}
    evaluated = {"url": "https://example.org/evaluation.pdf", "by": "University of Example"} \
        if level in ("independent-evaluation", "comparative-study") else {}
    return record(title=f"Scheme {n:02d} {' '.join(services)} in {' '.join(regions)}", services=services,
                  regions=regions, evidence={"level": level, "summary": "An evaluation by a university.", **evaluated},
                  started=started, organisations=[{"name": names[s], "service": s} for s in services], **extra)


RECORDS = {
    "s01": scheme(1, ["fire", "ambulance"], ["wales"], "independent-evaluation", "2016",
                  collaboration_types=["first-response"], areas=["Hampshire"]),
    "s02": scheme(2, ["fire", "ambulance"], ["wales"], "self-reported", "2018", collaboration_types=["first-response"]),
    "s03": scheme(3, ["fire", "police"], ["wales", "south-west"], "comparative-study", "2012"),
    "s04": scheme(4, ["fire", "ambulance"], ["south-east"], "independent-evaluation", "2019",
                  collaboration_types=["first-response"]),
    "s05": scheme(5, ["police", "ambulance"], ["wales"], "internal-review", "2020"),
    "s06": scheme(6, ["fire", "coastguard"], ["scotland"], "self-reported", "2021"),
    "s07": scheme(7, ["fire", "ambulance"], ["wales"], "none", "2022", status="proposed", result="too-early"),
    "s08": scheme(8, ["fire", "police"], ["london"], "independent-evaluation", "2015", draft=True),
}
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    project = make_project(tmp_path_factory.mktemp("find-index"), RECORDS)
    library = validate_library(project, today=dt.date(2026, 11, 24))
    assert library.errors == [] and library.taxonomy is not None
    return Catalogue.published(library.taxonomy, library.records)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("find-site"), RECORDS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield url + "find/"


def test_index_codes_every_published_record(catalogue: Catalogue) -> None:
    index = find_index(catalogue, Linker())
    assert sorted(index["slug"]) == [f"s0{n}" for n in range(1, 8)]
    service = next(facet for facet in index["facets"] if facet["param"] == "service")
    services = [term[0] for term in service["terms"]]
    row = index["slug"].index("s03")
    assert sorted(services[code] for code in service["records"][row]) == ["fire", "police"]
    assert index["evidence_level"][row] == 4 and index["started"][row] == "2012"
    assert index == find_index(catalogue, Linker())


def test_index_names_the_facets_and_sorts_of_the_registry(catalogue: Catalogue) -> None:
    index = find_index(catalogue, Linker())
    assert [(f["param"], f["label"]) for f in index["facets"]] == [(f.param, f.label) for f in FACETS]
    assert [s["key"] for s in index["sorts"]] == [s.key for s in SORTS]
    status = next(facet for facet in index["facets"] if facet["param"] == "status")
    assert all(href is None and feed is None for _, _, href, feed in status["terms"])


@pytest.mark.parametrize("directory_urls, record_href, term_href", [
    (True, "../case-studies/s03/", "../services/fire/"),
    (False, "../case-studies/s03.html", "../services/fire.html")])
def test_index_carries_every_link_relative_to_the_find_page(catalogue: Catalogue, directory_urls: bool,
                                                            record_href: str, term_href: str) -> None:
    index = find_index(catalogue, Linker(directory_urls))
    assert index["href"][index["slug"].index("s03")] == record_href
    service = next(facet for facet in index["facets"] if facet["param"] == "service")
    assert dict((term_id, href) for term_id, _, href, _feed in service["terms"])["fire"] == term_href


def expected(query: dict[str, list[str]]) -> list[str]:
    """The same filter, computed from the records."""
    levels = ["none", "self-reported", "internal-review", "independent-evaluation", "comparative-study"]
    found = []
    for slug, data in RECORDS.items():
        if data.get("draft"):
            continue
        if "service" in query and not set(query["service"]) & set(data["services"]):
            continue
        if "region" in query and not set(query["region"]) & set(data["regions"]):
            continue
        if "evidence" in query and levels.index(data["evidence"]["level"]) < levels.index(query["evidence"][0]):
            continue
        found.append(slug)
    return sorted(found)


def shown_slugs(page: Page) -> list[str]:
    return sorted(href.split("/")[-2] for href in page.locator("#cb-find-list a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"))


def test_filters_combine_and_counts_match_the_records(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    page.goto(site)
    page.get_by_label("Fire and rescue").check()
    page.get_by_label("Wales").check()
    page.get_by_label("At least").select_option("independent-evaluation")
    query = {"service": ["fire"], "region": ["wales"], "evidence": ["independent-evaluation"]}
    expect(page.locator("#cb-find-status")).to_have_text(f"{len(expected(query))} case studies match.")
    assert shown_slugs(page) == expected(query) == ["s01", "s03"]
    # An option's count is what ticking it (as well) would give, with every other group applied.
    assert page.locator('[data-count-for="region:south-west"]').text_content() == "(1)"
    assert page.locator('[data-count-for="service:ambulance"]').text_content() == "(1)"
    expect(page.get_by_label("Scotland")).to_be_disabled()
    assert parse_qs(urlsplit(page.url).query) == query
    page.context.close()
    assert errors == []


def test_the_url_restores_the_state_and_back_undoes_a_change(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    page.goto(site + "?service=coastguard")
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    expect(page.get_by_label("HM Coastguard")).to_be_checked()
    page.locator("#cb-service-police").check()
    expect(page.locator("#cb-find-status")).to_have_text("3 case studies match.")
    page.reload()
    expect(page.locator("#cb-service-police")).to_be_checked()
    expect(page.locator("#cb-find-status")).to_have_text("3 case studies match.")
    page.go_back()
    expect(page.locator("#cb-service-police")).not_to_be_checked()
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    page.context.close()
    assert errors == []


def test_a_filter_naming_exactly_one_term_offers_its_feed(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    page.goto(site + "?service=coastguard")
    feed = page.locator("#cb-find-feed a")
    expect(feed).to_be_visible()
    expect(feed).to_have_text("Follow case studies in HM Coastguard with the Atom feed")
    assert feed.get_attribute("href") == "../feed-services-coastguard.xml"
    assert page.request.get(site + feed.get_attribute("href")).ok
    page.locator("#cb-service-police").check()
    expect(page.locator("#cb-find-feed")).to_be_hidden()
    page.locator("#cb-service-police").uncheck()
    expect(feed).to_be_visible()
    page.locator("#cb-q").fill("control")
    page.locator("#cb-q").press("Enter")
    expect(page.locator("#cb-find-feed")).to_be_hidden()
    page.context.close()
    assert errors == []


def test_text_search_and_sorting(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    page.goto(site)
    page.get_by_label("Search titles, summaries, places and organisations").fill("hampshire")
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    page.get_by_label("Search titles, summaries, places and organisations").fill("")
    page.get_by_label("Sort by").select_option("evidence")
    expect(page.locator("#cb-find-list li").first).to_contain_text("Scheme 03")
    assert "sort=evidence" in page.url
    page.context.close()
    assert errors == []


def test_keyboard_only(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    page.goto(site)
    expect(page.locator("#cb-find-form")).to_be_visible()
    page.locator("#cb-q").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cb-service-police"
    page.keyboard.press("Space")
    expect(page.locator("#cb-find-status")).to_have_text("2 case studies match.")
    assert "service=police" in page.url
    page.context.close()
    assert errors == []


def test_without_javascript_the_full_list_and_browse_links_show(browser: Browser, site: str) -> None:
    page, errors = open_page(browser, java_script_enabled=False)
    page.goto(site)
    assert shown_slugs(page) == expected({})
    expect(page.locator("#cb-find-form")).to_be_hidden()
    expect(page.locator("#cb-find-status").get_by_role("link", name="by service")).to_be_visible()
    page.context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations(browser: Browser, site: str, scheme: str) -> None:
    page, errors = open_page(browser, color_scheme=scheme)
    page.goto(site + "?service=fire")
    expect(page.locator("#cb-find-status")).to_contain_text("match")
    assert axe_violations(page) == []
    page.context.close()
    assert errors == []


def test_listing_pages_link_into_the_finder_with_the_filter_set(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"s01": RECORDS["s01"]})
    assert run_build(project).returncode == 0
    html = (project / "site/regions/wales/index.html").read_text(encoding="utf-8")
    assert 'href="../../find/?region=wales"' in html
    assert json.loads((project / "site/find/index.json").read_text())["slug"] == ["s01"]
