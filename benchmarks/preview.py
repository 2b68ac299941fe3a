"""Preview latency: under `mkdocs serve`, the time from saving an edit to the rebuilt page
being served with it."""

from __future__ import annotations

import os
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

from .measure import BUILD_ENV

EDITED_TITLE = "Edited title for the preview benchmark"
STARTUP_TIMEOUT_S = 600.0
REBUILD_TIMEOUT_S = 300.0
POLL_INTERVAL_S = 0.05


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(project: Path, log: Path, extra: tuple[str, ...] = ()) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`mkdocs serve` with live reload in its own process group, stopped with everything it started."""
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", *extra]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=project, env=BUILD_ENV, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/", process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, timeout: float, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit {process.returncode}):\n{log.read_text()[-3000:]}")
        html = _fetch(url)
        if html is not None and text in html:
            return
        time.sleep(POLL_INTERVAL_S)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s; see {log}")


def preview_latency(project: Path, page: str, edit: Callable[[str], None], extra: tuple[str, ...] = ()) -> float:
    """Seconds from `edit(EDITED_TITLE)` to the page at `page` (a URL path) showing the new title.

    Serve builds the whole site before it answers, so the first page served marks the start."""
    log = project.with_name(project.name + "-serve.log")
    with serving(project, log, extra) as (base, process):
        _wait_for(base + page, "", STARTUP_TIMEOUT_S, process, log)
        started = time.perf_counter()
        edit(EDITED_TITLE)
        _wait_for(base + page, EDITED_TITLE, REBUILD_TIMEOUT_S, process, log)
        return time.perf_counter() - started
