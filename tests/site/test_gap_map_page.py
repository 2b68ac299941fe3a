"""The evidence and gap map page and the service x region matrix, from a real build: the HTML a
reader without JavaScript gets, and what a reader sees and does in Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from browser_support import axe_violations, open_page, served
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import Browser, expect
from support import make_project, record, run_build

EVALUATED = {"url": "https://example.org/evaluation.pdf", "by": "University of Example"}


def scheme(title: str, types: list[str], domains: list[str], level: str) -> dict:
    evidence = {"level": level, **(EVALUATED if level == "independent-evaluation" else {})}
    return record(title=title, collaboration_types=types, evidence=evidence,
                  outcomes=[{"text": f"Outcome in {domain}", "domain": domain} for domain in domains])


RECORDS = {
    "co-responding-a": scheme("Co-responding A", ["first-response"], ["response-times", "cost-and-efficiency"],
                              "self-reported"),
    "co-responding-b": scheme("Co-responding B", ["first-response"], ["response-times"], "independent-evaluation"),
    "co-responding-c": scheme("Co-responding C", ["first-response", "demand-management"], ["response-times"],
                              "internal-review"),
    "shared-station": scheme("Shared station", ["shared-estates"], ["estate-and-assets"], "self-reported"),
}
# What each non-empty cell must say: (type, domain) -> (count, strongest level's name, its shade).
EXPECTED = {
    ("first-response", "response-times"): (3, "Independent evaluation", 4),
    ("first-response", "cost-and-efficiency"): (1, "Self-reported", 2),
    ("demand-management", "response-times"): (1, "Internal review", 3),
    ("shared-estates", "estate-and-assets"): (1, "Self-reported", 2),
}
PAGE = "evidence-base/gap-map/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("gap-map-site"), RECORDS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def page_html(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / PAGE / "index.html").read_text(encoding="utf-8"), "html.parser")


def cells(page: BeautifulSoup) -> dict[tuple[str, str], Tag]:
    """Each body cell by the ids its row and column headers point at."""
    table = page.select_one("table.cb-gap-map")
    assert table is not None
    columns = [th.a["href"].removeprefix("#domain-") for th in table.select("thead th")[1:]]
    found = {}
    for row in table.select("tbody tr"):
        row_id = row.th.a["href"].rstrip("/").split("/")[-1]
        for column, cell in zip(columns, row.find_all("td"), strict=True):
            found[row_id, column] = cell
    return found


def text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def test_the_map_is_a_captioned_table_with_headers_in_a_labelled_scroll_region(page_html: BeautifulSoup) -> None:
    table = page_html.select_one("table.cb-gap-map")
    region = table.find_parent("div")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-labelledby"] == table.caption["id"] and text(table.caption) == "Evidence and gap map"
    assert [th["scope"] for th in table.select("thead th")] == ["col"] * 11
    assert [th["scope"] for th in table.select("tbody th")] == ["row"] * 9
    assert "scroll it sideways" in text(page_html.select_one(".cb-scroll-cue"))


def test_each_cell_counts_its_case_studies_and_names_and_shades_the_strongest_level(
        page_html: BeautifulSoup) -> None:
    found = cells(page_html)
    for key, (count, level, shade) in EXPECTED.items():
        cell = found[key]
        assert cell.select_one(".cb-gap__count").get_text() == str(count), key
        assert text(cell.select_one(".cb-gap__level")) == f"Strongest evidence: {level}", key
        assert f"cb-gap--shade-{shade}" in cell["class"], key


def test_each_non_empty_cell_links_to_find_with_both_filters(page_html: BeautifulSoup) -> None:
    page_url = f"http://casebook.test/{PAGE}"
    for (type_id, domain), cell in cells(page_html).items():
        if (type_id, domain) not in EXPECTED:
            continue
        href = urljoin(page_url, cell.a["href"])
        assert urlsplit(href).path == "/find/", href
        assert parse_qs(urlsplit(href).query) == {"type": [type_id], "domain": [domain]}, href


def test_empty_cells_say_there_is_no_evidence(page_html: BeautifulSoup) -> None:
    empty = {key: cell for key, cell in cells(page_html).items() if key not in EXPECTED}
    assert len(empty) == 9 * 10 - len(EXPECTED)
    for key, cell in empty.items():
        assert text(cell) == "0 No evidence" and cell.a is None and "cb-gap--empty" in cell["class"], key


def test_the_page_says_how_to_read_the_map_and_what_is_off_it(page_html: BeautifulSoup) -> None:
    article = text(page_html.select_one("article"))
    assert "names the strongest evidence level among them" in article
    assert "4 of the 4 case studies are on the map." in article
    key = [text(item) for item in page_html.select("ul.cb-gap-key li")]
    assert key[0] == "No evidence yet (weakest)" and key[-2] == "Comparative study (strongest)"
    assert key[-1] == "No evidence: no case studies, a gap"


def test_the_evidence_base_links_to_the_map(site: Path) -> None:
    page = BeautifulSoup((site / "evidence-base/index.html").read_text(encoding="utf-8"), "html.parser")
    href = page.find("a", string="see the evidence and gap map")["href"]
    assert urljoin("http://casebook.test/evidence-base/", href) == f"http://casebook.test/{PAGE}"


# In Chromium

@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.mark.browser
def test_a_cell_opens_find_showing_exactly_its_case_studies(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + PAGE)
    page.get_by_role("link", name="3 case studies: First response and co-responding, Response times").click()
    expect(page).to_have_url(re.compile(r"/find/\?type=first-response&domain=response-times$"))
    expect(page.locator("#cb-find-status")).to_have_text(re.compile(r"^3 case studies match"))
    titles = page.locator("#cb-find-list a").all_text_contents()
    assert sorted(titles) == ["Co-responding A", "Co-responding B", "Co-responding C"]
    expect(page.locator('input[name="domain"][value="response-times"]')).to_be_checked()
    expect(page.locator('input[name="type"][value="first-response"]')).to_be_checked()
    assert errors == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("palette", ["default", "slate"])
def test_the_gap_map_page_passes_axe(browser: Browser, site_url: str, palette: str) -> None:
    page, errors = open_page(browser, color_scheme="dark" if palette == "slate" else "light")
    page.goto(site_url + PAGE)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palette)
    assert axe_violations(page) == []
    assert errors == []
    page.context.close()


SCROLLS = "el => [el.scrollWidth > el.clientWidth, getComputedStyle(el.previousElementSibling).display]"
# Keyboard scrolling may be smooth: wait for it, but not for ever.
SCROLLED_WITHIN_A_SECOND = """el => new Promise(done => {
    const end = performance.now() + 1000;
    const check = () => el.scrollLeft > 0 || performance.now() > end ? done(el.scrollLeft > 0)
                                                                     : requestAnimationFrame(check);
    check(); })"""


@pytest.mark.browser
@pytest.mark.parametrize("path, table", [("evidence-base/", "table.cb-matrix"), (PAGE, "table.cb-gap-map")])
def test_a_wide_table_fits_on_a_desktop_and_says_it_scrolls_on_a_phone(browser: Browser, site_url: str,
                                                                         path: str, table: str) -> None:
    for width, scrolls in ((1280, False), (320, True)):
        page, errors = open_page(browser, viewport={"width": width, "height": 800})
        page.goto(site_url + path)
        region = page.locator(f"div.cb-scroll:has({table})")
        overflowing, cue = region.evaluate(SCROLLS)
        assert (overflowing, cue != "none") == (scrolls, scrolls), width
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if scrolls:
            expect(region.locator("xpath=preceding-sibling::p[1]")).to_contain_text("scroll it sideways")
            region.focus()
            page.keyboard.press("ArrowRight")
            assert region.evaluate(SCROLLED_WITHIN_A_SECOND)
        assert errors == []
        page.context.close()


@pytest.mark.browser
def test_the_map_prints_whole_on_a_portrait_a4_page(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser, viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    page.goto(site_url + PAGE)
    page.emulate_media(media="print")
    region = page.locator("div.cb-scroll:has(table.cb-gap-map)")
    assert region.evaluate(SCROLLS) == [False, "none"]
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    assert errors == []
    page.context.close()
