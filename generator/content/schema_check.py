"""Checking a YAML document against a JSON Schema, with messages written for people.

The schema is the single statement of the rules: it types the scalars (text stays text as
written), validates (jsonschema-rs, Draft 2020-12), and supplies the words of the messages:
`title` names a vocabulary, `$comment` says where its values live, `patternErrorMessage` and
`errorMessage` (keywords VS Code's YAML support also shows) explain formats and conditional rules.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import jsonschema_rs
from rapidfuzz import fuzz, process, utils

from .characters import schema_pattern
from .load import Document, FieldPath, _dotted
from .problems import CODES, Problem, Severity

_TYPE_WORDS = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields (name: value lines)",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "null": "nothing",
}
# A vocabulary this short is listed in full in messages, the docs and the scaffold; a longer
# one is named by its file.
SHORT_LIST = 13
_LIST_HINT = "write each item on its own line starting with '- ', or as [first, second]"


def describe_value(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"the number {_clip(str(value), 24)}"
    if isinstance(value, str):
        return f"the text '{_clip(value)}'"
    return _TYPE_WORDS["array" if isinstance(value, list) else "object"]


def _clip(text: str, limit: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def closest(value: str, options: list[str], limit: int = 1, cutoff: float = 70) -> list[str]:
    """Ids or short values like `value` (WRatio: generous with partial matches, as a misspelt
    or shortened id needs)."""
    return list(_closest(value, tuple(options), limit, cutoff))


def suggest_term(value: str, ids: list[str], names: list[str]) -> str | None:
    """The id to suggest for `value`, which is none of `ids`: the term whose display name it is
    ("Fire and rescue" for fire), else the id or the display name it is most like. Enums without
    display names (units) give no `names`."""
    by_name = {name.casefold(): option for name, option in zip(names, ids, strict=False)}
    if value.casefold() in by_name:
        return by_name[value.casefold()]
    guess = closest(value, ids)
    if guess:
        return guess[0]
    named = closest_name(value, list(by_name)) if by_name else None
    return by_name[named] if named else None


# Below this, two organisation names share words, not an organisation: "National Police Chiefs'
# Council" and "Bedfordshire Police" score 45, "Kent Fire & Rescue Service" and its registered
# "Kent Fire and Rescue Service" 92. A wrong suggestion is worse than none.
NAME_SIMILARITY = 75
# Words in this share of the names or more ("fire", "police", "service") say what kind of body
# it is, not which: "Kingsbridge Fire and Rescue" is not "Lincolnshire Fire and Rescue".
COMMON_WORD_SHARE = 0.04


def closest_name(value: str, options: list[str]) -> str | None:
    """The one name close enough to `value` to suggest: alike word by word, and alike in the
    words that tell bodies of one kind apart."""
    names = _closest_names(value, tuple(options))
    return names[0] if names else None


def closest_names(value: str, options: list[str]) -> list[str]:
    """Every name `closest_name` would accept, best first (the proposal form offers them all;
    site_theme/overrides/assets/name-match.js ranks them the same way)."""
    return list(_closest_names(value, tuple(options)))


@functools.lru_cache(maxsize=4096)
def _closest_names(value: str, options: tuple[str, ...]) -> tuple[str, ...]:
    common = _common_words(options)
    wanted = _distinctive(value, common)
    found = process.extract(value, options, limit=None, score_cutoff=NAME_SIMILARITY, scorer=fuzz.token_sort_ratio,
                            processor=utils.default_process)
    return tuple(match for match, _score, _index in found if _alike(wanted, _distinctive(match, common)))  # best first


def _alike(wanted: str, own: str) -> bool:
    return not (wanted and own) or fuzz.token_set_ratio(wanted, own) >= NAME_SIMILARITY


@functools.lru_cache(maxsize=16)
def _common_words(options: tuple[str, ...]) -> frozenset[str]:
    counts = Counter(word for option in options for word in set(utils.default_process(option).split()))
    return frozenset(word for word, count in counts.items() if count >= max(2, len(options) * COMMON_WORD_SHARE))


def _distinctive(name: str, common: frozenset[str]) -> str:
    return " ".join(word for word in utils.default_process(name).split() if word not in common)


@functools.lru_cache(maxsize=4096)
def _closest(value: str, options: tuple[str, ...], limit: int, cutoff: float) -> tuple[str, ...]:
    # Many records repeat the same unregistered name; match each once.
    found = process.extract(value, options, limit=limit + 1, score_cutoff=cutoff, processor=_separators)
    if len(found) > limit and found[limit - 1][1] == found[limit][1]:
        # As near one as another ('NO': north-east or north-west?): a guess would mislead.
        found = [match for match in found if match[1] > found[limit][1]]
    return tuple(match for match, _score, _index in found[:limit])


def _separators(text: str) -> str:
    # Hyphens, underscores and spaces are one mistake, not three: without this 'gbp-per-year'
    # scores higher against 'gbp' (a partial match) than against 'gbp_per_year'. Case is none:
    # without folding, 'South Wst' is as near 'south-east' as 'south-west'.
    return re.sub(r"[\s_-]+", " ", text).casefold()


@dataclass
class _Reading:
    """How the schema reads a value: as text (what was typed, stripped), or by its parts."""

    text: bool
    properties: dict[str, _Reading]
    items: _Reading | None


_AS_PARSED = _Reading(False, {}, None)


def _reading(schema: dict[str, Any], root: dict[str, Any], known: dict[int, _Reading]) -> _Reading:
    schema = _resolve(schema, root)
    if id(schema) not in known:
        # Registered before its parts, so a schema that refers to itself ends.
        reading = known[id(schema)] = _Reading(_expects_text(schema), {}, None)
        reading.properties.update((name, _reading(part, root, known))
                                  for name, part in schema.get("properties", {}).items())
        if "items" in schema:
            reading.items = _reading(schema["items"], root, known)
    return known[id(schema)]


def coerce(value: Any, schema: dict[str, Any], doc: Document, root: dict[str, Any]) -> Any:
    """Read scalars as the schema expects them: text fields keep what was typed, stripped."""
    # Worked out once per schema, not once per value of every record.
    reading = _READINGS.get(id(schema))
    if reading is None or reading[0] is not schema:
        reading = _READINGS[id(schema)] = (schema, _reading(schema, root, {}))
        if len(_READINGS) > READINGS_KEPT:
            # Every run (each `mkdocs serve` rebuild) builds its schemas afresh: the oldest go.
            del _READINGS[next(iter(_READINGS))]
    return _coerce(value, reading[1], doc.raw, ())


# One run reads with the case-study schema and one schema per vocabulary file; the entry holds
# its schema so the id stays its own while kept.
READINGS_KEPT = 32
_READINGS: dict[int, tuple[dict[str, Any], _Reading]] = {}


def _coerce(value: Any, reading: _Reading, raw: dict[FieldPath, str], path: FieldPath) -> Any:
    if reading.text:
        if value.__class__ is str:
            return value.strip()
        if value is not None and path in raw and not isinstance(value, (dict, list)):
            return raw[path].strip()
        return value
    if value.__class__ is dict:
        properties = reading.properties
        return {key: _coerce(item, properties.get(key, _AS_PARSED), raw, path + (key,))
                for key, item in value.items()}
    if value.__class__ is list:
        items = reading.items or _AS_PARSED
        return [_coerce(item, items, raw, path + (index,)) for index, item in enumerate(value)]
    return value


def _expects_text(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "string":
        return True
    return "enum" in schema and all(isinstance(option, str) for option in schema["enum"])


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = root["$defs"][name]
    return schema


def _subschema(root: dict[str, Any], schema_path: list[Any]) -> dict[str, Any]:
    node: Any = root
    for part in schema_path:
        node = node[part] if isinstance(node, list) or part in node else node
        if isinstance(node, dict) and "$ref" in node and part != "$ref":
            node = _resolve(node, root)
    return node if isinstance(node, dict) else {}


def _value_at(data: Any, path: list[Any]) -> Any:
    for part in path:
        data = data[part]
    return data


class _Describer:
    """Turns one jsonschema-rs error into one or more Problems."""

    def __init__(self, doc: Document, data: Any, root: dict[str, Any], noun: str) -> None:
        self.doc, self.data, self.root, self.noun = doc, data, root, noun

    def problem(self, path: FieldPath, code: str, message: str, hint: str = "", *,
                key: bool = False, severity: Severity | None = None) -> Problem:
        line, col = self.doc.mark(path, key=key)
        return Problem(path=self.doc.path, line=line, col=col, code=code,
                       severity=severity or CODES[code].severity, field=_dotted(path),
                       message=message, hint=hint)

    def describe(self, error: jsonschema_rs.ValidationError) -> list[Problem]:
        path = tuple(error.instance_path)
        keyword_path = list(error.schema_path)
        # jsonschema-rs reports dependentRequired as a Required error; the owner's `required` list
        # is then complete, so it needs its own handler.
        kind = "DependentRequired" if keyword_path[-1:] == ["dependentRequired"] else type(error.kind).__name__
        owner = _subschema(self.root, keyword_path[:-1])
        if path in self.doc.refused or (kind == "Not" and owner["not"].get("pattern") == schema_pattern()):
            return []  # the loader has reported it, naming the value or the character
        value = _value_at(self.data, list(path))
        handler = getattr(self, f"_{kind.lower()}", None)
        if owner.get("errorMessage") and kind in ("Required", "Not", "Enum", "Constant"):
            return [self.problem(path, "rule", owner["errorMessage"], key=True)]
        if handler is None:
            return [self.problem(path, "invalid-value", error.message)]
        return handler(path, owner, value)

    def _required(self, path: FieldPath, owner: dict, value: dict) -> list[Problem]:
        problems = []
        for name in owner.get("required", []):
            if name in value:
                continue
            spec = _resolve(owner.get("properties", {}).get(name, {}), self.root)
            what = spec.get("description", "")
            hint = f"add a line '{name}:'" + (f": {_first_sentence(what)}" if what else "")
            problems.append(self.problem(path, "missing-field", f"the required field '{name}' is missing",
                                         hint, key=True))
        return problems

    def _dependentrequired(self, path: FieldPath, owner: dict, value: dict) -> list[Problem]:
        return [self.problem(path + (name,), "missing-field", f"'{name}' is given without '{need}'",
                             f"add a line '{need}:', or remove '{name}'", key=True)
                for name, needs in owner.get("dependentRequired", {}).items() if name in value
                for need in needs if need not in value]

    def _additionalproperties(self, path: FieldPath, owner: dict, value: dict) -> list[Problem]:
        allowed = list(owner.get("properties", {}))
        problems = []
        for name in value:
            if name in allowed:
                continue
            guess = closest(name, allowed)
            hint = f"did you mean '{guess[0]}'?" if guess else f"allowed fields: {', '.join(allowed)}"
            problems.append(self.problem(path + (name,), "unknown-field", f"'{name}' is not a field here", hint,
                                         key=True))
        return problems

    def _enum(self, path: FieldPath, owner: dict, value: Any) -> list[Problem]:
        options = [str(option) for option in owner["enum"]]
        noun = owner.get("title", "allowed value")
        if not isinstance(value, str):
            return self._type(path, {"type": "string"}, value)
        guess = suggest_term(value, options, owner.get("enumNames", []))
        if guess:
            hint = f"did you mean '{guess}'?"
        elif len(options) <= SHORT_LIST:
            hint = f"use one of: {', '.join(options)}"
        else:
            hint = f"see the list in {owner.get('$comment', 'the taxonomy')}"
        return [self.problem(path, "unknown-term", f"'{_clip(value)}' is not a known {noun}", hint)]

    def _type(self, path: FieldPath, owner: dict, value: Any) -> list[Problem]:
        expected = owner.get("type", "string")
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        if value is None:
            return [self.problem(path, "empty-value", f"has no value; expected {words}",
                                 "fill it in, or remove the line if the field is optional", key=True)]
        hint = _LIST_HINT if expected == "array" else ""
        if expected == "boolean" and isinstance(value, str):
            hint = "write true or false"
        if expected in ("number", "integer") and isinstance(value, str):
            hint = "write digits only, without £, commas or units"
        return [self.problem(path, "wrong-type", f"expected {words}, got {describe_value(value)}", hint)]

    def _minlength(self, path: FieldPath, owner: dict, value: str) -> list[Problem]:
        return [self.problem(path, "too-short", f"is {len(value)} characters long; the minimum is {owner['minLength']}",
                             "add more detail")]

    def _maxlength(self, path: FieldPath, owner: dict, value: str) -> list[Problem]:
        return [self.problem(path, "too-long", f"is {len(value)} characters long; the maximum is {owner['maxLength']}",
                             "shorten it")]

    def _minitems(self, path: FieldPath, owner: dict, value: list) -> list[Problem]:
        need = owner["minItems"]
        return [self.problem(path, "too-few-items", f"lists {len(value)} item{'s' * (len(value) != 1)}; "
                             f"at least {need} {'are' if need > 1 else 'is'} needed", _LIST_HINT, key=True)]

    def _maxitems(self, path: FieldPath, owner: dict, value: list) -> list[Problem]:
        return [self.problem(path, "too-many-items",
                             f"lists {len(value)} items; the most allowed is {owner['maxItems']}",
                             "keep the most important ones", key=True)]

    def _uniqueitems(self, path: FieldPath, owner: dict, value: list) -> list[Problem]:
        seen: list[Any] = []
        problems = []
        for index, item in enumerate(value):
            if item in seen:
                first = self.doc.mark(path + (seen.index(item),))[0]
                problems.append(self.problem(path + (index,), "duplicate-item",
                                             f"{describe_value(item)} is listed more than once",
                                             f"first listed on line {first}; remove the repeat"))
            seen.append(item)
        return problems

    def _pattern(self, path: FieldPath, owner: dict, value: str) -> list[Problem]:
        hint = owner.get("patternErrorMessage", f"it must match {owner.get('pattern')}")
        return [self.problem(path, "bad-format", f"'{_clip(value)}' is not in the expected format", hint)]

    def _contains(self, path: FieldPath, owner: dict, value: list) -> list[Problem]:
        if self._misspells_a_required_value(owner, value):
            return []  # its unknown-term message names the value meant: one mistake, one message
        message = owner.get("errorMessage") or "does not include a required value"
        return [self.problem(path, "rule", message, key=True)]

    def _misspells_a_required_value(self, owner: dict, value: list) -> bool:
        """Whether an item outside the list's vocabulary is taken for one of the values the list
        must contain (`polise` for police): fixing it as suggested also meets the rule."""
        items = _resolve(owner.get("items", {}), self.root)
        options = [str(option) for option in items.get("enum", [])]
        required = {str(option) for option in owner.get("contains", {}).get("enum", [])}
        return any(isinstance(item, str) and item not in options
                   and suggest_term(item, options, items.get("enumNames", [])) in required for item in value)

    def _minimum(self, path: FieldPath, owner: dict, value: Any) -> list[Problem]:
        return [self.problem(path, "out-of-range", f"{value} is below the minimum of {owner['minimum']}")]

    def _maximum(self, path: FieldPath, owner: dict, value: Any) -> list[Problem]:
        return [self.problem(path, "out-of-range", f"{_clip(str(value), 24)} is above the maximum of "
                             f"{owner['maximum']:,}", "check the figure against the source")]


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".")


def check_against_schema(doc: Document, schema: dict[str, Any], *, noun: str = "value",
                         validator: jsonschema_rs.Draft202012Validator | None = None) -> list[Problem]:
    """Type the document's scalars by the schema, validate, and describe every failure."""
    doc.data = coerce(doc.data, schema, doc, schema)
    validator = validator or jsonschema_rs.Draft202012Validator(schema)
    describer = _Describer(doc, doc.data, schema, noun)
    problems: list[Problem] = []
    for error in validator.iter_errors(doc.data):
        problems += describer.describe(error)
    return problems
