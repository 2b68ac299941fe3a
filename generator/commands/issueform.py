"""The GitHub issue form for proposing a case study (`.github/ISSUE_TEMPLATE/`), written from
the taxonomy and the schema by `casebook docs --write`, so its choices and limits never drift.

The form's questions are a short, plain version of the record format for people who will not
edit files; an editor turns the answers into a record.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..content.taxonomy import Taxonomy

ISSUE_FORM_FILE = Path(".github/ISSUE_TEMPLATE/propose-case-study.yml")
HEADER = "# Written by `casebook docs --write` from content/taxonomy/ and the schema (generator/issueform.py).\n"
_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four"}


def _either(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _field(kind: str, field_id: str, label: str, required: bool = False, **attributes: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"type": kind, "id": field_id, "attributes": {"label": label, **attributes}}
    if required:
        field["validations"] = {"required": True}
    return field


def _names(terms: dict[str, Any]) -> list[str]:
    return [term.name for term in terms.values()]


def issue_form(taxonomy: Taxonomy, schema: dict[str, Any]) -> dict[str, Any]:
    fields = schema["properties"]
    title, services = fields["title"], fields["services"]
    at_least = _NUMBERS.get(services["minItems"], str(services["minItems"]))
    return {
        "name": "Propose a case study",
        "description": "Tell us about a collaboration between emergency services, without editing any files. "
                       "An editor will turn it into a case study and ask you to check it.",
        "title": "Case study: ",
        "labels": ["case study proposal"],
        "body": [
            {"type": "markdown", "attributes": {"value": (
                "Thank you for sharing what your service learned. Fill in what you know; only the fields marked "
                "required are needed. **Do not include personal data**: use role titles, not names. Every fact "
                "needs a public source.")}},
            _field("input", "title", "Name of the collaboration", True,
                   description=f"{title['minLength']} to {title['maxLength']} characters, for example "
                               f"'{title['examples'][0]}'."),
            _field("textarea", "summary", "Summary", True,
                   description="One or two sentences: what it is and what it achieved."),
            _field("checkboxes", "services", "Services involved",
                   description=f"At least {at_least}, including {_either(services['contains']['enum'])}.",
                   options=[{"label": name} for name in _names(taxonomy.services)]),
            _field("dropdown", "regions", "Regions", True, multiple=True, options=_names(taxonomy.regions)),
            _field("dropdown", "collaboration_types", "Type of collaboration", True, multiple=True,
                   options=_names(taxonomy.collaboration_types)),
            _field("textarea", "organisations", "Organisations", True,
                   description="One per line, with their official names, for example 'Kent Fire and Rescue Service'."),
            _field("dropdown", "status", "Status", True, options=_names(taxonomy.statuses)),
            _field("input", "started", "When it started", True,
                   description="A year, or year and month, for example 2016-02."),
            _field("textarea", "context", "Context", True,
                   description="The problem or situation that led to the collaboration: demand, geography, "
                               "budget or an incident."),
            _field("textarea", "description", "What was done", True,
                   description="What the services did and how, in enough detail for someone else to try it."),
            _field("textarea", "outcomes", "Outcomes",
                   description="What it achieved, with figures exactly as your sources give them."),
            _field("textarea", "lessons", "Lessons", True,
                   description="What others should know before doing something similar, including what went wrong."),
            _field("textarea", "sources", "Public sources", True,
                   description="Links to reports, board papers, evaluations or news articles, one per line."),
            _field("checkboxes", "consent", "Before you submit", options=[
                {"label": "This proposal holds no personal data and every fact comes from a public source.",
                 "required": True}]),
        ],
    }


def issue_form_text(taxonomy: Taxonomy, schema: dict[str, Any]) -> str:
    # Wrapped at 110 columns, as the file has always been; GitHub reads any valid YAML.
    return HEADER + yaml.safe_dump(issue_form(taxonomy, schema), sort_keys=False, allow_unicode=True, width=110)
