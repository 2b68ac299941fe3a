"""Characters no text may hold (generator/content/characters.py): exactly the Unicode categories it names,
refused in every value and field name of records and taxonomy files, and refused the same way by
the published JSON Schema that the proposal form and editors check with."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import jsonschema_rs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from support import make_project, record, write_record

from generator.content.characters import RANGES, is_forbidden
from generator.content.load import parse_yaml
from generator.content.schema import NO_FORBIDDEN_CHARACTERS
from generator.content.validate import validate_library

TODAY = dt.date(2026, 11, 24)
CATEGORIES = sorted({unicodedata.category(chr(code)) for code in range(0x110000)})
IN_RANGES = frozenset(code for start, end in RANGES for code in range(start, end + 1))
# The first and last character of every range and their neighbours; a surrogate never reaches
# the schema (libyaml refuses its escape, the form replaces it before checking).
EDGES = sorted({code for start, end in RANGES for code in (start - 1, start, end, end + 1)
                if 0 <= code < 0x110000 and not 0xD800 <= code <= 0xDFFF})


def _any_character() -> st.SearchStrategy[str]:
    """A character of any general category, each category as likely as the others."""
    return st.sampled_from(CATEGORIES).flatmap(lambda category: st.characters(categories=[category], codec=None))


def _escape(char: str) -> str:
    return f"\\U{ord(char):08X}"


def test_the_ranges_are_exactly_the_categories_and_noncharacters() -> None:
    by_definition = {code for code in range(0x110000) if is_forbidden(chr(code))}
    # Format characters of a newer Unicode than this Python's are in the ranges too.
    newer = {code for code in IN_RANGES - by_definition if unicodedata.category(chr(code)) == "Cn"}
    assert sorted(by_definition ^ (IN_RANGES - newer)) == []
    assert is_forbidden("\u0080") and is_forbidden("\ufffe") and is_forbidden("\U0010ffff")
    assert not is_forbidden("\t") and not is_forbidden("\n") and not is_forbidden("é")


@settings(max_examples=400, deadline=None)
@given(_any_character())
def test_every_value_and_field_name_is_checked(char: str) -> None:
    text = f'title: "Kent {_escape(char)} control"\n"area{_escape(char)}": x\nlist: [a, "{_escape(char)}"]\n'
    doc, problems = parse_yaml(text, "case.yaml")
    if unicodedata.category(char) == "Cs":
        # libyaml refuses a surrogate escape outright.
        assert [p.code for p in problems] == ["yaml-syntax"]
        return
    found = [(p.line, p.col, p.field) for p in problems if p.code == "invisible-character"]
    expected = [(1, 8, "title"), (2, 1, f"area{char}"), (3, 11, "list[1]")] if is_forbidden(char) else []
    assert found == expected


@pytest.mark.parametrize("code", EDGES, ids=[f"U+{code:04X}" for code in EDGES])
def test_the_schema_refuses_the_same_characters(code: int) -> None:
    validator = jsonschema_rs.Draft202012Validator({"type": "string", **NO_FORBIDDEN_CHARACTERS})
    assert validator.is_valid(f"a{chr(code)}b") == (code not in IN_RANGES)


def test_the_browser_reads_the_schema_rule_the_same_way() -> None:
    """JavaScript's Unicode-mode RegExp, as cfworker-json-schema compiles patterns."""
    pattern = NO_FORBIDDEN_CHARACTERS["not"]["pattern"]
    codes = EDGES
    script = ("const [pattern, codes] = JSON.parse(process.argv[1]); const re = new RegExp(pattern, 'u');"
              "console.log(JSON.stringify(codes.filter((c) => re.test(String.fromCodePoint(c)))));")
    result = subprocess.run(["node", "-e", script, json.dumps([pattern, codes])], capture_output=True, text=True,
                            check=True, timeout=60)
    assert json.loads(result.stdout) == [code for code in codes if code in IN_RANGES]


def test_the_issue_payloads_are_refused_with_file_line_and_column(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    text = yaml.safe_dump(record(), sort_keys=False, allow_unicode=True)
    text = text.replace("title: Kent single police and fire control room",
                        'title: "Kent [room](https://example.org){: autofocus onfocus=alert(1) } \\x80"')
    text = text.replace("summary: Kent Fire", 'summary: "\\uFFFE [moved](https://example.org) Kent Fire', 1)
    text = text.replace("mobilising system.\n", 'mobilising system."\n', 1)
    (project / "content" / "case-studies" / "kent-control.yaml").write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "--root", str(project), "validate"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/case-studies/kent-control.yaml:1:8: error: title: contains U+0080, "
                               "a control character")
    assert lines[1].startswith("content/case-studies/kent-control.yaml:2:10: error: summary: contains U+FFFE, "
                               "a noncharacter")


def test_a_taxonomy_name_is_checked_too(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    services = project / "content" / "taxonomy" / "services.yaml"
    text = services.read_text(encoding="utf-8")
    first_name = next(line for line in text.splitlines() if line.strip().startswith("name:"))
    number = text.splitlines().index(first_name) + 1
    services.write_text(text.replace(first_name, first_name.split(":")[0] + ': "Police \\x80"', 1), encoding="utf-8")
    library = validate_library(project, today=TODAY)
    found = [(p.path, p.line, p.code) for p in library.problems]
    assert found == [("content/taxonomy/services.yaml", number, "invisible-character")]
    assert library.taxonomy is None


def test_a_record_with_the_character_in_a_key_is_not_built(tmp_path: Path) -> None:
    project = make_project(tmp_path, {})
    write_record(project, "kent-control", yaml.safe_dump(record(), sort_keys=False).replace("areas:", '"\\0areas":'))
    library = validate_library(project, today=TODAY)
    assert ("invisible-character", "\0areas") in [(p.code, p.field) for p in library.problems]
    assert library.records == []


@pytest.mark.parametrize("hidden", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_only_yaml_sees_leaves_every_line_where_the_editor_shows_it(hidden: str) -> None:
    # YAML counts these as line breaks; an editor does not, so positions after one must not move.
    text = f"title: 'Joint{hidden} station'\nsummary: x\nstatus: [\n"
    _, problems = parse_yaml(text, "case.yaml")
    found = {(p.code, p.line, p.col) for p in problems}
    assert ("invisible-character", 1, 14) in found
    # The list left open runs to the end of the file: its last (empty) line, 4.
    assert [p.line for p in problems if p.code == "yaml-syntax"] == [4]
