"""Every regular expression and parser the validator runs on record text takes time in
proportion to the text: each is given its worst inputs at two sizes, and four times the input must
take no more than roughly four times as long (a quadratic check takes 16 times). A ratio of CPU
times, not a time limit, so a busy machine does not make it flaky."""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from support import ROOT, record, write_record

from generator.commands.scaffold import slug_for
from generator.content.characters import FORBIDDEN, first_forbidden
from generator.content.load import parse_yaml, resolve_plain
from generator.content.markdown import inspect
from generator.content.problems import Problem, Severity
from generator.content.rules import _suggest_slug
from generator.content.schema import case_study_schema
from generator.content.schema_check import _separators
from generator.content.taxonomy import load_taxonomy
from generator.content.validate import validate_library

TAXONOMY, _ = load_taxonomy(ROOT / "content" / "taxonomy")
SCHEMA = case_study_schema(TAXONOMY)
FIELDS = SCHEMA["properties"]


def _schema_check(spec: dict[str, Any]) -> Callable[[str], Any]:
    validator = jsonschema_rs.Draft202012Validator(spec)
    return lambda text: list(validator.iter_errors(text))


def _problem_text(text: str) -> str:
    return Problem(path="case.yaml", line=1, col=1, severity=Severity.ERROR, code="unknown-field", field=text,
                   message=f"'{text}' is not a field here").text()


# (name, what runs on record text, its worst input of about n characters). n is 25,000, and the
# large input 400,000: a record file holds up to 256 KiB.
N = 25_000
CASES: list[tuple[str, Callable[[str], Any], Callable[[int], str]]] = [
    ("markdown: '<' and spaces (the old HTML tag pattern)", inspect, lambda n: "<" + " " * n + "x"),
    ("markdown: unclosed tags", inspect, lambda n: "<a " * (n // 3)),
    ("markdown: unclosed comments and CDATA", inspect, lambda n: "a <!-- <![CDATA[ " * (n // 17)),
    ("markdown: unclosed brackets", inspect, lambda n: "[" * n + "a"),
    ("markdown: unclosed link targets", inspect, lambda n: "[a](" * (n // 4)),
    ("markdown: images in images", inspect, lambda n: "![a](" * (n // 5)),
    ("markdown: reference definitions", inspect, lambda n: "[a]: <\n" * (n // 7)),
    ("markdown: nested quotes and lists", inspect, lambda n: "> - " * (n // 40) + "[a](javascript:x)"),
    ("markdown: emphasis runs", inspect, lambda n: "*a **a _a __a " * (n // 14)),
    ("markdown: backticks", inspect, lambda n: "`a ``b " * (n // 7)),
    ("markdown: entities in link targets", inspect, lambda n: "[a](" + "&#x" * (n // 3) + ")"),
    ("markdown: table rows", inspect, lambda n: "|a|b|\n|-|-|\n" + "|x" * (n // 2)),
    ("forbidden characters", first_forbidden, lambda n: "é" * n),
    ("forbidden characters after an emoji", first_forbidden, lambda n: "😀é" * (n // 2)),
    ("forbidden characters, escaped in messages", lambda text: FORBIDDEN.sub("?", text), lambda n: "\u202e" * n),
    ("loader: plain numbers", resolve_plain, lambda n: "1" * n + "x"),
    ("loader: plain decimals", resolve_plain, lambda n: "1." + "1" * n + "e+"),
    ("loader: escapes and the character walk", lambda text: parse_yaml(text, "case.yaml"),
     lambda n: 'a: "' + "\\u00e9" * (n // 6) + '"\n'),
    ("schema: web addresses", _schema_check(FIELDS["sources"]["items"]["properties"]["url"]),
     lambda n: "https://" + "a." * (n // 2) + " "),
    ("schema: email addresses", _schema_check(FIELDS["contact"]["properties"]["email"]), lambda n: "a@" * (n // 2)),
    ("schema: dates", _schema_check(FIELDS["started"]), lambda n: "2024-" * (n // 5)),
    ("schema: case-study names", _schema_check(FIELDS["related"]["items"]), lambda n: "a-" * (n // 2)),
    ("schema: plain text", _schema_check(FIELDS["title"]), lambda n: "a" * n),
    ("names in suggestions", _separators, lambda n: "- _" * (n // 3) + "x"),
    ("file names as slugs", _suggest_slug, lambda n: "-é" * (n // 2)),
    ("titles as slugs", lambda text: slug_for(text, set()), lambda n: "-é" * (n // 2)),
    ("problem text", _problem_text, lambda n: "\u202e\n" * (n // 20)),
]


def _seconds(run: Callable[[str], Any], text: str, repeat: int) -> float:
    samples = []
    for _ in range(5):
        # CPU time of this process: other work on a busy machine does not count in it.
        start = time.process_time()
        for _ in range(repeat):
            run(text)
        samples.append(time.process_time() - start)
    return statistics.median(samples)


# Sixteen times the input: linear work takes about 16 times as long, quadratic 256 times. The
# limit between them leaves room for the processor's caches, which hold a small input and not a
# large one (a linear pattern match measured 10 times as long for 4 times the input, 100 KB to
# 400 KB), and for a busy machine's noise.
GROWTH, LIMIT = 16, 64


def _ratio(run: Callable[[str], Any], small: str, large: str) -> float:
    """Time for the large input over time for the small one; each sample runs long enough
    (50 ms) for the clock and the scheduler not to matter."""
    repeat = 1
    while _seconds(run, small, repeat) < 0.05:
        repeat *= 4
    ratios = []
    # Up to five tries: other work on the machine only ever adds time, to either side (a run
    # under a load of 13 on 2 cores once measured 8.9 for a linear parse that measures 4.1 alone).
    for _ in range(5):
        ratios.append(_seconds(run, large, repeat) / _seconds(run, small, repeat))
        if ratios[-1] < LIMIT:
            break
    return min(ratios)


@pytest.mark.parametrize(("run", "make"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_multiplying_the_input_at_most_roughly_multiplies_the_time(run: Callable[[str], Any],
                                                                    make: Callable[[int], str]) -> None:
    ratio = _ratio(run, make(N), make(GROWTH * N))
    assert ratio < LIMIT, f"{GROWTH} times the input multiplied the time by {ratio:.1f}"


def test_a_whole_record_check_stays_linear(tmp_path: Path) -> None:
    """The issue's case end to end: a description of '<', 100,000 spaces and 'x'."""
    (tmp_path / "content").mkdir()
    shutil.copytree(ROOT / "content" / "taxonomy", tmp_path / "content" / "taxonomy")
    (tmp_path / "content" / "case-studies").mkdir()

    def check(text: str) -> Any:
        write_record(tmp_path, "kent-control", record(description=text))
        return validate_library(tmp_path, today=dt.date(2026, 11, 24), records=False)

    ratio = _ratio(check, "<" + " " * (100_000 // GROWTH) + "x", "<" + " " * 100_000 + "x")
    assert ratio < LIMIT, f"{GROWTH} times the input multiplied the time by {ratio:.1f}"
