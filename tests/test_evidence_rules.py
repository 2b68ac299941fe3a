"""The evidence rules live in the taxonomy's attributes, not in ids: renaming a term in
content/taxonomy/ keeps every rule, for the validator and for `casebook report` alike."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from support import make_project, record

from generator.catalogue import Catalogue
from generator.commands.report import build_report
from generator.content.claims import own_evaluator
from generator.content.schema_check import closest_name
from generator.content.validate import validate_library

TODAY = dt.date(2026, 11, 24)

# Every id a rule used to name, renamed; the attributes stay with the terms.
RENAMES = {"statuses.yaml": {"pilot": "trial", "proposed": "planned"},
           "results.yaml": {"worked": "succeeded", "too-early": "undecided", "promising": "hopeful"},
           "evidence-levels.yaml": {"internal-review": "own-review", "independent-evaluation": "outside-evaluation",
                                    "none": "nothing-yet"}}


def _renamed_project(folder: Path, records: dict) -> Path:
    project = make_project(folder, {})
    every = {old: new for renames in RENAMES.values() for old, new in renames.items()}
    for name in RENAMES:
        path = project / "content" / "taxonomy" / name
        text = path.read_text(encoding="utf-8")
        for old, new in every.items():
            text = re.sub(rf"(id|minimum_evidence|fallback): {re.escape(old)}\n", rf"\1: {new}\n", text)
        path.write_text(text, encoding="utf-8")
    for slug, data in records.items():
        (project / "content" / "case-studies" / f"{slug}.yaml").write_text(_yaml(data), encoding="utf-8")
    return project


def _yaml(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


RECORDS = {
    "long-trial": record(status="trial", result="undecided", started="2014", evidence={"level": "self-reported"}),
    "overclaimed": record(result="succeeded", evidence={"level": "self-reported"}),
    "unnamed-evaluator": record(result="hopeful", evidence={"level": "outside-evaluation", "url": "https://example.org/report"}),
    "planned-success": record(status="planned", result="hopeful", outcomes=None,
                              evidence={"level": "nothing-yet"}, started="2026-01"),
    "own-evaluation": record(result="hopeful", evidence={"level": "outside-evaluation", "url": "https://example.org/report",
                                       "by": "Kent Police analysts"},
                             sources=[{"title": "A mirrored copy", "url": "https://www.docslib.org/doc/1/report"}]),
}


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _renamed_project(tmp_path_factory.mktemp("renamed"), RECORDS)


def _codes(project: Path) -> dict[str, set[tuple[str, str]]]:
    found: dict[str, set[tuple[str, str]]] = {}
    for problem in validate_library(project, today=TODAY).problems:
        found.setdefault(Path(problem.path).stem, set()).add((problem.code, problem.field))
    return found


def test_renamed_terms_keep_their_rules_in_the_validator(renamed: Path) -> None:
    codes = _codes(renamed)
    assert {("label-expired", "status"), ("label-expired", "result")} <= codes["long-trial"]
    assert ("evidence-too-weak", "result") in codes["overclaimed"]
    assert ("rule", "evidence") in codes["unnamed-evaluator"]
    assert ("rule", "result") in codes["planned-success"]
    assert ("own-evaluator", "evidence.by") in codes["own-evaluation"]


def test_renamed_terms_keep_their_messages(renamed: Path) -> None:
    messages = [p.text() for p in validate_library(renamed, today=TODAY).problems]
    assert any("'succeeded' needs evidence at level own-review or above" in m
               and "(say 'hopeful' until an evaluation shows it worked)" in m for m in messages)
    assert any("a planned scheme's result must be undecided" in m for m in messages)
    assert any("still trial 11 years after it started (2014)" in m for m in messages)


def test_renamed_terms_keep_their_rules_in_the_report(tmp_path: Path) -> None:
    # The report reads valid records: the stale trial and the self-evaluated scheme.
    project = _renamed_project(tmp_path, {slug: RECORDS[slug] for slug in ("long-trial", "own-evaluation")})
    library = validate_library(project, today=TODAY)
    assert library.taxonomy is not None and not library.errors
    report = build_report(Catalogue.published(library.taxonomy, library.records), TODAY)
    findings = report.findings
    by_category = {(f.category, f.subject): f.detail for f in findings}
    # The trial gives no planned end and began longer ago than a trial may last: it is listed
    # once, as overdue, and its stale status is not listed again among the labels.
    assert by_category[("pilot-overdue", "long-trial")] == \
        "no planned end given; started 2014, 11 years ago (a pilot may last 2 years)"
    assert [f.detail for f in findings if f.category == "label-expired"] == [
        "the result is still undecided 11 years after it started (2014); say what happened: succeeded, hopeful "
        "or did-not-work"]
    assert [(item.category, item.subjects) for item in report.left_out] == [("label-expired", ("long-trial",))]
    assert by_category[("evaluations", "own-evaluation")] == \
        "outside-evaluation by Kent Police analysts; organisations: Kent Police; Kent Fire and Rescue Service"
    assert by_category[("mirror-source", "own-evaluation")] == "docslib.org: A mirrored copy"
    assert ("no-archived-copy", "long-trial") in by_category


def test_a_source_with_an_archived_copy_is_not_listed(tmp_path: Path) -> None:
    archived = record(sources=[{"title": "Report", "url": "https://example.org/r",
                                "archived_url": "https://web.archive.org/web/2020/https://example.org/r"}])
    project = make_project(tmp_path, {"archived": archived})
    library = validate_library(project, today=TODAY)
    assert library.taxonomy is not None and not library.errors
    findings = build_report(Catalogue.published(library.taxonomy, library.records), TODAY).findings
    assert [f for f in findings if f.category in ("no-archived-copy", "mirror-source")] == []


def test_an_evaluator_is_matched_by_every_name_the_register_knows(tmp_path: Path) -> None:
    library = validate_library(make_project(tmp_path, {}), today=TODAY)
    assert library.taxonomy is not None
    taxonomy = library.taxonomy
    # The record names the body by its current name; the evaluator by its former one.
    assert own_evaluator(taxonomy, "Chief Fire Officers Association research team",
                         ["National Fire Chiefs Council"]) == "National Fire Chiefs Council"
    assert own_evaluator(taxonomy, "Universities' Police Science Institute, Cardiff University",
                         ["South Wales Police", "South Wales Fire and Rescue Service"]) is None
    # Words, not letters: "Kent Police" is not inside "Kent Policing Research Unit".
    assert own_evaluator(taxonomy, "Kent Policing Research Unit", ["Kent Police"]) is None


@pytest.mark.parametrize(("typed", "suggested"), [
    ("Kent Polise", "Kent Police"),
    ("Devon & Cornwall Police", "Devon and Cornwall Police"),
    ("National Police Chiefs Council", "National Police Chiefs' Council"),
    # Only the kind of body in common: no suggestion is better than a wrong one.
    ("Kingsbridge Fire and Rescue", None),
    ("National Crime Agency", None),
])
def test_organisation_suggestions_only_when_close(tmp_path: Path, typed: str, suggested: str | None) -> None:
    library = validate_library(make_project(tmp_path, {}), today=TODAY)
    assert library.taxonomy is not None
    assert closest_name(typed, list(library.taxonomy.organisations_by_name)) == suggested
