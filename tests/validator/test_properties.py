"""Whatever a file holds, the validator answers with problems, never an exception."""

from __future__ import annotations

import copy
import functools
import operator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.content.load import parse_yaml
from generator.content.problems import Severity

from .conftest import BASE_RECORD, Project, make_project

SETTINGS = settings(max_examples=150, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Pieces that make YAML parsers and the builder take unusual paths.
YAML_PIECES = ["\n", "  ", "- ", ": ", "? ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!x ", "<<: ",
               "---\n", "...\n", "|\n", ">-\n", "'", '"', "#", "%YAML 1.2\n", "title", "services", "2024-05",
               "1.10", "no", "null", "~", "\t", "\u202e", "\ufeff", "é", "\x85"]
yaml_ish = st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=5)), max_size=40).map("".join)


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return make_project(tmp_path_factory.mktemp("properties"))


def check_library(project: Project, files: dict[str, str | bytes]) -> None:
    for old in project.folder.iterdir():
        old.unlink()
    for name, content in files.items():
        project.write(name, content)
    library = project.validate()
    for problem in library.problems:
        assert problem.line >= 0 and problem.col >= 0, problem
        assert problem.code and problem.message, problem
        assert isinstance(problem.severity, Severity)
        assert problem.path.startswith("content/case-studies/"), problem
        assert problem.text()


@SETTINGS
@given(text=yaml_ish)
@example(text="\ufeff'")  # a byte-order mark, then a quote left open: found by Hypothesis
def test_parser_never_raises(text: str) -> None:
    doc, problems = parse_yaml(text, "x.yaml")
    assert doc.path == "x.yaml"
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1 and problem.code


@SETTINGS
@given(text=yaml_ish)
def test_yaml_ish_files_never_raise(shared: Project, text: str) -> None:
    check_library(shared, {"case.yaml": text})


@SETTINGS
@given(data=st.binary(max_size=300))
def test_random_bytes_never_raise(shared: Project, data: bytes) -> None:
    check_library(shared, {"case.yaml": data})


@SETTINGS
@given(data=st.binary(max_size=200))
def test_base_record_with_random_bytes_appended_never_raises(shared: Project, data: bytes) -> None:
    check_library(shared, {"case.yaml": BASE_RECORD.encode() + data})


# Values that are plausible for some field and wrong for others, so every type meets every rule.
scalars = st.one_of(
    st.sampled_from(["police", "fire", "ambulance", "health", "fire-service", "south-east", "NO", "operational",
                     "completed", "proposed", "pilot", "promising", "too-early", "none", "internal-review",
                     "joint-control", "culture-and-identity", "gbp", "minutes", "2012", "2012-03", "2024-02-30",
                     "2030-01-01", "2026-11-24", "Kent Police", "Kent Fire and Rescue Service",
                     "Devon & Cornwall Police", "https://example.org/a", "javascript:alert(1)",
                     "a@example.org", "kent-control", "<b>x</b>", "[x](javascript:y) ![i](data:z)",
                     "x\u202ey", "", " ", "A sentence long enough to pass every minimum length for text here."]),
    st.integers(-5, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(),
    st.text(max_size=30),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.sampled_from(["name", "service", "text", "value", "unit", "theme", "level", "url",
                                     "title", "summary", "email", "organisation", "date", "source", "x"]),
                    inner, max_size=4)), max_leaves=12)


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    """Every place in the base record a value sits, from whole fields down to single items."""
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    return [path] * bool(path) + [deeper for key, item in children for deeper in _paths(item, path + (key,))]


BASE_DATA: dict[str, Any] = yaml.safe_load(BASE_RECORD)
PATHS = _paths(BASE_DATA) + [(name,) for name in ("ended", "barriers", "enablers", "funding", "contact", "related",
                                                  "draft", "unknown_field")]


@st.composite
def records(draw: st.DrawFn) -> str:
    """The valid base record with some values, at any depth, replaced by arbitrary ones or removed."""
    data: dict[str, Any] = copy.deepcopy(BASE_DATA)
    for path in draw(st.lists(st.sampled_from(PATHS), max_size=5, unique=True)):
        *parents, last = path
        try:
            container = functools.reduce(operator.getitem, parents, data)
            if draw(st.booleans()):
                container[last] = draw(values)
            else:
                del container[last]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed or retyped the parent
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=draw(st.booleans()),
                          default_flow_style=draw(st.sampled_from([False, None, True])))
    # safe_dump quotes anything a YAML 1.1 reader would retype; an unquoted tail brings the traps back.
    return text + draw(st.sampled_from(["", "draft: no\n", "areas: [1066, 1.10]\n", "started: 2014\n",
                                        "title: 1.10\n", "regions: [NO, SE]\n"]))


@SETTINGS
@given(text=records(), other=records())
def test_plausible_records_never_raise(shared: Project, text: str, other: str) -> None:
    check_library(shared, {"kent-control.yaml": text, "kent-fire.yaml": other})


@SETTINGS
@given(text=records())
def test_problem_lines_fall_inside_the_file(shared: Project, text: str) -> None:
    check_library(shared, {"kent-control.yaml": text})
    lines = text.count("\n") + 1
    assert all(p.line <= lines for p in shared.problems())


def test_shared_project_starts_valid(shared: Project) -> None:
    check_library(shared, {"kent-control.yaml": BASE_RECORD})
    assert shared.problems() == []
