"""Timing validation and `mkdocs build`, with the build's peak memory and the site's size, and
the evidence and gap map page's own share of a build."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generator.catalogue import Catalogue
from generator.content.problems import NO_PROBLEMS
from generator.content.validate import validate_library
from generator.render.pages import PageRenderer, RenderOptions
from generator.settings import Settings

# NO_MKDOCS_2_WARNING silences Material's end-of-life banner. No repository address, so
# neither site gets edit links and both builds see the same configuration.
# The last line `casebook validate` prints, e.g. "0 errors, 12 warnings in 10 files".
SUMMARY = re.compile(r"^(?P<errors>\d+) errors?, (?P<warnings>\d+) warnings?")
BUILD_ENV = {**{k: v for k, v in os.environ.items() if k != "CASEBOOK_REPO_URL"}, "NO_MKDOCS_2_WARNING": "1"}


@dataclass(frozen=True)
class Validation:
    seconds: float
    records: int
    errors: int
    warnings: int

    @property
    def per_second(self) -> float:
        return self.records / self.seconds


@dataclass(frozen=True)
class Memory:
    """Peak memory of a process and everything it started, sampled while it ran."""

    whole_bytes: int  # the highest sum over the process tree (proportional set size)


@dataclass(frozen=True)
class Site:
    """What a build wrote: every file's bytes, how many HTML pages, and the largest page."""

    bytes: int
    html_pages: int
    largest_page: str  # its path in the site
    largest_page_bytes: int


@dataclass(frozen=True)
class Build:
    seconds: float
    peak_rss_bytes: int  # the largest single process (the kernel's figure)
    site: Site
    memory: Memory


def time_validation(project: Path) -> Validation:
    """`casebook validate` on the whole library, as an editor or CI runs it: a fresh process,
    its start-up included, every problem printed."""
    records = len(list((project / "content" / "case-studies").glob("*.yaml")))
    command = [sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate"]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=BUILD_ENV)
    seconds = time.perf_counter() - started
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    summary = SUMMARY.search(last)
    if result.returncode not in (0, 1) or not (summary or last == NO_PROBLEMS):
        raise SystemExit(f"casebook validate failed on {project}:\n{result.stderr[-3000:]}")
    if summary is None:
        return Validation(seconds, records, 0, 0)
    return Validation(seconds, records, int(summary["errors"]), int(summary["warnings"]))


_SAMPLE_S = 0.1


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _pss(pid: int) -> int:
    """A process's proportional set size: shared pages split between their sharers (the
    render-ahead helper shares most of its pages with MkDocs)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


class _TreeSampler(threading.Thread):
    """Samples the memory of a process tree every tenth of a second until stopped: a build's
    peak is MkDocs and its render-ahead helper together."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stopped = pid, threading.Event()
        self.whole = 0

    def run(self) -> None:
        while not self.stopped.wait(_SAMPLE_S):
            tree, pids, total = _children(), [self.pid], 0
            while pids:
                pid = pids.pop()
                total += _pss(pid)
                pids += tree.get(pid, [])
            self.whole = max(self.whole, total)

    def result(self) -> Memory:
        return Memory(self.whole)


def run_measured(command: list[str], cwd: Path, log: Path) -> tuple[float, int, int, Memory]:
    """Wall time, peak RSS in bytes and exit code of one process.

    `os.wait4` returns the kernel's rusage for exactly this child, the figure `/usr/bin/time -v`
    prints, without parsing its text; RUSAGE_CHILDREN would be the maximum over every child
    this process has ever waited for."""
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=BUILD_ENV, stdout=output, stderr=subprocess.STDOUT)
        sampler = _TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        sampler.stopped.set()
        sampler.join()
    # Reaped here: tell Popen, or it warns that the child is still running.
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in kilobytes on Linux.
    return seconds, usage.ru_maxrss * 1024, process.returncode, sampler.result()


def site_size(site: Path) -> Site:
    total = pages = largest = 0
    largest_path = ""
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            size = os.path.getsize(path)
            total += size
            if name.endswith(".html"):
                pages += 1
                if size > largest:
                    largest, largest_path = size, os.path.relpath(path, site)
    return Site(total, pages, largest_path, largest)


def build(project: Path, site: Path, runs: int = 1, config: str = "mkdocs.yml") -> Build:
    """`mkdocs build` in a fresh process, as a person or CI runs it; with several runs, the
    fastest time (the one least disturbed by other work on the machine) and the highest peak
    memory."""
    log = site.with_name(site.name + "-build.log")
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", config, "--site-dir", str(site)]
    measured = []
    for _ in range(runs):
        seconds, rss, code, memory = run_measured(command, project, log)
        if code != 0:
            raise RuntimeError(f"mkdocs build failed in {project} (exit {code}):\n{log.read_text()[-3000:]}")
        measured.append((seconds, rss, memory))
    fastest = min(measured, key=lambda m: m[0])
    peak = max(measured, key=lambda m: m[2].whole_bytes)[2]
    return Build(fastest[0], max(r for _, r, _ in measured), site_size(site), peak)


def time_gap_map(project: Path, runs: int = 3) -> float:
    """Seconds the generator takes to make the evidence and gap map page (counting every cell and
    rendering its template) from the loaded library, as a build makes it: the fastest of `runs`.
    MkDocs' conversion of the page's Markdown, a single HTML block, is not included."""
    library = validate_library(project)
    if library.taxonomy is None:
        raise SystemExit(f"the taxonomy of {project} does not load")
    catalogue = Catalogue.published(library.taxonomy, library.records)
    renderer = PageRenderer(catalogue, Settings().templates(project), RenderOptions(), library.schema)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        _ = renderer.gap_map().content  # made when read
        timings.append(time.perf_counter() - started)
    return min(timings)
