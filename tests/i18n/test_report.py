"""`casebook report` lists what awaits a Welsh speaker: catalogue drafts, vocabulary terms
without Welsh, and case studies without Welsh text or with Welsh awaiting review."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import make_project, record

from generator.commands import cli

WELSH_BODIES = [{"name": "Gwent Police", "service": "police"},
                {"name": "South Wales Fire and Rescue Service", "service": "fire"}]
WELSH = {"review": "needed", "title": "Gorsaf a rennir yn Abertyleri",
         "summary": "Mae'r heddlu a'r gwasanaeth tân yn rhannu gorsaf yn Abertyleri.",
         "areas": ["Caint"], "context": "Roedd y ddau wasanaeth yn ateb galwadau brys ar wahân.",
         "description": "Symudodd yr ystafell reoli tân i adeilad yr heddlu. Gweler [yr adroddiad](https://example.org/report).",
         "outcomes": ["Arbedion a adroddwyd erbyn 2020-21"],
         "lessons": ["Roedd yn rhaid mynd i'r afael â gwahaniaethau diwylliannol rhwng y rhai sy'n trin galwadau."]}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path, {
        "welsh-without-welsh": record(regions=["wales"], organisations=WELSH_BODIES),
        "welsh-draft": record(regions=["wales"], organisations=WELSH_BODIES, cy=WELSH),
        "national-programme": record(regions=["uk-wide"], organisations=WELSH_BODIES),
    })
    services = root / "content" / "taxonomy" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    services.write_text(text.replace("  name_cy: Cyfiawnder a charchardai\n", ""), encoding="utf-8")
    return root


def _section(out: str, heading: str) -> tuple[str, list[str]]:
    """The count after a heading, and the items listed under it (the line saying what the list
    means is skipped)."""
    block = out.split(heading, 1)[1].split("\n\n", 1)[0].rstrip("\n").split("\n")
    return block[0], [line.removeprefix("  - ") for line in block[2:]]


def test_report_lists_what_awaits_a_welsh_speaker(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(project), "report", "--today", "2026-11-24"]) == 0
    out = capsys.readouterr().out
    assert _section(out, "Interface messages awaiting a translator's review (fuzzy) or not yet translated") == (
        " (1 catalogue)", ["site_theme/locale/cy/LC_MESSAGES/casebook.po  5 of 5 messages await review (fuzzy), "
                           "0 not translated"])
    assert _section(out, "Vocabulary terms without their Welsh name or text") == (
        " (1 term)", ["services.yaml: justice  no name_cy"])
    count, vocabularies = _section(out, "Vocabularies whose Welsh awaits a Welsh speaker's review")
    assert count == " (10 vocabularies)" and any(line.startswith("statuses.yaml") for line in vocabularies)
    assert any(line.startswith("outcome-domains.yaml") for line in vocabularies)
    assert any("6 terms: proposed, pilot, in-delivery, operational, completed, discontinued" in line
               for line in vocabularies)
    assert _section(out, "Case studies of bodies bound by the Welsh Language Standards without Welsh text") == (
        " (1 case study)", ["welsh-without-welsh  Gwent Police is bound by the Standards"])
    assert _section(out, "Case studies whose Welsh text awaits a Welsh speaker's review") == (
        " (1 case study)", ["welsh-draft  review: needed (content/case-studies/welsh-draft.yaml)"])


def test_report_json_carries_the_welsh_findings(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--root", str(project), "report", "--format", "json", "--today", "2026-11-24"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {"category": "term-untranslated", "subject": "services.yaml: justice", "detail": "no name_cy"} \
        in report["findings"]
    assert report["categories"]["record-review"]["title"] == (
        "Case studies whose Welsh text awaits a Welsh speaker's review")
    assert report["categories"]["record-review"]["count"] == 1
