"""Hostile files and names: reserved page names, looping and broken links, folders that look like
records, missing taxonomy files and raw control characters in what is echoed back."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from support import make_project, record, run_build, write_record

from generator.commands import cli
from generator.commands.scaffold import slug_for
from generator.content.schema import RESERVED_NAMES, SLUG_PATTERN
from generator.content.validate import validate_library

TODAY = dt.date(2026, 11, 24)


def _validate(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate", *extra],
                          capture_output=True, text=True, timeout=120)


def test_a_record_named_index_is_refused_and_the_build_says_why(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record(), "index": record(title="Index of schemes")})
    result = _validate(project)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "content/case-studies/index.yaml:1:1: error: 'index' cannot be used as a case-study name and web address: "
        "index is the name of a page the site makes itself (rename the file to index-case-study.yaml) [bad-slug]")
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "content/case-studies/index.yaml:1:1" in build.stderr
    assert "also exists" not in build.stderr


def test_a_taxonomy_term_named_index_is_refused_on_its_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    regions = project / "content" / "taxonomy" / "regions.yaml"
    text = regions.read_text(encoding="utf-8")
    line = next(number for number, row in enumerate(text.splitlines(), 1) if row.strip().startswith("- id:"))
    first_id = text.splitlines()[line - 1].split(":", 1)[1].strip()
    regions.write_text(text.replace(f"id: {first_id}", "id: index", 1), encoding="utf-8")
    problems = validate_library(project, today=TODAY).problems
    assert [(p.path, p.line, p.code) for p in problems] == [("content/taxonomy/regions.yaml", line, "bad-format")]
    assert "not 'index' (the name of a page the site makes itself)" in problems[0].hint


def test_casebook_new_never_makes_a_reserved_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    # Exit 1: a skeleton from flags alone still has fields to fill in.
    code = cli.main(["--root", str(project), "new", "--title", "Index", "--no-input"])
    assert code == 1
    assert "created content/case-studies/index-case-study.yaml" in capsys.readouterr().out
    assert not (project / "content" / "case-studies" / "index.yaml").exists()


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([*RESERVED_NAMES, "INDEX", " Index ", "Índex", "in", ""]) | st.text(max_size=30),
       st.sets(st.sampled_from(["index-case-study", "index-case-study-2", "case-study"])))
def test_every_slug_made_from_a_title_is_a_valid_name(title: str, taken: set[str]) -> None:
    slug = slug_for(title, taken)
    assert re.fullmatch(SLUG_PATTERN, slug) and slug not in taken


def test_a_looping_link_is_an_unreadable_file_in_validate_and_build(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    os.symlink("self.yaml", project / "content" / "case-studies" / "self.yaml")
    os.symlink("missing.yaml", project / "content" / "case-studies" / "dangling.yaml")
    result = _validate(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "content/case-studies/dangling.yaml:1:1: error: this is a link that leads nowhere: its file is missing, "
        "or it links to itself (replace the link with the file itself) [unreadable-file]",
        "content/case-studies/self.yaml:1:1: error: this is a link that leads nowhere: its file is missing, "
        "or it links to itself (replace the link with the file itself) [unreadable-file]"]
    only = _validate(project, str(project / "content" / "case-studies" / "self.yaml"))
    assert "Traceback" not in only.stderr and "self.yaml:1:1" in only.stdout
    build = run_build(project, tmp_path / "site")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert "self.yaml:1:1" in build.stderr and "dangling.yaml:1:1" in build.stderr


def test_a_folder_named_like_a_record_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    (project / "content" / "case-studies" / "foo.yaml").mkdir()
    result = _validate(project)
    assert result.stdout.splitlines()[0] == ("content/case-studies/foo.yaml:1:1: error: folders are not read here "
                                             "(put case-study files directly in content/case-studies/) [stray-folder]")


def test_a_missing_taxonomy_file_is_reported_at_its_start_with_a_hint(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    (project / "content" / "taxonomy" / "regions.yaml").unlink()
    result = _validate(project)
    assert result.stdout.splitlines()[0] == (
        "content/taxonomy/regions.yaml:1:1: error: the taxonomy file regions.yaml is missing "
        "(restore it from the repository: git checkout -- content/taxonomy/regions.yaml) [missing-taxonomy]")


@pytest.mark.parametrize("output", ["text", "github"])
def test_control_and_direction_characters_are_never_echoed_raw(tmp_path: Path, output: str) -> None:
    project = make_project(tmp_path, {})
    text = yaml.safe_dump(record(), sort_keys=False)
    text = text.replace("areas:", '"ar\\0e\\u202eas":').replace("status: operational", 'status: "oper\\u202eational"')
    write_record(project, "kent-control", text)
    result = _validate(project, "--format", output)
    assert result.returncode == 1
    assert "\0" not in result.stdout and "\u202e" not in result.stdout
    assert "ar\\u0000e\\u202eas" in result.stdout and "oper\\u202eational" in result.stdout
