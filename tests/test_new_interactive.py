"""`casebook new` at a real terminal: a pseudo-terminal (util-linux `script`) runs the command,
and each answer is typed once its question is on the screen, as a person would."""

from __future__ import annotations

import os
import re
import select
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from support import ROOT, make_project

from generator.content.validate import validate_library

WAIT = 60  # seconds for a question to appear: the machine may be busy, the test does not time anything
# What the terminal shows besides text: readline's cursor moves and mode switches.
_ESCAPES = re.compile(r"\x1b(?:\[[0-9;?]*[A-Za-z]|[=>])|\r")


class Terminal:
    """A command at a pseudo-terminal: what it shows, and keys typed into it."""

    def __init__(self, project: Path, *args: str) -> None:
        command = shlex.join([sys.executable, "-m", "generator.commands.cli", "--root", str(project), *args])
        env = {**os.environ, "TERM": "dumb", "INPUTRC": "/dev/null", "COLUMNS": "200"}
        # Ctrl-C interrupts as at a reader's terminal even when the tests were started in the
        # background by a shell without job control, whose children ignore SIGINT.
        self.process = subprocess.Popen(["script", "-qec", command, "/dev/null"], cwd=ROOT, env=env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.screen, self.read_to = "", 0

    def expect(self, text: str) -> str:
        """Wait for `text` to appear after what was read before; what appeared up to it."""
        deadline = time.monotonic() + WAIT
        assert self.process.stdout is not None
        while text not in self.screen[self.read_to:]:
            ready, _, _ = select.select([self.process.stdout], [], [], max(0.0, deadline - time.monotonic()))
            chunk = os.read(self.process.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise AssertionError(f"{text!r} did not appear; the screen ends:\n{self.screen[-2000:]}")
            self.screen += _ESCAPES.sub("", chunk.decode("utf-8", "replace"))
        end = self.screen.index(text, self.read_to) + len(text)
        shown, self.read_to = self.screen[self.read_to:end], end
        return shown

    def type(self, keys: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(keys.encode("utf-8"))
        self.process.stdin.flush()

    def answer(self, prompt: str, *lines: str) -> str:
        """Wait for the prompt, then type each line and Enter; what appeared before the prompt."""
        shown = self.expect(prompt)
        for line in lines:
            self.type(line + "\r")
        return shown

    def exit_code(self) -> int:
        """The command's exit status, once it ends (`script -e` passes it on)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.close()
        code = self.process.wait(timeout=WAIT)
        self.screen += _ESCAPES.sub("", self.process.stdout.read().decode("utf-8", "replace"))
        return code

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=WAIT)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


Start = Callable[..., Terminal]


@pytest.fixture
def start(project: Path) -> Iterator[Start]:
    """Start `casebook` at a terminal in the project; stopped and closed after the test."""
    started: list[Terminal] = []

    def start(*args: str) -> Terminal:
        started.append(Terminal(project, *args))
        return started[-1]

    yield start
    for each in started:
        each.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {})


def _records(project: Path) -> list[Path]:
    return sorted((project / "content" / "case-studies").glob("*"))


# As a police staff member answered in issue 17: display names, a word of a longer name, a
# month and year.
ANSWERS = [
    ("Title: ", "Joint falls response in Bedfordshire"),
    ("Summary: ", "Firefighters answer falls calls for the ambulance service, so people who fell are helped sooner."),
    ("Services: ", "Fire and rescue, Ambulance"),
    ("Regions: ", "South West"),
    ("Collaboration types: ", "co-responding"),
    ("Status: ", "Pilot"),
    ("Result: ", "too early to tell"),
    ("Started: ", "May 2024"),
    ("Ended: ", "1 May 2025"),
    ("Organisation 1 (Fire and rescue): name: ", "Bedfordshire Fire and Rescue Service"),
    ("Organisation 2 (Ambulance): name: ", "East of England Ambulance Service NHS Trust"),
    ("Another organisation? [y/N]: ", "n"),
    ("Context: ", "Ambulance crews took hours to reach people who had fallen at home without injury.", ""),
    ("Description: ", "A fire crew with lifting equipment answers falls calls the ambulance service passes on.",
     "It tells the ambulance service when a person needs a paramedic.", ""),
    ("Lesson 1: theme: ", "3"),
    ("Lesson 1: text: ", "Crews needed training to judge whether a person who fell was hurt."),
    ("Another lesson? [y/N]: ", ""),
    ("Evidence: level: ", "Self-reported"),
    ("Source 1: title: ", "Falls partnership news release"),
    ("Source 1: url: ", "https://www.bedsfire.gov.uk/news/falls"),
    ("Another source? [y/N]: ", "no"),
]


def test_new_asks_for_every_field_and_writes_a_record_that_validates(project: Path, start: Start) -> None:
    terminal = start("new")
    for prompt, *lines in ANSWERS:
        terminal.answer(prompt, *lines)
    terminal.expect("it passes casebook validate.")
    assert terminal.exit_code() == 0
    # The choices were on the screen, numbered, with their display names.
    assert "\n   2  Fire and rescue (fire)\n" in terminal.screen
    assert "\n   9  South West\n" in terminal.screen
    assert "Recorded as: fire, ambulance" in terminal.screen and "Recorded as: first-response" in terminal.screen
    [path] = _records(project)
    assert path.name == "joint-falls-response-in-bedfordshire.yaml"
    library = validate_library(project)
    assert library.errors == []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert (data["services"], data["regions"], data["collaboration_types"], data["status"], data["result"]) == \
        (["fire", "ambulance"], ["south-west"], ["first-response"], "pilot", "too-early")
    assert (data["started"], data["ended"]) == ("2024-05", "2025-05-01")
    assert data["organisations"] == [{"name": "Bedfordshire Fire and Rescue Service", "service": "fire"},
                                     {"name": "East of England Ambulance Service NHS Trust", "service": "ambulance"}]
    assert data["lessons"] == [{"theme": "workforce-and-training",
                                "text": "Crews needed training to judge whether a person who fell was hurt."}]
    # Text of several lines keeps its lines.
    assert data["description"].splitlines()[1] == "It tells the ambulance service when a person needs a paramedic."


def test_a_bad_answer_is_asked_again_with_the_reason(project: Path, start: Start) -> None:
    terminal = start("new")
    # Too short for the schema: the validator's own message.
    terminal.answer("Title: ", "Kent")
    assert terminal.answer("Title: ", "Kent falls response").endswith(
        "Not accepted: title: is 4 characters long; the minimum is 5 (add more detail)\nTitle: ")
    terminal.answer("Summary: ", "Firefighters answer falls calls for the ambulance service in Kent.")
    # A misspelt name: the suggestion compares display names as well as ids.
    terminal.answer("Services: ", "Fire & rescue, Ambulence")
    shown = terminal.answer("Services: ", "fire, ambulance")
    assert "Not accepted: 'Ambulence' is not one of the choices (did you mean 'Ambulance'?)" in shown
    terminal.answer("Regions: ", "South")
    shown = terminal.answer("Regions: ", "9")
    assert "Not accepted: 'South' could be 'South East' or 'South West': type more of the name" in shown
    terminal.answer("Collaboration types: ", "Joint control rooms")
    # A rule the schema links to the status: a proposed scheme's result cannot be a verdict,
    # and only the results it allows are offered.
    terminal.answer("Status: ", "proposed")
    shown = terminal.answer("Result: ", "Worked")
    assert "\n  1  Too early to tell (too-early)\n  2  Outcome not known (not-known)\n" in shown
    shown = terminal.answer("Result: ", "1")
    assert "Not accepted: 'Worked' is not one of the choices" in shown
    terminal.answer("Started: ", "Spring 2025")
    shown = terminal.answer("Started: ", "2999")
    assert "Not accepted: 'Spring 2025' is not a date: write it for example May 2024, 2024-05, 1 May 2024 or 2024" \
        in shown
    shown = terminal.answer("Started: ", "2025")
    assert "Not accepted: started: 2999 is in the future (use a date on or before today)" in shown
    # A proposed scheme has no end date: the next question is the first organisation.
    terminal.expect("Organisation 1 (Fire and rescue): name: ")
    terminal.type("\x03")
    assert terminal.exit_code() == 130
    assert _records(project) == []


def test_the_whole_record_is_checked_before_it_is_written(project: Path, start: Start) -> None:
    # A result the evidence given later does not support: found once the record is whole,
    # and the result asked again.
    answers = [(prompt, *lines) for prompt, *lines in ANSWERS]
    answers[5], answers[6] = ("Status: ", "Operational"), ("Result: ", "Worked")
    del answers[8]  # an operational scheme has no end date to ask for
    terminal = start("new")
    for prompt, *lines in answers:
        terminal.answer(prompt, *lines)
    shown = terminal.answer("Result: ", "promising")
    assert "The record is not right yet:\n  result: 'worked' needs evidence at level internal-review or above; " \
           "this record's is self-reported (say 'promising' until an evaluation shows it worked)" in shown
    terminal.expect("it passes casebook validate.")
    assert terminal.exit_code() == 0
    [path] = _records(project)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["result"] == "promising"
    assert validate_library(project).errors == []


@pytest.mark.parametrize("stop", ["\x03", "\x04"], ids=["ctrl-c", "end-of-input"])
def test_stopping_leaves_nothing_behind(project: Path, start: Start, stop: str) -> None:
    terminal = start("new")
    for prompt, *lines in ANSWERS[:12]:
        terminal.answer(prompt, *lines)
    terminal.expect("Context: ")
    terminal.type(stop)
    code = terminal.exit_code()
    assert (code, "nothing was written" in terminal.screen) == ((130 if stop == "\x03" else 2), True)
    assert _records(project) == []
