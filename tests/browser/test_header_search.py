"""The header search as a reader uses it: the search data of the shipped site, the search box by
keyboard and screen reader, the search page, the ranking of fixed queries, the 404 page."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from browser_support import axe_violations, open_page, served
from playwright.sync_api import Browser, Page, Route, expect
from support import ROOT

from generator.catalogue import Catalogue
from generator.content.validate import validate_library

pytestmark = pytest.mark.browser

BOX = "#cb-search-input"
OPTIONS = "#cb-search-results [role=option]"
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    library = validate_library(ROOT)
    assert library.taxonomy is not None and not library.errors
    return Catalogue.published(library.taxonomy, library.records)


def _search(page: Page, site_url: str, query: str, path: str = "about/") -> None:
    page.goto(site_url + path)
    page.keyboard.press("/")
    page.keyboard.type(query, delay=20)
    expect(page.locator("#cb-search-status")).to_contain_text(f"for “{query}”", timeout=15_000)


def _result_paths(page: Page) -> list[str]:
    return list(page.eval_on_selector_all(OPTIONS, "options => options.map(o => new URL(o.dataset.href).pathname)"))


def _slugs_with_organisation(catalogue: Catalogue, name: str) -> set[str]:
    return {f"/case-studies/{r.slug}/" for r in catalogue.records if any(o.name == name for o in r.organisations)}


def test_the_search_data_is_loaded_only_when_the_reader_reaches_for_the_box(page: Page, site_url: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url) if "/search/" in request.url else None)
    page.goto(site_url + "about/")
    page.wait_for_load_state("networkidle")
    assert requested == []
    with page.expect_request(f"{site_url}search/index.json"), page.expect_request(f"{site_url}search/records.json"):
        page.keyboard.press("s")
    expect(page.locator(BOX)).to_be_focused()


def test_the_box_loads_the_search_data_its_page_names(page: Page, site_url: str) -> None:
    # A build in another language names its own data: the script takes the address from the page.
    # Pointed at the Welsh build's data, which exists: a missing file's 404 would reach the console
    # whenever it answered before the page closed.
    page.goto(site_url + "about/")
    page.locator("[data-cb-search]").evaluate("root => { root.dataset.cbIndex = '../cy/search/index.json';"
                                              " root.dataset.cbRecords = '../cy/search/records.json'; }")
    with page.expect_response(f"{site_url}cy/search/index.json") as index, \
            page.expect_response(f"{site_url}cy/search/records.json") as records:
        page.locator(BOX).focus()
    assert index.value.ok and records.value.ok


def test_organisations_are_shown_while_the_case_studies_are_on_their_way(page: Page, site_url: str,
                                                                        catalogue: Catalogue) -> None:
    # On a slow connection the small index arrives long before the case studies' file.
    held: list[Route] = []
    page.route("**/search/records.json", lambda route: held.append(route))
    page.goto(site_url + "about/")
    page.keyboard.press("/")
    page.keyboard.type("Kent Police", delay=20)
    expect(page.locator(OPTIONS).first).to_have_attribute("data-href", f"{site_url}organisations/kent-police/")
    assert all(not path.startswith("/case-studies/") for path in _result_paths(page))
    # No count yet: a screen reader hears one, for the whole set of results.
    expect(page.locator("#cb-search-status")).not_to_contain_text("Kent Police")
    assert len(held) == 1
    held[0].continue_()
    expect(page.locator("#cb-search-status")).to_contain_text("for “Kent Police”")
    paths = _result_paths(page)
    assert paths[0] == "/organisations/kent-police/"
    assert set(paths[1:]) >= _slugs_with_organisation(catalogue, "Kent Police")


def test_keyboard_slash_type_arrow_and_enter_opens_a_result(page: Page, site_url: str) -> None:
    _search(page, site_url, "South Wales Police")
    box = page.locator(BOX)
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#__search")).to_be_checked()
    first = page.locator(OPTIONS).first
    expect(first).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowUp")  # back to the box: no result chosen
    expect(box).not_to_have_attribute("aria-activedescendant", first.get_attribute("id") or "")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}organisations/south-wales-police/")
    expect(page.get_by_role("heading", level=1)).to_have_text("South Wales Police")


def test_the_box_is_a_labelled_combobox_over_a_listbox_with_a_status(page: Page, site_url: str) -> None:
    _search(page, site_url, "Kent")
    box = page.get_by_role("combobox", name="Search case studies, organisations and pages")
    expect(box).to_have_attribute("aria-controls", "cb-search-results")
    listbox = page.get_by_role("listbox", name="Search results")
    expect(listbox.get_by_role("option").first).to_be_visible()
    count = listbox.get_by_role("option").count()
    expect(page.get_by_role("status").first).to_have_text(f"{count} results for “Kent”.")


def test_escape_closes_the_box_and_gives_focus_back(page: Page, site_url: str) -> None:
    page.goto(site_url + "about/")
    opener = page.get_by_role("link", name="Evidence and results explained").first
    opener.focus()
    page.keyboard.press("/")
    page.keyboard.type("ambulance", delay=20)
    expect(page.locator(OPTIONS).first).to_be_visible(timeout=15_000)
    page.keyboard.press("Escape")
    expect(page.locator(BOX)).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(opener).to_be_focused()


def test_no_wcag_violations_with_the_box_open(page: Page, site_url: str) -> None:
    _search(page, site_url, "control room")
    page.keyboard.press("ArrowDown")
    assert axe_violations(page) == []


def test_a_search_finds_a_record_by_an_area_it_names(page: Page, site_url: str, catalogue: Catalogue) -> None:
    record = next(r for r in catalogue.records if r.areas)
    _search(page, site_url, record.areas[0])
    expect(page.locator(OPTIONS, has_text=record.title).first).to_be_attached()


def test_the_box_links_to_every_result_on_the_search_page(page: Page, site_url: str) -> None:
    _search(page, site_url, "fire")
    more = page.get_by_role("link", name="See all")
    expect(more).to_be_visible()
    more.click()
    expect(page).to_have_url(f"{site_url}search/?q=fire")
    expect(page.get_by_role("searchbox", name="Search case studies, organisations and pages")).to_have_value("fire")


def test_the_search_page_lists_results_as_links_a_page_at_a_time(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}search/?q={quote('fire')}")
    status = page.locator("#cb-search-page-status")
    expect(status).to_contain_text("results for “fire”", timeout=15_000)
    total = int(status.inner_text().split()[0])
    links = page.locator("#cb-search-page-results a")
    expect(links).to_have_count(min(total, 20))
    assert total > 20
    page.get_by_role("button", name="Show more results").click()
    expect(links).to_have_count(min(total, 40))
    expect(links.nth(20)).to_be_focused()
    assert axe_violations(page) == []


# A query for an organisation or a place puts the organisation page and its case studies first.
def test_an_organisation_query_puts_its_page_then_its_case_studies_first(page: Page, site_url: str,
                                                                         catalogue: Catalogue) -> None:
    for name, organisation in (("South Wales Police", "south-wales-police"), ("Kent Police", "kent-police")):
        _search(page, site_url, name)
        own = _slugs_with_organisation(catalogue, name)
        paths = _result_paths(page)
        assert paths[0] == f"/organisations/{organisation}/", (name, paths)
        assert set(paths[1:1 + len(own)]) == own, (name, paths)


def test_a_topic_query_finds_case_studies_before_the_organisations_it_names(page: Page, site_url: str) -> None:
    _search(page, site_url, "ambulance")
    assert _result_paths(page)[0].startswith("/case-studies/")


def test_a_place_query_puts_the_case_studies_there_first(page: Page, site_url: str, catalogue: Catalogue) -> None:
    for place in ("Cardiff", "Bridgend"):
        _search(page, site_url, place)
        assert _result_paths(page)[0] == "/case-studies/south-wales-tri-service-control-centre/", place


@pytest.fixture
def missing_page(browser: Browser) -> Iterator[Page]:
    """A page for missing addresses: the browser reports the 404 itself, and nothing else."""
    opened, errors = open_page(browser)
    yield opened
    opened.context.close()
    assert errors in ([NOT_FOUND], [NOT_FOUND, NOT_FOUND]), errors


def test_the_404_page_at_a_nested_address_searches_and_links_home(missing_page: Page, site_url: str) -> None:
    page = missing_page
    response = page.goto(site_url + "case-studies/no-such-record/deeper/")
    assert response is not None and response.status == 404
    # It says everything in English and then in Welsh, each part leading to its own site.
    english, welsh = page.locator("article section[lang=en]"), page.locator("article section[lang=cy]")
    expect(english.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(welsh.get_by_role("heading", level=1)).to_have_text("Heb ddod o hyd i'r dudalen")
    for part, name, path in ((english, "Find case studies", "find/"), (english, "Case studies", "case-studies/"),
                             (english, "By service", "services/"), (english, "Home", ""),
                             (welsh, "Dod o hyd i astudiaethau achos", "cy/find/"), (welsh, "Hafan", "cy/")):
        link = part.get_by_role("link", name=name, exact=True)
        assert page.evaluate("href => new URL(href, location.href).href", link.get_attribute("href")) == site_url + path
    assert axe_violations(page) == []
    page.locator("#cb-404-q-en").fill("Cardiff")
    page.locator("#cb-404-q-en").press("Enter")
    expect(page).to_have_url(f"{site_url}search/?q=Cardiff")
    expect(page.locator("#cb-search-page-results a").first).to_have_attribute(
        "href", f"{site_url}case-studies/south-wales-tri-service-control-centre/")


def test_the_header_box_works_on_the_404_page_at_any_depth(missing_page: Page, site_url: str) -> None:
    page = missing_page
    _search(page, site_url, "Cardiff", path="a/b/c/missing/")
    expect(page.locator(OPTIONS).first).to_have_attribute(
        "data-href", f"{site_url}case-studies/south-wales-tri-service-control-centre/")


@pytest.mark.parametrize("missing", ["search/index.json", "search/records.json"])
def test_a_site_without_its_search_data_says_search_could_not_load(browser: Browser, shipped_site: Path,
                                                                   tmp_path: Path, missing: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    (site / missing).unlink()
    page, errors = open_page(browser)
    with served(site) as url:
        page.goto(url + "about/")
        page.keyboard.press("/")
        page.keyboard.type("Kent", delay=20)
        expect(page.locator("#cb-search-status")).to_have_text(re.compile("^Search could not be loaded"))
        expect(page.locator(BOX)).to_have_attribute("aria-expanded", "false")
        page.goto(url + "search/?q=Kent")
        expect(page.locator("#cb-search-page-status")).to_have_text(re.compile("^Search could not be loaded"))
        # Closed while the server still runs: a request still open when it stops is reset.
        page.context.close()
    # The browser reports the missing file; nothing else goes wrong.
    assert errors and all("404" in error for error in errors), errors


def test_names_are_found_while_the_full_text_cannot_be_loaded(browser: Browser, site_url: str,
                                                              catalogue: Catalogue) -> None:
    # The word shards give the full text; titles, organisations and places need only the data.
    page, errors = open_page(browser)
    page.route("**/find/words/*.json", lambda route: route.abort())
    _search(page, site_url, "Kent Police")
    paths = _result_paths(page)
    assert paths[0] == "/organisations/kent-police/"
    assert set(paths[1:]) >= _slugs_with_organisation(catalogue, "Kent Police")
    _search(page, site_url, "Cardiff")  # named only in the text of a case study
    expect(page.locator("#cb-search-status")).to_have_text("No results for “Cardiff”.")
    page.context.close()
    # The browser reports the shards it could not load; nothing else goes wrong.
    assert errors and all("ERR_FAILED" in error for error in errors), errors


def test_the_search_page_offers_the_full_text_in_find(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}search/?q={quote('control room')}")
    expect(page.locator("#cb-search-page-status")).to_contain_text("results for “control room”", timeout=15_000)
    page.get_by_role("link", name="Search the full text of case studies in Find").click()
    expect(page).to_have_url(f"{site_url}find/?keywords=control+room")
    expect(page.locator("#cb-q")).to_have_value("control room")
