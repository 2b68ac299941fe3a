"""`casebook new`: at a terminal, an interview that writes the file only once the record passes
`casebook validate`; without one, the skeleton with what is left to fill in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema_rs

from ..content.problems import FORMATTERS, Problem, sort_problems
from ..content.rules import check_text, display_path
from ..content.schema import case_study_schema
from ..content.taxonomy import Taxonomy
from . import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .answers import Refused
from .interview import Answers, Check, Console, Interview, Unfinished, read_answer
from .questions import Questions
from .scaffold import new_path, scaffold, write_new

# Fields an editor fills in review: never asked.
EDITORS_FIELDS = ("last_reviewed",)


@dataclass(frozen=True)
class NewRecord:
    """Where the new record goes and what is known of it before asking."""

    root: Path
    folder: Path
    flags: dict[str, str | list[str]]
    interactive: bool


class FlagError(ValueError):
    """A flag's value cannot be read; the message names the flag and says why."""


def run_new(request: NewRecord, taxonomy: Taxonomy, console: Console | None = None) -> int:
    schema = case_study_schema(taxonomy)
    questions = Questions(schema, taxonomy, skip=EDITORS_FIELDS)
    answers = {"last_reviewed": dt.date.today().isoformat(), **_from_flags(questions, request.flags)}
    check = _checker(request, schema, taxonomy)
    if request.interactive:
        return _interview(request, Interview(questions, check, console or _terminal(), answers))
    return _skeleton(request, taxonomy, answers, check)


def _from_flags(questions: Questions, flags: dict[str, str | list[str]]) -> Answers:
    """The flags' values, read as the answers to their questions are."""
    answers = {}
    for name, value in flags.items():
        try:
            answers[name] = read_answer(questions.about(name), ", ".join(value) if isinstance(value, list) else value)
        except Refused as why:
            raise FlagError(f"--{name.replace('_', '-')}: {why}") from None
    return answers


def _checker(request: NewRecord, schema: dict[str, Any], taxonomy: Taxonomy) -> Check:
    """The validator's checks of one file on the record the answers make, as it would be written."""
    validator = jsonschema_rs.Draft202012Validator(schema)
    today = dt.date.today()

    def check(answers: Answers) -> tuple[str, list[Problem]]:
        text = scaffold(schema, answers)
        shown = display_path(_path(request, answers), request.root)
        return text, sort_problems(check_text(text, shown, taxonomy, schema, validator, today).problems)

    return check


def _path(request: NewRecord, answers: Answers) -> Path:
    return new_path(request.folder, str(answers.get("title") or "new case study"))


def _terminal() -> Console:
    # Line editing (arrow keys) for input(): without it they type escape codes into the answer.
    import readline  # noqa: F401
    return Console(input, print)


def _interview(request: NewRecord, interview: Interview) -> int:
    write = interview.console.write
    write("A new case study: answer each question; every answer is checked as you give it.\n"
          "Press Ctrl-C at any time to stop without writing anything.")
    try:
        text, warnings = interview.run()
    except KeyboardInterrupt:
        write("\nStopped: nothing was written.")
        return EXIT_INTERRUPTED
    except EOFError:
        write("\nThe answers ended before the record was complete: nothing was written.")
        return EXIT_USAGE
    except Unfinished as unfinished:
        write("These cannot be put right by answering again; nothing was written.")
        write(FORMATTERS["text"](unfinished.problems))
        return EXIT_PROBLEMS
    path = _path(request, interview.answers)
    write_new(path, text)
    shown = display_path(path, request.root)
    write(f"\nCreated {shown}: it passes casebook validate.")
    if warnings:
        write("Editors will also look at these warnings:\n" + FORMATTERS["text"](warnings))
    write("Add the optional fields you know (outcomes, areas, governance...) in the file.")
    return EXIT_OK


def _skeleton(request: NewRecord, taxonomy: Taxonomy, answers: Answers, check: Check) -> int:
    """Without a terminal: the file with every field, the flags' answers filled in, and what is
    left to fill in."""
    if "title" not in answers:
        raise FlagError("a title is needed (--title)")
    undecided = [term.id for term in taxonomy.results.values() if not term.get("verdict", True)]
    if undecided:
        answers.setdefault("result", undecided[0])
    text, problems = check(answers)
    path = _path(request, answers)
    write_new(path, text)
    shown = display_path(path, request.root)
    left = list(dict.fromkeys(p.field.split(".")[0].split("[")[0] or "(the file)" for p in problems if p.is_error))
    print(f"created {shown}; not finished: {len(left)} field{'s' * (len(left) != 1)} left to fill in: "
          f"{', '.join(left)}" if left else f"created {shown}")
    print(FORMATTERS["text"](problems))
    if left:
        print(f"Fill them in, then check the file: casebook validate {shown}\n"
              "(At a terminal, casebook new asks for each field and writes the file only once it passes.)")
    return EXIT_PROBLEMS if left else EXIT_OK

