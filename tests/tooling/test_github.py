"""The GitHub side: workflows are safe for untrusted pull requests and pass actionlint and
zizmor; the issue form and pre-commit hook match the project."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT, make_project

from generator.commands import cli
from generator.commands.issueform import ISSUE_FORM_FILE, issue_form_text
from generator.content.validate import validate_library

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN)) or shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: run `make test`, which installs the test tools")
    return found


def load(path: Path) -> dict[Any, Any]:
    # PyYAML reads the key `on:` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {("on" if key is True else key): value for key, value in data.items()}


def test_there_are_the_two_workflows() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pull-request.yml"]


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run([tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    result = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_least_privilege_and_pinned(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    assert "${{ secrets." not in text
    uses = re.findall(r"uses:\s*(\S+)", text)
    assert uses and all(re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u) for u in uses), uses
    for job in workflow["jobs"].values():
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


def test_pull_requests_validate_build_strictly_and_run_the_tests() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "pull-request.yml")
    assert list(workflow["on"]) == ["pull_request"]
    runs = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert "casebook validate --format github" in runs
    assert "mkdocs build --strict" in runs
    assert "make test" in runs


def test_only_the_deploy_job_may_write_pages() -> None:
    workflow = load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert workflow["on"]["push"] == {"branches": ["main"]}


def _taxonomy_names(root: Path, name: str) -> list[str]:
    return [item["name"] for item in yaml.safe_load((root / "content" / "taxonomy" / f"{name}.yaml").read_text())]


def _form(root: Path) -> dict[str, Any]:
    form = yaml.safe_load((root / ISSUE_FORM_FILE).read_text(encoding="utf-8"))
    return {item.get("id"): item["attributes"] for item in form["body"]}


def test_the_committed_issue_form_is_the_one_the_taxonomy_gives() -> None:
    library = validate_library(ROOT, records=False)
    assert library.taxonomy is not None and library.schema is not None
    assert (ROOT / ISSUE_FORM_FILE).read_text(encoding="utf-8") == issue_form_text(library.taxonomy, library.schema), \
        "the issue form is out of date: run `casebook docs --write`"


def test_casebook_docs_writes_the_issue_form_from_the_taxonomy(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    regions = project / "content" / "taxonomy" / "regions.yaml"
    regions.write_text(regions.read_text(encoding="utf-8").replace("name: Wales", "name: Cymru Wales"),
                       encoding="utf-8")
    assert cli.main(["--root", str(project), "docs", "--write"]) == 0
    assert f"wrote {ISSUE_FORM_FILE}" in capsys.readouterr().out
    fields = _form(project)
    assert [o["label"] for o in fields["services"]["options"]] == _taxonomy_names(project, "services")
    assert fields["regions"]["options"] == _taxonomy_names(project, "regions")
    assert "Cymru Wales" in fields["regions"]["options"]
    assert fields["collaboration_types"]["options"] == _taxonomy_names(project, "collaboration-types")
    assert fields["status"]["options"] == _taxonomy_names(project, "statuses")
    assert fields["title"]["description"].startswith("5 to 120 characters")
    assert fields["services"]["description"] == "At least two, including police, fire or ambulance."


def test_pre_commit_hook_runs_the_validator_on_the_whole_library() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hooks == [{"id": "casebook-validate", "name": "casebook validate",
                      "description": "Check Casebook case studies and taxonomy files", "entry": "casebook validate",
                      "language": "python", "files": r"^content/.*\.yaml$", "pass_filenames": False}]
