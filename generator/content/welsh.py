"""Welsh in the content: what the Welsh site and the Welsh Language Standards ask of the
vocabularies and the records (issue 19).

Every vocabulary term carries its Welsh name (`name_cy`) and, where it has a description or
definition, its Welsh text (`text_cy`). In the organisation register only bodies bound by the
Standards (`welsh_language_standards: true`) need a Welsh name: their official one. Welsh written
without a Welsh speaker's check is marked `review_cy: needed`, as translators' tools mark a draft
fuzzy; a reviewer deletes the mark.
"""

from __future__ import annotations

from typing import Any

from .load import Document, _dotted
from .problems import Problem

NAME, TEXT, REVIEW = "name_cy", "text_cy", "review_cy"
# The register's attribute for bodies bound by the Welsh Language Standards (Welsh Language
# (Wales) Measure 2011): Welsh Ministers and councils (No. 1 Regulations 2015), police and crime
# commissioners, chief constables and fire and rescue authorities (No. 5, 2016), NHS trusts in
# Wales (No. 7, 2018).
STANDARDS = "welsh_language_standards"
# The mark of Welsh awaiting a Welsh speaker's review.
NEEDS_REVIEW = "needed"
_REVIEW_SCHEMA = {"enum": [NEEDS_REVIEW],
                  "description": "Present while the Welsh is a draft awaiting a Welsh speaker's review."}


def term_properties(text_schema: dict[str, Any] | None) -> dict[str, Any]:
    """The Welsh properties a vocabulary's terms may have: the name, the text if its terms have
    one (with the English text's limits), and the review mark."""
    properties: dict[str, Any] = {NAME: {"type": "string", "minLength": 2, "maxLength": 200}, REVIEW: _REVIEW_SCHEMA}
    if text_schema:
        properties[TEXT] = text_schema
    return properties


def term_problems(doc: Document, noun: str, text_field: str | None, required_if: str | None) -> list[Problem]:
    """A warning for each term without its Welsh name or text, and an error for a Welsh name used
    twice."""
    problems: list[Problem] = []
    names: dict[str, int] = {}
    for index, item in enumerate(doc.data):
        if not required_if or item.get(required_if):
            missing = [name for name in (NAME, TEXT if text_field else None) if name and name not in item]
            if missing:
                problems.append(_untranslated(doc, index, item, noun, text_field, missing, required_if))
        name = item.get(NAME)
        if name in names:
            problems.append(_at(doc, (index, NAME), "duplicate-name", f"the Welsh name '{name}' is used twice",
                                f"also at item {names[name]}; every name must be unique"))
        elif name:
            names[name] = index
    return problems


def _untranslated(doc: Document, index: int, item: dict[str, Any], noun: str, text_field: str | None,
                  missing: list[str], required_if: str | None) -> Problem:
    what = " or ".join({NAME: "Welsh name (name_cy)", TEXT: f"Welsh {text_field} (text_cy)"}[name]
                       for name in missing)
    if required_if:
        message = f"'{item['name']}' is bound by the Welsh Language Standards but has no {what}"
        hint = "add name_cy: with its official Welsh name, as its own Welsh pages give it"
    else:
        message = f"the {noun} '{item['id']}' has no {what}"
        hint = f"add {' and '.join(f'{name}:' for name in missing)}, with review_cy: needed until a Welsh " \
               "speaker has checked it"
    return _at(doc, (index,), "untranslated-term", message, hint, field=_dotted((index, missing[0])))


def _at(doc: Document, path: tuple[str | int, ...], code: str, message: str, hint: str,
        field: str | None = None) -> Problem:
    line, col = doc.mark(path)
    return Problem(path=doc.path, line=line, col=col, code=code, field=field or _dotted(path), message=message,
                   hint=hint)
