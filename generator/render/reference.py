"""The record format reference (from the schema) and the list of problem codes (from their
register), written for CONTRIBUTING.md and the site."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup, escape

from ..content.problems import CODES
from ..content.schema_check import SHORT_LIST
from ..i18n.languages import SOURCE
from ..i18n.localise import Text
from ..i18n.marks import N_

START, END = "<!-- casebook:fields:start -->", "<!-- casebook:fields:end -->"
PROBLEMS_START, PROBLEMS_END = "<!-- casebook:problems:start -->", "<!-- casebook:problems:end -->"


def _allowed(spec: dict[str, Any], _: Callable[[str], str]) -> str:
    items = spec.get("items", spec)
    if "enum" in items:
        values = ", ".join(f"`{value}`" for value in items["enum"])
        return values if len(items["enum"]) <= SHORT_LIST else _("see %(file)s") % {
            "file": f"`{items.get('$comment', 'the taxonomy')}`"}
    if "pattern" in items and "patternErrorMessage" in items:
        return items["patternErrorMessage"]
    if items.get("type") == "string" and "minLength" in items:
        return _("%(least)s to %(most)s characters") % {"least": items["minLength"], "most": items["maxLength"]}
    if items.get("type") == "object":
        fields = [f"`{name}`{'' if name in items.get('required', []) else '?'}" for name in items["properties"]]
        return _("each with %(fields)s") % {"fields": ", ".join(fields)}
    return ""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


FIELD_COLUMNS = (N_("Field"), N_("Required"), N_("What it is"), N_("Allowed values"), N_("Example"))


def field_rows(schema: dict[str, Any], translate: Callable[[str], str] = N_) -> list[tuple[str, ...]]:
    """A row per field, each cell text with `code` marked by backticks as in Markdown, in the
    language `translate` gives (the schema's own words are the schema's: give it in that language
    too). Some of it comes from the taxonomy (the names of terms in a rule's description): text,
    never markup. The examples come from an English record and are marked as English."""
    required = set(schema["required"])
    rows: list[tuple[str, ...]] = []
    for name, spec in schema["properties"].items():
        example = json.dumps(spec["examples"][0], ensure_ascii=False) if spec.get("examples") else ""
        rows.append((f"`{name}`", translate(N_("yes") if name in required else N_("no")),
                     spec.get("description", ""), _allowed(spec, translate),
                     Text(f"`{example}`", SOURCE.code) if example else ""))
    return rows


def field_reference(schema: dict[str, Any]) -> str:
    """The rows as a Markdown table, for CONTRIBUTING.md."""
    rows = [f"| {' | '.join(FIELD_COLUMNS)} |", "| --- | --- | --- | --- | --- |"]
    rows += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in field_rows(schema)]
    return "\n".join(rows) + "\n"


def inline_code(text: str) -> Markup:
    """Cell text as HTML: escaped first, then each `backticked` span in <code>, so no text
    becomes any other markup. A backtick left open stays a backtick."""
    parts = str(escape(text)).split("`")
    html = parts[0]
    for index in range(1, len(parts), 2):
        closed = index + 1 < len(parts)
        html += f"<code>{parts[index]}</code>{parts[index + 1]}" if closed else f"`{parts[index]}"
    return Markup(html)


def problem_reference() -> Text:
    """A Markdown table of every problem code the validator can give, in English, as the
    validator reports them."""
    rows = ["| Code | Severity | What it means |", "| --- | --- | --- |"]
    rows += [f"| `{code}` | {about.severity.value} | {_cell(about.about)} |" for code, about in CODES.items()]
    return Text("\n".join(rows) + "\n", SOURCE.code)


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
