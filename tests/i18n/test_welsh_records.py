"""Records carry their Welsh version into the model and the open data: the Welsh site (issue 19)
reads it from there."""

from __future__ import annotations

import datetime as dt

from support import ROOT, record

from generator.content.model import CaseStudy, Welsh, WelshEvidence
from generator.content.validate import validate_library


def test_a_shipped_welsh_record_carries_its_welsh_version() -> None:
    library = validate_library(ROOT, today=dt.date(2026, 12, 7))
    assert library.errors == []
    record = next(r for r in library.records if r.slug == "south-wales-tri-service-control-centre")
    assert isinstance(record.cy, Welsh) and record.cy.review == "needed"
    assert record.cy.areas == ("Pen-y-bont ar Ogwr", "De Cymru", "Canolbarth a Gorllewin Cymru")
    assert [len(record.cy.lessons), len(record.cy.barriers), len(record.cy.enablers), len(record.cy.outcomes)] == \
        [len(record.lessons), len(record.barriers), len(record.enablers), len(record.outcomes)]
    # Markdown keeps its paragraphs and list items; plain text is one line.
    assert "\n\n" in record.cy.description and record.cy.evidence is not None
    assert (record.cy.evidence.caveats or "").startswith("- Nid gwerthusiad annibynnol yw hwn")
    assert "\n" not in record.cy.summary
    welsh_bodies = {r.slug for r in library.records if r.cy is not None}
    assert welsh_bodies == {"abertillery-emergency-services-station", "gwent-joint-response-unit",
                            "llantwit-major-four-service-station", "south-wales-tri-service-control-centre",
                            "wales-st-john-ambulance-falls-response"}


def test_the_welsh_version_is_spaced_like_the_english_and_reaches_the_record_data() -> None:
    welsh = {"review": "needed", "title": "Cynllun yng\n  Nghymru", "summary": "Crynodeb o'r cynllun yng Nghymru.",
             "context": "Cyd-destun.\n\nAil baragraff.", "description": "Disgrifiad o'r gwaith.",
             "lessons": ["Gwers  gyntaf"], "evidence": {"summary": "Tystiolaeth gan y partneriaid."}}
    case = CaseStudy.from_record("welsh", "content/case-studies/welsh.yaml", record(cy=welsh))
    assert case.cy == Welsh(title="Cynllun yng Nghymru", summary="Crynodeb o'r cynllun yng Nghymru.",
                            context="Cyd-destun.\n\nAil baragraff.", description="Disgrifiad o'r gwaith.",
                            lessons=("Gwers gyntaf",), review="needed",
                            evidence=WelshEvidence(summary="Tystiolaeth gan y partneriaid."))
    data = case.to_record()
    assert list(data)[-1] == "cy"
    assert data["cy"] == {"title": "Cynllun yng Nghymru", "summary": "Crynodeb o'r cynllun yng Nghymru.",
                          "context": "Cyd-destun.\n\nAil baragraff.", "description": "Disgrifiad o'r gwaith.",
                          "lessons": ["Gwers gyntaf"], "review": "needed",
                          "evidence": {"summary": "Tystiolaeth gan y partneriaid."}}
