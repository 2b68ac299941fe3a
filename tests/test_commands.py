"""`casebook new`, `report`, `render`, `schema` and `docs` on small projects."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from support import ROOT, make_project, record, run_build

from generator.commands import cli
from generator.commands.scaffold import slug_for
from generator.content import validate

NEW_FLAGS = ["--title", "Joint fire & police station in Hucknall", "--service", "fire", "--service", "police",
             "--region", "east-midlands", "--collaboration-type", "shared-estates", "--status", "operational",
             "--started", "2019-05", "--no-input"]


def run(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["--root", str(project), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_new_writes_every_field_and_validates_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    code, out, _ = run(project, capsys, "new", *NEW_FLAGS)
    assert code == 0
    path = project / "content/case-studies/joint-fire-police-station-in-hucknall.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/case-study.schema.json\n")
    data = yaml.safe_load(text)
    assert data["title"] == "Joint fire & police station in Hucknall"
    assert data["services"] == ["fire", "police"] and data["started"] == "2019-05"
    assert [o["service"] for o in data["organisations"]] == ["fire", "police"]
    for optional in ("areas", "governance", "ended", "outcomes", "barriers", "enablers", "funding", "contact",
                     "related", "draft"):
        assert f"\n# {optional}: " in text, optional
    # The validator's report on the new file tells the contributor what is left to fill in.
    assert "joint-fire-police-station-in-hucknall.yaml:" in out and "summary: is 0 characters long" in out


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"joint-fire-police-station-in-hucknall": record()})
    before = (project / "content/case-studies/joint-fire-police-station-in-hucknall.yaml").read_text()
    assert run(project, capsys, "new", *NEW_FLAGS)[0] == 0
    assert (project / "content/case-studies/joint-fire-police-station-in-hucknall.yaml").read_text() == before
    assert (project / "content/case-studies/joint-fire-police-station-in-hucknall-2.yaml").exists()


def test_new_without_a_title_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    code, _, err = run(project, capsys, "new", "--no-input")
    assert code == 2 and "a title is needed" in err


def test_slugs_are_web_safe_and_free() -> None:
    assert slug_for("Tri-Service Safety Officers (Cornwall)", set()) == "tri-service-safety-officers-cornwall"
    assert slug_for("Ysbyty Gwynedd – Bangor", {"ysbyty-gwynedd-bangor"}) == "ysbyty-gwynedd-bangor-2"
    assert slug_for("!!", set()) == "case-study"


def test_report_lists_what_needs_attention(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {
        "old-review": record(last_reviewed="2020-01-01"),
        "late-pilot": record(status="pilot", ended="2021-01", title="A pilot that should have ended"),
        "no-figures": record(outcomes=None, evidence={"level": "none"}),
        "spelling-one": record(organisations=[{"name": "Kent Police", "service": "police"},
                                              {"name": "Kent Fire and Rescue Service", "service": "fire"}]),
        "spelling-two": record(organisations=[{"name": "Kent Police", "service": "police"},
                                              {"name": "Kent Fire & Rescue Service", "service": "fire"}]),
    })
    code, out, _ = run(project, capsys, "report", "--today", "2026-11-24")
    assert code == 0
    assert "Not reviewed for two years (1)\n  old-review  last reviewed 2020-01-01" in out
    assert "Pilots past their planned end (1)\n  late-pilot" in out
    assert "No outcomes recorded (1)\n  no-figures" in out
    assert "No evidence of results (1)\n  no-figures" in out
    gaps = out.split("Regions with no case studies (12)\n")[1].split("\n\n")[0]
    assert re.search(r"^  wales +Wales$", gaps, re.MULTILINE) and "south-east" not in gaps
    assert "Kent Fire & Rescue Service / Kent Fire and Rescue Service" in out
    assert re.search(r"^  ambulance\+fire +Ambulance and Fire and rescue$", out, re.MULTILINE)
    code, out, _ = run(project, capsys, "report", "--format", "json", "--today", "2026-11-24")
    findings = json.loads(out)["findings"]
    assert {"category": "pilot-overdue", "subject": "late-pilot",
            "detail": "planned to end 2021-01; update its status and results"} in findings
    code, out, _ = run(project, capsys, "report", "--format", "markdown", "--today", "2026-11-24")
    assert out.startswith("# Casebook editors' report") and "| late-pilot |" in out


def test_report_lists_outcomes_missing_from_the_gap_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {
        "named": record(outcomes=[{"text": "Savings", "domain": "cost-and-efficiency"}]),
        "unnamed": record(outcomes=[{"text": "Savings", "domain": "cost-and-efficiency"},
                                    {"text": "Calls answered by the fire service"}]),
    })
    code, out, _ = run(project, capsys, "report", "--today", "2026-11-24")
    assert code == 0
    listed = out.split("(they are missing from the evidence and gap map) (1)\n")[1]
    assert listed.startswith("  unnamed  Calls answered by the fire service\n")


def test_render_writes_the_pages_another_engine_needs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    out = tmp_path / "rendered"
    code, stdout, _ = run(project, capsys, "render", "--out", str(out), "--site-url", "https://casebook.example/")
    assert code == 0 and "generated files" in stdout
    page = (out / "docs/case-studies/kent-control.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: \"Kent single police and fire control room\"\n")
    assert "## What was done" in page
    home = (out / "docs/index.md").read_text(encoding="utf-8")
    assert "## Newest case studies" in home and "# Casebook: what works" in home
    assert (out / "docs/data/case-studies.csv").exists() and (out / "docs/about.md").exists()


def test_render_refuses_invalid_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"kent-control": record(status="finished")})
    code, _, err = run(project, capsys, "render", "--out", str(tmp_path / "out"),
                       "--site-url", "https://casebook.example/")
    assert code == 1 and "'finished' is not a known status" in err


def test_edit_link_points_at_the_record_file_when_the_repository_is_known(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    result = run_build(project, env={"CASEBOOK_REPO_URL": "https://github.com/example/casebook"})
    assert result.returncode == 0, result.stderr
    html = (project / "site/case-studies/kent-control/index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/example/casebook/edit/main/content/case-studies/kent-control.yaml"' in html
    assert "Edit this record" in html
    # The repository link is plain: Material's script would otherwise call api.github.com.
    assert 'class="md-source"' in html and 'data-md-component="source"' not in html


@pytest.mark.parametrize("command", [["schema"], ["docs", "--write"], ["new", *NEW_FLAGS]])
def test_commands_that_need_the_schema_read_no_case_study_first(command: list[str], tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    shutil.copy(ROOT / "CONTRIBUTING.md", project / "CONTRIBUTING.md")
    read: list[Path] = []
    real_check = validate.check_record
    monkeypatch.setattr(validate, "check_record", lambda path, *rest, **options: read.append(path)
                        or real_check(path, *rest, **options))
    assert run(project, capsys, *command)[0] == 0
    # `new` checks the library once, after writing the new file (for names used twice).
    folder = project / "content/case-studies"
    assert sorted(read) == ([folder / "joint-fire-police-station-in-hucknall.yaml", folder / "kent-control.yaml"]
                            if command[0] == "new" else [])


def test_docs_without_the_reference_markers_is_a_usage_error(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    (project / "CONTRIBUTING.md").write_text("# Contributing\n\nNo field reference here.\n", encoding="utf-8")
    code, _, err = run(project, capsys, "docs", "--write")
    assert code == 2
    assert err == "casebook: CONTRIBUTING.md: the document has no <!-- casebook:fields:start --> marker\n"
