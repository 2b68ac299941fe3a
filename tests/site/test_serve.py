"""The editor's preview: `mkdocs serve` shows drafts, survives bad records and shows their problems."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support import make_project, record, write_record

from generator.content.validate import RecordCache, validate_library


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def _wait_for(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError("the preview did not reach the expected state in time")


@pytest.fixture(params=[[], ["--dirty"]], ids=["serve", "serve-dirty"])
def preview(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = make_project(tmp_path, {"kent-control": record(),
                                      "work-in-progress": record(title="Unpublished draft scheme", draft=True)})
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload",
               *request.param]
    server = subprocess.Popen(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: _get(base)[0] == 200, 60)
        yield project, base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_preview_shows_drafts_with_a_banner(preview: tuple[Path, str]) -> None:
    _, base = preview
    status, html = _get(base + "case-studies/work-in-progress/")
    assert status == 200
    assert 'class="cb-draft"' in html and "This case study is a draft" in html


def test_preview_survives_a_broken_record_and_shows_its_problems(preview: tuple[Path, str]) -> None:
    project, base = preview
    write_record(project, "kent-control", record(services=["police", "fire-brigade"]))
    _wait_for(lambda: "cb-problems" in _get(base)[1])
    html = _get(base)[1]
    assert "fire-brigade" in html and "kent-control.yaml:" in html
    write_record(project, "kent-control", record(title="Kent control room, fixed"))
    _wait_for(lambda: "Kent control room, fixed" in _get(base + "case-studies/kent-control/")[1])
    assert "cb-problems" not in _get(base)[1]


def test_preview_picks_up_new_and_deleted_records(preview: tuple[Path, str]) -> None:
    project, base = preview
    write_record(project, "new-scheme", record(title="A brand new scheme"))
    _wait_for(lambda: "A brand new scheme" in _get(base + "case-studies/")[1])
    (project / "content/case-studies/new-scheme.yaml").unlink()
    _wait_for(lambda: "A brand new scheme" not in _get(base + "case-studies/")[1])


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
