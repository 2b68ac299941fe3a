"""The controlled vocabularies in `content/taxonomy/`: their own schemas, loading and lookups."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .load import load_yaml_file
from .problems import Problem, Severity
from .schema import DATE_PATTERN
from .schemacheck import check_against_schema

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


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

    def schema(self, loaded: dict[str, dict[str, Term]]) -> dict[str, Any]:
        referred = {name: _ids_schema(list(loaded[key]), many) for name, (key, many) in self.references.items()}
        item = {
            "type": "object",
            "properties": {"id": {"type": "string", "pattern": ID_PATTERN, "maxLength": 80},
                           "name": {"type": "string", "minLength": 2, "maxLength": 200},
                           **self.properties, **referred},
            "required": list(self.required),
            "additionalProperties": False,
        }
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
    Vocabulary("evidence_levels", "evidence-levels.yaml", "evidence level",
               {"definition": _TEXT, "tone": _TONE, "is_evidence": {"type": "boolean"},
                "requires_evaluator": {"type": "boolean"}},
               ("id", "name", "definition", "tone")),
    Vocabulary("results", "results.yaml", "result",
               {"definition": _TEXT, "tone": _TONE, "verdict": {"type": "boolean"},
                "fallback": {"type": "string", "pattern": ID_PATTERN}, "expires_after_years": _YEARS},
               ("id", "name", "definition", "tone"), {"minimum_evidence": ("evidence_levels", False)}),
    Vocabulary("governance_forms", "governance-forms.yaml", "governance form",
               {"definition": _TEXT}, ("id", "name", "definition")),
    Vocabulary("statuses", "statuses.yaml", "status",
               {"definition": _TEXT, "ended": {"enum": ["required", "optional", "forbidden"]},
                "current": {"type": "boolean"}, "begun": {"type": "boolean"},
                "end_is_planned": {"type": "boolean"}, "expires_after_years": _YEARS, "tone": _TONE},
               ("id", "name", "definition", "ended", "current", "tone")),
)

ORGANISATIONS = Vocabulary(
    "organisations", "organisations.yaml", "organisation",
    {"status": {"enum": ["active", "renamed", "merged", "abolished"]},
     "from": _PARTIAL_DATE, "until": _PARTIAL_DATE,
     "successor": {"type": "string", "pattern": ID_PATTERN},
     "former_names": {"type": "array", "minItems": 1,
                      "items": {"type": "object", "required": ["name"], "additionalProperties": False,
                                "properties": {"name": {"type": "string", "minLength": 2, "maxLength": 200},
                                               "from": _PARTIAL_DATE, "until": _PARTIAL_DATE}}}},
    ("id", "name", "service", "regions"),
    {"service": ("services", False), "regions": ("regions", True), "governs": ("services", True)})


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


@dataclass(frozen=True)
class Taxonomy:
    services: dict[str, Term]
    regions: dict[str, Term]
    collaboration_types: dict[str, Term]
    themes: dict[str, Term]
    evidence_levels: dict[str, Term]
    results: dict[str, Term]
    governance_forms: dict[str, Term]
    statuses: dict[str, Term]
    organisations: dict[str, Term]

    @property
    def emergency_services(self) -> list[str]:
        return [term.id for term in self.services.values() if term["kind"] == "emergency"]

    def evidence_rank(self, level: str) -> int:
        return list(self.evidence_levels).index(level)

    @functools.cached_property
    def organisations_by_name(self) -> dict[str, Term]:
        return {term.name: term for term in self.organisations.values()}


def _load_vocabulary(directory: Path, vocabulary: Vocabulary, display_root: str,
                     loaded: dict[str, dict[str, Term]]) -> tuple[dict[str, Term], list[Problem]]:
    path = directory / vocabulary.file
    display = f"{display_root}/{vocabulary.file}"
    if not path.is_file():
        return {}, [Problem(display, 0, 0, Severity.ERROR, "missing-taxonomy", "",
                            f"the taxonomy file {vocabulary.file} is missing",
                            "restore it from the repository")]
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
            problems.append(Problem(display, line, col, Severity.ERROR, "duplicate-id", f"[{index}].id",
                                    f"the id '{item['id']}' is used twice", "every id must be unique"))
            continue
        if item["name"] in names:
            problems.append(Problem(display, *doc.mark((index, "name")), Severity.ERROR, "duplicate-name",
                                    f"[{index}].name", f"the name '{item['name']}' is used twice",
                                    f"also at item {names[item['name']]}; every name must be unique"))
        names[item["name"]] = index
        text = item.get("description") or item.get("definition") or ""
        # Plain text, shown on one line however the YAML wrapped it.
        terms[item["id"]] = Term(item["id"], " ".join(item["name"].split()), " ".join(text.split()), dict(item))
    return terms, problems


def load_taxonomy(directory: Path, display_root: str = "content/taxonomy") -> tuple[Taxonomy | None, list[Problem]]:
    """Load every vocabulary; the organisation register is checked against services and regions."""
    loaded: dict[str, dict[str, Term]] = {}
    problems: list[Problem] = []
    for vocabulary in VOCABULARIES:
        loaded[vocabulary.key], found = _load_vocabulary(directory, vocabulary, display_root, loaded)
        problems += found
    if problems:
        return None, problems
    loaded["organisations"], problems = _load_vocabulary(directory, ORGANISATIONS, display_root, loaded)
    if problems:
        return None, problems
    return Taxonomy(**loaded), []
