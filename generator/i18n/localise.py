"""The library as a reader of one language sees it: each record's text in that language where it
has one (its `cy:` block), each term's name and text in it where the vocabulary gives them, and
the English everywhere else, each piece of it knowing it is English so a page in another
language can mark it `lang="en"`.

Ids, figures, dates and references stay as they are: facets, links and data files work the same
in every language. Data exports are made from the source catalogue, never from this one.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..catalogue import Catalogue
from ..content.model import CaseStudy, Evidence, Note, OrganisationRef, Outcome
from ..content.taxonomy import Taxonomy, Term
from .languages import SOURCE, Language

_VOCABULARIES = tuple(field.name for field in dataclasses.fields(Taxonomy) if field.type == "dict[str, Term]")


class Text(str):
    """Text in a language other than the page's: `lang` is its BCP 47 tag. Only the English
    shown on a page in another language is made a Text; text in the page's language is plain."""

    lang: str

    def __new__(cls, value: str, lang: str) -> Text:
        text = super().__new__(cls, value)
        text.lang = lang
        return text


def language_of(value: object, page_language: str) -> str:
    """The language `value` is written in, on a page in `page_language`."""
    return getattr(value, "lang", page_language)


def in_language(catalogue: Catalogue, language: Language) -> Catalogue:
    """The catalogue a site in `language` shows; the catalogue itself for the source language."""
    if language == SOURCE:
        return catalogue
    taxonomy = _taxonomy(catalogue.taxonomy, language.code)
    records = [_record(record, taxonomy, catalogue.taxonomy, language.code) for record in catalogue.records]
    return Catalogue(taxonomy, records)


def _term(term: Term, code: str) -> Term:
    name = term.name_in(code) if term.has_name_in(code) else Text(term.name, SOURCE.code)
    has_text = f"text_{code}" in term.attributes or not term.text
    text = term.text_in(code) if has_text else Text(term.text, SOURCE.code)
    return Term(term.id, name, text, term.attributes)


def _taxonomy(taxonomy: Taxonomy, code: str) -> Taxonomy:
    terms: dict[str, Any] = {key: {term_id: _term(term, code) for term_id, term in getattr(taxonomy, key).items()}
                             for key in _VOCABULARIES}
    localised = dataclasses.replace(taxonomy, **terms)
    # Records name organisations in English, and a localised record by the Welsh name: the
    # register finds a body by either. Set before first use (it is a cached property).
    by_name = {name: localised.organisations[term.id] for name, term in taxonomy.organisations_by_name.items()}
    localised.__dict__["organisations_by_name"] = by_name | {term.name: term for term in
                                                             localised.organisations.values()}
    return localised


def _organisation(ref: OrganisationRef, localised: Taxonomy, source: Taxonomy) -> OrganisationRef:
    """A body under its name in the language when the register gives one and the record uses
    its current name (a former name stays as written, in English)."""
    registered = source.organisations_by_name.get(ref.name)
    if registered is not None and registered.name == ref.name:
        return dataclasses.replace(ref, name=localised.organisations[registered.id].name)
    return dataclasses.replace(ref, name=Text(ref.name, SOURCE.code))


def _record(record: CaseStudy, localised: Taxonomy, source: Taxonomy, code: str) -> CaseStudy:
    organisations = tuple(_organisation(ref, localised, source) for ref in record.organisations)
    version = getattr(record, code, None)
    changes = _translated(record, version) if version is not None else _english(record)
    changes["evidence"] = dataclasses.replace(changes["evidence"], by=_maybe_en(record.evidence.by))
    return dataclasses.replace(record, organisations=organisations, **changes, **_as_written(record))


def _en(text: str) -> Text:
    return Text(text, SOURCE.code)


def _maybe_en(text: str | None) -> Text | None:
    return None if text is None else _en(text)


def _as_written(record: CaseStudy) -> dict[str, Any]:
    """What no language version of a record translates, marked as the English it is written in:
    its sources' titles and publishers, its funders and its contact."""
    contact = record.contact
    return {"sources": tuple(dataclasses.replace(source, title=_en(source.title), publisher=_maybe_en(source.publisher))
                             for source in record.sources),
            "funding": tuple(dataclasses.replace(item, source=_en(item.source)) for item in record.funding),
            "contact": None if contact is None else dataclasses.replace(
                contact, organisation=_en(contact.organisation), role=_maybe_en(contact.role))}


def _translated(record: CaseStudy, version: Any) -> dict[str, Any]:
    """The record's fields from its version in the language; lists item by item, in order."""
    def notes(english: tuple[Note, ...], texts: tuple[str, ...]) -> tuple[Note, ...]:
        return tuple(dataclasses.replace(note, text=text) for note, text in zip(english, texts, strict=True))

    evidence = version.evidence
    return {"title": version.title, "summary": version.summary, "context": version.context,
            "description": version.description, "areas": version.areas or record.areas,
            "outcomes": tuple(dataclasses.replace(outcome, text=text)
                              for outcome, text in zip(record.outcomes, version.outcomes, strict=True)),
            "lessons": notes(record.lessons, version.lessons), "barriers": notes(record.barriers, version.barriers),
            "enablers": notes(record.enablers, version.enablers),
            "evidence": record.evidence if evidence is None else dataclasses.replace(
                record.evidence, summary=evidence.summary, caveats=evidence.caveats)}


def _english(record: CaseStudy) -> dict[str, Any]:
    """The record's own text, each piece marked as English."""
    def notes(items: tuple[Note, ...]) -> tuple[Note, ...]:
        return tuple(dataclasses.replace(note, text=_en(note.text)) for note in items)

    outcomes: tuple[Outcome, ...] = tuple(dataclasses.replace(outcome, text=_en(outcome.text))
                                          for outcome in record.outcomes)
    evidence: Evidence = dataclasses.replace(record.evidence, summary=_maybe_en(record.evidence.summary),
                                             caveats=_maybe_en(record.evidence.caveats))
    return {"title": _en(record.title), "summary": _en(record.summary), "context": _en(record.context),
            "description": _en(record.description), "areas": tuple(_en(area) for area in record.areas),
            "outcomes": outcomes, "lessons": notes(record.lessons), "barriers": notes(record.barriers),
            "enablers": notes(record.enablers), "evidence": evidence}
