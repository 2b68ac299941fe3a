"""JSON Schemas for the JSON exports, derived from the record schema so the two cannot drift.

An exported case study is the record as written, changed in the few ways `exports.record_data`
changes it: each facet value becomes an `{id, name}` object, notes carry `theme_name`, outcomes
with a domain carry `domain_name`, the evidence carries `level_name`, and the record gains its
lasting `id`, its `slug` and its `url`.
"""

from __future__ import annotations

import copy
from typing import Any

from ..content.schema import SLUG_PATTERN
from ..facets import WRITTEN
from . import urls

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NOTE_FIELDS = ("lessons", "barriers", "enablers")
# Read by people and tools that only want the shape; the record schema's examples show
# input, which differs from the export for the labelled fields.
_INPUT_ONLY = frozenset({"examples", "errorMessage", "contains"})


def _plain_string(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _labelled(vocabulary: dict[str, Any]) -> dict[str, Any]:
    """A vocabulary value as exported: its id and its label."""
    term = {key: value for key, value in vocabulary.items() if key not in _INPUT_ONLY | {"description"}}
    return {"type": "object", "properties": {"id": term, "name": _plain_string("Its label.")},
            "required": ["id", "name"], "additionalProperties": False}


def _without_input_only(spec: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in spec.items() if key not in _INPUT_ONLY}


def _with(spec: dict[str, Any], name: str, added: dict[str, Any]) -> dict[str, Any]:
    """An object schema with one more required property."""
    spec = copy.deepcopy(spec)
    spec["properties"][name] = added
    spec["required"] = [*spec["required"], name]
    return spec


def case_study_export_schema(record_schema: dict[str, Any]) -> dict[str, Any]:
    """One exported case study (without `$schema`/`$id`, so it can sit inside another schema)."""
    properties = {name: _without_input_only(spec) for name, spec in record_schema["properties"].items()
                  if name != "draft"}
    for facet in WRITTEN:
        spec = properties[facet.key]
        properties[facet.key] = spec | {"items": _labelled(spec["items"])} if facet.multiple else \
            _labelled(spec) | {"description": spec.get("description", "")}
    for name in NOTE_FIELDS:
        properties[name]["items"] = _with(properties[name]["items"], "theme_name", _plain_string("The theme's label."))
    properties["evidence"] = _with(properties["evidence"], "level_name", _plain_string("The level's label."))
    outcome = copy.deepcopy(properties["outcomes"]["items"])
    outcome["properties"]["domain_name"] = _plain_string("The outcome domain's label, given with its domain.")
    outcome["dependentRequired"] = outcome.get("dependentRequired", {}) | {"domain": ["domain_name"]}
    properties["outcomes"] = properties["outcomes"] | {"items": outcome}
    properties = {
        "id": {"type": "string", "pattern": SLUG_PATTERN,
               "description": "Its lasting id: the first name it had, kept across renames (the key of every table)."},
        "slug": {"type": "string", "pattern": SLUG_PATTERN,
                 "description": "Its file name now, which its address uses."},
        **properties,
        "url": {"type": "string", "format": "uri", "description": "Its page on the site."},
    }
    properties["related"] = properties["related"] | {
        "description": "Case studies to read alongside it (their slugs): its own choice, then the most similar."}
    # The record schema's rules that link fields (allOf) are left out: they are checks on what
    # editors write, the exported records have passed them, and they read the unlabelled values.
    return {"type": "object", "title": "Casebook case study (export)",
            "description": record_schema.get("description", ""), "properties": properties,
            "required": ["id", "slug", *record_schema["required"], "url"], "additionalProperties": False}


def _schema_ref() -> dict[str, Any]:
    return {"type": "string", "format": "uri", "description": "The schema this file follows."}


def record_json_schema(record_schema: dict[str, Any], site_url: str) -> dict[str, Any]:
    """The schema of each `case-studies/<slug>.json`."""
    item = case_study_export_schema(record_schema)
    item["properties"] = {"$schema": _schema_ref(), **item["properties"]}
    return {"$schema": DRAFT, "$id": site_url + urls.RECORD_JSON_SCHEMA, **item}


def library_json_schema(record_schema: dict[str, Any], site_url: str) -> dict[str, Any]:
    """The schema of `data/case-studies.json`: the library's title and licence, and every case study."""
    properties = {
        "$schema": _schema_ref(),
        "title": _plain_string("The library's name."),
        "licence": _plain_string("The licence the data is published under."),
        "licence_url": {"type": "string", "format": "uri", "description": "The licence's text."},
        "case_studies": {"type": "array", "items": {"$ref": "#/$defs/case_study"},
                         "description": "Every published case study, by slug."},
    }
    return {"$schema": DRAFT, "$id": site_url + urls.LIBRARY_JSON_SCHEMA, "title": "Casebook case studies",
            "type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False, "$defs": {"case_study": case_study_export_schema(record_schema)}}
