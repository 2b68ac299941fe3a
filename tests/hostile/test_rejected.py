"""Hostile records that must be refused: each gets its problem, on a line, and never a traceback."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import make_project, record, run_build, write_record

from generator.content.validate import validate_library

CORPUS = Path(__file__).parent / "corpus" / "rejected"
EXPECTED: dict[str, list[str]] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
LINE = re.compile(r"^content/case-studies/[^:]+:\d+:\d+: (error|warning): ")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("hostile"), {"kent-control": record()})
    for name in EXPECTED:
        shutil.copy(CORPUS / name, project / "content" / "case-studies" / name)
    # Generated here rather than committed: a 10 MB file and a link leaving the content folder.
    write_record(project, "ten-megabytes", record(summary="x" * 10_000_000))
    outside = project / "secret.yaml"
    outside.write_text("title: a file outside the content folder\n")
    os.symlink(outside, project / "content" / "case-studies" / "linked-out.yaml")
    return project


def test_every_hostile_file_gets_its_problems_on_a_line(project: Path) -> None:
    library = validate_library(project, today=dt.date(2026, 11, 24))
    found: dict[str, set[str]] = {}
    for problem in library.problems:
        found.setdefault(Path(problem.path).name, set()).add(problem.code)
        assert problem.line >= 1, problem.text()
    for name, codes in EXPECTED.items():
        assert set(codes) <= found.get(name, set()), (name, found.get(name))
    assert "file-too-large" in found["ten-megabytes.yaml"]
    assert "symlink-outside" in found["linked-out.yaml"]
    assert [r.slug for r in library.records] == ["kent-control"]


def test_the_cli_reports_them_all_without_a_traceback(project: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines[:-1]), [line for line in lines[:-1] if not LINE.match(line)]
    assert re.fullmatch(r"\d+ errors, \d+ warnings? in \d+ files", lines[-1])


def test_no_yaml_tag_ever_runs(project: Path) -> None:
    validate_library(project)
    assert not Path("/tmp/casebook-pwned").exists()


def test_the_build_refuses_them(project: Path, tmp_path: Path) -> None:
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "python-object-tag.yaml" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "case-studies" / "script-in-description").exists()
