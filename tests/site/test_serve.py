"""The editor's preview: `mkdocs serve` shows drafts, survives bad records and shows their problems
where the editor looks: on the record's own page and in the banner."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
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


def _page(url: str) -> BeautifulSoup:
    status, html = http_get(url)
    assert status == 200, url
    return BeautifulSoup(html, "html.parser")


def _texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [element.get_text(" ", strip=True) for element in soup.select(selector)]


def _line_of(path: Path, text: str) -> int:
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def test_broken_record_page_shows_its_problems_at_their_line(preview_site: tuple[Path, str]) -> None:
    project, base = preview_site
    path = write_record(project, "kent-control", record(regions=["south-east", "south-wset"]))
    line = _line_of(path, "- south-wset")
    wait_for(lambda: "cb-broken" in http_get(base + "case-studies/kent-control/")[1])
    page = _page(base + "case-studies/kent-control/")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "Kent single police and fire control room"
    assert _texts(page, ".cb-broken__title") == ["This case study has 1 error"]
    assert _texts(page, ".cb-broken .cb-problem--error") == [
        f"content/case-studies/kent-control.yaml:{line}:3: error: regions[1]: 'south-wset' is not a known "
        "region (did you mean 'south-west'?) [unknown-term]"]
    # Nothing of the record itself is shown until it validates.
    assert page.select(".cb-panel") == [] and "shared a mobilising system" not in page.get_text()
    write_record(project, "kent-control", record())
    wait_for(lambda: "cb-panel" in http_get(base + "case-studies/kent-control/")[1])
    assert "cb-broken" not in http_get(base + "case-studies/kent-control/")[1]


def test_broken_record_page_is_named_by_its_slug_when_its_title_is_wrong(preview_site: tuple[Path, str]) -> None:
    project, base = preview_site
    write_record(project, "kent-control", record(title="Kent"))
    wait_for(lambda: "cb-broken" in http_get(base + "case-studies/kent-control/")[1])
    page = _page(base + "case-studies/kent-control/")
    assert page.h1 is not None and page.h1.get_text(strip=True) == "kent-control"
    assert any("error: title: " in text for text in _texts(page, ".cb-broken .cb-problem"))


def test_banner_shows_warnings_collapsed_and_counted_after_errors(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(last_reviewed="2019-01-01"),
                                      "other-scheme": record(title="Another scheme", last_reviewed="2020-05-01")})
    with preview(project) as base:
        banner = _page(base).select_one(".cb-problems")
        assert banner is not None and banner.get("role") is None
        assert banner.select("details") == banner.select("details:not([open])") and len(banner.select("details")) == 1
        assert _texts(banner, "details > summary") == ["2 warnings in the content"]
        listed = _texts(banner, "details li")
        assert [text.split(": warning: ")[0] for text in listed] == [
            "content/case-studies/kent-control.yaml:" + str(_line_of(project / "content/case-studies/kent-control.yaml",
                                                                     "last_reviewed: '2019-01-01'")) + ":16",
            "content/case-studies/other-scheme.yaml:" + str(_line_of(project / "content/case-studies/other-scheme.yaml",
                                                                     "last_reviewed: '2020-05-01'")) + ":16"]
        assert all("[review-overdue]" in text for text in listed)
        write_record(project, "other-scheme", record(title="Another scheme", status="finished",
                                                     last_reviewed="2020-05-01"))
        wait_for(lambda: "1 error in the content" in http_get(base)[1])
        banner = _page(base).select_one(".cb-problems")
        assert banner is not None and banner.get("role") == "alert"
        errors = banner.select_one(":scope > ul")
        assert errors is not None and "'finished' is not a known status" in errors.get_text()
        assert errors.find_next_sibling("details") is not None
        assert _texts(banner, "details > summary") == ["2 warnings in the content"]


def test_deleting_a_related_record_keeps_the_record_with_the_broken_link(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(related=["other-scheme"]),
                                      "other-scheme": record(title="Another scheme")})
    path = project / "content/case-studies/kent-control.yaml"
    with preview(project) as base:
        assert "Another scheme" in _page(base + "case-studies/kent-control/").select_one(".cb-related").get_text()
        (project / "content/case-studies/other-scheme.yaml").unlink()
        wait_for(lambda: "cb-problems" in http_get(base)[1])
        expected = (f"content/case-studies/kent-control.yaml:{_line_of(path, '- other-scheme')}:3: error: related[0]: "
                    "there is no case study called 'other-scheme' (remove it if that case study was deleted; if it "
                    "was renamed, write its new file name without .yaml) [unknown-related]")
        assert _texts(_page(base), ".cb-problems li") == [expected]
        page = _page(base + "case-studies/kent-control/")
        assert page.select(".cb-panel") and page.select(".cb-broken") == []
        assert _texts(page, ".cb-related .cb-problem--error") == ["Broken link: " + expected]
        assert "kent-control" in [card["data-slug"] for card in _page(base + "case-studies/").select(".cb-card")]


def test_drafts_are_marked_in_every_listing(preview_site: tuple[Path, str]) -> None:
    _, base = preview_site
    for listing in ("case-studies/", "organisations/kent-police/", "services/fire/", ""):
        cards = {card["data-slug"]: card for card in _page(base + listing).select(".cb-card")}
        assert _texts(cards["work-in-progress"], ".cb-badge--draft") == ["Draft"], listing
        assert cards["kent-control"].select(".cb-badge--draft") == [], listing
    digest = _page(base + "lessons/").select(".cb-digest__source")
    marked = {source.a.get_text(): _texts(source, ".cb-badge--draft") for source in digest if source.a}
    assert marked == {"Unpublished draft scheme": ["Draft"], "Kent single police and fire control room": []}


def test_preview_has_header_search_data_with_its_drafts(preview_site: tuple[Path, str]) -> None:
    _, base = preview_site
    status, data = http_get(base + "search/records.json")
    assert status == 200
    assert "Unpublished draft scheme" in json.loads(data)["title"]


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


def test_library_keeps_records_with_dangling_related_and_lists_broken_files_that_have_an_address(
        tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(related=["deleted-scheme"]),
                                      "typo": record(status="finished"), "Bad Name": record(status="finished"),
                                      "untitled": record(title=["not", "text"], status="finished")})
    library = validate_library(project, today=dt.date(2026, 11, 24))
    assert [r.slug for r in library.records] == ["kent-control"]
    assert {p.code for p in library.errors if p.path.endswith("kent-control.yaml")} == {"unknown-related"}
    assert [(b.slug, b.title) for b in library.broken] == [("typo", "Kent single police and fire control room"),
                                                           ("untitled", None)]


def test_preview_serves_the_welsh_site_and_rebuilds_it_too(preview_site: tuple[Path, str]) -> None:
    project, base = preview_site
    status, html = http_get(base + "cy/case-studies/kent-control/")
    assert status == 200 and '<html lang="cy"' in html
    # Its own header search data, with --dirty too.
    assert http_get(base + "cy/search/index.json")[0] == 200
    write_record(project, "kent-control", record(title="Kent joint control room renamed"))
    wait_for(lambda: "Kent joint control room renamed" in http_get(base + "cy/case-studies/kent-control/")[1])
    # The English site is still English after the rebuild.
    english = http_get(base + "case-studies/kent-control/")[1]
    assert "Kent joint control room renamed" in english and '<html lang="en"' in english
