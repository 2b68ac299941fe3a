"""Figures too large to mean anything: refused at validation with their line, never an
OverflowError in the build or a ValueError traceback from the loader."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support import make_project, record, run_build, write_record

from generator.content.schema import MAX_FIGURE


def _record_text(value: str, **overrides: object) -> str:
    text = yaml.safe_dump(record(**overrides), sort_keys=False)
    assert "value: 2000000\n" in text
    return text.replace("value: 2000000\n", f"value: {value}\n")


def _validate(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate"],
                          capture_output=True, text=True, timeout=120)


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(("value", "code"), [("9" * 400, "out-of-range"), (".inf", "wrong-type"),
                                             ("1e400", "number-too-large"), (str(MAX_FIGURE + 1), "out-of-range")])
def test_an_oversized_figure_is_a_validation_error_on_its_line(tmp_path: Path, value: str, code: str) -> None:
    project = make_project(tmp_path, {})
    text = _record_text(value)
    write_record(project, "kent-control", text)
    result = _validate(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = _line_of(text, "value: ")
    expected = rf"^content/case-studies/kent-control\.yaml:{line}:\d+: error: outcomes\[0\]\.value: .*\[{code}\]$"
    assert re.search(expected, result.stdout, re.MULTILINE), result.stdout


def test_the_largest_figure_allowed_is_accepted(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    write_record(project, "kent-control", _record_text(str(MAX_FIGURE)))
    result = _validate(project)
    assert result.returncode == 0, result.stdout


def test_the_build_refuses_a_400_digit_figure_with_the_validation_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    write_record(project, "kent-control", _record_text("9" * 400))
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "OverflowError" not in result.stderr and "Traceback" not in result.stderr
    assert "kent-control.yaml" in result.stderr and "[out-of-range]" in result.stderr


def test_an_integer_of_5000_digits_is_one_problem_and_the_rest_are_still_found(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    text = _record_text("7" * 5000, status="runnning", areas=["Kent", "DIGITS"]).replace("DIGITS", "8" * 5000)
    write_record(project, "kent-control", text)
    write_record(project, "other-scheme", record(regions=["south-easy"]))
    result = _validate(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    found = [line.split(": ", 1)[0] + " " + line.rsplit(" ", 1)[-1] for line in result.stdout.splitlines()[:-1]]
    assert all(len(line) < 400 for line in result.stdout.splitlines())
    value_line, area_line = _line_of(text, "value: 777"), _line_of(text, "- 888")
    assert found == [f"content/case-studies/kent-control.yaml:{area_line}:3 [number-too-large]",
                     f"content/case-studies/kent-control.yaml:{_line_of(text, 'status:')}:9 [unknown-term]",
                     f"content/case-studies/kent-control.yaml:{value_line}:10 [number-too-large]",
                     f"content/case-studies/other-scheme.yaml:{_line_of(text, 'regions:') + 1}:3 [unknown-term]"]
