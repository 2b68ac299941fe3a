"""The schema committed for editors is exactly the one the validator uses."""

from __future__ import annotations

import json

from support import ROOT

from generator.commands.cli import DOCS_FILE, SCHEMA_FILE, schema_text
from generator.content.schema import case_study_schema
from generator.content.taxonomy import load_taxonomy
from generator.render.reference import with_reference


def test_committed_schema_matches_the_taxonomy() -> None:
    taxonomy, problems = load_taxonomy(ROOT / "content" / "taxonomy")
    assert problems == [] and taxonomy is not None
    committed = (ROOT / SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(case_study_schema(taxonomy)), \
        "schema/case-study.schema.json is out of date: run `casebook schema --write`"


def test_records_point_editors_at_the_committed_schema() -> None:
    for path in sorted((ROOT / "content" / "case-studies").glob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/case-study.schema.json", path.name
    assert json.loads((ROOT / SCHEMA_FILE).read_text())["$schema"].endswith("2020-12/schema")


def test_contributing_reference_matches_the_schema() -> None:
    taxonomy, _ = load_taxonomy(ROOT / "content" / "taxonomy")
    assert taxonomy is not None
    text = (ROOT / DOCS_FILE).read_text(encoding="utf-8")
    assert text == with_reference(text, case_study_schema(taxonomy)), \
        "CONTRIBUTING.md's field reference is out of date: run `casebook docs --write`"
    assert "| `services` | yes |" in text
    assert "| `evidence-too-weak` | error | A result that needs stronger evidence than the record gives. |" in text
