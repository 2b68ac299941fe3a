"""Problems found in content, kept as data and formatted for people or machines in one place."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, replace
from enum import Enum

from .characters import FORBIDDEN


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Code:
    """A kind of problem: how serious it is unless a check says otherwise, and what it means."""

    severity: Severity
    about: str
    # Where its test lives: "record" (a golden case in tests/validator/cases/, which may hold
    # several records and taxonomy files), "file" (file names, bytes, folders and raw YAML
    # constructs: tests/validator/test_files.py), "rename" (renamed records, whose redirects need a
    # built site: tests/site/test_rename.py), "catalogue" (the interface's message catalogues, checked
    # by `casebook i18n check`: tests/i18n/test_catalogues.py) or "fallback" (a catch-all no known
    # input reaches).
    shown_by: str = "record"


_E, _W = Severity.ERROR, Severity.WARNING

# Every problem code, in the order the contributor docs list them. A Problem with a code not
# here cannot be made, so each new rule is documented and (by test) has a golden case.
CODES: dict[str, Code] = {
    # Reading the file
    "missing-folder": Code(_E, "The case-studies folder does not exist.", "file"),
    "symlink-outside": Code(_E, "A link to a file outside the content folder.", "file"),
    "stray-folder": Code(_E, "A folder inside the case-studies folder.", "file"),
    "wrong-extension": Code(_E, "A case-study file ending in .yml or another spelling of .yaml.", "file"),
    "stray-file": Code(_E, "A file other than a case study in the case-studies folder.", "file"),
    "bad-slug": Code(_E, "The file name cannot be used as the record's web address.", "file"),
    "file-too-large": Code(_E, "The file is larger than the limit.", "file"),
    "unreadable-file": Code(_E, "The file cannot be read.", "file"),
    "binary-file": Code(_E, "The file is binary, not text.", "file"),
    "not-utf8": Code(_E, "The file is not UTF-8 text.", "file"),
    "empty-file": Code(_E, "The file is empty.", "file"),
    "not-a-mapping": Code(_E, "The file is not a list of 'name: value' fields.", "file"),
    "yaml-syntax": Code(_E, "The YAML cannot be parsed.", "file"),
    "multiple-documents": Code(_E, "The file holds more than one YAML document.", "file"),
    "duplicate-key": Code(_E, "A field is given twice.", "file"),
    "complex-key": Code(_E, "A field name is a list or mapping, not text.", "file"),
    "yaml-anchor": Code(_E, "A YAML anchor (&name); values must be written out.", "file"),
    "yaml-alias": Code(_E, "A YAML alias (*name); values must be written out.", "file"),
    "yaml-merge-key": Code(_E, "A YAML merge key (<<); values must be written out.", "file"),
    "yaml-tag": Code(_E, "A YAML tag (!!str and the like).", "file"),
    "too-deep": Code(_E, "Values nested too deep.", "file"),
    # The record format (the schema)
    "missing-field": Code(_E, "A required field is missing."),
    "unknown-field": Code(_E, "A field the format does not have (often a misspelling)."),
    "empty-value": Code(_E, "A field with no value."),
    "wrong-type": Code(_E, "A value of the wrong kind: text where a list is expected, and the like."),
    "number-too-large": Code(_E, "A number too large to read, or a figure above the schema's maximum."),
    "unknown-term": Code(_E, "A value not in its vocabulary in content/taxonomy/."),
    "too-few-items": Code(_E, "A list with fewer items than it needs."),
    "too-many-items": Code(_E, "A list with more items than allowed."),
    "duplicate-item": Code(_E, "The same item twice in a list."),
    "too-short": Code(_E, "Text shorter than the minimum."),
    "too-long": Code(_E, "Text longer than the maximum."),
    "bad-format": Code(_E, "A date, web address, email address, DOI or name in the wrong format."),
    "out-of-range": Code(_E, "A number below the minimum or above the maximum."),
    "rule": Code(_E, "A rule that links fields: end dates by status, a proposed scheme's result, "
                     "an evaluation's address and evaluator."),
    "invalid-value": Code(_E, "Any other value the schema refuses (a fallback no record is known to reach).",
                          "fallback"),
    # Rules across the fields of a record
    "bad-date": Code(_E, "A date that does not exist, such as 30 February."),
    "future-date": Code(_E, "A date after today."),
    "date-order": Code(_E, "A record that ends before it starts, or a register entry that ends before it begins."),
    "service-not-listed": Code(_E, "An organisation's service is missing from services."),
    "service-without-organisation": Code(_E, "A service with no organisation listed for it."),
    "organisation-service-mismatch": Code(_E, "An organisation given a service other than its registered one."),
    "unknown-organisation": Code(_W, "An organisation name not in the register."),
    "former-name": Code(_W, "An organisation named by a name it did not have while the scheme ran."),
    "raw-html": Code(_E, "HTML in Markdown text."),
    "image-not-allowed": Code(_E, "An image embedded in Markdown text."),
    "unsafe-link": Code(_E, "A link in Markdown text that is not a https:// or mailto: address."),
    "invisible-character": Code(_E, "A control, invisible or direction-changing character: one no text may hold."),
    # The Welsh version
    "welsh-mismatch": Code(_E, "A Welsh version (cy) whose lists (areas, outcomes, lessons, barriers, enablers) "
                               "differ in length from the English, or whose evidence texts differ from the English's."),
    "untranslated-record": Code(_W, "A case study naming a body bound by the Welsh Language Standards, in that "
                                    "body's own region, without a Welsh version (cy)."),
    # What the evidence allows
    "evidence-too-weak": Code(_E, "A result that needs stronger evidence than the record gives."),
    "label-expired": Code(_W, "A status or result kept longer than its vocabulary allows (still a pilot "
                              "years on)."),
    "own-evaluator": Code(_W, "The evaluator is one of the record's own organisations."),
    # What editors should look at
    "review-overdue": Code(_W, "Not reviewed against its sources for over two years."),
    "no-outcomes": Code(_W, "No outcomes given."),
    "no-evidence": Code(_W, "No evidence of results."),
    # Across records
    "duplicate-slug": Code(_E, "Two files whose names differ only in case.", "file"),
    "self-related": Code(_E, "A record listed as related to itself."),
    "unknown-related": Code(_E, "A related record that does not exist."),
    "renamed-related": Code(_W, "A related record named by a slug it had before a rename.", "rename"),
    "former-slug-in-use": Code(_E, "A former slug in formerly that is a case study's current name.", "rename"),
    "duplicate-former-slug": Code(_E, "A former slug claimed by two case studies.", "rename"),
    # The taxonomy
    "missing-taxonomy": Code(_E, "A vocabulary file is missing.", "file"),
    "duplicate-id": Code(_E, "An id used twice in a vocabulary."),
    "duplicate-name": Code(_E, "A name used twice in the register, as a name or a former name."),
    "unknown-reference": Code(_E, "A vocabulary entry that names an id that does not exist "
                                  "(a successor, a fallback result)."),
    "untranslated-term": Code(_W, "A vocabulary term without its Welsh name (name_cy) or Welsh text (text_cy), "
                                  "or a body bound by the Welsh Language Standards without its Welsh name."),
    # The interface's message catalogues (`casebook i18n check`)
    "catalogue-syntax": Code(_E, "A message catalogue (.po or .pot file) that cannot be read.", "catalogue"),
    "catalogue-placeholders": Code(_E, "A translation whose %(name)s placeholders differ from the English.",
                                   "catalogue"),
    "catalogue-out-of-date": Code(_E, "A catalogue that does not hold the messages the sources have now.",
                                  "catalogue"),
    "untranslated-message": Code(_W, "An interface message with no translation yet (the page shows the "
                                     "English).", "catalogue"),
}


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong with one file, at a line and column (both 1-based; 0 when unknown).
    Its severity is its code's unless given."""

    path: str
    line: int
    col: int
    code: str
    message: str
    field: str = ""
    hint: str = ""
    severity: Severity = None  # type: ignore[assignment]  # filled in from CODES

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}: add it to CODES in problems.py")
        if self.severity is None:
            object.__setattr__(self, "severity", CODES[self.code].severity)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def text(self) -> str:
        """One line for people (the terminal, the preview banner, pull-request annotations)."""
        location = f"{self.path}:{self.line}:{self.col}"
        where = f" {self.field}:" if self.field else ""
        hint = f" ({self.hint})" if self.hint else ""
        return _visible(f"{location}: {self.severity.value}:{where} {self.message}{hint} [{self.code}]")


_LINE_BREAKS = re.compile("[\n\r\t]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _visible(text: str) -> str:
    """Field names and quoted values come from the file: a control character, a direction
    override or a line break in them is shown as an escape, never sent raw to a terminal."""
    return _LINE_BREAKS.sub(_escape, FORBIDDEN.sub(_escape, text))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.col, p.field, p.code, p.message))


def promote_warnings(problems: list[Problem]) -> list[Problem]:
    """`--strict`: every warning counts as an error."""
    return [
        replace(p, severity=Severity.ERROR) if not p.is_error else p
        for p in problems
    ]


NO_PROBLEMS = "No problems found."


def summary(problems: list[Problem]) -> str:
    counts = Counter(p.severity for p in problems)
    files = len({p.path for p in problems})
    if not problems:
        return NO_PROBLEMS
    errors, warnings = counts[Severity.ERROR], counts[Severity.WARNING]
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}"
    )


def format_text(problems: list[Problem]) -> str:
    lines = [p.text() for p in problems]
    lines.append(summary(problems))
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    items = [{"path": p.path, "line": p.line, "col": p.col, "severity": p.severity.value, "code": p.code,
              "field": p.field, "message": p.message, "hint": p.hint} for p in problems]
    return json.dumps({"problems": items, "summary": summary(problems)}, indent=2)


def _github_escape(value: str, *, prop: bool = False) -> str:
    value = _visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def format_github(problems: list[Problem]) -> str:
    """Workflow commands, so a pull request shows each problem on its line."""
    lines = []
    for p in problems:
        props = ",".join(
            [
                f"file={_github_escape(p.path, prop=True)}",
                f"line={max(p.line, 1)}",
                f"col={max(p.col, 1)}",
                f"title={_github_escape(p.code, prop=True)}",
            ]
        )
        body = p.text().split(": ", 2)[-1]
        lines.append(f"::{p.severity.value} {props}::{_github_escape(body)}")
    lines.append(summary(problems))
    return "\n".join(lines)


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
