"""The records of issue 12, built with the real plugin (the validator bypassed, so the renderer
is tested on its own) and opened in Chromium: no script from them runs, no element carries a
handler or a javascript: link."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser, expect
from support import make_project, record
from unchecked_library import build_unchecked, case_studies, shipped_taxonomy

from generator.content.taxonomy import Taxonomy

ATTRIBUTES = "{: autofocus tabindex=1 onfocus=alert(document.domain) }"
RECORDS = {
    "attribute-list-title": record(title=f"Kent [room](https://example.org){ATTRIBUTES} \x80"),
    "non-character-summary": record(summary="Moved \ufffe and \uffff [moved](javascript:alert(1)) to one room."),
    "in-a-hostile-region": record(regions=["wales"]),
    "hostile-lesson": record(lessons=[{"theme": "culture-and-identity",
                                       "text": "Crews <img src=x onerror=alert(4)> [met](javascript:alert(5))."}]),
    # Text that looks like markup, in a title and in a place the search results show.
    "markup-in-search": record(title="Zanzibar <b>bold</b> room", areas=["Zanzibar </mark><img src=x "
                               "onerror=alert(3)><mark> and <script>alert(4)</script>"]),
}
REGION_NAME = f"Wales [here](javascript:alert(2)){ATTRIBUTES} \x80"
# Any element that could run script: a handler attribute, or a link or source with a script URL.
LIVE_ELEMENTS = """() => Array.from(document.querySelectorAll('*')).flatMap((element) =>
  Array.from(element.attributes).filter((attribute) => attribute.name.startsWith('on')
    || /^\\s*(javascript|vbscript|data):/i.test(attribute.value)
    || attribute.name === 'autofocus').map((attribute) => `${element.tagName} ${attribute.name}=${attribute.value}`))"""

pytestmark = pytest.mark.browser


def hostile_taxonomy() -> Taxonomy:
    taxonomy = shipped_taxonomy()
    regions = dict(taxonomy.regions, wales=dataclasses.replace(taxonomy.regions["wales"], name=REGION_NAME))
    return dataclasses.replace(taxonomy, regions=regions)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile-browser"), {})
    build_unchecked(project, hostile_taxonomy(), case_studies(RECORDS), project / "site")
    return project / "site"


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


def hostile_pages(site: Path) -> list[str]:
    """Every page that shows one of the payloads."""
    return sorted(page.relative_to(site).as_posix() for page in site.rglob("*.html")
                  if "alert(" in page.read_text(encoding="utf-8"))


def test_the_payloads_reach_the_pages_as_text(site: Path) -> None:
    pages = hostile_pages(site)
    for expected in ("case-studies/attribute-list-title/index.html", "case-studies/non-character-summary/index.html",
                     "regions/wales/index.html", "case-studies/index.html", "find/index.html"):
        assert expected in pages
    text = (site / "case-studies/attribute-list-title/index.html").read_text(encoding="utf-8")
    assert f"<title>Kent [room](https://example.org){ATTRIBUTES} \x80 - Casebook</title>" in text


def test_no_script_from_a_hostile_record_or_term_runs_in_chromium(browser: Browser, site: Path, site_url: str) -> None:
    dialogs: list[str] = []
    page, errors = open_page(browser)
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    live: dict[str, list[str]] = {}
    # The Find page's lessons view is drawn in the browser from find/lessons.json.
    for path in [*hostile_pages(site), "find/index.html?view=lessons"]:
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # a focus handler would run now, if autofocus did not start it
        found = page.evaluate(LIVE_ELEMENTS)
        if found:
            live[path] = found
    expect(page.locator("#cb-find-themes li", has_text="Crews <img src=x onerror=alert(4)>")).to_have_count(1)
    page.context.close()
    assert live == {}
    assert dialogs == []
    assert errors == []


def test_search_results_show_markup_in_records_as_text(browser: Browser, site_url: str) -> None:
    dialogs: list[str] = []
    page, errors = open_page(browser)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_url + "about/")
    page.keyboard.press("/")
    page.keyboard.type("Zanzibar", delay=20)
    option = page.locator("#cb-search-results [role=option]").first
    option.wait_for(timeout=15_000)
    assert option.locator(".cb-search-result__title").inner_text() == "Zanzibar <b>bold</b> room"
    assert "<img src=x onerror=alert(3)>" in option.inner_text()
    assert option.locator("img, b, script").count() == 0
    page.goto(site_url + "search/?q=Zanzibar")
    result = page.locator("#cb-search-page-results li").first
    result.wait_for(timeout=15_000)
    assert result.locator("img, b, script").count() == 0
    assert page.evaluate(LIVE_ELEMENTS) == []
    page.context.close()
    assert dialogs == [] and errors == []
