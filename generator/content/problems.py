"""Problems found in content, kept as data and formatted for people or machines in one place."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from enum import Enum

from .characters import FORBIDDEN


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at a line and column (both 1-based; 0 when unknown)."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    field: str
    message: str
    hint: str = ""

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
        Problem(**{**asdict(p), "severity": Severity.ERROR}) if not p.is_error else p
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
    items = [{**asdict(p), "severity": p.severity.value} for p in problems]
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
