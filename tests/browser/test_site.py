"""What a visitor does: browse, read, in both palettes, with assistive-technology checks (searching:
test_header_search.py)."""

from __future__ import annotations

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
