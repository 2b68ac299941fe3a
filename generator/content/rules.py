"""Checks on one case-study file: that it may be read, its schema, and the rules that need
more than one of its fields. Problems are returned as data, never printed."""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs

from . import markdown, welsh
from .claims import (
    expects_results,
    expired_labels,
    is_no_evidence,
    name_out_of_time,
    needs_evaluator,
    own_evaluator,
    review_overdue,
    strongest_without_evaluator,
    weakest_allowed,
)
from .load import Document, FieldPath, _dotted, load_yaml_file, parse_yaml
from .model import MARKDOWN_FIELDS, CaseStudy
from .problems import CODES, Problem, Severity
from .schema import DATE_FIELDS, DATE_PATTERN, MAX_SLUG, MIN_SLUG, RESERVED_NAMES, SLUG_PATTERN, partial_date
from .schema_check import check_against_schema, closest_name, suggest_term
from .taxonomy import Taxonomy


def display_path(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_posix()


def _file_problem(display: str, code: str, message: str, hint: str) -> Problem:
    return Problem(path=display, line=1, col=1, code=code, message=message, hint=hint)


def discover(folder: Path, base: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """Case-study files in a folder, each with the path shown in messages; anything else there
    is reported, never skipped silently."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    shown_folder = display_path(folder, base)
    if not folder.is_dir():
        return [], [_file_problem(shown_folder, "missing-folder",
                                  "the case-studies folder does not exist", "create it")]
    real_root = folder.resolve()
    # scandir gives each entry's type from the directory listing: no stat call per file.
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        path = folder / entry.name
        display = f"{shown_folder}/{entry.name}"
        if entry.name == ".gitkeep":
            continue
        link_problem = _link_problem(path, display, real_root) if entry.is_symlink() else None
        if link_problem:
            problems.append(link_problem)
        elif entry.is_dir():
            problems.append(_file_problem(display, "stray-folder", "folders are not read here",
                                          "put case-study files directly in content/case-studies/"))
        elif path.suffix.lower() in (".yml", ".yaml") and path.suffix != ".yaml":
            problems.append(_file_problem(display, "wrong-extension", "case-study files must end in .yaml",
                                          f"rename it to {_suggest_slug(path.stem)}.yaml"))
        elif path.suffix != ".yaml":
            problems.append(_file_problem(display, "stray-file", "only case-study .yaml files belong in this folder",
                                          "move it elsewhere or delete it"))
        else:
            found.append((path, display))
    return found, problems


def _link_problem(path: Path, display: str, real_root: Path) -> Problem | None:
    """What is wrong with a symbolic link: it leads nowhere, or out of the content folder."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return _file_problem(display, "unreadable-file", "this is a link that leads nowhere: its file is "
                             "missing, or it links to itself", "replace the link with the file itself")
    if not target.is_relative_to(real_root):
        return _file_problem(display, "symlink-outside", "this is a link to a file outside the content folder",
                             "replace the link with the file itself")
    return None


def _suggest_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_SLUG].rstrip("-")


def _slug_problem(slug: str, display: str) -> list[Problem]:
    if re.fullmatch(SLUG_PATTERN, slug):
        return []
    suggestion = _suggest_slug(slug)
    if suggestion in RESERVED_NAMES:
        suggestion += "-case-study"
    hint = f"rename the file to {suggestion}.yaml" if re.fullmatch(SLUG_PATTERN, suggestion) else \
        f"use {MIN_SLUG} to {MAX_SLUG} lowercase letters, digits and single hyphens"
    message = f"'{slug}' cannot be used as a case-study name and web address"
    if slug in RESERVED_NAMES:
        message += f": {slug} is the name of a page the site makes itself"
    return [_file_problem(display, "bad-slug", message, hint)]


class _RecordChecks:
    """Checks inside one record that the schema cannot express."""

    def __init__(self, doc: Document, taxonomy: Taxonomy, today: dt.date) -> None:
        self.doc, self.taxonomy, self.today = doc, taxonomy, today
        self.data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        self.problems: list[Problem] = []

    def add(self, path: FieldPath, code: str, message: str, hint: str = "",
            severity: Severity | None = None, key: bool = False) -> None:
        line, col = self.doc.mark(path, key=key)
        self.problems.append(Problem(path=self.doc.path, line=line, col=col, severity=severity or CODES[code].severity,
                                     code=code,
                                     field=_dotted(path), message=message, hint=hint))

    def run(self) -> list[Problem]:
        self.dates()
        self.organisations()
        self.markdown()
        self.editor_warnings()
        self.evidence_rules()
        self.expired_labels()
        return self.problems + welsh.record_problems(self.doc, self.taxonomy)

    def _date(self, path: FieldPath) -> dt.date | None:
        value = _get(self.data, path)
        if not isinstance(value, str) or not re.match(DATE_PATTERN, value):
            return None
        span = partial_date(value)
        if span is None:
            self.add(path, "bad-date", f"'{value}' is not a real date", "check the month and day")
            return None
        if span[0] > self.today:
            self.add(path, "future-date", f"{value} is in the future", "use a date on or before today")
        return span[0]

    def dates(self) -> None:
        parsed = {path: self._date(path) for pattern in DATE_FIELDS for path in _expand(self.data, pattern)}
        started, ended = parsed.get(("started",)), parsed.get(("ended",))
        if started and ended and ended < started:
            self.add(("ended",), "date-order",
                     f"ended ({self.data['ended']}) is before started ({self.data['started']})", "check both dates")

    def _meant_services(self, values: list[Any]) -> set[str]:
        """The services `values` name, a mistyped one counting as the service the schema's
        message suggests for it: one mistake gets one message."""
        terms = self.taxonomy.services
        names = [term.name for term in terms.values()]
        meant = set()
        for value in values:
            guess = (value if value in terms else suggest_term(value, list(terms), names)) \
                if isinstance(value, str) else None
            if guess:
                meant.add(guess)
        return meant

    def organisations(self) -> None:
        listed_services = _list(self.data, "services")
        services = [s for s in listed_services if isinstance(s, str)]
        meant = self._meant_services(listed_services)
        organisations = [o for o in _list(self.data, "organisations") if isinstance(o, dict)]
        covered = self._meant_services([o.get("service") for o in organisations])
        for index, listed in enumerate(services):
            if listed not in covered and listed in self.taxonomy.services:
                self.add(("services", index), "service-without-organisation",
                         f"no organisation is listed for the service '{listed}'",
                         f"add an organisation with 'service: {listed}' under organisations")
        register = self.taxonomy.organisations_by_name
        for index, organisation in enumerate(_list(self.data, "organisations")):
            if not isinstance(organisation, dict):
                continue
            name, service = organisation.get("name"), organisation.get("service")
            if isinstance(service, str) and service in self.taxonomy.services and service not in meant:
                self.add(("organisations", index, "service"), "service-not-listed",
                         f"'{service}' is not listed under services", f"add {service} to services")
            if not isinstance(name, str) or not name:
                continue
            if name in register:
                allowed = self.taxonomy.services_of(name)
                if isinstance(service, str) and service in self.taxonomy.services and service not in allowed:
                    self.add(("organisations", index, "service"), "organisation-service-mismatch",
                             f"{name} is registered as a {' or '.join(allowed)} organisation, not {service}",
                             f"use 'service: {register[name]['service']}'")
                self._name_in_time(("organisations", index, "name"), name)
            else:
                guess = closest_name(name, list(register))
                hint = f"did you mean '{guess}'?" if guess else \
                    "check the spelling, or add it to content/taxonomy/organisations.yaml"
                self.add(("organisations", index, "name"), "unknown-organisation",
                         f"'{name}' is not in the organisation register", hint)

    def _name_in_time(self, path: FieldPath, name: str) -> None:
        """A name is right for a scheme that ran while the name was in use."""
        started, ended = self._day("started"), self._day("ended")
        if not started:
            return
        problem = name_out_of_time(self.taxonomy, name, started, ended)
        if problem:
            self.add(path, "former-name", *problem)

    def markdown(self) -> None:
        for path in MARKDOWN_FIELDS:
            text = _get(self.data, path)
            if not isinstance(text, str):
                continue
            found = markdown.inspect(text)
            if found.raw_html:
                self.add(path, "raw-html", "HTML is not allowed in case-study text",
                         "use Markdown instead: **bold**, [link text](https://...), '- ' for lists")
            if found.image:
                self.add(path, "image-not-allowed", "images cannot be embedded in case-study text",
                         "link to the image instead: [description](https://...)")
            for target in found.unsafe_targets:
                self.add(path, "unsafe-link", f"the link '{target[:60]}' does not start with https://",
                         "links must be full web addresses starting with https:// (or mailto: for email)")

    def _term(self, path: FieldPath, terms: dict[str, Any]) -> str | None:
        """The value at `path` if it is one of `terms` (the schema has reported it otherwise)."""
        value = _get(self.data, path)
        return value if isinstance(value, str) and value in terms else None

    def _day(self, name: str) -> str | None:
        value = self.data.get(name)
        return value if isinstance(value, str) and re.match(DATE_PATTERN, value) and partial_date(value) else None

    def editor_warnings(self) -> None:
        reviewed = self._day("last_reviewed")
        if reviewed and review_overdue(reviewed, self.today):
            self.add(("last_reviewed",), "review-overdue", f"last reviewed on {reviewed}, over two years ago",
                     "check the record against its sources and update last_reviewed")
        status = self._term(("status",), self.taxonomy.statuses)
        level = self._term(("evidence", "level"), self.taxonomy.evidence_levels)
        if status is not None and not expects_results(self.taxonomy, status):
            return
        if not self.data.get("outcomes"):
            self.add((), "no-outcomes", "the record gives no outcomes",
                     "add what was achieved, with figures where the sources give them")
        if level and is_no_evidence(self.taxonomy, level):
            self.add(("evidence", "level"), "no-evidence", "there is no evidence of results",
                     "add a source that reports results when there is one")

    def evidence_rules(self) -> None:
        t = self.taxonomy
        result, level = self._term(("result",), t.results), self._term(("evidence", "level"), t.evidence_levels)
        if result and level and (needed := weakest_allowed(t, result, level)):
            fallback = t.results[result].get("fallback")
            hint = f"say '{fallback}' until an evaluation shows it {t.results[result].name.lower()}" if fallback \
                else f"raise the evidence to {needed.id} or choose another result"
            self.add(("result",), "evidence-too-weak",
                     f"'{result}' needs evidence at level {needed.id} or above; this record's is {level}", hint)
        evaluator = _get(self.data, ("evidence", "by"))
        if level and needs_evaluator(t, level) and isinstance(evaluator, str):
            names = [o.get("name") for o in _list(self.data, "organisations") if isinstance(o, dict)]
            own = own_evaluator(t, evaluator, [n for n in names if isinstance(n, str)])
            if own:
                self.add(("evidence", "by"), "own-evaluator",
                         f"the evaluator '{evaluator}' is the record's own organisation {own}",
                         f"an evaluation by a partner is not independent: say {strongest_without_evaluator(t, level)}, "
                         "or name the outside body that evaluated it")

    def expired_labels(self) -> None:
        t = self.taxonomy
        status, result = self._term(("status",), t.statuses), self._term(("result",), t.results)
        started, reviewed = self._day("started"), self._day("last_reviewed")
        if not (status and result and started and reviewed):
            return
        for expired in expired_labels(t, status, result, started, reviewed):
            self.add((expired.field,), "label-expired", expired.message(started), expired.hint)


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _expand(data: dict[str, Any], pattern: str) -> list[FieldPath]:
    """The paths a DATE_FIELDS pattern names in this record: "sources/*/date" is each source's."""
    paths: list[FieldPath] = [()]
    for part in pattern.split("/"):
        if part == "*":
            paths = [path + (index,) for path in paths for index, _ in enumerate(_as_list(_get(data, path)))]
        else:
            paths = [path + (part,) for path in paths]
    return paths


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _list(data: dict[str, Any], name: str) -> list[Any]:
    return _as_list(data.get(name))


def _top_level_problem(doc: Document) -> list[Problem]:
    if doc.data is None:
        return [_file_problem(doc.path, "empty-file", "the file is empty",
                              "start from a copy of another case study, or run 'casebook new'")]
    if not isinstance(doc.data, dict):
        return [_file_problem(doc.path, "not-a-mapping", "the file must be a list of fields (name: value lines)",
                              "start each line with a field name such as 'title:'")]
    return []


@dataclass(frozen=True)
class Checked:
    """What one file gave: its case study if it has no errors, its problems, the `related`
    and `formerly` names it gives with their positions (for the checks across records), and its
    title if that passed its checks (the preview names a broken record's page by it)."""

    slug: str
    path: str
    record: CaseStudy | None
    problems: list[Problem]
    related: tuple[tuple[Any, int, int], ...] = ()
    formerly: tuple[tuple[Any, int, int], ...] = ()
    title: str | None = None


def _refs(doc: Document, name: str) -> tuple[tuple[Any, int, int], ...]:
    """The names listed in field `name`, each with its line and column."""
    names = _get(doc.data, (name,))
    return tuple((other, *doc.mark((name, index))) for index, other in
                 enumerate(names if isinstance(names, list) else []))


def _title(doc: Document, problems: list[Problem]) -> str | None:
    title = doc.data.get("title") if isinstance(doc.data, dict) else None
    if not isinstance(title, str) or any(p.field == "title" for p in problems):
        return None
    return " ".join(title.split())


def _checked(slug: str, display: str, record: CaseStudy | None, problems: list[Problem], doc: Document) -> Checked:
    return Checked(slug, display, record, problems, _refs(doc, "related"), _refs(doc, "formerly"),
                   _title(doc, problems))


def check_record(path: Path, display: str, taxonomy: Taxonomy, schema: dict[str, Any],
                 validator: jsonschema_rs.Draft202012Validator, today: dt.date, *, with_record: bool = True) -> Checked:
    """Every problem in one record file, and (if `with_record`) the case study when it has no errors."""
    return _check(path.stem, display, load_yaml_file(path, display), taxonomy, schema, validator, today, with_record)


def check_text(text: str, display: str, taxonomy: Taxonomy, schema: dict[str, Any],
               validator: jsonschema_rs.Draft202012Validator, today: dt.date) -> Checked:
    """`check_record` on the text of a file not yet written (`casebook new` checks before it writes)."""
    return _check(Path(display).stem, display, parse_yaml(text, display), taxonomy, schema, validator, today, True)


def _check(slug: str, display: str, loaded: tuple[Document | None, list[Problem]], taxonomy: Taxonomy,
           schema: dict[str, Any], validator: jsonschema_rs.Draft202012Validator, today: dt.date,
           with_record: bool) -> Checked:
    problems = _slug_problem(slug, display)
    doc, found = loaded
    problems += found
    if doc is None or any(p.code == "yaml-syntax" for p in found):
        return Checked(slug, display, None, problems)
    shape = _top_level_problem(doc)
    if shape:
        return _checked(slug, display, None, problems + shape, doc)
    problems += check_against_schema(doc, schema, validator=validator)
    problems += _RecordChecks(doc, taxonomy, today).run()
    record = None if not with_record or any(p.is_error for p in problems) else \
        CaseStudy.from_record(slug, display, doc.data)
    return _checked(slug, display, record, problems, doc)
