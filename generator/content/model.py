"""Case studies as frozen dataclasses, made from records the schema has accepted."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import quote


@dataclass(frozen=True)
class OrganisationRef:
    name: str
    service: str


@dataclass(frozen=True)
class Outcome:
    text: str
    value: float | int | None = None
    unit: str | None = None
    domain: str | None = None  # what it measures: an id from outcome-domains.yaml


@dataclass(frozen=True)
class Note:
    """A lesson, barrier or enabler: a theme and what was learned."""

    theme: str
    text: str


@dataclass(frozen=True)
class Evidence:
    level: str
    summary: str | None = None
    url: str | None = None
    by: str | None = None
    caveats: str | None = None  # Markdown


@dataclass(frozen=True)
class Funding:
    source: str
    amount_gbp: float | int | None = None


@dataclass(frozen=True)
class Contact:
    organisation: str
    role: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str | None = None
    date: str | None = None
    archived_url: str | None = None
    doi: str | None = None

    @property
    def doi_url(self) -> str | None:
        # A DOI may hold '#', '?' or '<' (the pattern only refuses spaces): encoded, they stay
        # part of the DOI, and the link always goes to doi.org.
        return f"https://doi.org/{quote(self.doi, safe='/')}" if self.doi else None


@dataclass(frozen=True)
class WelshEvidence:
    summary: str | None = None
    caveats: str | None = None  # Markdown


@dataclass(frozen=True)
class Welsh:
    """A record's text in Welsh (its `cy:` block). Lists hold the Welsh of the English items'
    text, in the same order; themes, figures and names come from the English record and the
    vocabularies. `review` is "needed" while the Welsh is a draft awaiting a Welsh speaker's check."""

    title: str
    summary: str
    context: str
    description: str
    lessons: tuple[str, ...]
    review: str | None = None
    areas: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    barriers: tuple[str, ...] = ()
    enablers: tuple[str, ...] = ()
    evidence: WelshEvidence | None = None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Welsh:
        values: dict[str, Any] = {name: tuple(value) if isinstance(value, list) else value
                                  for name, value in data.items()}
        if "evidence" in values:
            values["evidence"] = WelshEvidence(**values["evidence"])
        return cls(**values)


@dataclass(frozen=True)
class CaseStudy:
    slug: str
    path: str
    title: str
    summary: str
    services: tuple[str, ...]
    regions: tuple[str, ...]
    collaboration_types: tuple[str, ...]
    status: str
    result: str
    started: str
    organisations: tuple[OrganisationRef, ...]
    context: str
    description: str
    lessons: tuple[Note, ...]
    evidence: Evidence
    sources: tuple[Source, ...]
    last_reviewed: str
    areas: tuple[str, ...] = ()
    governance: str | None = None
    ended: str | None = None
    outcomes: tuple[Outcome, ...] = ()
    barriers: tuple[Note, ...] = ()
    enablers: tuple[Note, ...] = ()
    funding: tuple[Funding, ...] = ()
    contact: Contact | None = None
    related: tuple[str, ...] = ()
    added: str | None = None
    formerly: tuple[str, ...] = ()
    cy: Welsh | None = None
    draft: bool = False

    @property
    def key(self) -> str:
        """The record's stable id: its first slug, which `formerly` keeps across renames. Feed
        ids and table keys use it, so they do not change when the file is renamed."""
        return self.formerly[0] if self.formerly else self.slug

    @property
    def outcome_domains(self) -> tuple[str, ...]:
        """What its outcomes measure: each outcome's domain, once, in the order they first
        appear. The outcome-domain facet and the evidence and gap map read this."""
        return tuple(dict.fromkeys(outcome.domain for outcome in self.outcomes if outcome.domain))

    @property
    def published(self) -> str:
        """When it was added to the library: `added`, or else its review date (the earliest
        date the library can vouch for)."""
        return self.added or self.last_reviewed

    @classmethod
    def from_record(cls, slug: str, path: str, data: dict[str, Any]) -> CaseStudy:
        """Build from a record that passed schema validation."""
        data = _single_spaced(data, ())
        nested = {"organisations": OrganisationRef, "outcomes": Outcome, "lessons": Note, "barriers": Note,
                  "enablers": Note, "funding": Funding, "sources": Source}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name in nested:
                values[name] = tuple(nested[name](**item) for item in value)
            elif isinstance(value, list):
                values[name] = tuple(value)
            elif name == "evidence":
                values[name] = Evidence(**value)
            elif name == "contact":
                values[name] = Contact(**value)
            elif name == "cy":
                values[name] = Welsh.from_data(value)
            else:
                values[name] = value
        return cls(slug=slug, path=path, **values)

    def to_record(self) -> dict[str, Any]:
        """The record as plain data, in field order, without empty optional fields."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)
                if f.name not in ("path",) and getattr(self, f.name) not in (None, (), False)}


# Fields written in Markdown, by their path in a record (and in its Welsh version, `cy`); every
# other text field is plain text.
_MARKDOWN = (("context",), ("description",), ("evidence", "caveats"))
MARKDOWN_FIELDS: tuple[tuple[str, ...], ...] = _MARKDOWN + tuple(("cy", *path) for path in _MARKDOWN)


# Whitespace that single-spacing would change: anything but a space, two in a row, or at an end.
_UNEVEN_SPACE = re.compile(r"[^\S ]|\s\s|^\s|\s$")


def _single_spaced(value: Any, path: tuple[str, ...]) -> Any:
    """Plain text is one paragraph: line breaks and runs of spaces become single spaces.
    Markdown fields keep their lines. List items share their list's path."""
    if isinstance(value, str):
        if path in MARKDOWN_FIELDS:
            return value
        return " ".join(value.split()) if _UNEVEN_SPACE.search(value) else value
    if isinstance(value, list):
        return [_single_spaced(item, path) for item in value]
    if isinstance(value, dict):
        return {key: _single_spaced(item, path + (key,)) for key, item in value.items()}
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)
                if getattr(value, f.name) not in (None, ())}
    return value
