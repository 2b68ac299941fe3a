"""What `casebook new` asks, read from the case-study schema: every required field in the
schema's order, each field a conditional rule requires once earlier answers meet its condition
(an end date for a completed scheme, an evaluator for an independent evaluation), and the
choices of each vocabulary, narrowed as those rules narrow them (a proposed scheme's result).

Answers are kept as the record holds them (a dict of fields); a question is the first field,
in order, that has no answer yet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import jsonschema_rs

from ..content.load import FieldPath, _dotted
from ..content.model import MARKDOWN_FIELDS
from ..content.schema import DATE_PATTERN, DAY_PATTERN
from ..content.taxonomy import Taxonomy
from .answers import DATE_EXAMPLES, Choice

Answers = dict[str, Any]


@dataclass(frozen=True)
class Question:
    """One thing to ask. `kind` says how the answer is read: one choice, several, a date, text,
    or whether to add another item to a list (`path` is then the list's)."""

    path: FieldPath
    label: str
    help: str
    kind: str
    choices: tuple[Choice, ...] = ()
    optional: bool = False
    multiline: bool = False
    day_needed: bool = False
    # Values set with the answer: the service of an organisation given for a chosen service.
    fills: tuple[tuple[str, Any], ...] = ()
    # A list the answer must be in, added to it if not: an organisation's service to services.
    listed_in: FieldPath = ()
    # Names as registered: an answer that differs only in case is written as registered.
    known: tuple[str, ...] = ()

    @property
    def field(self) -> str:
        return _dotted(self.path)


def get_at(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def set_at(data: Answers, path: FieldPath, value: Any) -> None:
    """Set the answer at `path`, making the groups and list items on the way."""
    for part, after in zip(path, path[1:], strict=False):
        empty: Any = [] if isinstance(after, int) else {}
        if isinstance(part, int):
            while len(data) <= part:
                data.append(empty)  # type: ignore[attr-defined]
            data = data[part]  # type: ignore[index]
        else:
            data = data.setdefault(part, empty)
    data[path[-1]] = value  # type: ignore[index]


def clear_at(data: Answers, path: FieldPath) -> None:
    parent = get_at(data, path[:-1])
    if isinstance(parent, dict):
        parent.pop(path[-1], None)


class Questions:
    """The questions of the case-study schema, for a taxonomy; `skip` names required fields
    filled without asking (editors' fields)."""

    def __init__(self, schema: dict[str, Any], taxonomy: Taxonomy, skip: tuple[str, ...] = ()) -> None:
        self.schema, self.taxonomy, self.skip = schema, taxonomy, skip
        self.rules = [(jsonschema_rs.validator_for(rule["if"]), rule["then"]) for rule in schema.get("allOf", [])]

    def about(self, name: str) -> Question:
        """The question for a top-level field, whatever the other answers (for command-line flags)."""
        return self._leaf((name,), self.schema["properties"][name])

    def next(self, answers: Answers, settled: set[FieldPath]) -> Question | None:
        """The first question without an answer; None once the record has every answer it needs.
        `settled` holds optional questions answered with nothing and lists closed to more items."""
        extras = self._extras(answers)
        for name, optional in self._fields(answers, extras):
            question = self._field((name,), self.schema["properties"][name], answers, settled, extras)
            if question is not None:
                return replace(question, optional=optional)
        return None

    def _extras(self, answers: Answers) -> dict[FieldPath, list[dict[str, Any]]]:
        """What the conditional rules the answers meet add, by the path they add it at."""
        found: dict[FieldPath, list[dict[str, Any]]] = {}
        for condition, then in self.rules:
            if condition.is_valid(answers):
                _collect(then, (), found)
        return found

    def _fields(self, answers: Answers, extras: dict[FieldPath, list[dict[str, Any]]]) -> Iterator[tuple[str, bool]]:
        """Each top-level field to ask, and whether it may be left out."""
        required = _required(self.schema, extras.get((), []))
        forbidden = {name for extra in extras.get((), []) for name in extra.get("not", {}).get("required", [])}
        for name in self.schema["required"]:
            if name not in self.skip:
                yield name, False
            if name == "started":
                # Fields rules require, and an end date the chosen status allows (a pilot's planned end).
                yield from ((field, False) for field in required if field not in self.schema["required"])
                if "ended" not in required and "ended" not in forbidden and self._end_allowed(answers):
                    yield "ended", True

    def _end_allowed(self, answers: Answers) -> bool:
        status = self.taxonomy.statuses.get(answers.get("status", ""))
        return status is not None and status.get("ended") == "optional"

    def _field(self, path: FieldPath, spec: dict[str, Any], answers: Answers, settled: set[FieldPath],
               extras: dict[FieldPath, list[dict[str, Any]]]) -> Question | None:
        spec = self._narrowed(path, spec, answers, extras)
        if spec.get("type") == "object":
            for name in _required(spec, extras.get(path, [])):
                question = self._field(path + (name,), spec["properties"][name], answers, settled, extras)
                if question is not None:
                    return question
            return None
        if spec.get("type") == "array" and spec["items"].get("type") == "object":
            return self._items(path, spec, answers, settled, extras)
        if get_at(answers, path) is not None or path in settled:
            return None
        return self._leaf(path, spec)

    def _items(self, path: FieldPath, spec: dict[str, Any], answers: Answers, settled: set[FieldPath],
               extras: dict[FieldPath, list[dict[str, Any]]]) -> Question | None:
        items = get_at(answers, path) or []
        at_least = max(spec.get("minItems", 0), len(self._services(answers)) if path == ("organisations",) else 0)
        for index in range(max(len(items), at_least)):
            question = self._field(path + (index,), spec["items"], answers, settled, extras)
            if question is not None:
                return self._for_service(question, answers, index) if path == ("organisations",) else question
        if path in settled or len(items) >= spec.get("maxItems", len(items) + 1):
            return None
        return Question(path, f"Another {_singular(str(path[-1]))}?", "", "more")

    def _for_service(self, question: Question, answers: Answers, index: int) -> Question:
        """An organisation is asked for each chosen service first, by the name the register
        spells; a later one's service joins the services if it is not among them (an
        organisation's service must be listed there)."""
        services = self._services(answers)
        if question.path[-1] == "service":
            return replace(question, listed_in=("services",))
        question = replace(question, known=tuple(self.taxonomy.organisations_by_name))
        if index < len(services) and not get_at(answers, question.path[:-1]):
            service = self.taxonomy.services[services[index]]
            return replace(question, label=f"{_label(question.path[:-1])} ({service.name}): name",
                           fills=(("service", service.id),))
        return question

    def _services(self, answers: Answers) -> list[str]:
        return [s for s in answers.get("services", []) if s in self.taxonomy.services]

    def _narrowed(self, path: FieldPath, spec: dict[str, Any], answers: Answers,
                  extras: dict[FieldPath, list[dict[str, Any]]]) -> dict[str, Any]:
        """`spec` with the choices the rules leave (a proposed scheme's result can only be undecided)."""
        for extra in extras.get(path, []):
            if "enum" in extra and "enum" in spec:
                kept = [(value, name) for value, name in zip(spec["enum"], spec.get("enumNames", spec["enum"]),
                                                             strict=True) if value in extra["enum"]]
                spec = spec | {"enum": [v for v, _ in kept], "enumNames": [n for _, n in kept]}
        return spec

    def _leaf(self, path: FieldPath, spec: dict[str, Any]) -> Question:
        label, about = _label(path), spec.get("description", "")
        item = spec.get("items", {})
        if "enum" in spec or "enum" in item:
            choices = _choices(spec if "enum" in spec else item)
            many = "enum" in item
            return Question(path, label, _with(about, _count_rule(spec) if many else ""), "many" if many else "one",
                            choices)
        if spec.get("pattern") in (DATE_PATTERN, DAY_PATTERN):
            return Question(path, label, _with(about, DATE_EXAMPLES), "date", day_needed=spec["pattern"] == DAY_PATTERN)
        limits = f"{spec['minLength']} to {spec['maxLength']:,} characters" if "minLength" in spec else ""
        markdown = tuple(p for p in path if isinstance(p, str)) in MARKDOWN_FIELDS
        return Question(path, label, _with(about, limits), "text", multiline=markdown)


def _collect(node: dict[str, Any], path: FieldPath, found: dict[FieldPath, list[dict[str, Any]]]) -> None:
    found.setdefault(path, []).append({key: value for key, value in node.items() if key != "properties"})
    for name, part in node.get("properties", {}).items():
        _collect(part, path + (name,), found)


def _required(spec: dict[str, Any], extras: list[dict[str, Any]]) -> list[str]:
    names = [*spec.get("required", []), *(name for extra in extras for name in extra.get("required", []))]
    return list(dict.fromkeys(names))


def _choices(spec: dict[str, Any]) -> tuple[Choice, ...]:
    names = spec.get("enumNames", spec["enum"])
    return tuple(Choice(value, name) for value, name in zip(spec["enum"], names, strict=True))


def _count_rule(spec: dict[str, Any]) -> str:
    least = spec.get("minItems", 0)
    return f"choose at least {least}" if least > 1 else ""


def _with(about: str, extra: str) -> str:
    return f"{about} ({extra})" if about and extra else about or extra


def _singular(name: str) -> str:
    return name.removesuffix("s").replace("_", " ")


def _label(path: FieldPath) -> str:
    """"Collaboration types", "Lesson 1: theme", "Evidence: level"."""
    words = [str(path[0]).replace("_", " ").capitalize()]
    for part in path[1:]:
        if isinstance(part, int):
            words = [f"{_singular(words[0])} {part + 1}"]
        else:
            words.append(f": {part.replace('_', ' ')}")
    return "".join(words)
