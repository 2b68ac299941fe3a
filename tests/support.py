"""Helpers shared by the tests: small Casebook projects in a temporary folder, and real builds."""

from __future__ import annotations

import copy
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

BASE_RECORD: dict[str, Any] = {
    "title": "Kent single police and fire control room",
    "summary": "Kent Fire and Rescue Service moved its control room in with Kent Police and shared a mobilising "
               "system.",
    "services": ["police", "fire"],
    "regions": ["south-east"],
    "areas": ["Kent"],
    "collaboration_types": ["joint-control"],
    "status": "operational",
    "result": "promising",
    "started": "2012-03",
    "organisations": [{"name": "Kent Police", "service": "police"},
                      {"name": "Kent Fire and Rescue Service", "service": "fire"}],
    "context": "Both services answered emergency calls in separate control rooms on separate systems.",
    "description": "The fire control moved into the police building and the two services later shared one "
                   "mobilising system. See [the report](https://example.org/report).",
    "outcomes": [{"text": "Savings reported by 2020-21", "value": 2000000, "unit": "gbp"}],
    "lessons": [{"theme": "culture-and-identity",
                 "text": "Cultural differences between call handlers had to be worked through."}],
    "evidence": {"level": "self-reported"},
    "sources": [{"title": "Blue light working group", "url": "https://example.org/blue-light"}],
    "last_reviewed": "2026-11-20",
}


def record(**overrides: Any) -> dict[str, Any]:
    """A valid record, with some fields replaced (None removes a field)."""
    data = copy.deepcopy(BASE_RECORD)
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def slug_of(href: str) -> str:
    """The record a link in the Find index leads to (its page is case-studies/<slug>/)."""
    return href.rstrip("/").removesuffix(".html").rsplit("/", 1)[-1]


def make_project(folder: Path, records: dict[str, dict[str, Any] | str]) -> Path:
    """A copy of the real site configuration, theme, pages and taxonomy, with the given records."""
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, folder / name)
    shutil.copytree(ROOT / "site_theme", folder / "site_theme")
    shutil.copytree(ROOT / "content" / "pages", folder / "content" / "pages")
    shutil.copytree(ROOT / "content" / "taxonomy", folder / "content" / "taxonomy")
    (folder / "content" / "case-studies").mkdir()
    for slug, data in records.items():
        write_record(folder, slug, data)
    return folder


def write_record(project: Path, slug: str, data: dict[str, Any] | str) -> Path:
    path = project / "content" / "case-studies" / f"{slug}.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def run_build(project: Path, site: Path | None = None, *extra: str,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` in a subprocess, exactly as a person would run it."""
    site = site or project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *extra]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=environment, timeout=600)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    """Status and body, or (0, "") while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_for(check: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.3)
    raise AssertionError("the preview did not reach the expected state in time")


@contextmanager
def preview(project: Path, *extra: str, log: Path | None = None) -> Iterator[str]:
    """`mkdocs serve` on the project, as an editor runs it; yields its address once it answers.
    What it prints to the terminal goes to `log` when one is given."""
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload", *extra]
    terminal = log.open("w", encoding="utf-8") if log else subprocess.DEVNULL
    server = subprocess.Popen(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=terminal, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: http_get(base)[0] == 200, 60)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        if log:
            terminal.close()
