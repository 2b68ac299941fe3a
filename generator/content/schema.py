"""The case-study JSON Schema (Draft 2020-12), built from the field list below and the taxonomy.

It is the one statement of the record format: the validator checks records with it, editors
load the published copy for completion, and the contributor docs and `casebook new` scaffold
are generated from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..i18n.marks import N_
from . import welsh
from .characters import schema_pattern

if TYPE_CHECKING:  # the taxonomy's own schemas use the date pattern below
    from .taxonomy import Taxonomy, Term

# Every generated folder's own page is its index (render/urls.py, section_page): no record or
# term may take that name, or its page would replace the folder's.
RESERVED_NAMES = ("index",)
NOT_RESERVED = "(?!(?:" + "|".join(RESERVED_NAMES) + ")$)"

SCHEMA_ID = "urn:casebook:schema:case-study"
MIN_SLUG, MAX_SLUG = 3, 80
SLUG_PATTERN = rf"^{NOT_RESERVED}(?=.{{{MIN_SLUG},{MAX_SLUG}}}$)[a-z0-9]+(-[a-z0-9]+)*$"
DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
URL_PATTERN = r"^https?://[^\s/?#]+\.[^\s]+$"
# No backslash before the quote: browsers compile patterns in Unicode mode, where \" is an error.
# A DOI as the DOI Handbook writes it (directory "10." and a registrant code, then any suffix);
# shown as a https://doi.org/ link.
DOI_PATTERN = r"^10\.[0-9]{4,9}/[^\s]+$"
EMAIL_PATTERN = "^[^@\\s<>\"']+@[^@\\s<>\"']+\\.[a-zA-Z]{2,}$"
# The fields holding dates the validator checks for being real and not in the future, and
# the proposal form too (it reads this list from its page); "*" stands for every item of a list.
DATE_FIELDS = ("started", "ended", "last_reviewed", "added", "sources/*/date")
# Each unit with its name for people (the proposal form offers the names, in the page's language).
OUTCOME_UNITS = {"gbp": N_("Pounds (£)"), "gbp_per_year": N_("Pounds a year (£ a year)"), "minutes": N_("Minutes"),
                 "percent": N_("Per cent (%)"), "count": N_("A number of things (a count)"), "hours": N_("Hours")}
# A million million: above the UK's yearly public spending, and every figure up to it is exact
# as a double and printable as money. Larger values are typing mistakes.
MAX_FIGURE = 10**12
# Text must not hold the characters of generator/content/characters.py. The loader reports each one by
# name; this copy of the rule is for the proposal form and editors.
FORBIDDEN_CHARACTERS = N_("contains a control, invisible or direction-changing character; delete it and retype "
                          "the text around it")
NO_FORBIDDEN_CHARACTERS = {"not": {"pattern": schema_pattern()}, "errorMessage": FORBIDDEN_CHARACTERS}
# Starts the description of a field whose text is Markdown (model.MARKDOWN_FIELDS), in every language.
MARKDOWN = "Markdown: "
# Translators: ends a date's format advice for people who write the case-study file by hand
# (YAML reads an unquoted 2024-05-01 as a date); the form, which adds the quotes, leaves it out.
IN_QUOTES = N_(", in quotes")


def partial_date(text: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day a partial date ('2015', '2015-04', '2015-04-01') can mean; None if
    it is not a real date."""
    parts = [int(p) for p in text.split("-")]
    try:
        if len(parts) == 3:
            day = dt.date(*parts)
            return day, day
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    except (ValueError, calendar.IllegalMonthError):
        return None


def _list(items: dict[str, Any], description: str, minimum: int = 0, maximum: int = 50,
          unique: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array", "items": items, "maxItems": maximum, "description": description}
    if minimum:
        schema["minItems"] = minimum
    if unique:
        schema["uniqueItems"] = True
    return schema


def _object(properties: dict[str, Any], required: list[str], description: str = "") -> dict[str, Any]:
    schema = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    if description:
        schema["description"] = description
    return schema


def _vocabulary(terms: dict, noun: str, file: str) -> dict[str, Any]:
    # enumNames (as JSON Schema form tools name it) holds each id's display name, so a value
    # typed as the name gets the id suggested.
    return {"enum": list(terms), "enumNames": [term.name for term in terms.values()], "title": noun,
            "$comment": f"content/taxonomy/{file}"}


def evaluated_levels(t: Taxonomy) -> list[str]:
    """Evidence levels that only an evaluation reaches: they must name it and its evaluator."""
    return [term.id for term in t.evidence_levels.values() if term.get("requires_evaluator", False)]


class _Words:
    """The schema's parts with their words (descriptions, format advice, error messages, the
    names of choices) in one language: `_` translates a message and the taxonomy's terms carry
    their names in it. Ids, field names and patterns are the same in every language."""

    def __init__(self, taxonomy: Taxonomy, translate: Callable[[str], str]) -> None:
        self.t = taxonomy
        self._ = translate

    def text(self, minimum: int, maximum: int, description: str) -> dict[str, Any]:
        return {"type": "string", "minLength": minimum, "maxLength": maximum, "description": description,
                **self.no_forbidden_characters()}

    def no_forbidden_characters(self) -> dict[str, Any]:
        return NO_FORBIDDEN_CHARACTERS | {"errorMessage": self._(FORBIDDEN_CHARACTERS)}

    def date(self, description: str, pattern: str = DATE_PATTERN) -> dict[str, Any]:
        days = pattern == DAY_PATTERN
        advice = self._("write the date as %(formats)s, for example %(example)s") % {
            "formats": self._("YYYY-MM-DD") if days else self._("YYYY, YYYY-MM or YYYY-MM-DD"),
            "example": "2024-05-01" if days else self._("2024 or 2024-05")}
        return {"type": "string", "pattern": pattern, "description": description,
                "patternErrorMessage": advice + self._(IN_QUOTES)}

    def url(self, description: str) -> dict[str, Any]:
        return {"type": "string", "pattern": URL_PATTERN, "maxLength": 2000, "description": description,
                "patternErrorMessage": self._("a web address starting with https:// (or http://)"),
                **self.no_forbidden_characters()}

    def figure(self, description: str) -> dict[str, Any]:
        return {"type": "number", "minimum": 0, "maximum": MAX_FIGURE,
                "description": description + " " + self._("From 0 to %(most)s.") % {"most": f"{MAX_FIGURE:,}"}}

    def note(self, what: str) -> dict[str, Any]:
        return _object({"theme": _vocabulary(self.t.themes, "lesson theme", "lesson-themes.yaml"),
                        "text": self.text(10, 1000, what)}, ["theme", "text"])

    def either(self, items: list[str]) -> str:
        """'a or b or c', in the language."""
        return (" " + self._("or") + " ").join(items)

    def names(self, terms: list[Term]) -> str:
        """Terms by the names people see, for descriptions: 'Completed' or 'Discontinued'."""
        return self.either([f"'{term.name}'" for term in terms])

    def ended_rule(self) -> str:
        by_rule = {rule: self.names([term for term in self.t.statuses.values() if term["ended"] == rule])
                   for rule in ("required", "forbidden")}
        return self._("Needed when the status is %(required)s; not allowed when it is %(forbidden)s.") % by_rule

    def result_rule(self) -> str:
        levels = self.t.evidence_levels
        needs = [self._("%(result)s needs evidence at level %(level)s or above")
                 % {"result": f"'{term.name}'", "level": self.names([levels[term["minimum_evidence"]]])}
                 for term in self.t.results.values() if term.get("minimum_evidence")]
        return ("; ".join(needs) + ".") if needs else ""

    def evaluator_rule(self) -> str:
        levels = [self.t.evidence_levels[level] for level in evaluated_levels(self.t)]
        return self._("Needed, with the evaluation's web address (url), when the level is %(levels)s.") % {
            "levels": self.names(levels)} if levels else ""

    def properties(self) -> dict[str, Any]:
        fields = self.fields()
        return fields | {"cy": welsh.record_schema(fields, self._),
                         "draft": {"type": "boolean",
                                   "description": self._("true keeps the record off the published site.")}}

    def fields(self) -> dict[str, Any]:
        return (self.about() | self.what_happened() | self.evidence_and_sources()
                | self.editors())

    def about(self) -> dict[str, Any]:
        t, _ = self.t, self._
        return {
            "title": self.text(5, 120, _("The name of the collaboration, in plain text.")),
            "summary": self.text(20, 400, _("One or two sentences in plain text, shown in listings and search "
                                            "results.")),
            "services": _list(_vocabulary(t.services, "service", "services.yaml"),
                              _("The services involved; at least two, at least one of them police, fire or "
                                "ambulance."), 2, 10, True)
            | {"contains": {"enum": t.emergency_services},
               "errorMessage": _("at least one emergency service is needed: %(services)s")
               % {"services": ", ".join(t.emergency_services)}},
            "regions": _list(_vocabulary(t.regions, "region", "regions.yaml"),
                             _("The parts of the UK covered: the nine regions of England, Wales, Scotland and "
                               "Northern Ireland (the ITL1 regions of official statistics), or UK-wide for "
                               "national programmes."), 1, 13, True),
            "areas": _list(self.text(2, 100, _("A place name.")),
                           _("Local places covered, such as counties, cities or force areas, in plain text."),
                           0, 30, True),
            "collaboration_types": _list(_vocabulary(t.collaboration_types, "collaboration type",
                                                     "collaboration-types.yaml"),
                                         _("What kind of collaboration this is."), 1, 9, True),
            "status": _vocabulary(t.statuses, "status", "statuses.yaml")
            | {"description": _("The stage it has reached.")},
            "result": _vocabulary(t.results, "result", "results.yaml")
            | {"description": _("What happened: whether it worked, as far as the evidence shows.")
               + " " + self.result_rule()},
            "governance": _vocabulary(t.governance_forms, "governance form", "governance-forms.yaml")
            | {"description": _("How the collaboration is governed.")},
            "started": self.date(_("When it started (or is planned to start).")),
            "ended": self.date(_("When it ended; for a pilot, its planned end.") + " " + self.ended_rule()),
            "organisations": _list(_object({"name": self.text(2, 200, _("The organisation's official name.")),
                                            "service": _vocabulary(t.services, "service", "services.yaml")},
                                           ["name", "service"]),
                                   _("The organisations involved, each with the service it belongs to."), 2, 100),
        }

    def what_happened(self) -> dict[str, Any]:
        t, _ = self.t, self._
        return {
            "context": self.text(50, 20000, MARKDOWN + _("the problem or situation that led to the "
                                                         "collaboration, such as demand, geography, budget or an "
                                                         "incident.")),
            "description": self.text(50, 50000, MARKDOWN + _("what was done and how.")),
            "outcomes": _list(_object({"text": self.text(5, 500, _("What was measured or achieved.")),
                                       "value": self.figure(_("The figure.")),
                                       "unit": {"enum": list(OUTCOME_UNITS),
                                                "enumNames": [_(name) for name in OUTCOME_UNITS.values()],
                                                "title": "unit", "description": _("The unit of the figure.")},
                                       "domain": _vocabulary(t.outcome_domains, "outcome domain",
                                                             "outcome-domains.yaml")
                                       | {"description": _("What it measures (the column of the evidence and gap "
                                                           "map).")}},
                                      ["text"]) | {"dependentRequired": {"unit": ["value"]}},
                              _("Results, with figures exactly as the source gives them.")),
            "lessons": _list(self.note(_("What others should know before doing something similar.")),
                             _("What was learned, each under a theme."), 1),
            "barriers": _list(self.note(_("What got in the way and how it was handled.")),
                              _("What got in the way, and how it was handled.")),
            "enablers": _list(self.note(_("What helped.")), _("What made it work.")),
        }

    def evidence_and_sources(self) -> dict[str, Any]:
        t, _ = self.t, self._
        return {
            "evidence": _object({"level": _vocabulary(t.evidence_levels, "evidence level", "evidence-levels.yaml"),
                                 "summary": self.text(10, 1000, _("What the evidence is.")),
                                 "url": self.url(_("Where the evidence itself can be read: the report, not news "
                                                   "about it.")),
                                 "by": self.text(2, 300, _("Who evaluated it: the university, inspectorate or other "
                                                           "body.") + " " + self.evaluator_rule()),
                                 "caveats": self.text(10, 5000, MARKDOWN + _("the limits of the evidence and "
                                                                             "findings that cut the other way."))},
                                ["level"], _("How strong the evidence for the results is.")),
            "funding": _list(_object({"source": self.text(3, 200, _("Who paid.")),
                                      "amount_gbp": self.figure(_("Amount in pounds, digits only."))},
                                     ["source"]), _("Where the money came from.")),
            "contact": _object({"organisation": self.text(2, 200, _("The organisation to contact.")),
                                "role": self.text(2, 200, _("A role, not a person's name.")),
                                "email": {"type": "string", "pattern": EMAIL_PATTERN, "maxLength": 200,
                                          "description": _("A shared mailbox, not a personal address."),
                                          "patternErrorMessage": _("an email address such as "
                                                                   "collaboration@example.gov.uk"),
                                          **self.no_forbidden_characters()},
                                "url": self.url(_("A web page about the collaboration."))},
                               ["organisation"], _("Who to contact for more information.")),
            "sources": _list(_object({"title": self.text(3, 300, _("The document's title.")),
                                      "url": self.url(_("Its web address.")),
                                      "publisher": self.text(2, 200, _("Who published it.")),
                                      "date": self.date(_("When it was published.")),
                                      "archived_url": self.url(_("A copy kept by a web archive, such as the Internet "
                                                                 "Archive's Wayback Machine, in case the page "
                                                                 "disappears.")),
                                      "doi": {"type": "string", "pattern": DOI_PATTERN, "maxLength": 200,
                                              "description": _("Its DOI (Digital Object Identifier), the lasting "
                                                               "reference number many research papers have, if it "
                                                               "has one."),
                                              "patternErrorMessage": _("a DOI such as 10.1136/emermed-2016-206139.11, "
                                                                       "without https://doi.org/")}},
                                     ["title", "url"]),
                             _("Public documents the record is written from."), 1),
        }

    def editors(self) -> dict[str, Any]:
        _ = self._
        return {
            "related": _list({"type": "string", "pattern": SLUG_PATTERN,
                              "patternErrorMessage": _("the file name of another case study, without .yaml")},
                             _("Other case studies to read alongside this one (their file names without .yaml)."),
                             0, 20, True),
            "last_reviewed": self.date(_("When an editor last checked the record against its sources."),
                                       DAY_PATTERN),
            "added": self.date(_("When the case study was added to the library; feeds show it as published. "
                                 "Without it, last_reviewed stands in."), DAY_PATTERN),
            "formerly": _list({"type": "string", "pattern": SLUG_PATTERN,
                               "patternErrorMessage": _("a file name this case study had before, without .yaml")},
                              _("The file names this case study had before it was renamed, oldest first: their "
                                "addresses redirect here, and the first is its lasting id in feeds and tables."),
                              0, 20, True),
        }

    def conditions(self) -> list[dict[str, Any]]:
        """Rules that link fields: end dates by status, a scheme not yet begun cannot have results,
        and an evaluation names itself and its evaluator."""
        t, _ = self.t, self._
        rules: list[dict[str, Any]] = []
        for rule, keyword, message in (
                ("required", lambda: {"required": ["ended"]},
                 _("a record with status %(statuses)s needs an 'ended' date")),
                ("forbidden", lambda: {"not": {"required": ["ended"]}},
                 _("a record with status %(statuses)s cannot have an 'ended' date"))):
            statuses = [term.id for term in t.statuses.values() if term["ended"] == rule]
            if statuses:
                rules.append({"if": {"properties": {"status": {"enum": statuses}}, "required": ["status"]},
                              "then": keyword() | {"errorMessage": message % {"statuses": self.either(statuses)}}})
        not_begun = [term.id for term in t.statuses.values() if not term.get("begun", True)]
        no_verdict = [term.id for term in t.results.values() if not term.get("verdict", True)]
        if not_begun and no_verdict:
            unjudged = _("a %(statuses)s scheme's result must be %(results)s") % {
                "statuses": self.either(not_begun), "results": self.either(no_verdict)}
            rules.append({"if": {"properties": {"status": {"enum": not_begun}}, "required": ["status"]},
                          "then": {"properties": {"result": {"enum": no_verdict, "errorMessage": unjudged}}}})
        levels = evaluated_levels(t)
        if levels:
            rules.append({"if": {"properties": {"evidence": {"properties": {"level": {"enum": levels}},
                                                             "required": ["level"]}},
                                 "required": ["evidence"]},
                          "then": {"properties": {"evidence": {
                              "required": ["url", "by"],
                              "errorMessage": _("evidence at level %(levels)s needs 'url' (the evaluation itself, "
                                                "not news about it) and 'by' (who evaluated it)")
                              % {"levels": self.either(levels)}}}}})
        return rules


EXAMPLES: dict[str, Any] = {
    "title": "Tri-Service Safety Officers in Cornwall",
    "summary": "Officers funded jointly by police, fire and ambulance services respond to emergencies "
               "and do prevention work in rural Cornwall.",
    "services": ["police", "fire", "ambulance"],
    "regions": ["south-west"],
    "areas": ["Cornwall"],
    "collaboration_types": ["dual-role-workforce", "first-response"],
    "status": "operational",
    "result": "promising",
    "governance": "memorandum-of-understanding",
    "started": "2014-09",
    "ended": "2016-03",
    "organisations": [{"name": "Devon and Cornwall Police", "service": "police"}],
    "context": "Rural stations struggled to keep on-call fire crews available during the day...",
    "description": "Each officer is trained as an on-call firefighter and a first responder...",
    "outcomes": [{"text": "Officers in post by 2024", "value": 16, "unit": "count", "domain": "staff-and-workforce"}],
    "lessons": [{"theme": "workforce-and-training", "text": "A five-month induction covered all three roles."}],
    "barriers": [{"theme": "technology-and-systems", "text": "Officers needed logins to three IT systems."}],
    "enablers": [{"theme": "governance-and-leadership", "text": "The police and crime commissioner backed it."}],
    "evidence": {"level": "self-reported", "summary": "Figures from the partners' own reports."},
    "funding": [{"source": "Home Office Police Innovation Fund", "amount_gbp": 250000}],
    "contact": {"organisation": "Cornwall Fire and Rescue Service", "role": "Prevention team"},
    "sources": [{"title": "Cornwall's blue light family celebrates 10 years", "url": "https://www.cornwall.gov.uk/",
                 "publisher": "Cornwall Council", "date": "2024"}],
    "related": ["kent-single-control-room"],
    "last_reviewed": "2026-11-20",
    "added": "2025-02-14",
    "formerly": ["cornwall-tri-service-officers"],
    "cy": {"review": "needed", "title": "Swyddogion Diogelwch Tri Gwasanaeth yng Nghernyw",
           "summary": "Mae swyddogion a ariennir ar y cyd gan yr heddlu a'r gwasanaethau tân ac ambiwlans yn ymateb "
                      "i argyfyngau ac yn gwneud gwaith atal yng nghefn gwlad Cernyw.",
           "context": "Roedd gorsafoedd gwledig yn cael trafferth cadw criwiau tân ar alwad ar gael yn ystod y dydd...",
           "description": "Mae pob swyddog wedi'i hyfforddi'n ddiffoddwr tân ar alwad ac yn ymatebwr cyntaf...",
           "lessons": ["Roedd cyfnod sefydlu o bum mis yn cwmpasu'r tair rôl."]},
    "draft": False,
}

REQUIRED = ["title", "summary", "services", "regions", "collaboration_types", "status", "result", "started",
            "organisations", "context", "description", "lessons", "evidence", "sources", "last_reviewed"]


def case_study_schema(taxonomy: Taxonomy, translate: Callable[[str], str] = N_) -> dict[str, Any]:
    """The schema, in English as published and as the validator reads it. A page in another
    language shows its words in that language: `translate` is the language's gettext and
    `taxonomy` the terms as that language names them (i18n.localise)."""
    words = _Words(taxonomy, translate)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casebook case study",
        "description": "One collaboration between UK emergency services and their partners.",
        "type": "object",
        "properties": {name: spec | {"examples": [EXAMPLES[name]]} for name, spec in words.properties().items()},
        "required": REQUIRED,
        "additionalProperties": False,
        "allOf": words.conditions(),
    }
