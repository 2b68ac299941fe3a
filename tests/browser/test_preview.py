"""What an editor sees in the preview (`mkdocs serve`), checked in Chromium: the problems on a
broken record's page, the broken link in a related list and the folded warnings meet WCAG 2.2 AA
in both palettes, and the warnings open from the keyboard."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, Page, expect
from support import make_project, preview, record

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("preview"), {
        "kent-control": record(related=["deleted-scheme"], last_reviewed="2019-01-01"),
        "broken-scheme": record(title="A broken scheme", status="finished"),
        "work-in-progress": record(title="Unpublished draft scheme", draft=True),
    })
    with preview(project) as base:
        yield base


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["case-studies/broken-scheme/", "case-studies/kent-control/", "case-studies/"])
def test_preview_problems_and_marks_have_no_wcag_violations(browser: Browser, preview_url: str, path: str,
                                                             scheme: str) -> None:
    page, errors = open_page(browser, color_scheme=scheme)
    page.goto(preview_url + path)
    expect(page.locator(".cb-problems")).to_be_visible()
    page.locator(".cb-problems summary").click()
    expect(page.locator(".cb-problems details li")).to_be_visible()
    assert axe_violations(page) == []
    assert errors == []
    page.context.close()


def test_warnings_open_from_the_keyboard(page: Page, preview_url: str) -> None:
    page.goto(preview_url + "case-studies/broken-scheme/")
    warning = page.locator(".cb-problems details li")
    expect(page.locator(".cb-problems summary")).to_have_text("1 warning in the content")
    expect(warning).to_be_hidden()
    page.locator(".cb-problems summary").focus()
    page.keyboard.press("Enter")
    expect(warning).to_contain_text("kent-control.yaml")
    expect(warning).to_contain_text("[review-overdue]")
