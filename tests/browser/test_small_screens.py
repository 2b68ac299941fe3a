"""The shipped site on a phone (412 x 823, a common Android size, and 320 px for WCAG reflow) and
on paper: labels above values, whole words in tables, badges as readable as the text beside them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import open_page
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}
NARROWEST = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
RECORD = "case-studies/kent-police-fire-joint-control-room/"

# Every word (split at spaces and hyphens, where a line may break) drawn on more than one line.
BROKEN_WORDS = """selector => {
  const broken = [];
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (new Set([...range.getClientRects()].map(rect => Math.round(rect.top))).size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def sized(browser: Browser) -> Iterator[dict[str, Page]]:
    """A page at each size, closed after the test with no console error."""
    pages = {name: open_page(browser, viewport=viewport)
             for name, viewport in (("phone", PHONE), ("narrowest", NARROWEST), ("desktop", DESKTOP))}
    yield {name: page for name, (page, _) in pages.items()}
    for page, errors in pages.values():
        page.context.close()
        assert errors == []


def _boxes(page: Page, selector: str) -> list[dict[str, float]]:
    return page.locator(selector).evaluate_all("els => els.map(el => el.getBoundingClientRect().toJSON())")


def test_at_a_glance_labels_sit_above_their_values_on_a_phone(sized: dict[str, Page], site_url: str) -> None:
    phone = sized["phone"]
    phone.goto(site_url + RECORD)
    panel = _boxes(phone, ".cb-panel .cb-facts")[0]
    for label, value in zip(_boxes(phone, ".cb-panel dt"), _boxes(phone, ".cb-panel dd"), strict=True):
        assert label["bottom"] <= value["top"] + 1
        assert value["width"] >= panel["width"] - 1
    desktop = sized["desktop"]
    desktop.goto(site_url + RECORD)
    for label, value in zip(_boxes(desktop, ".cb-panel dt"), _boxes(desktop, ".cb-panel dd"), strict=True):
        assert label["right"] <= value["left"] and abs(label["top"] - value["top"]) < 2


@pytest.mark.parametrize("path", ["organisations/", "types/", "regions/", "evidence-base/"])
def test_tables_keep_every_word_whole_and_fit_or_scroll_in_their_own_region(sized: dict[str, Page],
                                                                             site_url: str, path: str) -> None:
    for size in ("phone", "narrowest"):
        page = sized[size]
        page.goto(site_url + path)
        assert page.evaluate(BROKEN_WORDS, "table.cb-counts") == [], size
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
        overflowing = page.locator("table.cb-counts").evaluate_all(
            """tables => tables.filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1)
                               .map(t => [t.caption.textContent, getComputedStyle(t.parentElement).overflowX,
                                          t.parentElement.getAttribute('role'), t.parentElement.tabIndex])""")
        assert [table for table in overflowing if table[1:] != ["auto", "region", 0]] == [], size


def test_the_organisations_table_is_whole_on_a_phone(sized: dict[str, Page], site_url: str) -> None:
    # The table the issue found broken ("Voluntar / y sector") fits without a scroll region.
    page = sized["phone"]
    page.goto(site_url + "organisations/")
    table = _boxes(page, "table.cb-counts")[0]
    assert table["width"] <= _boxes(page, ".md-content__inner")[0]["width"]
    expect(page.get_by_role("cell", name="Voluntary sector").first).to_be_visible()


def test_listing_badges_are_at_least_0_85_of_body_text(sized: dict[str, Page], site_url: str) -> None:
    page = sized["phone"]
    page.goto(site_url + "services/fire/")
    body = float(page.locator(".cb-card__summary").first.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
    badges = page.locator(".cb-card .cb-badge").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))")
    assert len(badges) > 10 and min(badges) >= 0.85 * body


def test_pagination_is_left_off_paper(sized: dict[str, Page], site_url: str) -> None:
    page = sized["desktop"]
    page.goto(site_url + "case-studies/page/2/")
    pagination = page.get_by_role("navigation", name="Pagination")
    expect(pagination.get_by_role("link", name="Previous page 1 of")).to_be_visible()
    page.emulate_media(media="print")
    expect(pagination).to_be_hidden()
    expect(page.locator(".cb-card").first).to_be_visible()
