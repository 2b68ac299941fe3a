"""A small Casebook project in a temporary folder: the real vocabularies, a fixed organisation
register (the shipped one changes as it grows) and a fixed today, so results never depend on
the clock."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.content.problems import Problem
from generator.content.validate import Library, validate_library

ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 24)

ORGANISATIONS = """\
- {id: kent-police, name: Kent Police, service: police, regions: [south-east]}
- {id: kent-fire, name: Kent Fire and Rescue Service, service: fire, regions: [south-east]}
- id: secamb
  name: South East Coast Ambulance Service NHS Foundation Trust
  service: ambulance
  regions: [south-east]
- {id: devon-cornwall-police, name: Devon and Cornwall Police, service: police, regions: [south-west]}
- {id: cornwall-fire, name: Cornwall Fire and Rescue Service, service: fire, regions: [south-west]}
"""

# A record with every required field and no warnings; tests change one thing in it.
BASE_RECORD = """\
title: Kent single police and fire control room
summary: Kent Fire and Rescue Service moved its control room into Kent Police headquarters.
services: [police, fire]
regions: [south-east]
areas: [Kent, Medway]
collaboration_types: [joint-control]
status: operational
result: promising
governance: collaboration-agreement
started: "2012-03"
organisations:
  - name: Kent Police
    service: police
  - name: Kent Fire and Rescue Service
    service: fire
context: |
  Both services answered emergency calls in separate control rooms, with separate
  systems, separate buildings and separate managers.
description: |
  The fire control room moved into the police headquarters and the two services
  later shared a mobilising system. See [the report](https://example.org/report).
outcomes:
  - text: Lower control room running costs
    value: 250000
    unit: gbp_per_year
lessons:
  - theme: culture-and-identity
    text: Cultural differences between call handlers had to be worked through.
evidence:
  level: internal-review
  summary: An internal review by both services after the first year.
sources:
  - title: Blue light collaboration in Kent
    url: https://example.org/report
    publisher: Kent Police
    date: "2013"
last_reviewed: "2026-06-01"
"""


@dataclass
class Project:
    """A project folder with content/taxonomy and an empty content/case-studies."""

    root: Path

    @property
    def folder(self) -> Path:
        return self.root / "content" / "case-studies"

    def write(self, name: str, text: str | bytes) -> Path:
        path = self.folder / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def validate(self, **options: object) -> Library:
        return validate_library(self.root, today=TODAY, **options)

    def problems(self, **options: object) -> list[Problem]:
        return self.validate(**options).problems


def make_project(root: Path) -> Project:
    taxonomy = root / "content" / "taxonomy"
    taxonomy.mkdir(parents=True)
    for path in (ROOT / "content" / "taxonomy").glob("*.yaml"):
        if path.name != "organisations.yaml":
            shutil.copy(path, taxonomy / path.name)
    (taxonomy / "organisations.yaml").write_text(ORGANISATIONS, encoding="utf-8")
    (root / "content" / "case-studies").mkdir()
    return Project(root)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


@pytest.fixture
def base_record() -> str:
    return BASE_RECORD
