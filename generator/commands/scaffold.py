"""`casebook new`: a new case-study file with every field, written from the schema."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from ..content.schema import MAX_SLUG, REQUIRED, SLUG_PATTERN
from ..content.schema_check import SHORT_LIST
from ..render.urls import SCHEMA_COMMENT


def slug_for(title: str, taken: set[str]) -> str:
    """A web-safe name from the title, numbered if another record already has it."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title).strip("-")[:MAX_SLUG - 3].strip("-") or "case-study"
    if not re.fullmatch(SLUG_PATTERN, base):
        # Too short, or a name the site keeps for its own pages ("index").
        base = f"{base}-case-study"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _inline(value: Any) -> str:
    """A YAML flow value; JSON is valid YAML and quotes every string, so nothing is misread."""
    return json.dumps(value, ensure_ascii=False)


def _choices(spec: dict[str, Any]) -> str:
    items = spec.get("items", spec)
    options = items.get("enum")
    return f" One of: {', '.join(options)}." if options and len(options) <= SHORT_LIST else \
        (f" Values are listed in {items['$comment']}." if "$comment" in items else "")


def scaffold(schema: dict[str, Any], answers: dict[str, Any]) -> str:
    """Required fields first, filled from the answers or left empty for the validator to point
    at; optional fields as commented-out lines explaining what they are for."""
    lines = [SCHEMA_COMMENT, "# A new case study. Fill in every field that is empty, then run: casebook validate", ""]
    properties = schema["properties"]
    answers = dict(answers)
    # One organisation line per chosen service, so the names are all that is left to fill in.
    services = answers.get("services") or ["", ""]
    answers.setdefault("organisations", [{"name": "", "service": s} for s in (services * 2)[:max(2, len(services))]])
    for name in REQUIRED:
        spec = properties[name]
        lines.append(f"# {spec.get('description', '')}{_choices(spec)}")
        lines.append(f"{name}: {_inline(answers.get(name, _empty(spec)))}")
    lines += ["", "# Optional fields: remove the '# ' in front of a line to use it."]
    for name, spec in properties.items():
        if name in REQUIRED:
            continue
        lines.append(f"# {name}: {_inline(_empty(spec))}  # {spec.get('description', '')}{_choices(spec)}")
    return "\n".join(lines) + "\n"


def _empty(spec: dict[str, Any]) -> Any:
    kind = spec.get("type")
    if kind == "array":
        items = spec["items"]
        if items.get("type") == "object":
            return [{key: "" for key in items["required"]}]
        return []
    if kind == "object":
        return {key: "" for key in spec["required"]}
    if kind == "boolean":
        return False
    return ""


def write_new(folder: Path, schema: dict[str, Any], answers: dict[str, Any]) -> Path:
    taken = {path.stem for path in folder.glob("*.yaml")}
    path = folder / f"{slug_for(str(answers['title']), taken)}.yaml"
    with path.open("x", encoding="utf-8") as handle:
        handle.write(scaffold(schema, answers))
    return path
