"""The reference checkers find no error of the project's own: the Nu Html Checker, pa11y
(HTML_CodeSniffer, WCAG 2 AA) and axe-core (WCAG 2.2 AA), each over every checked page. Material's
own known errors are filtered by exact message and element in checkers.py, each saying why; the
tests also require them to be found, so a checker that silently checked nothing fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import axe_violations, open_page
from checkers import NU_MATERIAL, PA11Y_MATERIAL, nu_errors, ours, pa11y_errors
from playwright.sync_api import Browser


def test_the_nu_html_checker_finds_no_error_of_ours(shipped_site: Path, checked_pages: list[str]) -> None:
    findings = nu_errors(shipped_site, [page + "index.html" for page in checked_pages])
    assert {finding.page for finding in findings} == {page + "index.html" for page in checked_pages}
    assert ours(findings, NU_MATERIAL) == []


@pytest.mark.browser
def test_pa11y_finds_no_error_of_ours(site_url: str, checked_pages: list[str]) -> None:
    findings = pa11y_errors(site_url, checked_pages)
    assert {finding.page for finding in findings} == set(checked_pages)
    assert ours(findings, PA11Y_MATERIAL) == []


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 412, "height": 823}])
def test_axe_finds_no_wcag_violation(browser: Browser, site_url: str, checked_pages: list[str],
                                     viewport: dict[str, int]) -> None:
    page, errors = open_page(browser, viewport=viewport)
    found = {}
    for path in checked_pages:
        page.goto(site_url + path)
        found[path] = axe_violations(page)
    page.context.close()
    assert found == {path: [] for path in checked_pages}
    assert errors == []
