"""The header search at scale: Casebook's box over Pagefind against Material's search, in one run.

    .venv/bin/python benchmarks/header_search.py                       # N = 1,000
    .venv/bin/python benchmarks/header_search.py --sizes 1000 5000 10000

Per size it builds the Casebook site (the plugin indexes it with Pagefind after the build) and
the plain MkDocs + Material site (Material's search plugin) from the same records, with the
whole build's memory sampled, then searches each in Chromium as `benchmarks/search.py` does:
files served compressed, the network throttled. The table, the targets, the machine's load and
the decision go to benchmarks/out/header-search.md, rewritten after every size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import measure_size, progress  # noqa: E402
from benchmarks.search import THROTTLE_TEXT, SearchCost, chromium, measure_search  # noqa: E402
from benchmarks.table import (  # noqa: E402
    BUILD_RATIO,
    HEADER_SEARCH_BYTES,
    HEADER_SEARCH_TIME,
    KB,
    MB,
    PEAK_MEMORY,
    SizeResult,
    Target,
    number,
)

OUTPUT = Path(__file__).resolve().parent / "out" / "header-search.md"
LARGE = 10_000


# A reader who clicks the box and types two seconds later: Pagefind's script, WebAssembly and
# metadata load on focus, so by the first keystroke only the query's own files are left.
PAUSE_MS = 2_000


@dataclass(frozen=True)
class Measured:
    result: SizeResult
    paused: SearchCost  # Casebook's box, typed into PAUSE_MS after focus
    load: tuple[float, float]  # the machine's 1-minute load average before and after


def _cell(value: float, target: Target, n: int) -> str:
    verdict = target.verdict(n, value)
    return number(value) + ("" if verdict.startswith("judged") else f" ({verdict})")


def table(rows: list[Measured]) -> str:
    lines = ["| N | engine | first keystroke → results (ms) | next query (ms) | search files downloaded before first "
             "results, gzip (KB) | build ÷ plain build | whole build peak memory (MB) | indexer peak (MB), time (s) "
             "| load before / after |",
             "|" + " --- |" * 9]
    for row in rows:
        r = row.result
        assert r.casebook_search is not None and r.plain_search is not None
        ratio = r.casebook.seconds / r.plain.seconds
        load = f"{row.load[0]:.1f} / {row.load[1]:.1f}"
        first = _cell(r.casebook_search.first_results_ms, HEADER_SEARCH_TIME, r.n)
        lines.append(f"| {r.n:,} | Casebook: Pagefind | {first} | {number(r.casebook_search.next_query_ms)} "
                     f"| {_cell(r.casebook_search.search_gzip_bytes / KB, HEADER_SEARCH_BYTES, r.n)} "
                     f"| {_cell(ratio, BUILD_RATIO, r.n)} ({r.casebook.seconds:.1f} s, indexing included) "
                     f"| {_cell(r.casebook.memory.whole_bytes / MB, PEAK_MEMORY, r.n)} "
                     f"| {number(r.casebook.memory.indexer_bytes / MB)}, {number(r.casebook.memory.indexer_seconds)} "
                     f"| {load} |")
        paused = row.paused
        lines.append(f"| {r.n:,} | Casebook: Pagefind, typing {PAUSE_MS / 1000:.0f} s after focus "
                     f"| {_cell(paused.first_results_ms, HEADER_SEARCH_TIME, r.n)} | {number(paused.next_query_ms)} "
                     f"| {number(paused.search_gzip_bytes / KB)} | | | | {load} |")
        lines.append(f"| {r.n:,} | plain: Material's search | {number(r.plain_search.first_results_ms)} "
                     f"| {number(r.plain_search.next_query_ms)} | {number(r.plain_search.search_gzip_bytes / KB)} "
                     f"| 1 ({r.plain.seconds:.1f} s) | {number(r.plain.memory.whole_bytes / MB)} | — | {load} |")
    return "\n".join(lines) + "\n"


def decision(rows: list[Measured]) -> str:
    """Which engine wins at the largest size measured, and Pagefind against the issue's targets."""
    r = max(rows, key=lambda row: row.result.n).result
    assert r.casebook_search is not None and r.plain_search is not None
    pagefind, material = r.casebook_search, r.plain_search
    wins = (pagefind.first_results_ms < material.first_results_ms
            and pagefind.search_gzip_bytes < material.search_gzip_bytes)
    checks = [("first keystroke → results", HEADER_SEARCH_TIME, pagefind.first_results_ms),
              ("downloaded before first results", HEADER_SEARCH_BYTES, pagefind.search_gzip_bytes / KB),
              ("build ratio with indexing", BUILD_RATIO, r.casebook.seconds / r.plain.seconds),
              ("whole build peak memory", PEAK_MEMORY, r.casebook.memory.whole_bytes / MB)]
    judged = "; ".join(f"{name} {number(value)} ({target.verdict(r.n, value) if r.n == LARGE else 'judged at 10,000'})"
                       for name, target, value in checks)
    return (f"**Decision at N = {r.n:,}: {'Pagefind' if wins else 'Material search'}** (first results sooner "
            f"and fewer bytes than Material's search: {'yes' if wins else 'no'}). Against the issue's targets "
            f"(at N = 10,000): {judged}.\n")


def write(rows: list[Measured], output: Path) -> None:
    text = (f"# Header search: Casebook's box over Pagefind against Material's search\n\n{dt.date.today()}; "
            f"{os.cpu_count()} CPUs shared with other work (1-minute load average in the table), Python "
            f"{platform.python_version()}. Chromium; files served gzip-compressed; network emulated through the "
            f"DevTools protocol: {THROTTLE_TEXT}. The home page loads, the reader clicks the box and types "
            "\"fire\" (first results: the titles and excerpts of the top eight), then \"police\". Casebook "
            "loads Pagefind when the box gets focus. Build times are single runs; memory is sampled every "
            "0.1 s over the build's processes.\n\n" + table(rows) + "\n" + decision(rows))
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    progress(f"wrote {output}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000], metavar="N")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows: list[Measured] = []
    for n in sorted(set(args.sizes)):
        before = os.getloadavg()[0]
        with tempfile.TemporaryDirectory(prefix=f"casebook-header-search-{n}-") as folder:
            result = measure_size(n, Path(folder), with_browser=True, with_preview=False)
            with chromium() as browser:
                paused = measure_search(browser, Path(folder) / "casebook-site", "input", pause_ms=PAUSE_MS)
        rows.append(Measured(result, paused, (before, os.getloadavg()[0])))
        # Written after every size: on a busy machine the largest may not finish.
        write(rows, args.output)
    print(args.output.read_text(encoding="utf-8"), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
