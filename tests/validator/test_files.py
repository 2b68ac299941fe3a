"""Files the validator refuses before (or while) reading them as records: unsafe YAML, bad
bytes, wrong shapes, wrong names and anything else found in content/case-studies/."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.load import MAX_DEPTH, MAX_FILE_BYTES, parse_yaml
from generator.content.problems import Problem

from .conftest import BASE_RECORD, Project


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.text() for p in problems]
    return found[0]


def test_duplicate_key_points_at_second_and_names_first(project: Project) -> None:
    project.write("kent-control.yaml", BASE_RECORD + "title: Another title for the same record\n")
    problem = only(project.problems(), "duplicate-key")
    assert (problem.line, problem.col, problem.field) == (38, 1, "title")
    assert problem.message == "'title' is given twice"
    assert problem.hint == "first given on line 1; keep one"


def test_duplicate_key_keeps_first_value(project: Project) -> None:
    project.write("kent-control.yaml", BASE_RECORD + "title: Kent\n")
    codes = [p.code for p in project.problems()]
    assert codes == ["duplicate-key"]  # the short second title is never validated


def test_anchor_refused(project: Project) -> None:
    text = BASE_RECORD.replace("regions: [south-east]", "regions: &where [south-east]")
    project.write("kent-control.yaml", text)
    problem = only(project.problems(), "yaml-anchor")
    assert (problem.line, problem.col) == (4, 10)
    assert "&where" in problem.message


def test_alias_refused_and_not_expanded(project: Project) -> None:
    text = BASE_RECORD.replace("areas: [Kent, Medway]", "areas: *where")
    project.write("kent-control.yaml", text)
    problems = project.problems()
    problem = only(problems, "yaml-alias")
    assert (problem.line, problem.col, problem.field) == (5, 8, "areas")
    assert problem.message == "YAML aliases (*where) are not allowed"
    assert not any(p.code == "yaml-syntax" for p in problems)


def test_alias_as_key_does_not_shift_later_fields() -> None:
    doc, problems = parse_yaml("*key : parked\ntitle: Kept\n", "x.yaml")
    assert [p.code for p in problems] == ["yaml-alias"]
    assert doc.data == {"title": "Kept"}


def test_merge_key_refused(project: Project) -> None:
    text = BASE_RECORD.replace("evidence:\n", "evidence:\n  <<: {level: none}\n")
    project.write("kent-control.yaml", text)
    problem = only(project.problems(), "yaml-merge-key")
    assert (problem.line, problem.col) == (30, 3)
    assert problem.message == "merge keys (<<) are not allowed"


def test_python_tag_refused_and_not_constructed(project: Project, tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    text = BASE_RECORD.replace(
        "title: Kent single police and fire control room",
        f'title: !!python/object/apply:os.system ["touch {marker}"]')
    project.write("kent-control.yaml", text)
    problem = only(project.problems(), "yaml-tag")
    assert (problem.line, problem.col) == (1, 8)
    assert "tag:yaml.org,2002:python/object/apply:os.system" in problem.message
    assert not marker.exists()


def test_non_utf8_bytes_located(project: Project) -> None:
    project.write("kent-control.yaml", b"title: Kent\nsummary: caf\xe9 society\n")
    problem = only(project.problems(), "not-utf8")
    assert (problem.line, problem.col) == (2, 13)
    assert problem.hint == "save it with UTF-8 encoding"


def test_utf8_byte_order_mark_accepted(project: Project) -> None:
    project.write("kent-control.yaml", "\ufeff" + BASE_RECORD)
    assert project.problems() == []


def test_binary_file_refused(project: Project) -> None:
    project.write("kent-control.yaml", b"title: Kent\x00\x01\x02")
    problem = only(project.problems(), "binary-file")
    assert problem.message == "the file is binary, not text"


def test_control_character_located(project: Project) -> None:
    text = BASE_RECORD.replace("Kent Fire and Rescue Service moved", "Kent Fire and \x07Rescue Service moved")
    project.write("kent-control.yaml", text)
    problem = only(project.problems(), "yaml-syntax")
    assert (problem.line, problem.col) == (2, 24)
    assert problem.message == "this is not valid YAML: control characters are not allowed (U+0007)"


@pytest.mark.parametrize(("text", "code", "message"), [
    ("- title: Kent\n- title: Medway\n", "not-a-mapping", "the file must be a list of fields (name: value lines)"),
    ("Kent control room\n", "not-a-mapping", "the file must be a list of fields (name: value lines)"),
    ("", "empty-file", "the file is empty"),
    ("# only a comment\n", "empty-file", "the file is empty"),
], ids=["list", "scalar", "empty", "comment-only"])
def test_top_level_must_be_fields(project: Project, text: str, code: str, message: str) -> None:
    project.write("kent-control.yaml", text)
    problems = project.problems()
    assert [p.code for p in problems] == [code]
    assert (problems[0].line, problems[0].message) == (1, message)


def test_file_over_limit_refused_unread(project: Project) -> None:
    text = BASE_RECORD + "#" * (MAX_FILE_BYTES - len(BASE_RECORD.encode())) + "\n"
    project.write("kent-control.yaml", text)
    assert len(text.encode()) == MAX_FILE_BYTES + 1
    problems = project.problems()
    assert [p.code for p in problems] == ["file-too-large"]
    assert problems[0].message == "the file is 257 KiB; the limit is 256 KiB"
    assert "sources" in problems[0].hint


def test_file_at_limit_is_read(project: Project) -> None:
    text = BASE_RECORD + "#" * (MAX_FILE_BYTES - len(BASE_RECORD.encode()) - 1) + "\n"
    project.write("kent-control.yaml", text)
    assert len(text.encode()) == MAX_FILE_BYTES
    assert project.problems() == []


def test_symlink_outside_content_refused(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.yaml"
    outside.write_text("password: hunter2\n", encoding="utf-8")
    (project.folder / "kent-control.yaml").symlink_to(outside)
    problems = project.problems()
    assert [p.code for p in problems] == ["symlink-outside"]
    assert problems[0].path == "content/case-studies/kent-control.yaml"
    assert "hunter2" not in problems[0].text()


def test_yml_extension_suggests_rename(project: Project) -> None:
    project.write("Kent Control.yml", BASE_RECORD)
    problem = only(project.problems(), "wrong-extension")
    assert problem.path == "content/case-studies/Kent Control.yml"
    assert problem.hint == "rename it to kent-control.yaml"


@pytest.mark.parametrize("name", ["notes.txt", "README.md", ".DS_Store", "kent-control.yaml.bak"])
def test_stray_file_reported(project: Project, name: str) -> None:
    project.write(name, "notes\n")
    problem = only(project.problems(), "stray-file")
    assert problem.path == f"content/case-studies/{name}"
    assert problem.message == "only case-study .yaml files belong in this folder"


def test_gitkeep_ignored(project: Project) -> None:
    project.write(".gitkeep", "")
    assert project.problems() == []


def test_subfolder_reported_and_not_read(project: Project) -> None:
    (project.folder / "kent").mkdir()
    (project.folder / "kent" / "broken.yaml").write_text("title: [\n", encoding="utf-8")
    problems = project.problems()
    assert [(p.code, p.path) for p in problems] == [("stray-folder", "content/case-studies/kent")]


@pytest.mark.parametrize(("name", "hint"), [
    ("Kent-Control.yaml", "rename the file to kent-control.yaml"),
    ("kent control room.yaml", "rename the file to kent-control-room.yaml"),
    ("kent\u200bcontrol.yaml", "rename the file to kentcontrol.yaml"),
    ("kent--control.yaml", "rename the file to kent-control.yaml"),
    ("kent-control\n.yaml", "rename the file to kent-control.yaml"),
    ("ab.yaml", "use 3 to 80 lowercase letters, digits and single hyphens"),
    ("k" * 81 + ".yaml", "rename the file to " + "k" * 80 + ".yaml"),
], ids=["uppercase", "spaces", "zero-width", "double-hyphen", "trailing-newline", "too-short", "too-long"])
def test_bad_slug_suggests_name(project: Project, name: str, hint: str) -> None:
    project.write(name, BASE_RECORD)
    problems = project.problems()
    assert [p.code for p in problems] == ["bad-slug"]
    assert problems[0].hint == hint
    assert problems[0].message.endswith("cannot be used as a case-study name and web address")


def test_slug_limits_accepted(project: Project) -> None:
    project.write("abc.yaml", BASE_RECORD)
    project.write("a" * 80 + ".yaml", BASE_RECORD)
    assert project.problems() == []


def test_multiple_documents_refused(project: Project) -> None:
    project.write("kent-control.yaml", BASE_RECORD + "---\ntitle: A second record in the same file\n")
    problem = only(project.problems(), "multiple-documents")
    assert (problem.line, problem.col) == (38, 1)
    assert "'---'" in problem.hint


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ("title: Kent: control room\n", 1, 12, "mapping values are not allowed in this context"),
    ("title: Kent\n  summary: indented\n", 2, 10, "mapping values are not allowed in this context"),
    # At the mistake, not where the parser gave up: a quote left open runs to the end of the
    # file, or to the next quote lines later; a list left open runs into the next line.
    ("title: Kent\nsummary: 'not closed\n", 2, 10,
     "the quote (') opened here is not closed on its line; the text runs on to the end of the file"),
    ('title: Kent\nsummary: "not closed\nservices: [police]\nstarted: "2012-03"\n', 2, 10,
     'the quote (") opened here is not closed on its line; the text runs on to line 4, where the next quote '
     "closes it"),
    ("title: Kent\nsummary: 'Kent's control room'\n", 2, 15,
     "the text in quotes ends at this quote, but more text follows it"),
    ("services: [police, fire\nregions: [south-east]\n", 1, 11,
     "the list that opens here with '[' is not closed before line 2"),
    ('title: "Kent \\q"\n', 1, 14, "found unknown escape character"),
], ids=["colon", "indentation", "unclosed-quote-at-end", "unclosed-quote", "apostrophe", "unclosed-list", "escape"])
def test_syntax_error_located(project: Project, text: str, line: int, col: int, message: str) -> None:
    project.write("kent-control.yaml", text)
    problems = project.problems()
    assert [p.code for p in problems] == ["yaml-syntax"]
    assert (problems[0].line, problems[0].col) == (line, col)
    assert problems[0].message == f"this is not valid YAML: {message}"


@pytest.mark.parametrize(("text", "line", "col", "message"), [
    ("&a ''[\n", 1, 5, "the text in quotes ends at this quote, but more text follows it"),
    ("summary: &a\n  'not closed\nservices: [police]\nstarted: '2012-03'\n", 2, 3,
     "the quote (') opened here is not closed on its line; the text runs on to line 4, where the next quote "
     "closes it"),
], ids=["apostrophe", "unclosed-quote"])
def test_quote_found_after_an_anchor(project: Project, text: str, line: int, col: int, message: str) -> None:
    """An anchor before a quote starts the value, not the quote (found by Hypothesis)."""
    project.write("kent-control.yaml", text)
    problem = only(project.problems(), "yaml-syntax")
    assert (problem.line, problem.col) == (line, col)
    assert problem.message == f"this is not valid YAML: {message}"


def test_deep_nesting_one_problem(project: Project) -> None:
    depth = 5000
    project.write("kent-control.yaml", BASE_RECORD + "areas_extra: " + "[" * depth + "]" * depth + "\n")
    problems = project.problems()
    deep = only(problems, "too-deep")
    # The record itself is the first level; the refused list opens at column 14 + 11.
    assert (deep.line, deep.col, deep.field) == (38, len("areas_extra: ") + MAX_DEPTH, "areas_extra" + "[0]" * 11)
    assert deep.message == f"values are nested more than {MAX_DEPTH} levels deep"


def test_unreadable_file_reported(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    project.write("kent-control.yaml", BASE_RECORD)

    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "kent-control.yaml":
            raise PermissionError(13, "Permission denied")
        return read_bytes(path)

    # Tests may run as root, who can read a file whatever its mode.
    monkeypatch.setattr(Path, "read_bytes", refuse)
    problem = only(project.problems(), "unreadable-file")
    assert problem.message == "the file cannot be read: Permission denied"


def test_case_insensitive_duplicate_names(project: Project) -> None:
    project.write("kent-control.yaml", BASE_RECORD)
    project.write("Kent-control.yaml", BASE_RECORD)
    problems = project.problems()
    assert sorted(p.code for p in problems) == ["bad-slug", "duplicate-slug"]
