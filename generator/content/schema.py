"""The case-study JSON Schema (Draft 2020-12), built from the field list below and the taxonomy.

It is the one statement of the record format: the validator checks records with it, editors
load the published copy for completion, and the contributor docs and `casebook new` scaffold
are generated from it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import TYPE_CHECKING, Any

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
# Each unit with its name for people (the proposal form offers the names).
OUTCOME_UNITS = {"gbp": "Pounds (£)", "gbp_per_year": "Pounds a year (£ a year)", "minutes": "Minutes",
                 "percent": "Per cent (%)", "count": "A number of things (a count)", "hours": "Hours"}
# A million million: above the UK's yearly public spending, and every figure up to it is exact
# as a double and printable as money. Larger values are typing mistakes.
MAX_FIGURE = 10**12
# Text must not hold the characters of generator/content/characters.py. The loader reports each one by
# name; this copy of the rule is for the proposal form and editors.
NO_FORBIDDEN_CHARACTERS = {"not": {"pattern": schema_pattern()},
                           "errorMessage": "contains a control, invisible or direction-changing character; "
                                           "delete it and retype the text around it"}


def _figure(description: str) -> dict[str, Any]:
    return {"type": "number", "minimum": 0, "maximum": MAX_FIGURE,
            "description": f"{description} From 0 to {MAX_FIGURE:,}."}


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


def _text(minimum: int, maximum: int, description: str) -> dict[str, Any]:
    return {"type": "string", "minLength": minimum, "maxLength": maximum, "description": description,
            **NO_FORBIDDEN_CHARACTERS}


def _date(description: str, pattern: str = DATE_PATTERN) -> dict[str, Any]:
    formats = "YYYY-MM-DD" if pattern == DAY_PATTERN else "YYYY, YYYY-MM or YYYY-MM-DD"
    return {"type": "string", "pattern": pattern, "description": description,
            "patternErrorMessage": f"write the date as {formats}, for example "
                                   f"{'2024-05-01' if pattern == DAY_PATTERN else '2024 or 2024-05'}, in quotes"}


def _url(description: str) -> dict[str, Any]:
    return {"type": "string", "pattern": URL_PATTERN, "maxLength": 2000, "description": description,
            "patternErrorMessage": "a web address starting with https:// (or http://)", **NO_FORBIDDEN_CHARACTERS}


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


def _note(taxonomy: Taxonomy, what: str) -> dict[str, Any]:
    return _object({"theme": _vocabulary(taxonomy.themes, "lesson theme", "lesson-themes.yaml"),
                    "text": _text(10, 1000, what)}, ["theme", "text"])


def _names(terms: list[Term]) -> str:
    """Terms by the names people see, for descriptions: 'Completed' or 'Discontinued'."""
    return " or ".join(f"'{term.name}'" for term in terms)


def _ended_rule(t: Taxonomy) -> str:
    by_rule = {rule: _names([term for term in t.statuses.values() if term["ended"] == rule])
               for rule in ("required", "forbidden")}
    return f"Needed when the status is {by_rule['required']}; not allowed when it is {by_rule['forbidden']}."


def _result_rule(t: Taxonomy) -> str:
    needs = [f"'{term.name}' needs evidence at level {_names([t.evidence_levels[term['minimum_evidence']]])} or above"
             for term in t.results.values() if term.get("minimum_evidence")]
    return (("; ".join(needs) + ".") if needs else "")


def evaluated_levels(t: Taxonomy) -> list[str]:
    """Evidence levels that only an evaluation reaches: they must name it and its evaluator."""
    return [term.id for term in t.evidence_levels.values() if term.get("requires_evaluator", False)]


def _evaluator_rule(t: Taxonomy) -> str:
    levels = [t.evidence_levels[level] for level in evaluated_levels(t)]
    return f"Needed, with the evaluation's web address (url), when the level is {_names(levels)}." if levels else ""


def _properties(t: Taxonomy) -> dict[str, Any]:
    fields = _english(t)
    return fields | {"cy": welsh.record_schema(fields),
                     "draft": {"type": "boolean", "description": "true keeps the record off the published site."}}


def _english(t: Taxonomy) -> dict[str, Any]:
    return {
        "title": _text(5, 120, "The name of the collaboration, in plain text."),
        "summary": _text(20, 400, "One or two sentences in plain text, shown in listings and search results."),
        "services": _list(_vocabulary(t.services, "service", "services.yaml"),
                          "The services involved; at least two, at least one of them police, fire or ambulance.",
                          2, 10, True) | {"contains": {"enum": t.emergency_services},
                                          "errorMessage": "at least one emergency service is needed: "
                                                          + ", ".join(t.emergency_services)},
        "regions": _list(_vocabulary(t.regions, "region", "regions.yaml"),
                         "The parts of the UK covered: the nine regions of England, Wales, Scotland and Northern "
                         "Ireland (the ITL1 regions of official statistics), or UK-wide for national programmes.",
                         1, 13, True),
        "areas": _list(_text(2, 100, "A place name."),
                       "Local places covered, such as counties, cities or force areas, in plain text.", 0, 30, True),
        "collaboration_types": _list(_vocabulary(t.collaboration_types, "collaboration type",
                                                 "collaboration-types.yaml"),
                                     "What kind of collaboration this is.", 1, 9, True),
        "status": _vocabulary(t.statuses, "status", "statuses.yaml") | {"description": "The stage it has reached."},
        "result": _vocabulary(t.results, "result", "results.yaml")
        | {"description": "What happened: whether it worked, as far as the evidence shows. "
                          + _result_rule(t)},
        "governance": _vocabulary(t.governance_forms, "governance form", "governance-forms.yaml")
        | {"description": "How the collaboration is governed."},
        "started": _date("When it started (or is planned to start)."),
        "ended": _date("When it ended; for a pilot, its planned end. " + _ended_rule(t)),
        "organisations": _list(_object({"name": _text(2, 200, "The organisation's official name."),
                                        "service": _vocabulary(t.services, "service", "services.yaml")},
                                       ["name", "service"]),
                               "The organisations involved, each with the service it belongs to.", 2, 100),
        "context": _text(50, 20000, "Markdown: the problem or situation that led to the collaboration, "
                                    "such as demand, geography, budget or an incident."),
        "description": _text(50, 50000, "Markdown: what was done and how."),
        "outcomes": _list(_object({"text": _text(5, 500, "What was measured or achieved."),
                                   "value": _figure("The figure."),
                                   "unit": {"enum": list(OUTCOME_UNITS), "enumNames": list(OUTCOME_UNITS.values()),
                                            "title": "unit", "description": "The unit of the figure."},
                                   "domain": _vocabulary(t.outcome_domains, "outcome domain",
                                                         "outcome-domains.yaml")
                                   | {"description": "What it measures (the column of the evidence and gap map)."}},
                                  ["text"]) | {"dependentRequired": {"unit": ["value"]}},
                          "Results, with figures exactly as the source gives them."),
        "lessons": _list(_note(t, "What others should know before doing something similar."),
                         "What was learned, each under a theme.", 1),
        "barriers": _list(_note(t, "What got in the way and how it was handled."),
                          "What got in the way, and how it was handled."),
        "enablers": _list(_note(t, "What helped."), "What made it work."),
        "evidence": _object({"level": _vocabulary(t.evidence_levels, "evidence level", "evidence-levels.yaml"),
                             "summary": _text(10, 1000, "What the evidence is."),
                             "url": _url("Where the evidence itself can be read: the report, not news about it."),
                             "by": _text(2, 300, "Who evaluated it: the university, inspectorate or other body. "
                                                 + _evaluator_rule(t)),
                             "caveats": _text(10, 5000, "Markdown: the limits of the evidence and findings "
                                                        "that cut the other way.")},
                            ["level"], "How strong the evidence for the results is."),
        "funding": _list(_object({"source": _text(3, 200, "Who paid."),
                                  "amount_gbp": _figure("Amount in pounds, digits only.")},
                                 ["source"]), "Where the money came from."),
        "contact": _object({"organisation": _text(2, 200, "The organisation to contact."),
                            "role": _text(2, 200, "A role, not a person's name."),
                            "email": {"type": "string", "pattern": EMAIL_PATTERN, "maxLength": 200,
                                      "description": "A shared mailbox, not a personal address.",
                                      "patternErrorMessage": "an email address such as collaboration@example.gov.uk",
                                      **NO_FORBIDDEN_CHARACTERS},
                            "url": _url("A web page about the collaboration.")},
                           ["organisation"], "Who to contact for more information."),
        "sources": _list(_object({"title": _text(3, 300, "The document's title."),
                                  "url": _url("Its web address."),
                                  "publisher": _text(2, 200, "Who published it."),
                                  "date": _date("When it was published."),
                                  "archived_url": _url("A copy kept by a web archive, such as the Internet Archive's "
                                                      "Wayback Machine, in case the page disappears."),
                                  "doi": {"type": "string", "pattern": DOI_PATTERN, "maxLength": 200,
                                          "description": "Its DOI (Digital Object Identifier), the lasting reference "
                                                         "number many research papers have, if it has one.",
                                          "patternErrorMessage": "a DOI such as 10.1136/emermed-2016-206139.11, "
                                                                 "without https://doi.org/"}},
                                 ["title", "url"]),
                         "Public documents the record is written from.", 1),
        "related": _list({"type": "string", "pattern": SLUG_PATTERN,
                          "patternErrorMessage": "the file name of another case study, without .yaml"},
                         "Other case studies to read alongside this one (their file names without .yaml).",
                         0, 20, True),
        "last_reviewed": _date("When an editor last checked the record against its sources.", DAY_PATTERN),
        "added": _date("When the case study was added to the library; feeds show it as published. "
                       "Without it, last_reviewed stands in.", DAY_PATTERN),
        "formerly": _list({"type": "string", "pattern": SLUG_PATTERN,
                           "patternErrorMessage": "a file name this case study had before, without .yaml"},
                          "The file names this case study had before it was renamed, oldest first: their "
                          "addresses redirect here, and the first is its lasting id in feeds and tables.",
                          0, 20, True),
    }


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


def _conditions(t: Taxonomy) -> list[dict[str, Any]]:
    """Rules that link fields: end dates by status, a scheme not yet begun cannot have results,
    and an evaluation names itself and its evaluator."""
    rules: list[dict[str, Any]] = []
    for rule, keyword in (("required", lambda: {"required": ["ended"]}),
                          ("forbidden", lambda: {"not": {"required": ["ended"]}})):
        statuses = [term.id for term in t.statuses.values() if term["ended"] == rule]
        if statuses:
            verb = "needs" if rule == "required" else "cannot have"
            rules.append({"if": {"properties": {"status": {"enum": statuses}}, "required": ["status"]},
                          "then": keyword() | {"errorMessage": f"a record with status {' or '.join(statuses)} "
                                                               f"{verb} an 'ended' date"}})
    not_begun = [term.id for term in t.statuses.values() if not term.get("begun", True)]
    no_verdict = [term.id for term in t.results.values() if not term.get("verdict", True)]
    if not_begun and no_verdict:
        unjudged = f"a {' or '.join(not_begun)} scheme's result must be {' or '.join(no_verdict)}"
        rules.append({"if": {"properties": {"status": {"enum": not_begun}}, "required": ["status"]},
                      "then": {"properties": {"result": {"enum": no_verdict, "errorMessage": unjudged}}}})
    levels = evaluated_levels(t)
    if levels:
        rules.append({"if": {"properties": {"evidence": {"properties": {"level": {"enum": levels}},
                                                         "required": ["level"]}},
                             "required": ["evidence"]},
                      "then": {"properties": {"evidence": {
                          "required": ["url", "by"],
                          "errorMessage": f"evidence at level {' or '.join(levels)} needs 'url' (the evaluation "
                                          "itself, not news about it) and 'by' (who evaluated it)"}}}})
    return rules


def case_study_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Casebook case study",
        "description": "One collaboration between UK emergency services and their partners.",
        "type": "object",
        "properties": {name: spec | {"examples": [EXAMPLES[name]]} for name, spec in _properties(taxonomy).items()},
        "required": REQUIRED,
        "additionalProperties": False,
        "allOf": _conditions(taxonomy),
    }
