"""The benchmark suite runs end to end on a small library.

Timings are never asserted: the machine is shared and N = 50 says nothing about scale. What is
checked is that the synthetic records are valid and varied, and that the table is complete.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import ROOT

SIZE = 50
COLUMNS = ["N", "measure", "Casebook", "plain MkDocs + Material", "target", "result"]
MEASURES = {
    "validation time (s)": False,
    "validation rate (records/s)": False,
    "build time (s)": True,
    "build time ratio (Casebook / plain)": False,
    "build time, English and Welsh sites (s)": False,
    "build time ratio (English and Welsh / English only)": False,
    "build peak memory, English and Welsh (MB)": False,
    "build peak memory, whole build (MB)": True,
    "build peak RSS, largest process (MB)": True,
    "site size (MB)": True,
    "HTML pages": True,
    "header search: payload until all results ranked (KB)": True,
    "header search: payload until all results ranked, gzip (KB)": True,
    "header search: all downloads until all results ranked, gzip (KB)": True,
    "header search: first keystroke after page load → first results (ms)": True,
    "header search: first keystroke after page load → all results ranked (ms)": True,
    "header search: next query → results (ms)": True,
    "preview: edit saved → page served with it (s; Casebook with --dirty)": True,
    "find page: all downloads before first results, gzip (KB)": False,
    "find page: page load → filters ready (ms)": False,
    "find page: keystroke → updated results (ms, includes 120 ms typing pause)": False,
    "find page: a word typed → results with body text (ms, includes the pause and a word shard)": False,
    "find page: tick a filter → updated results (ms)": False,
    "find page: word shards fetched for that word, gzip (KB)": False,
    "find page: open the lessons view → lessons drawn (ms, includes fetching them)": False,
    "find page: lessons file, gzip (KB)": False,
    "largest HTML page (KB)": True,
    "find page: Lighthouse mobile performance score (served compressed)": False,
    "gap map page: time to make it (ms)": False,
    "gap map page: share of the build time (%)": False,
}  # measure → whether plain MkDocs has a figure too
TARGETED = {"validation rate (records/s)", "build time ratio (Casebook / plain)",
            "build time ratio (English and Welsh / English only)",
            "build peak memory, whole build (MB)",
            "header search: payload until all results ranked, gzip (KB)",
            "header search: first keystroke after page load → first results (ms)",
            "preview: edit saved → page served with it (s; Casebook with --dirty)",
            "find page: all downloads before first results, gzip (KB)",
            "find page: keystroke → updated results (ms, includes 120 ms typing pause)",
            "find page: a word typed → results with body text (ms, includes the pause and a word shard)",
            "find page: tick a filter → updated results (ms)", "largest HTML page (KB)",
            "find page: Lighthouse mobile performance score (served compressed)"}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The benchmark at N = 50 with every measurement on: (file written, stdout)."""
    output = tmp_path_factory.mktemp("benchmark") / "results.md"
    result = subprocess.run([sys.executable, "benchmarks/run.py", "--sizes", str(SIZE), "--output", str(output)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return output.read_text(encoding="utf-8"), result.stdout


@pytest.fixture(scope="module")
def table(run: tuple[str, str]) -> tuple[list[str], dict[str, list[str]]]:
    lines = [line for line in run[0].splitlines() if line.startswith("|")]
    header, rows = _cells(lines[0]), [_cells(line) for line in lines[2:]]
    return header, {row[1]: row for row in rows}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("library") / "project"
    subprocess.run([sys.executable, "-m", "benchmarks.projects", str(folder), "--count", str(SIZE)],
                   cwd=ROOT, check=True, timeout=120)
    return folder


def test_synthetic_records_pass_casebook_validate(library: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(library), "validate"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-3000:]
    assert result.stdout.strip().splitlines()[-1].startswith("0 errors"), result.stdout[-3000:]
    assert len(list((library / "content" / "case-studies").glob("*.yaml"))) == SIZE


def test_synthetic_records_use_every_term_and_status(library: Path) -> None:
    records = [yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in (library / "content" / "case-studies").glob("*.yaml")]
    taxonomy = library / "content" / "taxonomy"

    def ids(file: str) -> set[str]:
        return {term["id"] for term in yaml.safe_load((taxonomy / file).read_text(encoding="utf-8"))}

    assert {lesson["theme"] for r in records for lesson in r["lessons"]} == ids("lesson-themes.yaml")
    assert {r["status"] for r in records} == ids("statuses.yaml")
    assert {s for r in records for s in r["services"]} == ids("services.yaml")
    assert {t for r in records for t in r["collaboration_types"]} == ids("collaboration-types.yaml")
    assert {o["domain"] for r in records for o in r.get("outcomes", []) if "domain" in o} == \
        ids("outcome-domains.yaml")
    assert any("ended" in r for r in records) and any("ended" not in r for r in records)
    lengths = sorted(len(r["description"]) for r in records)
    assert lengths[-1] > 10 * lengths[0]


def test_synthetic_records_are_the_same_every_time(library: Path, tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "benchmarks.projects", str(tmp_path / "again"), "--count", str(SIZE)],
                   cwd=ROOT, check=True, timeout=120)
    for path in (library / "content" / "case-studies").glob("*.yaml"):
        assert (tmp_path / "again" / "content" / "case-studies" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.browser
def test_table_has_every_column_and_measure(table: tuple[list[str], dict[str, list[str]]]) -> None:
    header, rows = table
    assert header == COLUMNS
    assert set(rows) == set(MEASURES)
    assert all(row[0] == str(SIZE) for row in rows.values())


@pytest.mark.browser
def test_every_figure_is_a_positive_number(table: tuple[list[str], dict[str, list[str]]]) -> None:
    for measure, row in table[1].items():
        figures = row[2:4] if MEASURES[measure] else row[2:3]
        assert all(float(figure.replace(",", "")) > 0 for figure in figures), row
        if not MEASURES[measure]:
            assert row[3] == "—", row


@pytest.mark.browser
def test_targets_carry_a_verdict(table: tuple[list[str], dict[str, list[str]]]) -> None:
    for measure, row in table[1].items():
        target, result = row[4], row[5]
        if measure in TARGETED:
            assert target and (result in ("pass", "FAIL") or result.startswith("judged at N = ")), row
        else:
            assert target == result == "", row


@pytest.mark.browser
def test_table_is_printed_and_written(run: tuple[str, str]) -> None:
    written, printed = run
    assert written == printed
    assert written.startswith("# Casebook benchmarks")


@pytest.mark.browser
def test_the_largest_page_is_named(run: tuple[str, str]) -> None:
    assert re.search(rf"^- Largest HTML page at N = {SIZE}: Casebook `[^`]+\.html` \([0-9.,]+ KB\), plain MkDocs "
                     r"`[^`]+\.html` \([0-9.,]+ KB\)\.$", run[0], re.MULTILINE), run[0][-600:]


@pytest.mark.browser
def test_header_search_benchmark_compares_both_engines_and_decides(tmp_path: Path) -> None:
    output = tmp_path / "header-search.md"
    result = subprocess.run([sys.executable, "benchmarks/header_search.py", "--sizes", str(SIZE), "--output",
                             str(output)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    rows = [_cells(line) for line in text.splitlines() if line.startswith(f"| {SIZE} |")]
    assert [row[1] for row in rows] == ["Casebook's own data", "Casebook's own data, typed 2 s after focus",
                                        "Pagefind", "Pagefind, typed 2 s after focus",
                                        "plain site: Material's search"]
    assert all(float(row[2].split()[0].replace(",", "")) > 0 for row in rows), rows
    assert "150 ms round trip, 1.6 Mbit/s down" in text and f"**Decision at N = {SIZE}:" in text
