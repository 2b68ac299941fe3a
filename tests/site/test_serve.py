"""The editor's preview: `mkdocs serve` shows drafts, survives bad records and shows their problems."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import http_get, make_project, preview, record, wait_for, write_record

from generator.content.validate import RecordCache, validate_library


@pytest.fixture(params=[[], ["--dirty"]], ids=["serve", "serve-dirty"])
def preview_site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path, {"kent-control": record(),
                                      "work-in-progress": record(title="Unpublished draft scheme", draft=True)})
    with preview(project, *request.param) as base:
        yield project, base


def test_preview_shows_drafts_with_a_banner(preview_site: tuple[Path, str]) -> None:
    _, base = preview_site
    status, html = http_get(base + "case-studies/work-in-progress/")
    assert status == 200
    assert 'class="cb-draft"' in html and "This case study is a draft" in html


def test_preview_survives_a_broken_record_and_shows_its_problems(preview_site: tuple[Path, str]) -> None:
    project, base = preview_site
    write_record(project, "kent-control", record(services=["police", "fire-brigade"]))
    wait_for(lambda: "cb-problems" in http_get(base)[1])
    html = http_get(base)[1]
    assert "fire-brigade" in html and "kent-control.yaml:" in html
    write_record(project, "kent-control", record(title="Kent control room, fixed"))
    wait_for(lambda: "Kent control room, fixed" in http_get(base + "case-studies/kent-control/")[1])
    assert "cb-problems" not in http_get(base)[1]


def test_preview_picks_up_new_and_deleted_records(preview_site: tuple[Path, str]) -> None:
    project, base = preview_site
    write_record(project, "new-scheme", record(title="A brand new scheme"))
    wait_for(lambda: "A brand new scheme" in http_get(base + "case-studies/")[1])
    (project / "content/case-studies/new-scheme.yaml").unlink()
    wait_for(lambda: "A brand new scheme" not in http_get(base + "case-studies/")[1])


def test_preview_has_a_header_search_index_with_its_drafts(preview_site: tuple[Path, str]) -> None:
    # Under --dirty the first build's index stays (indexing every page again would cost more
    # than the rebuild); either way the preview's box has an index to search.
    _, base = preview_site
    status, entry = http_get(base + "pagefind/pagefind-entry.json")
    assert status == 200
    languages = json.loads(entry)["languages"]
    assert languages["en"]["page_count"] > 2  # the records, the draft among them, and hand-written pages


def test_record_cache_rechecks_only_changed_files(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"one": record(), "two": record(title="The second scheme")})
    cache, today = RecordCache(), dt.date(2026, 11, 24)
    first = validate_library(project, today=today, cache=cache)
    second = validate_library(project, today=today, cache=cache)
    assert [a is b for a, b in zip(first.records, second.records, strict=True)] == [True, True]
    path = write_record(project, "two", record(title="The second scheme, edited"))
    os.utime(path, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    third = validate_library(project, today=today, cache=cache)
    titles = {r.slug: r.title for r in third.records}
    assert titles["two"] == "The second scheme, edited"
    assert [r.slug for r in third.records] == ["one", "two"]
    assert third.records[0] is first.records[0]
