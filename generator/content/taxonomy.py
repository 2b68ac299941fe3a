"""The controlled vocabularies in `content/taxonomy/`: their own schemas, loading and lookups."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..i18n.marks import N_
from . import welsh
from .load import Document, FieldPath, _dotted, load_yaml_file
from .problems import Problem
from .schema import DATE_PATTERN, NOT_RESERVED, RESERVED_NAMES, partial_date
from .schema_check import check_against_schema

ID_PATTERN = rf"^{NOT_RESERVED}[a-z0-9]+(-[a-z0-9]+)*$"
NAME_RULE = ("lowercase letters, digits and single hyphens, and not "
             + " or ".join(f"'{name}'" for name in RESERVED_NAMES) + " (the name of a page the site makes itself)")


@dataclass(frozen=True)
class Vocabulary:
    """How one taxonomy file is shaped: its file name, a noun for messages, and its fields."""

    key: str
    file: str
    noun: str
    properties: dict[str, Any]
    required: tuple[str, ...] = ("id", "name")
    # Properties whose values are ids of another vocabulary loaded before this one:
    # property -> (vocabulary key, whether it holds a list of them).
    references: dict[str, tuple[str, bool]] = field(default_factory=dict)
    # Properties whose values are ids in this same vocabulary (one id or a list), checked once
    # the whole file is read.
    own_references: tuple[str, ...] = ()
    rules: tuple[dict[str, Any], ...] = ()
    # Which terms need a Welsh name: every one (None), or those with this attribute true (the
    # register: bodies bound by the Welsh Language Standards).
    welsh_if: str | None = None

    @property
    def text_field(self) -> str | None:
        """The property holding a term's description, if its terms have one."""
        return next((name for name in ("description", "definition") if name in self.properties), None)

    def schema(self, loaded: dict[str, dict[str, Term]]) -> dict[str, Any]:
        referred = {name: _ids_schema(list(loaded[key]), many) for name, (key, many) in self.references.items()}
        item = {
            "type": "object",
            "properties": {"id": {"type": "string", "pattern": ID_PATTERN, "maxLength": 80,
                                  "patternErrorMessage": NAME_RULE},
                           "name": {"type": "string", "minLength": 2, "maxLength": 200},
                           **self.properties, **referred,
                           **welsh.term_properties(self.properties.get(self.text_field or ""))},
            "required": list(self.required),
            "additionalProperties": False,
        }
        if self.rules:
            item["allOf"] = list(self.rules)
        return {"type": "array", "minItems": 1, "items": item}


def _ids_schema(ids: list[str], many: bool) -> dict[str, Any]:
    one = {"enum": ids}
    return {"type": "array", "minItems": 1, "uniqueItems": True, "items": one} if many else one


_TEXT = {"type": "string", "minLength": 10, "maxLength": 600}
# How a badge or chart shows a term: CSS picks colours by tone, never by id, so renaming a term
# or adding one keeps its colour.
TONES = ("positive", "info", "neutral", "caution", "negative")
_TONE = {"enum": list(TONES)}
_YEARS = {"type": "integer", "minimum": 1, "maximum": 50}
_PARTIAL_DATE = {"type": "string", "pattern": DATE_PATTERN}
_ID = {"type": "string", "pattern": ID_PATTERN}

VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary("services", "services.yaml", "service",
               {"kind": {"enum": ["emergency", "partner"]}, "description": _TEXT},
               ("id", "name", "kind", "description")),
    Vocabulary("regions", "regions.yaml", "region",
               {"gss": {"type": "string", "pattern": r"^[EKNSW][0-9]{8}$"},
                "itl1": {"type": "string", "pattern": r"^TL[A-Z]$"},
                "abbreviation": {"type": "string", "pattern": r"^[A-Z]{2,4}$"},
                "map": {"type": "object", "required": ["column", "row"], "additionalProperties": False,
                        "properties": {"column": {"type": "integer", "minimum": 0, "maximum": 9},
                                       "row": {"type": "integer", "minimum": 0, "maximum": 9}}}},
               ("id", "name", "gss", "abbreviation", "map")),
    Vocabulary("collaboration_types", "collaboration-types.yaml", "collaboration type",
               {"description": _TEXT}, ("id", "name", "description")),
    Vocabulary("themes", "lesson-themes.yaml", "lesson theme",
               {"description": _TEXT}, ("id", "name", "description")),
    Vocabulary("outcome_domains", "outcome-domains.yaml", "outcome domain",
               {"description": _TEXT}, ("id", "name", "description")),
    Vocabulary("evidence_levels", "evidence-levels.yaml", "evidence level",
               {"definition": _TEXT, "tone": _TONE, "is_evidence": {"type": "boolean"},
                "requires_evaluator": {"type": "boolean"}},
               ("id", "name", "definition", "tone")),
    Vocabulary("results", "results.yaml", "result",
               {"definition": _TEXT, "tone": _TONE, "verdict": {"type": "boolean"},
                "fallback": {"type": "string", "pattern": ID_PATTERN}, "expires_after_years": _YEARS},
               ("id", "name", "definition", "tone"), {"minimum_evidence": ("evidence_levels", False)}, ("fallback",)),
    Vocabulary("governance_forms", "governance-forms.yaml", "governance form",
               {"definition": _TEXT}, ("id", "name", "definition")),
    Vocabulary("statuses", "statuses.yaml", "status",
               {"definition": _TEXT, "ended": {"enum": ["required", "optional", "forbidden"]},
                "current": {"type": "boolean"}, "begun": {"type": "boolean"},
                "end_is_planned": {"type": "boolean"}, "expires_after_years": _YEARS, "tone": _TONE},
               ("id", "name", "definition", "ended", "current", "tone")),
)

# An organisation's status, as its page says it ("Abolished until 7 May 2024").
ORGANISATION_STATUSES = (N_("active"), N_("renamed"), N_("merged"), N_("abolished"))

ORGANISATIONS = Vocabulary(
    "organisations", "organisations.yaml", "organisation",
    {"status": {"enum": list(ORGANISATION_STATUSES)},
     "from": _PARTIAL_DATE, "until": _PARTIAL_DATE,
     "successor": {"anyOf": [_ID, {"type": "array", "minItems": 1, "uniqueItems": True, "items": _ID}]},
     "former_names": {"type": "array", "minItems": 1,
                      "items": {"type": "object", "required": ["name"], "additionalProperties": False,
                                "properties": {"name": {"type": "string", "minLength": 2, "maxLength": 200},
                                               "from": _PARTIAL_DATE, "until": _PARTIAL_DATE}}},
     welsh.STANDARDS: {"type": "boolean"}},
    ("id", "name", "service", "regions"),
    {"service": ("services", False), "regions": ("regions", True), "governs": ("services", True)},
    ("successor",),
    ({"if": {"properties": {"status": {"enum": ["abolished", "merged"]}}, "required": ["status"]},
      "then": {"required": ["until"], "errorMessage": "an abolished or merged organisation needs 'until'"}},),
    welsh_if=welsh.STANDARDS)


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary; `text` is its description or definition."""

    id: str
    name: str
    text: str
    attributes: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __getitem__(self, key: str) -> Any:
        return self.attributes[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.attributes.get(key, default)

    def name_in(self, language: str) -> str:
        """Its name in a language (a BCP 47 tag), else its English name, which a page in that
        language then marks with lang="en" (see `has_name_in`)."""
        return " ".join(self.attributes.get(f"name_{language}", self.name).split())

    def text_in(self, language: str) -> str:
        return " ".join(self.attributes.get(f"text_{language}", self.text).split())

    def has_name_in(self, language: str) -> bool:
        return language == "en" or f"name_{language}" in self.attributes


@dataclass(frozen=True)
class Taxonomy:
    services: dict[str, Term]
    regions: dict[str, Term]
    collaboration_types: dict[str, Term]
    themes: dict[str, Term]
    outcome_domains: dict[str, Term]
    evidence_levels: dict[str, Term]
    results: dict[str, Term]
    governance_forms: dict[str, Term]
    statuses: dict[str, Term]
    organisations: dict[str, Term]
    # Hosts of document mirrors and staging sites (source-hosts.yaml), for `casebook report`.
    source_hosts: tuple[str, ...] = ()

    @property
    def emergency_services(self) -> list[str]:
        return [term.id for term in self.services.values() if term["kind"] == "emergency"]

    def evidence_rank(self, level: str) -> int:
        return list(self.evidence_levels).index(level)

    @functools.cached_property
    def organisations_by_name(self) -> dict[str, Term]:
        """Each organisation by every name it has had: its own, then its former names."""
        by_name = {former["name"]: term for term in self.organisations.values()
                   for former in term.get("former_names", [])}
        return by_name | {term.name: term for term in self.organisations.values()}

    def names_of(self, name: str) -> tuple[str, ...]:
        """Every name of the organisation known by `name` (only `name` if it is not registered)."""
        term = self.organisations_by_name.get(name)
        if term is None:
            return (name,)
        return (term.name, *(former["name"] for former in term.get("former_names", [])))

    def services_of(self, name: str) -> list[str]:
        """The services a registered body may be listed under: its own, then those it governs
        (a police, fire and crime commissioner may be listed under either)."""
        term = self.organisations_by_name[name]
        return list(dict.fromkeys([term["service"], *term.get("governs", [])]))

    def name_in_use(self, name: str) -> tuple[str | None, str | None]:
        """The dates (partial, either may be None) between which a registered name was in use:
        a former name's own dates, or the organisation's until it ended. A current name of a body
        that still exists has no end, and no start either: records use the current name for
        earlier schemes, giving the old one in their text."""
        term = self.organisations_by_name[name]
        if name != term.name:
            former = next(f for f in term["former_names"] if f["name"] == name)
            return former.get("from"), former.get("until")
        return (term.get("from"), term.get("until")) if term.get("until") else (None, None)

    def successors(self, term: Term) -> list[Term]:
        successor = term.get("successor") or []
        return [self.organisations[i] for i in ([successor] if isinstance(successor, str) else successor)
                if i in self.organisations]


def _load_vocabulary(directory: Path, vocabulary: Vocabulary, display_root: str,
                     loaded: dict[str, dict[str, Term]]) -> tuple[dict[str, Term], list[Problem]]:
    path = directory / vocabulary.file
    display = f"{display_root}/{vocabulary.file}"
    if not path.is_file():
        return {}, [Problem(path=display, line=1, col=1, code="missing-taxonomy",
                            message=f"the taxonomy file {vocabulary.file} is missing",
                            hint=f"restore it from the repository: git checkout -- {display}")]
    doc, problems = load_yaml_file(path, display)
    if doc is None or problems:
        return {}, problems
    problems = check_against_schema(doc, vocabulary.schema(loaded), noun=vocabulary.noun)
    if problems:
        return {}, problems
    terms: dict[str, Term] = {}
    names: dict[str, int] = {}
    for index, item in enumerate(doc.data):
        line, col = doc.mark((index, "id"))
        if item["id"] in terms:
            problems.append(Problem(path=display, line=line, col=col, code="duplicate-id", field=f"[{index}].id",
                                    message=f"the id '{item['id']}' is used twice", hint="every id must be unique"))
            continue
        if item["name"] in names:
            name_line, name_col = doc.mark((index, "name"))
            problems.append(Problem(path=display, line=name_line, col=name_col, code="duplicate-name",
                                    field=f"[{index}].name", message=f"the name '{item['name']}' is used twice",
                                    hint=f"also at item {names[item['name']]}; every name must be unique"))
        names[item["name"]] = index
        text = item.get("description") or item.get("definition") or ""
        # Plain text, shown on one line however the YAML wrapped it.
        terms[item["id"]] = Term(item["id"], " ".join(item["name"].split()), " ".join(text.split()), dict(item))
    return terms, (problems + _reference_problems(doc, vocabulary, terms) + _history_problems(doc, names)
                   + welsh.term_problems(doc, vocabulary.noun, vocabulary.text_field, vocabulary.welsh_if))


def _problem(doc: Document, path: FieldPath, code: str, message: str, hint: str) -> Problem:
    line, col = doc.mark(path)
    return Problem(path=doc.path, line=line, col=col, code=code, field=_dotted(path), message=message, hint=hint)


def _reference_problems(doc: Document, vocabulary: Vocabulary, terms: dict[str, Term]) -> list[Problem]:
    problems = []
    for index, item in enumerate(doc.data):
        for name in vocabulary.own_references:
            value = item.get(name)
            for position, other in enumerate([value] if isinstance(value, str) else value or []):
                if other not in terms:
                    where = (index, name) if isinstance(value, str) else (index, name, position)
                    problems.append(_problem(doc, where, "unknown-reference",
                                             f"there is no {vocabulary.noun} with the id '{other}'",
                                             f"use an id from {vocabulary.file}"))
    return problems


def _history_problems(doc: Document, names: dict[str, int]) -> list[Problem]:
    """Dates of an organisation and of its former names are real and in order, and a former
    name is no other organisation's name."""
    problems = []
    for index, item in enumerate(doc.data):
        spans = [((index,), item)] + [((index, "former_names", n), former)
                                      for n, former in enumerate(item.get("former_names", []))]
        for path, span in spans:
            problems += _span_problems(doc, path, span)
        for n, former in enumerate(item.get("former_names", [])):
            if former["name"] in names and names[former["name"]] != index:
                problems.append(_problem(doc, (index, "former_names", n, "name"), "duplicate-name",
                                         f"'{former['name']}' is also the name of item {names[former['name']]}",
                                         "a name belongs to one organisation"))
    return problems


def _span_problems(doc: Document, path: FieldPath, span: dict[str, Any]) -> list[Problem]:
    dates = {key: partial_date(span[key]) for key in ("from", "until") if key in span}
    problems = [_problem(doc, path + (key,), "bad-date", f"'{span[key]}' is not a real date",
                         "check the month and day") for key, parsed in dates.items() if parsed is None]
    start, end = dates.get("from"), dates.get("until")
    if start and end and end[1] < start[0]:
        problems.append(_problem(doc, path + ("until",), "date-order",
                                 f"until ({span['until']}) is before from ({span['from']})", "check both dates"))
    return problems


def load_taxonomy(directory: Path, display_root: str = "content/taxonomy") -> tuple[Taxonomy | None, list[Problem]]:
    """Load every vocabulary; the organisation register is checked against services and regions.
    None, with the problems, if any is an error; the taxonomy and its warnings otherwise."""
    loaded: dict[str, dict[str, Term]] = {}
    problems: list[Problem] = []
    for vocabulary in VOCABULARIES:
        loaded[vocabulary.key], found = _load_vocabulary(directory, vocabulary, display_root, loaded)
        problems += found
    if any(p.is_error for p in problems):
        return None, problems
    loaded["organisations"], found = _load_vocabulary(directory, ORGANISATIONS, display_root, loaded)
    hosts, host_problems = _load_source_hosts(directory, display_root)
    problems += found + host_problems
    if any(p.is_error for p in problems):
        return None, problems
    # Warnings (a term without its Welsh name) leave the taxonomy usable.
    return Taxonomy(**loaded, source_hosts=hosts), problems


SOURCE_HOSTS_FILE = "source-hosts.yaml"
_SOURCE_HOSTS_SCHEMA = {"type": "array", "items": {
    "type": "object", "required": ["host", "why"], "additionalProperties": False,
    "properties": {"host": {"type": "string", "pattern": r"^[a-z0-9-]+(\.[a-z0-9-]+)+$",
                            "patternErrorMessage": "a host name such as docslib.org, without https:// or www."},
                   "why": {"type": "string", "minLength": 10, "maxLength": 300}}}}


def _load_source_hosts(directory: Path, display_root: str) -> tuple[tuple[str, ...], list[Problem]]:
    display = f"{display_root}/{SOURCE_HOSTS_FILE}"
    if not (directory / SOURCE_HOSTS_FILE).is_file():
        return (), [Problem(path=display, line=0, col=0, code="missing-taxonomy",
                            message=f"the taxonomy file {SOURCE_HOSTS_FILE} is missing",
                            hint="restore it from the repository")]
    doc, problems = load_yaml_file(directory / SOURCE_HOSTS_FILE, display)
    if doc is None or problems:
        return (), problems
    problems = check_against_schema(doc, _SOURCE_HOSTS_SCHEMA, noun="host")
    return (() if problems else tuple(item["host"] for item in doc.data or [])), problems
