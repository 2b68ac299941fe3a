"""`casebook report`: what editors should look at next, as data with text, Markdown and JSON views."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import asdict, dataclass

from rapidfuzz import fuzz

from ..catalogue import Catalogue
from ..content.rules import REVIEW_AFTER_DAYS

SIMILAR_NAME_SCORE = 88


@dataclass(frozen=True)
class Finding:
    category: str
    subject: str
    detail: str


CATEGORIES = {
    "review-overdue": "Not reviewed for two years",
    "pilot-overdue": "Pilots past their planned end",
    "no-outcomes": "No outcomes recorded",
    "no-evidence": "Evidence level 'none'",
    "region-gap": "Regions with no case studies",
    "service-pair-gap": "Service pairs with no case studies",
    "similar-names": "Organisation names that look like the same organisation",
}


def _dated(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _record_findings(catalogue: Catalogue, today: dt.date) -> list[Finding]:
    findings = []
    for record in sorted(catalogue.records, key=lambda r: r.slug):
        reviewed = _dated(record.last_reviewed)
        if (today - reviewed).days > REVIEW_AFTER_DAYS:
            findings.append(Finding("review-overdue", record.slug, f"last reviewed {record.last_reviewed}"))
        if record.status == "pilot" and record.ended and _dated(record.ended) < today:
            findings.append(Finding("pilot-overdue", record.slug,
                                    f"planned to end {record.ended}; update its status and results"))
        if not record.outcomes and record.status != "proposed":
            findings.append(Finding("no-outcomes", record.slug, "no outcomes given"))
        if record.evidence.level == "none" and record.status != "proposed":
            findings.append(Finding("no-evidence", record.slug, "no evidence of results"))
    return findings


def _gap_findings(catalogue: Catalogue) -> list[Finding]:
    taxonomy = catalogue.taxonomy
    findings = [Finding("region-gap", term.id, term.name)
                for term_id, count in catalogue.counts(catalogue.facet("regions")).items() if count == 0
                for term in [taxonomy.regions[term_id]]]
    together = {pair for record in catalogue.records
                for pair in itertools.combinations(sorted(record.services), 2)}
    emergency = set(taxonomy.emergency_services)
    for pair in itertools.combinations(sorted(taxonomy.services), 2):
        if pair not in together and emergency & set(pair):
            names = " and ".join(taxonomy.services[s].name for s in pair)
            findings.append(Finding("service-pair-gap", "+".join(pair), names))
    return findings


def _name_findings(catalogue: Catalogue) -> list[Finding]:
    names: dict[str, set[str]] = {}
    for record in catalogue.records:
        for organisation in record.organisations:
            names.setdefault(organisation.name, set()).add(record.slug)
    # Two registered names are two organisations however alike they look ("Cheshire Fire and
    # Rescue Service", "Derbyshire Fire and Rescue Service"); a likely duplicate has a name outside it.
    registered = catalogue.taxonomy.organisations_by_name
    findings = []
    for first, second in itertools.combinations(sorted(names), 2):
        if first in registered and second in registered:
            continue
        if fuzz.token_sort_ratio(first.casefold(), second.casefold()) >= SIMILAR_NAME_SCORE:
            used = ", ".join(sorted(names[first] | names[second]))
            findings.append(Finding("similar-names", f"{first} / {second}", f"used in {used}"))
    return findings


def build_report(catalogue: Catalogue, today: dt.date) -> list[Finding]:
    return _record_findings(catalogue, today) + _gap_findings(catalogue) + _name_findings(catalogue)


def _grouped(findings: list[Finding]) -> dict[str, list[Finding]]:
    return {category: [f for f in findings if f.category == category] for category in CATEGORIES}


def format_text(findings: list[Finding]) -> str:
    lines = []
    for category, items in _grouped(findings).items():
        lines.append(f"{CATEGORIES[category]} ({len(items)})")
        width = max((len(f.subject) for f in items), default=0)
        lines += [f"  {f.subject.ljust(width)}  {f.detail}" for f in items] or ["  none"]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def format_markdown(findings: list[Finding]) -> str:
    lines = ["# Casebook editors' report", ""]
    for category, items in _grouped(findings).items():
        lines += [f"## {CATEGORIES[category]} ({len(items)})", ""]
        if items:
            lines += ["| Subject | Detail |", "| --- | --- |"]
            lines += [f"| {f.subject.replace('|', '/')} | {f.detail.replace('|', '/')} |" for f in items]
        else:
            lines.append("None.")
        lines.append("")
    return "\n".join(lines)


def format_json(findings: list[Finding]) -> str:
    return json.dumps({"findings": [asdict(f) for f in findings], "categories": CATEGORIES}, indent=2) + "\n"


REPORT_FORMATS = {"text": format_text, "markdown": format_markdown, "json": format_json}
