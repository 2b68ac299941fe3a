"""A reader moving between the English and Welsh sites, and using the Find page in Welsh (issue 19)."""

from __future__ import annotations

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, expect
from support import ROOT

pytestmark = pytest.mark.browser

# The shipped records with a Welsh version (a `cy:` block).
WELSH_RECORDS = sorted(path.stem for path in (ROOT / "content/case-studies").glob("*.yaml")
                       if "\ncy:\n" in path.read_text(encoding="utf-8"))

# Home, a Welsh record, an English-only record, a listing, the Find page, an organisation page.
PAGES = ["", "case-studies/gwent-joint-response-unit/",
         "case-studies/avon-fire-headquarters-at-police-headquarters-portishead/", "services/fire/", "find/",
         "organisations/gwent-police/"]


@pytest.mark.parametrize("path", PAGES)
def test_the_language_switch_leads_to_the_same_page_and_back(browser: Browser, site_url: str, path: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + path)
    switch = page.locator("a.cb-language__link")
    expect(switch).to_have_attribute("hreflang", "cy")
    # From the keyboard: the link takes focus and Enter follows it.
    switch.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "cy/" + path)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    back = page.locator("a.cb-language__link")
    expect(back).to_have_attribute("hreflang", "en")
    back.click()
    expect(page).to_have_url(site_url + path)
    page.context.close()
    assert errors == []


def test_the_welsh_find_page_filters_with_welsh_labels(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + "cy/find/")
    expect(page.locator("label[for='cb-region-wales']")).to_contain_text("Cymru")
    page.locator("#cb-region-wales").check()
    expect(page).to_have_url(site_url + "cy/find/?region=wales")
    results = page.locator(".cb-card:not([hidden]) .cb-card__title a")
    expect(results.first).to_be_visible()
    titles = results.all_inner_texts()
    assert "Uned ymateb ar y cyd Gwent" in titles
    # The cards' region labels are the Welsh ones, and result links stay on the Welsh site.
    expect(page.locator(".cb-card:not([hidden]) [data-facet='region']").first).to_contain_text("Cymru")
    assert all(href.startswith("../case-studies/") for href in
               results.evaluate_all("links => links.map(link => link.getAttribute('href'))"))
    # Cards the script draws say which records' text is English (those without Welsh) and only those.
    page.locator("#cb-region-wales").uncheck()
    page.locator("#cb-service-fire").check()
    expect(page).to_have_url(site_url + "cy/find/?service=fire")
    marks = results.evaluate_all("links => links.map(link => [link.getAttribute('href'), link.getAttribute('lang'), "
                                 "link.closest('li').querySelector('[data-slot=summary]').getAttribute('lang')])")
    welsh = {f"../case-studies/{slug}/" for slug in WELSH_RECORDS}
    assert any(lang == "en" for _, lang, _ in marks) and any(href in welsh for href, _, _ in marks)
    assert all((title, summary) == ((None, None) if href in welsh else ("en", "en")) for href, title, summary in marks)
    page.context.close()
    assert errors == []


def test_the_welsh_header_search_finds_welsh_pages_only(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url)
            if "/search/" in request.url or "/find/words/" in request.url else None)
    page.goto(site_url + "cy/about/")
    page.keyboard.press("/")
    # The Welsh title of a record with a Welsh version; the English site has no page saying it.
    page.keyboard.type("Abertyleri", delay=20)
    expect(page.locator("#cb-search-status")).to_contain_text("Abertyleri", timeout=15_000)
    paths = page.eval_on_selector_all("#cb-search-results [role=option]",
                                      "options => options.map(o => new URL(o.dataset.href).pathname)")
    assert "/cy/case-studies/abertillery-emergency-services-station/" in paths
    assert all(path.startswith("/cy/") for path in paths)
    # The Welsh site's own search data and word shards, found from the page.
    assert any(url.startswith(site_url + "cy/search/") for url in requested)
    assert all(url.startswith(site_url + "cy/") for url in requested)
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("path", ["cy/", "cy/case-studies/gwent-joint-response-unit/",
                                  "cy/case-studies/avon-fire-headquarters-at-police-headquarters-portishead/",
                                  "cy/find/", "cy/about/", "404.html"])
def test_welsh_pages_and_the_bilingual_404_have_no_wcag_violations(browser: Browser, site_url: str,
                                                                     path: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + path)
    assert axe_violations(page) == []
    page.context.close()
    assert errors == []
