"""Golden cases: each file in cases/ is a record (or a few) and every problem it must produce.

An expected problem is written `"line:col: severity: code: field"`, or as a one-entry mapping
from that to the message and hint exactly as `casebook validate` prints them. Files other than
case.yaml are named in front: `"other.yaml:3:5: ..."`. A case may replace taxonomy files
(`taxonomy: {organisations.yaml: ...}`); their problems are named `"taxonomy/organisations.yaml:..."`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.content.problems import CODES, Problem

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _render(problem: Problem, single_file: str | None) -> tuple[str, str]:
    where = "" if problem.path == single_file else \
        problem.path.removeprefix("content/case-studies/").removeprefix("content/") + ":"
    key = f"{where}{problem.line}:{problem.col}: {problem.severity.value}: {problem.code}"
    key += f": {problem.field}" if problem.field else ""
    return key, problem.message + (f" ({problem.hint})" if problem.hint else "")


@pytest.mark.parametrize("case_file", CASES, ids=[path.stem for path in CASES])
def test_case(case_file: Path, project) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    for name, text in case.get("taxonomy", {}).items():
        (project.root / "content" / "taxonomy" / name).write_text(text, encoding="utf-8")
    files = case.get("files") or {case.get("filename", "case.yaml"): case["record"]}
    for name, text in files.items():
        project.write(name, text)
    library = project.validate()
    single = None if "files" in case else f"content/case-studies/{next(iter(files))}"
    found = [_render(problem, single) for problem in library.problems]
    expected = [next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
                for entry in case.get("expect", [])]
    assert bool(case.get("expect_valid")) != bool(expected), "give either expect or expect_valid: true"
    assert [key for key, _ in found] == [key for key, _ in expected]
    for (key, message), (_, wanted) in zip(found, expected, strict=True):
        assert wanted is None or message == wanted, key
    if case.get("expect_valid"):
        assert sorted(record.slug for record in library.records) == sorted(Path(name).stem for name in files)


def test_every_rule_has_a_case() -> None:
    """Each registered problem code that YAML text can provoke appears in some case; the
    others (bytes, folders, links) are tested in test_files.py."""
    covered = set()
    for path in CASES:
        for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("expect", []):
            key = next(iter(entry)) if isinstance(entry, dict) else entry
            covered.add(key.split(": ")[2])
    elsewhere = ("file", "rename", "catalogue", "fallback")
    wanted = {code for code, about in CODES.items() if about.shown_by not in elsewhere}
    assert sorted(wanted - covered) == []
    assert sorted(covered - set(CODES)) == []
