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


def test_new_without_a_terminal_writes_the_skeleton_and_says_what_is_left(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    code, out, _ = run(project, capsys, "new", *NEW_FLAGS)
    # The file is not finished: the command says so, and fails, so a script notices.
    assert code == 1
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
    assert out.startswith("created content/case-studies/joint-fire-police-station-in-hucknall.yaml; not finished: "
                          "7 fields left to fill in: summary, organisations, context, description, lessons, "
                          "evidence, sources\n")
    assert "joint-fire-police-station-in-hucknall.yaml:8:10: error: summary: is 0 characters long" in out
    assert "Fill them in, then check the file: casebook validate " \
           "content/case-studies/joint-fire-police-station-in-hucknall.yaml" in out


def test_new_reads_flags_as_it_reads_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    code, _, _ = run(project, capsys, "new", "--title", "Falls response in Bedfordshire", "--service",
                     "Fire and rescue, Ambulance", "--region", "East of England", "--collaboration-type",
                     "co-responding", "--status", "Pilot", "--started", "May 2024", "--no-input")
    assert code == 1
    data = yaml.safe_load((project / "content/case-studies/falls-response-in-bedfordshire.yaml").read_text())
    assert (data["services"], data["regions"], data["collaboration_types"], data["status"], data["started"]) == \
        (["fire", "ambulance"], ["east-of-england"], ["first-response"], "pilot", "2024-05")


def test_new_refuses_a_flag_it_cannot_read_and_writes_nothing(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    code, _, err = run(project, capsys, "new", "--title", "Falls response", "--service", "Ambulence",
                       "--service", "fire", "--no-input")
    assert code == 2
    assert err == ("casebook: new: --services: 'Ambulence' is not one of the choices (did you mean 'Ambulance'?); "
                   "nothing was written\n")
    assert list((project / "content/case-studies").iterdir()) == []


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {"joint-fire-police-station-in-hucknall": record()})
    before = (project / "content/case-studies/joint-fire-police-station-in-hucknall.yaml").read_text()
    assert run(project, capsys, "new", *NEW_FLAGS)[0] == 1
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


def _section(out: str, title: str) -> str:
    """One list of the text report: its heading, what it means, its items and what it left out."""
    return out.split(f"\n{title} (")[1].split("\n\n")[0]


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
    assert out.startswith("Casebook editors' report: 5 published case studies, judged as on 2026-11-24.\n")
    assert _section(out, "Not reviewed for two years") == (
        "1 case study)\n  Records last checked against their sources over two years ago: check each one, then "
        "update last_reviewed.\n  - old-review  last reviewed 2020-01-01")
    assert "\n  - late-pilot  planned to end 2021-01" in _section(out, "Pilots past their planned end")
    assert "\n  - no-figures  no outcomes given" in _section(out, "No outcomes recorded")
    assert "\n  - no-figures  evidence level none" in _section(out, "No evidence of results")
    # Five sources, one per record; each record counted once.
    assert _section(out, "Sources without an archived copy").startswith("5 sources in 5 case studies)\n")
    gaps = _section(out, "Regions with no case studies")
    assert gaps.startswith("12 regions)\n") and re.search(r"^  - wales +Wales$", gaps, re.MULTILINE)
    assert "south-east" not in gaps
    assert "Kent Fire & Rescue Service / Kent Fire and Rescue Service" in out
    assert re.search(r"^  - ambulance\+fire +Ambulance and Fire and rescue$", out, re.MULTILINE)
    code, out, _ = run(project, capsys, "report", "--format", "json", "--today", "2026-11-24")
    report = json.loads(out)
    assert {"category": "pilot-overdue", "subject": "late-pilot", "detail": "planned to end 2021-01"} \
        in report["findings"]
    assert report["categories"]["pilot-overdue"]["count"] == 1
    assert report["categories"]["pilot-overdue"]["means"].startswith("Schemes at a stage with a planned end")
    code, out, _ = run(project, capsys, "report", "--format", "markdown", "--today", "2026-11-24")
    assert out.startswith("# Casebook editors' report\n\n5 published case studies, judged as on 2026-11-24.\n")
    assert "| late-pilot |" in out


PILOT_STARTS = ["2014-05", "2015", "2016-09", "2017-01", "2018-03"]


def test_report_lists_pilots_without_an_end_that_began_too_long_ago(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    # Five pilots from 2014-2018 with no end date, as in the shipped library once; a pilot may
    # run two years (statuses.yaml), so one begun in 2025 is not overdue yet.
    pilots = {f"pilot-{n}": record(status="pilot", started=started, result="promising")
              for n, started in enumerate(PILOT_STARTS)}
    project = make_project(tmp_path, {**pilots, "new-pilot": record(status="pilot", started="2025-06")})
    code, out, _ = run(project, capsys, "report", "--today", "2026-11-24")
    assert code == 0
    section = _section(out, "Pilots past their planned end")
    assert section.startswith("5 case studies)\n")
    assert "\n  - pilot-0  no planned end given; started 2014-05, 12 years ago (a pilot may last 2 years)" in section
    assert "\n  - pilot-1  no planned end given; started 2015, 10 years ago (a pilot may last 2 years)" in section
    assert "new-pilot" not in out.split("Sources without")[0]
    # The same pilots' status is stale at their last review too: listed once, the other list
    # says where.
    labels = _section(out, "Labels kept too long")
    assert labels.startswith("0 labels)\n") and "\n  - none\n" in labels
    assert labels.endswith("\n  Left out: 5 case studies, as its status is listed under Pilots past their planned "
                           "end: pilot-0, pilot-1, pilot-2, pilot-3, pilot-4")
    # Judged on another day, the list changes with it: in 2017 only the 2014 pilot was overdue.
    code, out, _ = run(project, capsys, "report", "--today", "2017-06-01")
    assert _section(out, "Pilots past their planned end").startswith("1 case study)\n")


def test_report_says_which_records_a_list_leaves_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {
        "planned-hub": record(status="proposed", result="too-early", started="2026-01", outcomes=None,
                              evidence={"level": "none"}),
        "kent-control": record(),
        "unfinished": record(draft=True),
    })
    code, out, _ = run(project, capsys, "report", "--today", "2026-11-24")
    assert code == 0
    assert out.startswith("Casebook editors' report: 2 published case studies, judged as on 2026-11-24; "
                          "1 draft is left out.\n")
    for title in ("No evidence of results", "No outcomes recorded"):
        assert _section(out, title).endswith("\n  - none\n  Left out: planned-hub, as it is proposed: no results "
                                             "are expected before a scheme begins")
    code, out, _ = run(project, capsys, "report", "--format", "json", "--today", "2026-11-24")
    report = json.loads(out)
    assert report["drafts"] == 1 and report["published"] == 2
    assert report["categories"]["no-evidence"]["left_out"] == [
        {"subjects": ["planned-hub"], "why": "it is proposed: no results are expected before a scheme begins"}]


def test_report_lists_outcomes_missing_from_the_gap_map(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {
        "named": record(outcomes=[{"text": "Savings", "domain": "cost-and-efficiency"}]),
        "unnamed": record(outcomes=[{"text": "Savings", "domain": "cost-and-efficiency"},
                                    {"text": "Calls answered by the fire service"}]),
    })
    code, out, _ = run(project, capsys, "report", "--today", "2026-11-24")
    assert code == 0
    listed = out.split("Outcomes that name no domain (1 outcome in 1 case study)\n")[1].split("\n")
    assert "missing from the evidence and gap map" in listed[0]
    assert listed[1] == "  - unnamed  Calls answered by the fire service"


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
    # `new` checks the record's text before writing it, with the same checks (its exit says the
    # skeleton is not finished yet).
    assert run(project, capsys, *command)[0] == (1 if command[0] == "new" else 0)
    assert read == []


def test_docs_without_the_reference_markers_is_a_usage_error(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path, {})
    (project / "CONTRIBUTING.md").write_text("# Contributing\n\nNo field reference here.\n", encoding="utf-8")
    code, _, err = run(project, capsys, "docs", "--write")
    assert code == 2
    assert err == "casebook: CONTRIBUTING.md: the document has no <!-- casebook:fields:start --> marker\n"
