"""`casebook new` at a terminal: asks each question, reads the answer, and checks it with the
validator's own checks on the record so far, so a bad answer is asked again with the reason.
The file is written only once the whole record passes (by the caller); stopping writes nothing."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..content.load import FieldPath, _dotted
from ..content.problems import Problem
from .answers import Refused, pick_many, pick_one, read_date, read_yes_no, same_words
from .questions import Answers, Question, Questions, clear_at, get_at, set_at

# The record's text and every problem in it, for the answers given so far.
Check = Callable[[Answers], tuple[str, list[Problem]]]
HOW = {"one": "Type a name, an id or a number.",
       "many": "Type names, ids or numbers, separated by commas.",
       "text": "", "date": "", "more": ""}


class Unfinished(Exception):
    """The record still has errors that no question can put right."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("the record still has errors")
        self.problems = problems


@dataclass
class Console:
    """Where questions go and answers come from: `input` and `print` at a terminal."""

    read: Callable[[str], str]
    write: Callable[[str], None]


@dataclass
class Interview:
    questions: Questions
    check: Check
    console: Console
    answers: Answers = field(default_factory=dict)
    settled: set[FieldPath] = field(default_factory=set)

    def run(self) -> tuple[str, list[Problem]]:
        """Ask until the record has no errors; its text and its warnings."""
        while True:
            while (question := self.questions.next(self.answers, self.settled)) is not None:
                self._ask(question)
            text, problems = self.check(self.answers)
            errors = [p for p in problems if p.is_error]
            if not errors:
                return text, problems
            self._reopen(errors)

    def _reopen(self, errors: list[Problem]) -> None:
        """Show what the whole record still gets wrong, and take back the answers it names."""
        self.console.write("\nThe record is not right yet:")
        cleared = False
        for problem in errors:
            self.console.write(f"  {_shown(problem)}")
            path = _path_of(problem.field)
            if path and get_at(self.answers, path) is not None:
                clear_at(self.answers, path)
                cleared = True
        if not cleared:
            raise Unfinished(errors)
        self.console.write("Answer these again:")

    def _ask(self, question: Question) -> None:
        self.console.write("\n" + _introduction(question))
        text = self._read(question)
        while True:
            if question.optional and not text.strip():
                self.settled.add(question.path)
                return
            try:
                warnings = self._take(question, text)
            except Refused as why:
                self.console.write(f"  Not accepted: {why}")
                text = self._read(question)
                continue
            if not warnings:
                return
            for problem in warnings:
                self.console.write(f"  Note: {_shown(problem)}")
            again = self.console.read("  Press Enter to keep this answer, or type another: ")
            if not again.strip():
                return
            clear_at(self.answers, question.path)
            text = again

    def _read(self, question: Question) -> str:
        prompt = f"{question.label} [y/N]: " if question.kind == "more" else f"{question.label}: "
        if not question.multiline:
            return self.console.read(prompt)
        lines = [self.console.read(prompt)]
        while lines[-1].strip():
            lines.append(self.console.read("  ... "))
        return "\n".join(lines).strip()

    def _take(self, question: Question, text: str) -> list[Problem]:
        """Record the answer if the checks allow it (else raise Refused); the warnings it gets."""
        value = read_answer(question, text)
        if question.kind == "more":
            if value:
                (get_at(self.answers, question.path) or []).append({})
            else:
                self.settled.add(question.path)
            return []
        set_at(self.answers, question.path, value)
        for name, filled in question.fills:
            set_at(self.answers, question.path[:-1] + (name,), filled)
        found_list = get_at(self.answers, question.listed_in) if question.listed_in else None
        listed: list[Any] = found_list if isinstance(found_list, list) else []
        added = bool(question.listed_in) and isinstance(found_list, list) and value not in listed
        if added:
            listed.append(value)
        found = [p for p in self.check(self.answers)[1] if _about(p, question) and p.code != "missing-field"]
        errors = [p for p in found if p.is_error]
        if errors:
            clear_at(self.answers, question.path)
            if added:
                listed.remove(value)
            raise Refused("; ".join(_shown(p) for p in errors))
        if question.kind != "text" or value != text.strip():
            self.console.write(f"  Recorded as: {', '.join(value) if isinstance(value, list) else value}")
        if added:
            self.console.write(f"  Added {value} to {_dotted(question.listed_in)} too.")
        return [p for p in found if not p.is_error]


def read_answer(question: Question, text: str) -> Any:
    """The value an answer gives, read as the question's kind says; Refused if it cannot be read."""
    if question.kind == "one":
        return pick_one(text, list(question.choices))
    if question.kind == "many":
        return pick_many(text, list(question.choices))
    if question.kind == "date":
        return read_date(text, day_needed=question.day_needed)
    if question.kind == "more":
        return read_yes_no(text)
    if not text.strip():
        raise Refused("an answer is needed")
    spelt = {name.casefold(): name for name in question.known}
    return spelt.get(text.strip().casefold(), text.strip())


def _introduction(question: Question) -> str:
    if question.kind == "more":
        return ""
    lines = [question.label]
    if question.help:
        lines.append(f"  {question.help}")
    width = len(str(len(question.choices)))
    for number, choice in enumerate(question.choices, 1):
        same = same_words(choice.name, choice.id)
        lines.append(f"  {number:>{width}}  {choice.name}" + ("" if same else f" ({choice.id})"))
    how = HOW[question.kind] if not question.multiline else "Write or paste the text; finish with an empty line."
    if question.optional:
        how = (how + " Press Enter to leave it out.").strip()
    if how:
        lines.append(f"  {how}")
    return "\n".join(lines)


def _about(problem: Problem, question: Question) -> bool:
    """Whether a problem is about the question's answer: at its field or inside it."""
    return problem.field == question.field or problem.field.startswith((question.field + ".", question.field + "["))


def _shown(problem: Problem) -> str:
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"{problem.field}: {problem.message}{hint}" if problem.field else f"{problem.message}{hint}"


_PART = re.compile(r"\[(\d+)\]|\.?([^.\[\]]+)")


def _path_of(dotted: str) -> FieldPath:
    """"organisations[1].service" as ("organisations", 1, "service")."""
    return tuple(int(index) if index else name for index, name in _PART.findall(dotted))
