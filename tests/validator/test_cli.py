"""`casebook validate` as a contributor and CI see it: exit codes, the three formats, ordering,
the summary line and reporting on chosen files only."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest

from generator import cli
from generator.problems import Problem, Severity, format_github
from generator.validate import validate_library

from .conftest import BASE_RECORD, TODAY, Project

OVERDUE = BASE_RECORD.replace('last_reviewed: "2026-06-01"', 'last_reviewed: "2023-01-10"')
BAD = BASE_RECORD.replace("regions: [south-east]", "regions: [south-eats]").replace(
    "result: promising", "result: promissing")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "validate_library", functools.partial(validate_library, today=TODAY))


def run(project: Project, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = cli.main(["--root", str(project.root), "validate", *args])
    return code, capsys.readouterr().out.splitlines()


def test_clean_library_exits_0(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", BASE_RECORD)
    assert run(project, capsys) == (0, ["No problems found."])


def test_errors_exit_1_with_located_lines(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", BAD)
    code, lines = run(project, capsys)
    assert code == 1
    assert lines == [
        "content/case-studies/kent-control.yaml:4:11: error: regions[0]: 'south-eats' is not a known region "
        "(did you mean 'south-east'?) [unknown-term]",
        "content/case-studies/kent-control.yaml:8:9: error: result: 'promissing' is not a known result "
        "(did you mean 'promising'?) [unknown-term]",
        "2 errors, 0 warnings in 1 file",
    ]


def test_warnings_alone_exit_0(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", OVERDUE)
    code, lines = run(project, capsys)
    assert code == 0
    assert lines[0].startswith("content/case-studies/kent-control.yaml:37:16: warning: last_reviewed: ")
    assert lines[-1] == "0 errors, 1 warning in 1 file"


def test_strict_makes_warnings_errors(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", OVERDUE)
    code, lines = run(project, capsys, "--strict")
    assert code == 1
    assert ": error: last_reviewed: " in lines[0] and lines[0].endswith("[review-overdue]")
    assert lines[-1] == "1 error, 0 warnings in 1 file"


def test_summary_counts_errors_warnings_and_files(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", BAD)
    project.write("kent-fire.yaml", OVERDUE)
    project.write("notes.txt", "to do\n")
    code, lines = run(project, capsys)
    assert code == 1
    assert lines[-1] == "3 errors, 1 warning in 3 files"


def test_sorted_by_file_then_line(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("b-record.yaml", BAD)
    project.write("a-record.yaml", OVERDUE.replace("status: operational", "status: operatonal"))
    _, lines = run(project, capsys)
    located = [re.match(r"content/case-studies/([^:]+):(\d+):(\d+):", line) for line in lines[:-1]]
    order = [(m.group(1), int(m.group(2)), int(m.group(3))) for m in located]
    assert order == [("a-record.yaml", 7, 9), ("a-record.yaml", 37, 16), ("b-record.yaml", 4, 11),
                     ("b-record.yaml", 8, 9)]


def test_json_format(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", BAD)
    code, lines = run(project, capsys, "--format", "json")
    report = json.loads("\n".join(lines))
    assert code == 1
    assert report["summary"] == "2 errors, 0 warnings in 1 file"
    assert report["problems"][0] == {
        "path": "content/case-studies/kent-control.yaml", "line": 4, "col": 11, "severity": "error",
        "code": "unknown-term", "field": "regions[0]", "message": "'south-eats' is not a known region",
        "hint": "did you mean 'south-east'?",
    }
    assert [p["code"] for p in report["problems"]] == ["unknown-term", "unknown-term"]


def test_json_format_clean(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", BASE_RECORD)
    code, lines = run(project, capsys, "--format", "json")
    assert (code, json.loads("\n".join(lines))) == (0, {"problems": [], "summary": "No problems found."})


def test_github_format(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    project.write("kent-control.yaml", BAD)
    project.write("notes.txt", "to do\n")
    code, lines = run(project, capsys, "--format", "github")
    assert code == 1
    assert lines == [
        "::error file=content/case-studies/kent-control.yaml,line=4,col=11,title=unknown-term::"
        "regions[0]: 'south-eats' is not a known region (did you mean 'south-east'?) [unknown-term]",
        "::error file=content/case-studies/kent-control.yaml,line=8,col=9,title=unknown-term::"
        "result: 'promissing' is not a known result (did you mean 'promising'?) [unknown-term]",
        "::error file=content/case-studies/notes.txt,line=1,col=1,title=stray-file::"
        "only case-study .yaml files belong in this folder (move it elsewhere or delete it) [stray-file]",
        "3 errors, 0 warnings in 2 files",
    ]


def test_github_format_escapes_what_would_end_the_command() -> None:
    problem = Problem(path="content/case-studies/a,b:c.yaml", line=0, col=0, severity=Severity.WARNING,
                      code="no-outcomes", message="100%\nsure")
    line = format_github([problem]).splitlines()[0]
    assert line == "::warning file=content/case-studies/a%2Cb%3Ac.yaml,line=1,col=1,title=no-outcomes::100%25%0Asure [no-outcomes]"


def test_paths_limit_the_report(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    chosen = project.write("kent-control.yaml", BAD)
    project.write("kent-fire.yaml", OVERDUE)
    project.write("notes.txt", "to do\n")
    code, lines = run(project, capsys, str(chosen))
    assert code == 1
    assert all(line.startswith("content/case-studies/kent-control.yaml:") for line in lines[:-1])
    assert lines[-1] == "2 errors, 0 warnings in 1 file"


def test_relative_path_from_project_folder(project: Project, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    project.write("kent-control.yaml", BASE_RECORD)
    project.write("kent-fire.yaml", BAD)
    monkeypatch.chdir(project.root)
    assert cli.main(["validate", "content/case-studies/kent-control.yaml"]) == 0
    assert capsys.readouterr().out.splitlines() == ["No problems found."]


def test_paths_still_see_other_records_for_related(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    chosen = project.write("kent-control.yaml", BASE_RECORD.replace("last_reviewed:", "related: [kent-fire]\n"
                                                                                     "last_reviewed:"))
    project.write("kent-fire.yaml", BAD)
    assert run(project, capsys, str(chosen)) == (0, ["No problems found."])


@pytest.mark.parametrize("args", [["validate", "--format", "xml"], ["validate", "--nonsense"], ["frobnicate"], []],
                         ids=["bad-format", "bad-flag", "bad-command", "no-command"])
def test_usage_error_exits_2(project: Project, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert cli.main(["--root", str(project.root), *args]) == 2
    assert capsys.readouterr().err.startswith("usage: casebook")


def test_root_without_content_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(tmp_path), "validate"]) == 2
    assert f"{tmp_path} has no content/ folder" in capsys.readouterr().err


def test_default_root_without_content_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["validate"]) == 2
    assert ". has no content/ folder" in capsys.readouterr().err


def test_broken_taxonomy_is_reported_not_raised(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    (project.root / "content" / "taxonomy" / "results.yaml").unlink()
    code, lines = run(project, capsys)
    assert code == 1
    assert lines[0] == ("content/taxonomy/results.yaml:0:0: error: the taxonomy file results.yaml is missing "
                        "(restore it from the repository) [missing-taxonomy]")
