"""`casebook report`: what editors should look at next, as data with text, Markdown and JSON views."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from ..catalogue import Catalogue
from ..content.claims import (
    end_is_planned,
    expects_results,
    expired_labels,
    is_no_evidence,
    needs_evaluator,
    review_overdue,
)
from ..content.model import CaseStudy
from ..content.schema import partial_date
from ..content.taxonomy import Taxonomy
from . import welsh_report

SIMILAR_NAME_SCORE = 88


@dataclass(frozen=True)
class Finding:
    category: str
    subject: str
    detail: str


CATEGORIES = {
    "review-overdue": "Not reviewed for two years",
    "pilot-overdue": "Pilots past their planned end",
    "label-expired": "Labels kept too long (a pilot for years, too early to tell for years)",
    "evaluations": "Independent evaluations and who made them: judge their independence",
    "mirror-source": "Sources on mirror and staging hosts, not the publisher's own site",
    "no-archived-copy": "Sources without an archived copy",
    "no-outcomes": "No outcomes recorded",
    "no-outcome-domain": "Outcomes that name no domain (they are missing from the evidence and gap map)",
    "no-evidence": "No evidence of results",
    "region-gap": "Regions with no case studies",
    "service-pair-gap": "Service pairs with no case studies",
    "similar-names": "Organisation names that look like the same organisation",
    **welsh_report.CATEGORIES,
}


def _record_findings(record: CaseStudy, taxonomy: Taxonomy, today: dt.date, mirrors: frozenset[str]) -> list[Finding]:
    findings = []
    slug = record.slug
    if review_overdue(record.last_reviewed, today):
        findings.append(Finding("review-overdue", slug, f"last reviewed {record.last_reviewed}"))
    ended = partial_date(record.ended) if record.ended else None
    if end_is_planned(taxonomy, record.status) and ended and ended[1] < today:
        findings.append(Finding("pilot-overdue", slug, f"planned to end {record.ended}; update its status and results"))
    for expired in expired_labels(taxonomy, record.status, record.result, record.started, record.last_reviewed):
        findings.append(Finding("label-expired", slug, f"{expired.message(record.started)}; {expired.hint}"))
    if expects_results(taxonomy, record.status):
        if not record.outcomes:
            findings.append(Finding("no-outcomes", slug, "no outcomes given"))
        if is_no_evidence(taxonomy, record.evidence.level):
            findings.append(Finding("no-evidence", slug, "no evidence of results"))
    if needs_evaluator(taxonomy, record.evidence.level):
        partners = "; ".join(o.name for o in record.organisations)
        findings.append(Finding("evaluations", slug, f"{record.evidence.level} by {record.evidence.by}; "
                                                     f"organisations: {partners}"))
    for source in record.sources:
        host = source_host(source.url)
        if host in mirrors:
            findings.append(Finding("mirror-source", slug, f"{host}: {source.title}"))
        if not source.archived_url:
            findings.append(Finding("no-archived-copy", slug, source.url))
    findings += [Finding("no-outcome-domain", slug, outcome.text) for outcome in record.outcomes if not outcome.domain]
    return findings


def source_host(url: str) -> str:
    """The host of a web address, without 'www.', as the mirror list writes hosts."""
    host = (urlsplit(url).hostname or "").casefold()
    return host.removeprefix("www.")


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


def build_report(catalogue: Catalogue, today: dt.date, locale: tuple[Path, str] | None = None) -> list[Finding]:
    """What editors should look at; with `locale` (the catalogues' folder, and how to show it),
    what awaits a Welsh speaker too."""
    taxonomy = catalogue.taxonomy
    mirrors = frozenset(taxonomy.source_hosts)
    records = [finding for record in sorted(catalogue.records, key=lambda r: r.slug)
               for finding in _record_findings(record, taxonomy, today, mirrors)]
    welsh = [Finding(*item) for item in welsh_report.findings(taxonomy, catalogue.records, *locale)] if locale else []
    return records + _gap_findings(catalogue) + _name_findings(catalogue) + welsh


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
