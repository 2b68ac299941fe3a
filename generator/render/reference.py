"""The record format reference (from the schema) and the list of problem codes (from their
register), written for CONTRIBUTING.md and the site."""

from __future__ import annotations

import json
import re
from typing import Any

from ..content.problems import CODES
from ..content.schema_check import SHORT_LIST

START, END = "<!-- casebook:fields:start -->", "<!-- casebook:fields:end -->"
PROBLEMS_START, PROBLEMS_END = "<!-- casebook:problems:start -->", "<!-- casebook:problems:end -->"


def _allowed(spec: dict[str, Any]) -> str:
    items = spec.get("items", spec)
    if "enum" in items:
        values = ", ".join(f"`{value}`" for value in items["enum"])
        return values if len(items["enum"]) <= SHORT_LIST else f"see `{items.get('$comment', 'the taxonomy')}`"
    if "pattern" in items and "patternErrorMessage" in items:
        return items["patternErrorMessage"]
    if items.get("type") == "string" and "minLength" in items:
        return f"{items['minLength']} to {items['maxLength']} characters"
    if items.get("type") == "object":
        fields = [f"`{name}`{'' if name in items.get('required', []) else '?'}" for name in items["properties"]]
        return "each with " + ", ".join(fields)
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def field_reference(schema: dict[str, Any]) -> str:
    """A Markdown table: field, required, meaning, allowed values and an example."""
    required = set(schema["required"])
    rows = ["| Field | Required | What it is | Allowed values | Example |", "| --- | --- | --- | --- | --- |"]
    for name, spec in schema["properties"].items():
        example = json.dumps(spec["examples"][0], ensure_ascii=False) if spec.get("examples") else ""
        rows.append(f"| `{name}` | {'yes' if name in required else 'no'} | {_cell(spec.get('description', ''))} "
                    f"| {_cell(_allowed(spec))} | `{_cell(example)}` |")
    return "\n".join(rows) + "\n"


def problem_reference() -> str:
    """A Markdown table of every problem code the validator can give."""
    rows = ["| Code | Severity | What it means |", "| --- | --- | --- |"]
    rows += [f"| `{code}` | {about.severity.value} | {_cell(about.about)} |" for code, about in CODES.items()]
    return "\n".join(rows) + "\n"


def with_reference(document: str, schema: dict[str, Any]) -> str:
    """The document with the text between the field-reference and problem-list markers replaced."""
    for start, end, text in ((START, END, field_reference(schema)),
                             (PROBLEMS_START, PROBLEMS_END, problem_reference())):
        if start not in document:
            raise ValueError(f"the document has no {start} marker")
        replacement = f"{start}\n{text}{end}"
        document = re.sub(re.escape(start) + ".*?" + re.escape(end), replacement.replace("\\", "\\\\"),
                          document, flags=re.DOTALL)
    return document
