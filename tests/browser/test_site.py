"""What a visitor does: browse, search, read, in both palettes, with assistive-technology checks."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, Page, expect
from support import ROOT

from generator.catalogue import Catalogue
from generator.content.validate import validate_library

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    library = validate_library(ROOT)
    assert library.taxonomy is not None and not library.errors
    return Catalogue.published(library.taxonomy, library.records)


def test_home_to_service_listing_to_record(page: Page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="Fire and rescue").first.click()
    expect(page).to_have_url(f"{site_url}services/fire/")
    first = catalogue.with_term(catalogue.facet("services"), "fire")[0]
    page.get_by_role("link", name=first.title, exact=True).first.click()
    expect(page).to_have_url(f"{site_url}case-studies/{first.slug}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()


def _search(page: Page, site_url: str, query: str) -> None:
    page.goto(site_url)
    page.locator(".md-search__input").click()
    # Material reads the query on key-up; filling the box does not trigger a search.
    page.keyboard.type(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=15000)


def test_search_finds_a_record_by_organisation_name(page: Page, site_url: str, catalogue: Catalogue) -> None:
    # An organisation whose name has a word no other case study uses: Material ranks loose matches
    # of common words ("police") above it otherwise, which the header-search issue is about.
    def text(r: object) -> str:
        return " ".join([r.title, r.summary, r.context, r.description, *(o.name for o in r.organisations)]).lower()

    common = {"police", "fire", "rescue", "ambulance", "service", "services", "council", "nhs", "trust"}

    def rare(name: str) -> bool:
        words = name.lower().split()
        return not common & set(words) and any(sum(word in text(r) for r in catalogue.records) == 1
                                               for word in words if len(word) > 5)

    record = next(r for r in catalogue.records if r.organisations and rare(r.organisations[-1].name))
    name = record.organisations[-1].name
    _search(page, site_url, name)
    expect(page.locator(".md-search-result__link", has_text=record.title).first).to_be_attached()


def test_search_finds_a_record_by_area_name(page: Page, site_url: str, catalogue: Catalogue) -> None:
    record = next(r for r in catalogue.records if r.areas)
    _search(page, site_url, record.areas[0])
    expect(page.locator(".md-search-result__link", has_text=record.title).first).to_be_attached()


def _index_requests(page: Page) -> list[str]:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url) if "search_index" in request.url else None)
    return requested


def test_search_index_is_fetched_only_when_the_reader_reaches_for_search(page: Page, site_url: str) -> None:
    requested = _index_requests(page)
    page.goto(site_url + "find/")
    page.wait_for_load_state("networkidle")
    assert requested == []
    with page.expect_request("**/search/search_index.json"):
        page.keyboard.press("s")
    assert len(requested) == 1


def test_a_search_link_loads_the_index_straight_away(page: Page, site_url: str, catalogue: Catalogue) -> None:
    record = next(r for r in catalogue.records if r.areas)
    requested = _index_requests(page)
    page.goto(f"{site_url}?q={quote(record.areas[0])}")
    expect(page.locator(".md-search-result__link", has_text=record.title).first).to_be_attached(timeout=15000)
    assert len(requested) == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "services/fire/", "regions/", "lessons/", "FIRST_RECORD",
                                  "evidence-base/gap-map/"])
def test_no_wcag_violations(browser: Browser, site_url: str, catalogue: Catalogue, path: str, scheme: str) -> None:
    path = f"case-studies/{catalogue.records[0].slug}/" if path == "FIRST_RECORD" else path
    page, errors = open_page(browser, color_scheme=scheme)
    page.goto(site_url + path)
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    assert axe_violations(page) == []
    assert errors == []
    page.context.close()


def test_record_prints_without_navigation(page: Page, site_url: str, catalogue: Catalogue) -> None:
    page.goto(f"{site_url}case-studies/{catalogue.records[0].slug}/")
    page.emulate_media(media="print")
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.get_by_role("heading", name="At a glance")).to_be_visible()


@pytest.mark.parametrize("path", ["", "FIRST_RECORD", "evidence-base/", "evidence-base/gap-map/",
                                  "lessons/"])
def test_pages_reflow_at_320_pixels_without_sideways_scrolling(browser: Browser, site_url: str,
                                                               catalogue: Catalogue, path: str) -> None:
    path = f"case-studies/{catalogue.records[0].slug}/" if path == "FIRST_RECORD" else path
    page, errors = open_page(browser, viewport={"width": 320, "height": 640})
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert errors == []
    page.context.close()


def test_keyboard_focus_is_visible_on_links(page: Page, site_url: str) -> None:
    page.goto(site_url)
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement;
            return el && el.closest('.md-content') ? getComputedStyle(el).outlineStyle : null; }""")
        if focused is not None:
            assert focused != "none"
            return
    raise AssertionError("Tab never reached a link in the page content")
