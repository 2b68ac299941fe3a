"""Casebook's benchmarks: validation, build, search and preview against plain MkDocs + Material.

    .venv/bin/python benchmarks/run.py            # N = 1,000 and 5,000 (about 3 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --large    # also N = 10,000
    .venv/bin/python benchmarks/run.py --sizes 50 --skip-browser --skip-serve

Prints a Markdown table and writes it to benchmarks/out/results.md; progress goes to stderr.
Every site is built in a temporary folder outside the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    # Run as a script: make the repository importable so `benchmarks` and `generator` resolve.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import preview, table  # noqa: E402
from benchmarks.lighthouse import lighthouse  # noqa: E402
from benchmarks.measure import Validation, build, time_gap_map, time_validation  # noqa: E402
from benchmarks.projects import (  # noqa: E402
    ENGLISH_ONLY,
    casebook_project,
    load_project_taxonomy,
    plain_project,
    write_plain_page,
    write_record,
    write_records,
)
from benchmarks.search import THROTTLE_TEXT, chromium, measure_find, measure_search, served  # noqa: E402
from benchmarks.synthetic import Vocabulary, synthetic_records  # noqa: E402
from generator.content.taxonomy import Taxonomy  # noqa: E402

DEFAULT_SIZES = [1_000, 5_000]
LARGE_SIZE = 10_000
PREVIEW_SIZE = 1_000
OUTPUT = Path(__file__).resolve().parent / "out" / "results.md"


def progress(message: str) -> None:
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Projects:
    """The two projects built from one synthetic library."""

    casebook: Path
    plain: Path
    records: dict[str, dict[str, Any]]
    taxonomy: Taxonomy


def prepare(n: int, folder: Path) -> Projects:
    casebook = casebook_project(folder / "casebook")
    taxonomy = load_project_taxonomy(casebook)
    records = synthetic_records(n, Vocabulary.from_taxonomy(taxonomy))
    write_records(casebook, records)
    return Projects(casebook, plain_project(folder / "plain", records, taxonomy), records, taxonomy)


def validate(projects: Projects) -> Validation:
    validation = time_validation(projects.casebook)
    if validation.errors or validation.records != len(projects.records):
        raise SystemExit(f"the synthetic records do not validate ({validation}); "
                         f"run `casebook --root {projects.casebook} validate`")
    return validation


def preview_latencies(projects: Projects) -> tuple[float, float]:
    """Edit the title of the first record under Casebook, and of its page under plain MkDocs."""
    slug, record = next(iter(projects.records.items()))
    page = f"case-studies/{slug}/"
    # Casebook's preview for large libraries (README): with --dirty it re-renders only the pages
    # an edit changes; plain MkDocs has no such cache for its pages, so it is measured as it runs.
    progress("  preview: editing one record under Casebook's mkdocs serve --dirty")
    casebook_s = preview.preview_latency(
        projects.casebook, page, lambda title: write_record(projects.casebook, slug, record | {"title": title}),
        ("--dirty",))
    progress("  preview: editing one page under plain mkdocs serve")
    plain_s = preview.preview_latency(
        projects.plain, page,
        lambda title: write_plain_page(projects.plain, slug, record | {"title": title}, projects.taxonomy))
    return casebook_s, plain_s


def measure_size(n: int, folder: Path, with_browser: bool, with_preview: bool, runs: int = 1) -> table.SizeResult:
    """Every measurement at one library size, in `folder` (a fresh temporary folder)."""
    progress(f"N = {n:,}: generating records")
    projects = prepare(n, folder)
    progress(f"N = {n:,}: validating")
    validation = validate(projects)
    progress(f"N = {n:,}: building the Casebook site in English")
    casebook_build = build(projects.casebook, folder / "casebook-site", runs, ENGLISH_ONLY)
    progress(f"N = {n:,}: building the Casebook site in English and Welsh")
    two_languages = build(projects.casebook, folder / "casebook-site-cy", runs)
    progress(f"N = {n:,}: building the plain MkDocs site")
    plain_build = build(projects.plain, folder / "plain-site", runs)
    progress(f"N = {n:,}: making the evidence and gap map page")
    result = table.SizeResult(n, validation, casebook_build, plain_build, gap_map_s=time_gap_map(projects.casebook),
                              two_languages=two_languages)
    if with_browser:
        progress(f"N = {n:,}: searching both sites in Chromium")
        # Started only now: an idle browser still takes CPU time that the builds would miss.
        with chromium() as browser:
            own = measure_search(browser, folder / "casebook-site", "input", ranked=True)
            result = replace(result, casebook_search=own,
                             plain_search=measure_search(browser, folder / "plain-site", "keyup"),
                             find=measure_find(browser, folder / "casebook-site"))
        progress(f"N = {n:,}: Lighthouse (mobile) on the Find page, served compressed")
        with served(folder / "casebook-site", compressed=True) as url:
            result = replace(result, find_lighthouse=lighthouse(url + "find/").performance)
    if with_preview:
        casebook_s, plain_s = preview_latencies(projects)
        result = replace(result, casebook_preview_s=casebook_s, plain_preview_s=plain_s)
    return result


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES, metavar="N",
                        help="library sizes to measure (default: 1000 5000)")
    parser.add_argument("--large", action="store_true", help=f"also measure N = {LARGE_SIZE:,}")
    parser.add_argument("--runs", type=int, default=1, metavar="R",
                        help="build each site R times and keep the fastest (steadier on a busy machine)")
    parser.add_argument("--skip-browser", action="store_true", help="do not measure search in Chromium")
    parser.add_argument("--skip-serve", action="store_true", help="do not measure preview latency")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the table")
    args = parser.parse_args(argv)
    args.sizes = sorted(set(args.sizes + ([LARGE_SIZE] if args.large else [])))
    if min(args.sizes) < 1 or args.runs < 1:
        parser.error("sizes and runs must be positive")
    return args


def header(args: argparse.Namespace, argv: list[str]) -> str:
    versions = ", ".join(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "markdown"))
    return (f"# Casebook benchmarks\n\n{dt.date.today()}; {os.cpu_count()} CPUs, {platform.python_implementation()} "
            f"{platform.python_version()}, {versions}.\nCommand: `{' '.join(['benchmarks/run.py', *argv])}`. "
            "KB = 1,000 bytes, MB = 1,000,000 bytes. Preview latency is measured at "
            f"N = {_preview_size(args.sizes):,}.\n\n"
            "The Find page uses Casebook's compact generated index with filtering written for it, "
            "not Pagefind: the issue accepts that only if it meets the Find page targets, and the "
            "find page rows below are the evidence. The header search rows compare Casebook's box "
            "over its own search data (written with the pages: no indexing step) with Material's "
            "search on the plain site (benchmarks/header_search.py compares Pagefind too), in "
            "Chromium with files served "
            f"gzip-compressed over an emulated network: {THROTTLE_TEXT}, through the DevTools "
            "protocol. Build memory is the whole build's, sampled every 0.1 s: MkDocs, its "
            "render-ahead helper together (proportional set size). "
            "Lighthouse's performance score (mobile, its simulated throttling, the site served "
            "gzip-compressed) moves with how busy the machine is.\n\n")


def _preview_size(sizes: list[int]) -> int:
    return PREVIEW_SIZE if PREVIEW_SIZE in sizes else sizes[0]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = _parse(argv)
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"casebook-benchmark-{n}-") as folder:
            with_preview = not args.skip_serve and n == _preview_size(args.sizes)
            results.append(measure_size(n, Path(folder), not args.skip_browser, with_preview, args.runs))
    text = header(args, argv) + table.markdown(results)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(text, end="", flush=True)
    progress(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
