"""`casebook report`: what editors should look at next, as data with text, Markdown and JSON views.

Each list says what it means and what to do, counts what it holds, and says which records it
leaves out and why: an empty list must mean there is nothing to do, never that records were
skipped without a word."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from rapidfuzz import fuzz

from ..catalogue import Catalogue
from ..content.claims import (
    expects_results,
    expired_labels,
    is_no_evidence,
    needs_evaluator,
    planned_end_passed,
    review_overdue,
)
from ..content.model import CaseStudy
from ..content.taxonomy import Taxonomy
from . import welsh_report

SIMILAR_NAME_SCORE = 88


@dataclass(frozen=True)
class Finding:
    category: str
    subject: str
    detail: str


@dataclass(frozen=True)
class LeftOut:
    """Records a list does not show although they match it, and why."""

    category: str
    subjects: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Category:
    title: str
    means: str  # what the list holds and what to do about it, in one line
    unit: tuple[str, str]  # what one finding is, singular and plural
    by_record: bool = True  # findings name case studies (counted as well when several may share one)


_RECORD = ("case study", "case studies")
CATEGORIES: dict[str, Category] = {
    "review-overdue": Category(
        "Not reviewed for two years",
        "Records last checked against their sources over two years ago: check each one, then update last_reviewed.",
        _RECORD),
    "pilot-overdue": Category(
        "Pilots past their planned end",
        "Schemes at a stage with a planned end (a pilot) whose end has passed, or that give none and began longer ago "
        "than the stage may last: find out what happened, then update status, result and ended.", _RECORD),
    "label-expired": Category(
        "Labels kept too long",
        "Labels the record still gave at its last review longer after the start than the label may last (a pilot "
        "for years, too early to tell for years): say what happened.", ("label", "labels")),
    "evaluations": Category(
        "Independent evaluations and who made them",
        "Records claiming evidence only an outside evaluator gives: check the evaluator is none of the organisations.",
        _RECORD),
    "mirror-source": Category(
        "Sources on mirror and staging hosts",
        "Sources on hosts listed in source-hosts.yaml: replace each with the publisher's own address.",
        ("source", "sources")),
    "no-archived-copy": Category(
        "Sources without an archived copy",
        "Sources with no archived_url: save the page in a web archive and add its address, before it disappears.",
        ("source", "sources")),
    "no-outcomes": Category(
        "No outcomes recorded",
        "Schemes under way or finished that give no outcomes: add what was achieved, with figures where the "
        "sources give them.", _RECORD),
    "no-outcome-domain": Category(
        "Outcomes that name no domain",
        "Outcomes without a domain are missing from the evidence and gap map: give each one its outcome domain.",
        ("outcome", "outcomes")),
    "no-evidence": Category(
        "No evidence of results",
        "Schemes under way or finished whose evidence level says there is none: look for a source that reports "
        "results.", _RECORD),
    "region-gap": Category(
        "Regions with no case studies",
        "Regions no published case study covers: look for collaborations there.", ("region", "regions"), False),
    "service-pair-gap": Category(
        "Service pairs with no case studies",
        "Pairs of services (one of them an emergency service) no published case study brings together.",
        ("pair", "pairs"), False),
    "similar-names": Category(
        "Organisation names that look like the same organisation",
        "Names outside the register that look like another name in use: write the registered name, or add the "
        "organisation to organisations.yaml.", ("pair of names", "pairs of names"), False),
    **{name: Category(*spec) for name, spec in welsh_report.CATEGORIES.items()},
}


@dataclass
class Report:
    today: dt.date
    published: int
    drafts: int
    findings: list[Finding] = field(default_factory=list)
    left_out: list[LeftOut] = field(default_factory=list)

    def add(self, category: str, subject: str, detail: str) -> None:
        self.findings.append(Finding(category, subject, detail))

    def leave_out(self, category: str, subject: str, why: str) -> None:
        for index, kept in enumerate(self.left_out):
            if (kept.category, kept.why) == (category, why):
                self.left_out[index] = LeftOut(category, (*kept.subjects, subject), why)
                return
        self.left_out.append(LeftOut(category, (subject,), why))


def _record_findings(report: Report, record: CaseStudy, taxonomy: Taxonomy, mirrors: frozenset[str]) -> None:
    slug, today = record.slug, report.today
    if review_overdue(record.last_reviewed, today):
        report.add("review-overdue", slug, f"last reviewed {record.last_reviewed}")
    overdue = planned_end_passed(taxonomy, record.status, record.started, record.ended, today)
    if overdue:
        report.add("pilot-overdue", slug, overdue)
    for expired in expired_labels(taxonomy, record.status, record.result, record.started, record.last_reviewed):
        if overdue and expired.field == "status":
            report.leave_out("label-expired", slug, "its status is listed under " + CATEGORIES["pilot-overdue"].title)
        else:
            report.add("label-expired", slug, f"{expired.message(record.started)}; {expired.hint}")
    _results_findings(report, record, taxonomy)
    if needs_evaluator(taxonomy, record.evidence.level):
        partners = "; ".join(o.name for o in record.organisations)
        report.add("evaluations", slug, f"{record.evidence.level} by {record.evidence.by}; organisations: {partners}")
    for source in record.sources:
        host = source_host(source.url)
        if host in mirrors:
            report.add("mirror-source", slug, f"{host}: {source.title}")
        if not source.archived_url:
            report.add("no-archived-copy", slug, source.url)
    for outcome in record.outcomes:
        if not outcome.domain:
            report.add("no-outcome-domain", slug, outcome.text)


def _results_findings(report: Report, record: CaseStudy, taxonomy: Taxonomy) -> None:
    """Outcomes and evidence are expected once a scheme has begun; before, a record without
    them is left out, and the report says so."""
    begun = expects_results(taxonomy, record.status)
    status = taxonomy.statuses[record.status].name.lower()
    why = f"it is {status}: no results are expected before a scheme begins"
    for category, missing in (("no-outcomes", not record.outcomes),
                              ("no-evidence", is_no_evidence(taxonomy, record.evidence.level))):
        if missing and begun:
            report.add(category, record.slug, "no outcomes given" if category == "no-outcomes"
                       else f"evidence level {record.evidence.level}")
        elif missing:
            report.leave_out(category, record.slug, why)


def source_host(url: str) -> str:
    """The host of a web address, without 'www.', as the mirror list writes hosts."""
    host = (urlsplit(url).hostname or "").casefold()
    return host.removeprefix("www.")


def _gap_findings(report: Report, catalogue: Catalogue) -> None:
    taxonomy = catalogue.taxonomy
    for term_id, count in catalogue.counts(catalogue.facet("regions")).items():
        if count == 0:
            report.add("region-gap", term_id, taxonomy.regions[term_id].name)
    together = {pair for record in catalogue.records
                for pair in itertools.combinations(sorted(record.services), 2)}
    emergency = set(taxonomy.emergency_services)
    for pair in itertools.combinations(sorted(taxonomy.services), 2):
        if pair not in together and emergency & set(pair):
            report.add("service-pair-gap", "+".join(pair), " and ".join(taxonomy.services[s].name for s in pair))


def _name_findings(report: Report, catalogue: Catalogue) -> None:
    names: dict[str, set[str]] = {}
    for record in catalogue.records:
        for organisation in record.organisations:
            names.setdefault(organisation.name, set()).add(record.slug)
    # Two registered names are two organisations however alike they look ("Cheshire Fire and
    # Rescue Service", "Derbyshire Fire and Rescue Service"); a likely duplicate has a name outside it.
    registered = catalogue.taxonomy.organisations_by_name
    for first, second in itertools.combinations(sorted(names), 2):
        if first in registered and second in registered:
            continue
        if fuzz.token_sort_ratio(first.casefold(), second.casefold()) >= SIMILAR_NAME_SCORE:
            used = ", ".join(sorted(names[first] | names[second]))
            report.add("similar-names", f"{first} / {second}", f"used in {used}")


def build_report(catalogue: Catalogue, today: dt.date, locale: tuple[Path, str] | None = None) -> Report:
    """The report on the published case studies of `catalogue` (drafts are counted, not read),
    judged as on `today`; with `locale` (the catalogues' folder, and how to show it), what awaits
    a Welsh speaker too."""
    published = Catalogue.published(catalogue.taxonomy, catalogue.records)
    report = Report(today, len(published.records), len(catalogue.records) - len(published.records))
    mirrors = frozenset(catalogue.taxonomy.source_hosts)
    for record in sorted(published.records, key=lambda r: r.slug):
        _record_findings(report, record, catalogue.taxonomy, mirrors)
    _gap_findings(report, published)
    _name_findings(report, published)
    if locale:
        for item in welsh_report.findings(catalogue.taxonomy, published.records, *locale):
            report.add(*item)
    return report


def _count(number: int, unit: tuple[str, str]) -> str:
    return f"{number} {unit[number != 1]}"


def _heading(category: Category, items: list[Finding]) -> str:
    """'2 sources in 1 case study' when a case study may appear more than once."""
    count = _count(len(items), category.unit)
    records = len({f.subject for f in items})
    if category.by_record and category.unit != _RECORD and items:
        count += f" in {_count(records, _RECORD)}"
    return f"{category.title} ({count})"


def _left_out_lines(report: Report, category: str) -> list[str]:
    return [f"Left out: {_count(len(item.subjects), _RECORD)}, as {item.why}: {', '.join(item.subjects)}"
            if len(item.subjects) > 1 else f"Left out: {item.subjects[0]}, as {item.why}"
            for item in report.left_out if item.category == category]


def _introduction(report: Report) -> str:
    drafts = f"; {_count(report.drafts, ('draft is', 'drafts are'))} left out" if report.drafts else ""
    return (f"{_count(report.published, ('published case study', 'published case studies'))}, "
            f"judged as on {report.today.isoformat()}{drafts}.")


def _grouped(report: Report) -> dict[str, list[Finding]]:
    return {category: [f for f in report.findings if f.category == category] for category in CATEGORIES}


def format_text(report: Report) -> str:
    lines = [f"Casebook editors' report: {_introduction(report)}", ""]
    for name, items in _grouped(report).items():
        category = CATEGORIES[name]
        lines += [_heading(category, items), f"  {category.means}"]
        width = max((len(f.subject) for f in items), default=0)
        lines += [f"  - {f.subject.ljust(width)}  {f.detail}" for f in items] or ["  - none"]
        lines += [f"  {line}" for line in _left_out_lines(report, name)]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "/")


def format_markdown(report: Report) -> str:
    lines = ["# Casebook editors' report", "", _introduction(report), ""]
    for name, items in _grouped(report).items():
        category = CATEGORIES[name]
        lines += [f"## {_heading(category, items)}", "", category.means, ""]
        if items:
            lines += ["| Subject | Detail |", "| --- | --- |"]
            lines += [f"| {_cell(f.subject)} | {_cell(f.detail)} |" for f in items]
        else:
            lines.append("None.")
        lines.append("")
        lines += [f"{line}\n" for line in _left_out_lines(report, name)]
    return "\n".join(lines)


def format_json(report: Report) -> str:
    categories = {name: {"title": category.title, "means": category.means,
                         "count": sum(f.category == name for f in report.findings),
                         "left_out": [{"subjects": list(item.subjects), "why": item.why}
                                      for item in report.left_out if item.category == name]}
                  for name, category in CATEGORIES.items()}
    return json.dumps({"today": report.today.isoformat(), "published": report.published, "drafts": report.drafts,
                       "categories": categories, "findings": [asdict(f) for f in report.findings]}, indent=2) + "\n"


REPORT_FORMATS: dict[str, Callable[[Report], str]] = {"text": format_text, "markdown": format_markdown,
                                                      "json": format_json}
