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

from .load import Document, FieldPath, _dotted, load_yaml_file
from .model import MARKDOWN_FIELDS, CaseStudy
from .problems import Problem, Severity
from .schema import DATE_FIELDS, DATE_PATTERN, MAX_SLUG, MIN_SLUG, SLUG_PATTERN
from .schemacheck import check_against_schema, closest
from .taxonomy import Taxonomy

REVIEW_AFTER_DAYS = 2 * 365
_INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|<!--|<\?|<!\[CDATA\[")
# Targets of every inline link or image, whatever brackets its text holds, and of reference
# definitions, which Markdown also reads inside list items and quotes.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^\s)>]*)")
_REFERENCE_LINK = re.compile(r"^[ \t>]*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_IMAGE = re.compile(r"!\[")
_SAFE_SCHEME = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def display_path(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:
        return path.as_posix()


def _file_problem(display: str, code: str, message: str, hint: str) -> Problem:
    return Problem(display, 1, 1, Severity.ERROR, code, "", message, hint)


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
        if entry.is_symlink() and not path.resolve().is_relative_to(real_root):
            problems.append(_file_problem(display, "symlink-outside",
                                          "this is a link to a file outside the content folder",
                                          "replace the link with the file itself"))
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


def _suggest_slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:MAX_SLUG].rstrip("-")


def _slug_problem(slug: str, display: str) -> list[Problem]:
    if re.fullmatch(SLUG_PATTERN, slug):
        return []
    suggestion = _suggest_slug(slug)
    hint = f"rename the file to {suggestion}.yaml" if len(suggestion) >= MIN_SLUG else \
        f"use {MIN_SLUG} to {MAX_SLUG} lowercase letters, digits and single hyphens"
    return [_file_problem(display, "bad-slug", f"'{slug}' cannot be used as a case-study name and web address", hint)]


def _parse_date(text: str) -> dt.date | None:
    parts = [int(p) for p in text.split("-")]
    try:
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return None


class _RecordChecks:
    """Checks inside one record that the schema cannot express."""

    def __init__(self, doc: Document, taxonomy: Taxonomy, today: dt.date) -> None:
        self.doc, self.taxonomy, self.today = doc, taxonomy, today
        self.data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
        self.problems: list[Problem] = []

    def add(self, path: FieldPath, code: str, message: str, hint: str = "",
            severity: Severity = Severity.ERROR, key: bool = False) -> None:
        line, col = self.doc.mark(path, key=key)
        self.problems.append(Problem(self.doc.path, line, col, severity, code, _dotted(path), message, hint))

    def run(self) -> list[Problem]:
        self.dates()
        self.organisations()
        self.markdown()
        # Most files hold neither such a character nor an escape ("\u202e") that could make one.
        if "\\" in self.doc.source or _INVISIBLE.search(self.doc.source):
            self.invisible_characters(self.data, ())
        self.editor_warnings()
        return self.problems

    def _date(self, path: FieldPath) -> dt.date | None:
        value = _get(self.data, path)
        if not isinstance(value, str) or not re.match(DATE_PATTERN, value):
            return None
        parsed = _parse_date(value)
        if parsed is None:
            self.add(path, "bad-date", f"'{value}' is not a real date", "check the month and day")
        elif parsed > self.today:
            self.add(path, "future-date", f"{value} is in the future", "use a date on or before today")
        return parsed

    def dates(self) -> None:
        parsed = {path: self._date(path) for pattern in DATE_FIELDS for path in _expand(self.data, pattern)}
        started, ended = parsed.get(("started",)), parsed.get(("ended",))
        if started and ended and ended < started:
            self.add(("ended",), "date-order", f"ended ({self.data['ended']}) is before started ({self.data['started']})",
                     "check both dates")

    def organisations(self) -> None:
        services = [s for s in _list(self.data, "services") if isinstance(s, str)]
        organisations = [o for o in _list(self.data, "organisations") if isinstance(o, dict)]
        covered = {o.get("service") for o in organisations if isinstance(o.get("service"), str)}
        for index, service in enumerate(services):
            if service not in covered and service in self.taxonomy.services:
                self.add(("services", index), "service-without-organisation",
                         f"no organisation is listed for the service '{service}'",
                         f"add an organisation with 'service: {service}' under organisations")
        register = self.taxonomy.organisations_by_name
        for index, organisation in enumerate(_list(self.data, "organisations")):
            if not isinstance(organisation, dict):
                continue
            name, service = organisation.get("name"), organisation.get("service")
            if isinstance(service, str) and service in self.taxonomy.services and service not in services:
                self.add(("organisations", index, "service"), "service-not-listed",
                         f"'{service}' is not listed under services", f"add {service} to services")
            if not isinstance(name, str) or not name:
                continue
            if name in register:
                if isinstance(service, str) and register[name]["service"] != service:
                    self.add(("organisations", index, "service"), "organisation-service-mismatch",
                             f"{name} is registered as a {register[name]['service']} organisation, not {service}",
                             f"use 'service: {register[name]['service']}'")
            else:
                guess = closest(name, list(register), cutoff=70)
                hint = f"did you mean '{guess[0]}'?" if guess else \
                    "check the spelling, or add it to content/taxonomy/organisations.yaml"
                self.add(("organisations", index, "name"), "unknown-organisation",
                         f"'{name}' is not in the organisation register", hint, Severity.WARNING)

    def markdown(self) -> None:
        for path in MARKDOWN_FIELDS:
            text = _get(self.data, path)
            if not isinstance(text, str):
                continue
            if _HTML_TAG.search(text):
                self.add(path, "raw-html", "HTML is not allowed in case-study text",
                         "use Markdown instead: **bold**, [link text](https://...), '- ' for lists")
            if _IMAGE.search(text):
                self.add(path, "image-not-allowed", "images cannot be embedded in case-study text",
                         "link to the image instead: [description](https://...)")
            for target in _INLINE_LINK.findall(text) + _REFERENCE_LINK.findall(text):
                self._link(path, target)

    def _link(self, path: FieldPath, target: str) -> None:
        if not _SAFE_SCHEME.match(target):
            self.add(path, "unsafe-link", f"the link '{target[:60]}' does not start with https://",
                     "links must be full web addresses starting with https:// (or mailto: for email)")

    def invisible_characters(self, value: Any, path: FieldPath) -> None:
        if isinstance(value, str):
            found = _INVISIBLE.search(value)
            if found:
                self.add(path, "invisible-character",
                         f"contains an invisible or direction-changing character (U+{ord(found.group()):04X})",
                         "retype the text; it was probably pasted from another document")
        elif isinstance(value, dict):
            for key, item in value.items():
                self.invisible_characters(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self.invisible_characters(item, path + (index,))

    def editor_warnings(self) -> None:
        reviewed = self.data.get("last_reviewed")
        if isinstance(reviewed, str) and re.match(DATE_PATTERN, reviewed):
            parsed = _parse_date(reviewed)
            if parsed and (self.today - parsed).days > REVIEW_AFTER_DAYS:
                self.add(("last_reviewed",), "review-overdue", f"last reviewed on {reviewed}, over two years ago",
                         "check the record against its sources and update last_reviewed", Severity.WARNING)
        if not self.data.get("outcomes") and self.data.get("status") != "proposed":
            self.add((), "no-outcomes", "the record gives no outcomes",
                     "add what was achieved, with figures where the sources give them", Severity.WARNING)
        evidence = self.data.get("evidence")
        if isinstance(evidence, dict) and evidence.get("level") == "none" and self.data.get("status") != "proposed":
            self.add(("evidence", "level"), "no-evidence", "there is no evidence of results",
                     "add a source that reports results when there is one", Severity.WARNING)


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
    value = data.get(name)
    return value if isinstance(value, list) else []


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
    """What one file gave: its case study if it has no errors, its problems, and the `related`
    and `formerly` names it gives with their positions (for the checks across records)."""

    slug: str
    path: str
    record: CaseStudy | None
    problems: list[Problem]
    related: tuple[tuple[Any, int, int], ...] = ()
    formerly: tuple[tuple[Any, int, int], ...] = ()


def _refs(doc: Document, name: str) -> tuple[tuple[Any, int, int], ...]:
    """The names listed in field `name`, each with its line and column."""
    names = _get(doc.data, (name,))
    return tuple((other, *doc.mark((name, index))) for index, other in
                 enumerate(names if isinstance(names, list) else []))


def _checked(slug: str, display: str, record: CaseStudy | None, problems: list[Problem], doc: Document) -> Checked:
    return Checked(slug, display, record, problems, _refs(doc, "related"), _refs(doc, "formerly"))


def check_record(path: Path, display: str, taxonomy: Taxonomy, schema: dict[str, Any],
                 validator: jsonschema_rs.Draft202012Validator, today: dt.date, *, with_record: bool = True) -> Checked:
    """Every problem in one record file, and (if `with_record`) the case study when it has no errors."""
    slug = path.stem
    problems = _slug_problem(slug, display)
    doc, found = load_yaml_file(path, display)
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
