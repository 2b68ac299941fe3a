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


def organisations_for(services: list[str]) -> list[dict[str, str]]:
    """One organisation per chosen service (at least two), so the names are all that is left to give."""
    services = services or ["", ""]
    return [{"name": "", "service": s} for s in (services * 2)[:max(2, len(services))]]


def scaffold(schema: dict[str, Any], answers: dict[str, Any]) -> str:
    """Required fields first, filled from the answers or left empty for the validator to point
    at; then optional fields given in the answers; then the other optional fields as
    commented-out lines explaining what they are for."""
    lines = [SCHEMA_COMMENT, "# A new case study, started with casebook new. Fill in any field left empty,",
             "# then check it: casebook validate", ""]
    properties = schema["properties"]
    answers = dict(answers)
    answers.setdefault("organisations", organisations_for(answers.get("services") or []))
    for name in REQUIRED:
        spec = properties[name]
        lines.append(f"# {spec.get('description', '')}{_choices(spec)}")
        lines.append(_line(name, _in_order(answers.get(name, _empty(spec)), spec)))
    given = [name for name in properties if name not in REQUIRED and name in answers]
    if given:
        lines += ["", "# Optional fields given."]
        lines += [_line(name, _in_order(answers[name], properties[name])) for name in given]
    lines += ["", "# Optional fields: remove the '# ' in front of a line to use it."]
    for name, spec in properties.items():
        if name in REQUIRED or name in answers:
            continue
        lines.append(f"# {name}: {_inline(_empty(spec))}  # {spec.get('description', '')}{_choices(spec)}")
    return "\n".join(lines) + "\n"


def _in_order(value: Any, spec: dict[str, Any]) -> Any:
    """`value` with the fields of each group in the schema's order, however they were answered."""
    if isinstance(value, list):
        return [_in_order(item, spec.get("items", {})) for item in value]
    if isinstance(value, dict):
        order = list(spec.get("properties", {}))
        return {key: _in_order(value[key], spec.get("properties", {}).get(key, {}))
                for key in sorted(value, key=lambda key: order.index(key) if key in order else len(order))}
    return value


def _line(name: str, value: Any, indent: str = "") -> str:
    """`name: value`, laid out as people edit YAML: text of several lines as a block, a group
    of fields one per line, a list of groups one item after another."""
    if isinstance(value, str) and "\n" in value.strip():
        text = value.strip("\n").rstrip()
        # A first line starting with a space needs the indentation said, or YAML takes it as the block's.
        indicator = "|2" if text.startswith(" ") else "|"
        return f"{indent}{name}: {indicator}\n" + "\n".join(f"{indent}  {line}" if line.strip() else ""
                                                              for line in text.split("\n"))
    if isinstance(value, dict) and value:
        return "\n".join([f"{indent}{name}:", *(_line(key, item, indent + "  ") for key, item in value.items())])
    if isinstance(value, list) and value and all(isinstance(item, dict) and item for item in value):
        lines = [f"{indent}{name}:"]
        for item in value:
            fields = _line("", item, indent + "  ").split("\n")[1:]
            lines += [f"{indent}  - {fields[0].lstrip()}", *fields[1:]]
        return "\n".join(lines)
    return f"{indent}{name}: {_inline(value)}"


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


def new_path(folder: Path, title: str) -> Path:
    """Where a new record with this title goes: a name no file in `folder` has."""
    return folder / f"{slug_for(title, {path.stem for path in folder.glob('*.yaml')})}.yaml"


def write_new(path: Path, text: str) -> None:
    """Write a new file, never over another; an interruption leaves no part-written file."""
    with path.open("x", encoding="utf-8") as handle:
        try:
            handle.write(text)
        except BaseException:
            handle.close()
            path.unlink()
            raise
