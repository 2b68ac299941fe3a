"""Welsh in the content: what the Welsh site and the Welsh Language Standards ask of the
vocabularies and the records (issue 19).

Every vocabulary term carries its Welsh name (`name_cy`) and, where it has a description or
definition, its Welsh text (`text_cy`). In the organisation register only bodies bound by the
Standards (`welsh_language_standards: true`) need a Welsh name: their official one. Welsh written
without a Welsh speaker's check is marked `review_cy: needed`, as translators' tools mark a draft
fuzzy; a reviewer deletes the mark.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..i18n.marks import N_
from .load import Document, _dotted
from .problems import Problem

if TYPE_CHECKING:  # the taxonomy imports this module for its Welsh names
    from .taxonomy import Taxonomy

NAME, TEXT, REVIEW = "name_cy", "text_cy", "review_cy"
# The register's attribute for bodies bound by the Welsh Language Standards (Welsh Language
# (Wales) Measure 2011): Welsh Ministers and councils (No. 1 Regulations 2015), police and crime
# commissioners, chief constables and fire and rescue authorities (No. 5, 2016), NHS trusts in
# Wales (No. 7, 2018).
STANDARDS = "welsh_language_standards"
# The mark of Welsh awaiting a Welsh speaker's review.
NEEDS_REVIEW = "needed"
_REVIEW_MEANS = N_("Present while the Welsh is a draft awaiting a Welsh speaker's review.")
_REVIEW_SCHEMA = {"enum": [NEEDS_REVIEW], "description": _REVIEW_MEANS}


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
        missing = missing_welsh(item, text_field, required_if)
        if missing:
            problems.append(_untranslated(doc, index, item, noun, text_field, missing, required_if))
        name = item.get(NAME)
        if name in names:
            problems.append(_at(doc, (index, NAME), "duplicate-name", f"the Welsh name '{name}' is used twice",
                                f"also at item {names[name]}; every name must be unique"))
        elif name:
            names[name] = index
    return problems


def missing_welsh(item: dict[str, Any], text_field: str | None, required_if: str | None) -> list[str]:
    """The Welsh properties a term (as written in its vocabulary) needs and lacks."""
    if required_if and not item.get(required_if):
        return []
    return [name for name in (NAME, TEXT if text_field else None) if name and name not in item]


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


# A record's Welsh version, `cy:`, mirrors these English fields: texts as they are, lists by the
# text of each item in the same order, and the evidence's texts. Names stay as written (the
# register gives organisations' Welsh names; documents keep their own titles).
RECORD_BLOCK = "cy"
MIRRORED_TEXT = ("title", "summary", "context", "description")
MIRRORED_LISTS = ("areas", "outcomes", "lessons", "barriers", "enablers")
MIRRORED_EVIDENCE = ("summary", "caveats")
REQUIRED_IN_WELSH = ("title", "summary", "context", "description", "lessons")


def record_schema(english: dict[str, Any], translate: Callable[[str], str]) -> dict[str, Any]:
    """The schema of `cy:`, from the English fields' own: the same limits and characters; its
    descriptions in the language `translate` gives (see schema.case_study_schema)."""
    _ = translate
    properties: dict[str, Any] = {"review": _REVIEW_SCHEMA | {"description": _(_REVIEW_MEANS)}}
    for name in MIRRORED_TEXT:
        properties[name] = copy.deepcopy(english[name]) | {"description": _("The %(field)s in Welsh.")
                                                           % {"field": name}}
    for name in MIRRORED_LISTS:
        spec = copy.deepcopy(english[name])
        if spec["items"].get("type") == "object":
            spec["items"] = spec["items"]["properties"]["text"]
        properties[name] = spec | {"description": _("The %(field)s in Welsh: one text for each English item, in "
                                                    "the same order.") % {"field": name}}
    evidence = english["evidence"]["properties"]
    texts = {name: copy.deepcopy(evidence[name]) | {"description": _("The %(field)s in Welsh.") % {"field": name}}
             for name in MIRRORED_EVIDENCE}
    # Translators: between two field names, as in "summary and caveats".
    both = (" " + _("and") + " ").join(MIRRORED_EVIDENCE)
    properties["evidence"] = {"type": "object", "properties": texts, "additionalProperties": False,
                              "description": _("The evidence's %(fields)s in Welsh.") % {"fields": both}}
    return {"type": "object", "properties": properties, "required": list(REQUIRED_IN_WELSH),
            "additionalProperties": False,
            "description": _("The case study in Welsh, for the Welsh site: each English text in Welsh, lists in "
                             "the same order. Give review: needed until a Welsh speaker has checked it. Expected "
                             "when the record names a body bound by the Welsh Language Standards in its own "
                             "region.")}


def record_problems(doc: Document, taxonomy: Taxonomy) -> list[Problem]:
    """The Welsh version mirrors the English; a record about a body bound by the Standards has one."""
    data = doc.data
    welsh = data.get(RECORD_BLOCK)
    if isinstance(welsh, dict):
        return _mismatches(doc, data, welsh)
    organisations = [item.get("name") if isinstance(item, dict) else None for item in _items(data, "organisations")]
    bound = bound_body(taxonomy, [name if isinstance(name, str) else "" for name in organisations],
                       [region for region in _items(data, "regions") if isinstance(region, str)])
    if welsh is None and bound is not None:
        index, name = bound
        return [_at(doc, ("organisations", index, "name"), "untranslated-record",
                    f"{name} is bound by the Welsh Language Standards, and this case study has no Welsh "
                    f"version (cy)",
                    "add a cy: block with the title, summary, context, description and lessons in Welsh, and "
                    "review: needed until a Welsh speaker has checked it")]
    return []


def bound_body(taxonomy: Taxonomy, organisations: list[str], regions: list[str]) -> tuple[int, str] | None:
    """The first of a record's organisations bound by the Standards in a region the record covers,
    with its place in the list: the Standards bind a body's services in its own area, not a
    national programme it joins."""
    register = taxonomy.organisations_by_name
    for index, name in enumerate(organisations):
        term = register.get(name)
        if term is not None and term.get(STANDARDS) and set(regions) & set(term["regions"]):
            return index, term.name
    return None


def _mismatches(doc: Document, data: dict[str, Any], welsh: dict[str, Any]) -> list[Problem]:
    problems = []
    for name in MIRRORED_LISTS:
        english, given = _items(data, name), welsh.get(name)
        if (given is None and (name in REQUIRED_IN_WELSH or not english)) or \
                (given is not None and not isinstance(given, list)):
            continue  # the schema reports a missing required list, or a value that is not a list
        count = len(given) if given is not None else 0
        if count != len(english):
            problems.append(_at(doc, (RECORD_BLOCK, name), "welsh-mismatch",
                                f"the English {name} has {_items_count(len(english))}; cy.{name} has {count}",
                                "give one Welsh text for each English item, in the same order"))
    english_evidence, welsh_evidence = data.get("evidence"), welsh.get("evidence")
    for name in MIRRORED_EVIDENCE:
        has_english = isinstance(english_evidence, dict) and name in english_evidence
        has_welsh = isinstance(welsh_evidence, dict) and name in welsh_evidence
        if has_english != has_welsh:
            where = (RECORD_BLOCK, "evidence", name) if has_welsh else (RECORD_BLOCK,)
            problems.append(_at(doc, where, "welsh-mismatch",
                                f"evidence.{name} is given in {'Welsh' if has_welsh else 'English'} only",
                                f"give cy.evidence.{name} and evidence.{name} together"))
    return problems


def _items(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name)
    return value if isinstance(value, list) else []


def _items_count(count: int) -> str:
    return f"{count} item{'s' * (count != 1)}"
