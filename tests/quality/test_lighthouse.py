"""Lighthouse 12.2.3 (mobile) on the Find page served compressed, as the issue measures it: no
layout shift worth the name and every accessibility audit passed. Its performance score depends
on how busy the machine is, so the benchmark reports it (benchmarks/run.py) instead of a test."""

from __future__ import annotations

from pathlib import Path

import pytest
from checkers import Finding, Known, ours

from benchmarks.lighthouse import LighthouseReport, lighthouse
from benchmarks.search import served

pytestmark = pytest.mark.browser

LIGHTHOUSE_MATERIAL = (
    Known("aria-dialog-name: Elements with `role=\"dialog\"` or `role=\"alertdialog\"` do not have accessible names.",
          '<div class="md-search" data-md-component="search" role="dialog">',
          "Material's header search dialog, unnamed in Material's template (an axe best practice, outside "
          "the WCAG rules the axe tests run); the header search is being replaced under issue 15"),
)


@pytest.fixture(scope="module")
def find_page(shipped_site: Path) -> LighthouseReport:
    with served(shipped_site, compressed=True) as url:
        # Layout shift is observed, not simulated: slowed for real, the page shifts (or not) every run.
        return lighthouse(url + "find/", throttling="devtools")


@pytest.mark.xfail(strict=True, reason="the Find page's results column moves when find.js shows the filters "
                                       "(CLS 0.50); the Find page rewrite on branch `finder` (issue 15) fixes "
                                       "it: remove this mark when it is merged")
def test_the_find_page_does_not_shift_as_it_loads(find_page: LighthouseReport) -> None:
    assert find_page.cumulative_layout_shift < 0.1


def test_the_find_page_passes_every_lighthouse_accessibility_audit(find_page: LighthouseReport) -> None:
    findings = [Finding("find/", audit, element) for audit, elements in find_page.accessibility_failures
                for element in elements or [""]]
    assert ours(findings, LIGHTHOUSE_MATERIAL) == []
