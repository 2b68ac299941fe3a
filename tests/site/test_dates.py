"""Page dates in the sitemap come from the content: a record's page from its review date, every
other page from the newest review (or SOURCE_DATE_EPOCH when a build pins one)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import make_project, record, run_build


def lastmod(site: Path) -> dict[str, str]:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    return dict(re.findall(r"<loc>https?://[^/<]+/([^<]*)</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap))


def test_a_record_page_is_dated_by_its_review_and_other_pages_by_the_newest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    project = make_project(tmp_path, {"kent-control": record(last_reviewed="2025-03-04"),
                                      "newer": record(title="A newer review", last_reviewed="2026-10-01")})
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    dates = lastmod(project / "site")
    assert dates["case-studies/kent-control/"] == "2025-03-04"
    assert dates["case-studies/newer/"] == "2026-10-01"
    assert dates["about/"] == dates["case-studies/"] == "2026-10-01"


def test_a_pinned_build_date_dates_pages_without_their_own(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(last_reviewed="2025-03-04")})
    result = run_build(project, env={"SOURCE_DATE_EPOCH": "1767225600"})  # 2026-01-01
    assert result.returncode == 0, result.stderr
    dates = lastmod(project / "site")
    assert dates["case-studies/kent-control/"] == "2025-03-04"
    assert dates["about/"] == "2026-01-01"
