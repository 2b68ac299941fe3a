"""Deterministic synthetic case studies: valid, varied, and as many as a benchmark needs.

Record i depends only on the seed and i, so the first 1,000 records of a 5,000-record library
are the 1,000-record library, and every run writes byte-identical files. Vocabulary ids and
organisation names come from the real taxonomy, so the records exercise every listing page.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from generator.content.claims import needs_evaluator, weakest_allowed
from generator.content.schema import OUTCOME_UNITS
from generator.content.taxonomy import Taxonomy

SEED = 20261124

_PLACES = ("Northshire", "Eastmoor", "Westvale", "Southdown", "Kingsbridge", "Ashford Vale", "Blackwater",
           "Calder", "Dunmore", "Fenland", "Glenrothy", "Harwick", "Ironbridge", "Kestrel Bay", "Lowfield",
           "Marston", "Newhaven Cross", "Oakridge", "Pennington", "Queensferry", "Ravensworth", "Stonebury",
           "Tarnside", "Upper Wyre", "Whitmoor", "Yarrow", "Ambleford", "Brackenhurst", "Carrick Sound",
           "Dalesworth")
_SUBJECTS = ("The control room", "Each service", "The joint team", "Station managers", "Call handlers",
             "The project board", "Frontline staff", "The partnership", "Senior leaders", "Volunteers",
             "The commissioner", "Local councillors", "The evaluation team", "Crew managers", "Analysts")
_VERBS = ("agreed", "tested", "reviewed", "introduced", "shared", "funded", "redesigned", "measured",
          "extended", "paused", "standardised", "mapped", "trained for", "consulted on", "piloted")
_OBJECTS = ("a common mobilising system", "the dispatch rules for concern-for-welfare calls",
            "joint training for co-responders", "a shared station in the town centre", "the radio network",
            "a data sharing agreement", "falls response in rural areas", "the estates strategy",
            "safe and well visits", "the business case", "response times to cardiac arrests",
            "the on-call rota", "missing person searches", "the governance arrangements", "fleet maintenance")
_QUALIFIERS = ("over eighteen months", "before the second phase", "with union support", "despite funding gaps",
               "across three districts", "after a public consultation", "at no extra cost",
               "in partnership with the local hospital", "during the winter peak", "on a trial basis",
               "following an independent review", "within existing budgets")
_HEADINGS = ("Phase one", "Phase two", "Governance", "Training", "Technology", "Costs and savings",
             "What changed for the public", "Scaling up")
_TITLES = ("{place} {type}", "{type} in {place}", "{place}: {type} for {services}",
           "{services} {type} pilot in {place}")
_PUBLISHERS = ("Home Office", "National Audit Office", "HM Inspectorate of Constabulary and Fire & Rescue Services",
               "College of Policing", "National Fire Chiefs Council", "Association of Ambulance Chief Executives",
               "Local Government Association")


@dataclass(frozen=True)
class Vocabulary:
    """The ids a record can use, and registered organisation names per service."""

    taxonomy: Taxonomy
    organisations: dict[str, list[str]]

    @classmethod
    def from_taxonomy(cls, taxonomy: Taxonomy) -> Vocabulary:
        names: dict[str, list[str]] = {}
        for term in taxonomy.organisations.values():
            names.setdefault(term["service"], []).append(term.name)
        return cls(taxonomy, names)

    def ids(self, vocabulary: str) -> list[str]:
        return list(getattr(self.taxonomy, vocabulary))


def record_slug(index: int, seed: int = SEED) -> str:
    rng = random.Random(f"{seed}:slug:{index}")
    words = f"{rng.choice(_PLACES)} {rng.choice(_HEADINGS)}".lower().replace(" ", "-")
    return f"{words}-{index:05d}"


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} {rng.choice(_QUALIFIERS)}."


def _paragraph(rng: random.Random, index: int) -> str:
    sentences = [_sentence(rng) for _ in range(rng.randint(3, 7))]
    if rng.random() < 0.3:
        sentences[0] = f"**{sentences[0][:-1]}.**"
    if rng.random() < 0.3:
        sentences.append(f"See [the board paper](https://example.org/papers/{index}-{rng.randint(1, 99)}).")
    return " ".join(sentences)


def markdown_text(rng: random.Random, index: int, blocks: int) -> str:
    """Paragraphs with the odd heading, list and link: what contributors write."""
    parts = [_paragraph(rng, index)]
    for _ in range(blocks - 1):
        roll = rng.random()
        if roll < 0.15:
            parts.append("\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5))))
        elif roll < 0.25:
            parts.append(f"### {rng.choice(_HEADINGS)}")
        parts.append(_paragraph(rng, index))
    return "\n\n".join(parts)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _services(rng: random.Random, vocab: Vocabulary) -> list[str]:
    emergency = vocab.taxonomy.emergency_services
    partners = [s for s in vocab.ids("services") if s not in emergency]
    chosen = rng.sample(emergency, rng.choice((1, 2, 2, 3)))
    if len(chosen) == 1 or rng.random() < 0.4:
        chosen += rng.sample(partners, rng.choice((1, 1, 2)))
    return chosen


def _organisations(rng: random.Random, vocab: Vocabulary, services: list[str], place: str) -> list[dict[str, str]]:
    names = {s: vocab.taxonomy.services[s].name for s in services}
    chosen = []
    for service in services:
        registered = vocab.organisations.get(service)
        # Most records name registered organisations; some name others, which only warns.
        if registered and rng.random() < 0.85:
            chosen.append({"name": rng.choice(registered), "service": service})
        else:
            chosen.append({"name": f"{place} {names[service]}", "service": service})
    return chosen


def _dates(rng: random.Random, ended_rule: str) -> dict[str, str]:
    start = rng.randint(2005, 2023)
    dates = {"started": str(start) if rng.random() < 0.3 else f"{start}-{rng.randint(1, 12):02d}"}
    if ended_rule == "required" or (ended_rule == "optional" and rng.random() < 0.5):
        dates["ended"] = str(min(start + rng.randint(1, 6), 2025))
    return dates


def _outcomes(rng: random.Random) -> list[dict[str, Any]]:
    outcomes: list[dict[str, Any]] = []
    for _ in range(rng.randint(1, 4)):
        outcome: dict[str, Any] = {"text": rng.choice(_OBJECTS).capitalize() + " " + rng.choice(_QUALIFIERS)}
        if rng.random() < 0.7:
            outcome["value"] = rng.choice((rng.randint(1, 100), rng.randint(1000, 5_000_000),
                                           round(rng.random() * 50, 1)))
            if rng.random() < 0.8:
                outcome["unit"] = rng.choice(list(OUTCOME_UNITS))
        outcomes.append(outcome)
    return outcomes


def _notes(rng: random.Random, themes: list[str], first: str | None, count: int) -> list[dict[str, str]]:
    chosen = ([first] if first else []) + [rng.choice(themes) for _ in range(count - (1 if first else 0))]
    return [{"theme": theme, "text": " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))} for theme in chosen]


def _sources(rng: random.Random, index: int) -> list[dict[str, str]]:
    sources = []
    for number in range(rng.randint(1, 4)):
        source = {"title": f"{rng.choice(_HEADINGS)} report {number + 1}",
                  "url": f"https://example.org/sources/{index}/{number}"}
        if rng.random() < 0.6:
            source["publisher"] = rng.choice(_PUBLISHERS)
        if rng.random() < 0.5:
            source["date"] = f"{rng.randint(2008, 2025)}-{rng.randint(1, 12):02d}"
        sources.append(source)
    return sources


def _status(rng: random.Random, vocab: Vocabulary) -> tuple[str, str, str]:
    """Status, result and evidence level that agree: a proposed scheme has no results yet."""
    status = rng.choice(vocab.ids("statuses"))
    if status == "proposed":
        return status, "too-early", rng.choice(("none", "self-reported"))
    result = rng.choice(vocab.ids("results"))
    # Only levels the result allows (worked needs an internal review at least).
    levels = [level for level in vocab.ids("evidence_levels") if level != "none"
              and weakest_allowed(vocab.taxonomy, result, level) is None]
    return status, result, rng.choice(levels)


def _evidence(vocab: Vocabulary, level: str, place: str) -> dict[str, str]:
    if not needs_evaluator(vocab.taxonomy, level):
        return {"level": level}
    return {"level": level, "url": f"https://example.org/evaluations/{place.lower().replace(' ', '-')}.pdf",
            "by": "University of Example, School of Policing"}


def _optional_fields(rng: random.Random, vocab: Vocabulary, index: int, place: str) -> dict[str, Any]:
    themes = vocab.ids("themes")
    extra: dict[str, Any] = {}
    if rng.random() < 0.5:
        extra["governance"] = rng.choice(vocab.ids("governance_forms"))
    if rng.random() < 0.4:
        extra["barriers"] = _notes(rng, themes, None, rng.randint(1, 3))
    if rng.random() < 0.4:
        extra["enablers"] = _notes(rng, themes, None, rng.randint(1, 3))
    if rng.random() < 0.3:
        extra["funding"] = [{"source": rng.choice(_PUBLISHERS), "amount_gbp": rng.randint(10, 5000) * 1000}]
    if rng.random() < 0.3:
        extra["contact"] = {"organisation": f"{place} Collaboration Team", "role": "Programme manager",
                            "email": f"collaboration-{index}@example.gov.uk"}
    if index > 10 and rng.random() < 0.2:
        extra["related"] = sorted({record_slug(rng.randrange(index)) for _ in range(rng.randint(1, 3))})
    return extra


def synthetic_record(index: int, vocab: Vocabulary, seed: int = SEED) -> dict[str, Any]:
    """One valid record; its length varies from a short note to a long Markdown write-up."""
    rng = random.Random(f"{seed}:{index}")
    place = rng.choice(_PLACES)
    services = _services(rng, vocab)
    types = rng.sample(vocab.ids("collaboration_types"), rng.choice((1, 1, 2, 3)))
    status, result, evidence = _status(rng, vocab)
    service_names = " and ".join(vocab.taxonomy.services[s].name.lower() for s in services[:2])
    type_name = vocab.taxonomy.collaboration_types[types[0]].name.lower()
    record: dict[str, Any] = {
        "title": _capitalised(rng.choice(_TITLES).format(place=place, type=type_name, services=service_names)),
        "summary": f"{_sentence(rng)} {_sentence(rng)}"[:400],
        "services": services,
        "regions": rng.sample(vocab.ids("regions"), rng.choice((1, 1, 1, 2, 3))),
        "areas": [place],
        "collaboration_types": types,
        "status": status,
        "result": result,
        **_dates(rng, vocab.taxonomy.statuses[status]["ended"]),
        "organisations": _organisations(rng, vocab, services, place),
        "context": markdown_text(rng, index, rng.choice((1, 1, 2, 3))),
        "description": markdown_text(rng, index, rng.choice((1, 2, 3, 4, 6, 9, 14))),
        "lessons": _notes(rng, vocab.ids("themes"), vocab.ids("themes")[index % len(vocab.ids("themes"))],
                          rng.randint(1, 4)),
        "evidence": _evidence(vocab, evidence, place),
        "sources": _sources(rng, index),
        "last_reviewed": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
    }
    if status != "proposed":
        record["outcomes"] = _with_domains(_outcomes(rng), vocab, random.Random(f"{seed}:domains:{index}"))
    return record | _optional_fields(rng, vocab, index, place)


def _with_domains(outcomes: list[dict[str, Any]], vocab: Vocabulary, rng: random.Random) -> list[dict[str, Any]]:
    """Most outcomes name what they measure, as shipped records do. Drawn from a generator of
    their own, so the rest of every record stays as it was before outcomes had domains."""
    domains = vocab.ids("outcome_domains")
    return [outcome | {"domain": rng.choice(domains)} if rng.random() < 0.9 else outcome for outcome in outcomes]


def stand_in_register(services: dict[str, str], regions: list[str]) -> list[dict[str, Any]]:
    """An organisation register for when the real one is missing: the taxonomy cannot load
    without one. `services` maps service ids to names."""
    register = []
    for number, place in enumerate(_PLACES[:10]):
        for service_id, service_name in services.items():
            name = f"{place} {service_name}"
            register.append({"id": name.lower().replace(" ", "-"), "name": name, "service": service_id,
                             "regions": [regions[number % len(regions)]]})
    return register


def synthetic_records(count: int, vocab: Vocabulary, seed: int = SEED) -> dict[str, dict[str, Any]]:
    """`count` records keyed by slug, in index order."""
    return {record_slug(index, seed): synthetic_record(index, vocab, seed) for index in range(count)}
