"""Reading YAML safely: values with their line and column, and every unsafe construct refused.

This is the only module that touches YAML. It walks the parser's event stream (libyaml's C
parser when available) instead of constructing objects, so that:
- plain scalars follow the YAML 1.2 core schema, never YAML 1.1 (`no` stays the text "no",
  `2024-05-01` stays text; the validator later reads scalars as the schema expects them);
- anchors, aliases, merge keys, tags, duplicate keys and deep nesting are reported, not expanded;
- every value keeps its position, in a side table keyed by its path in the document.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .characters import describe, first_forbidden
from .problems import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12

FieldPath = tuple[str | int, ...]
Mark = tuple[int, int]
# The parser's own position object (0-based `line` and `column`), kept as it comes: turning
# every one into a tuple costs more than the few that are ever shown.
ParserMark = Any

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
# Python refuses to read longer integers (converting them takes quadratic time).
MAX_INTEGER_DIGITS = 4300
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class Document:
    """A parsed YAML file: plain Python values plus where each one was written."""

    path: str
    data: Any
    value_marks: dict[FieldPath, ParserMark] = field(default_factory=dict)
    key_marks: dict[FieldPath, ParserMark] = field(default_factory=dict)
    # The text of plain scalars that the core schema read as a number, boolean or null, so a
    # field that expects text can take them exactly as written (`title: 1.10` stays "1.10").
    raw: dict[FieldPath, str] = field(default_factory=dict)
    # Values the loader refused and reported (a number too large to read): nothing more is said.
    refused: set[FieldPath] = field(default_factory=set)

    def mark(self, path: FieldPath, *, key: bool = False) -> Mark:
        """Position of a value (or of its key), falling back to the nearest enclosing value."""
        tables = (self.key_marks, self.value_marks) if key else (self.value_marks, self.key_marks)
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            for table in tables:
                if prefix in table:
                    return table[prefix].line + 1, table[prefix].column + 1
        return (1, 1)


def resolve_plain(text: str) -> Any:
    """Type of an unquoted scalar under the YAML 1.2 core schema."""
    if text[:1].isalpha() and text[0] not in "nNtTfF":
        return text  # most values are words: skip the patterns
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text):
        return int(text) if len(text) <= MAX_INTEGER_DIGITS else _TOO_LARGE
    if _FLOAT.match(text):
        number = float(text)
        return number if number not in (math.inf, -math.inf) else _TOO_LARGE
    return text


# What resolve_plain gives for a number that no float or readable integer can hold.
_TOO_LARGE = object()


class _TooDeep(Exception):
    """Raised once a collection opens too deep: the file is refused, and libyaml slows down
    quadratically with depth, so reading stops there."""


class _Builder:
    """Turns parser events into values, recording marks and refusing unsafe constructs.

    A recursive descent over the events: this runs for every value of every record, and a
    call per collection with its state in local variables costs far less than an explicit
    stack. Recursion is bounded by MAX_DEPTH."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.next_event: Any = None
        self.value_marks = doc.value_marks
        self.problems: list[Problem] = []
        self.root: Any = None

    def problem(self, code: str, event: Any, message: str, hint: str = "", path: FieldPath = ()) -> None:
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        self.problems.append(
            Problem(path=self.doc.path, line=line, col=col, code=code, field=_dotted(path), message=message, hint=hint)
        )

    def run(self, next_event: Any) -> None:
        self.next_event = next_event
        documents = 0
        while (event := self.next_event()) is not None:
            cls = event.__class__
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents == 2:
                    self.problem("multiple-documents", event, "the file holds more than one YAML document",
                                 "remove the '---' line; one file describes one case study")
            elif cls in _NODE_STARTS:
                # Later documents are read for their problems but never kept.
                value = self.value(event, () if documents <= 1 else _DETACHED, 0)
                if documents <= 1:
                    self.root = value

    def _alias(self, event: Any, path: FieldPath) -> None:
        self.problem("yaml-alias", event, f"YAML aliases (*{event.anchor}) are not allowed",
                     "write the value out in full", path)

    def _check_node(self, event: Any, path: FieldPath) -> None:
        if event.anchor:
            self.problem("yaml-anchor", event, f"YAML anchors (&{event.anchor}) are not allowed",
                         "write each value out in full", path)
        if event.tag and not (event.__class__ is yaml.ScalarEvent and event.tag == "!"):
            self.problem("yaml-tag", event, f"YAML tags ({event.tag}) are not allowed",
                         "remove the tag; put text in quotes if you need it read as text", path)

    def value(self, event: Any, path: FieldPath, depth: int) -> Any:
        cls = event.__class__
        self.value_marks[path] = event.start_mark
        if cls is yaml.AliasEvent:
            self._alias(event, path)
            return None
        if event.anchor or event.tag:
            self._check_node(event, path)
        if cls is yaml.ScalarEvent:
            # Only the non-specific tag "!" gets here: it marks the text to be taken as written.
            return event.value if event.tag is not None else self._scalar(event, path)
        if depth >= MAX_DEPTH:
            self.problem("too-deep", event, f"values are nested more than {MAX_DEPTH} levels deep",
                         "check the indentation", path)
            raise _TooDeep
        if cls is yaml.MappingStartEvent:
            mapping: dict[str, Any] = {}
            if depth == 0 and path == ():
                self.root = mapping  # what was read so far stays checkable if reading stops
            self._fill_mapping(mapping, path, depth + 1)
            return mapping
        sequence: list[Any] = []
        if depth == 0 and path == ():
            self.root = sequence
        next_event, value, scalar = self.next_event, self.value, self._scalar
        while (item := next_event()).__class__ is not _SEQUENCE_END:
            child = path + (len(sequence),)
            if item.__class__ is _SCALAR and not (item.anchor or item.tag):
                sequence.append(scalar(item, child))
            else:
                sequence.append(value(item, child, depth + 1))
        return sequence

    def _scalar(self, event: Any, path: FieldPath) -> Any:
        """A scalar without anchor or tag: quoted text as written, plain text typed by YAML 1.2."""
        self.value_marks[path] = event.start_mark
        text = event.value
        if event.style:
            return text
        value = resolve_plain(text)
        if value.__class__ is not str:
            self.doc.raw[path] = text
            if value is _TOO_LARGE:
                self._too_large(event, text, path)
                return None
        return value

    def _too_large(self, event: Any, text: str, path: FieldPath) -> None:
        self.doc.refused.add(path)
        self.problem("number-too-large", event, f"the number {_clip_number(text)} is too large to be read",
                     "check the figure against the source; put the value in quotes if it is text", path)

    def _fill_mapping(self, mapping: dict[str, Any], path: FieldPath, depth: int) -> None:
        next_event, value, scalar = self.next_event, self.value, self._scalar
        seen: dict[str, ParserMark] = {}
        key_marks = self.doc.key_marks
        while (event := next_event()).__class__ is not _MAPPING_END:
            key = event.value if event.__class__ is _SCALAR else None
            if key is not None and key not in seen and key != "<<" and not (event.anchor or event.tag):
                # The usual case, inline: a new, plain field name.
                child = path + (key,)
                seen[key] = key_marks[child] = event.start_mark
                item = next_event()
                if item.__class__ is _SCALAR and not (item.anchor or item.tag):
                    mapping[key] = scalar(item, child)
                else:
                    mapping[key] = value(item, child, depth)
                continue
            if key is not None:
                key = self._key(event, path, seen)
            elif event.__class__ is yaml.AliasEvent:
                self._alias(event, path)
                key = _shadow_key("*", seen)
            else:
                self.problem("complex-key", event, "a field name must be plain text", "check the indentation", path)
                self.value(event, _DETACHED, depth)
                key = _shadow_key("?", seen)
            item = value(next_event(), path + (key,), depth)
            if key.__class__ is not _Shadow:
                mapping[key] = item

    def _key(self, event: Any, parent_path: FieldPath, seen: dict[str, ParserMark]) -> str:
        if event.anchor or event.tag:
            self._check_node(event, parent_path)
        key = event.value
        mark = event.start_mark
        if key == "<<" and not event.style:
            self.problem("yaml-merge-key", event, "merge keys (<<) are not allowed",
                         "write the fields out in full", parent_path)
        if key in seen:
            self.problem("duplicate-key", event, f"'{key}' is given twice",
                         f"first given on line {seen[key].line + 1}; keep one", parent_path + (key,))
            key = _shadow_key(key, seen)
        seen[key] = mark
        self.doc.key_marks[parent_path + (key,)] = mark
        return key


_NODE_STARTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)
_SCALAR, _MAPPING_END, _SEQUENCE_END = yaml.ScalarEvent, yaml.MappingEndEvent, yaml.SequenceEndEvent
# Where refused values are read: complex keys and documents after the first.
_DETACHED: FieldPath = ("\0",)


class _Shadow(str):
    """A key standing in for a refused one (a duplicate, a complex key): never a user's own."""


def _shadow_key(key: str, seen: dict) -> str:
    # Duplicates and complex keys are reported; their values are parked under a key no schema
    # accepts, so the first definition is the one validated.
    return _Shadow("\0" + key + str(len(seen)))


def _clip_number(text: str) -> str:
    return text if len(text) <= 20 else f"{text[:12]}… ({len(text):,} characters)"


def _dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _syntax(path: str, line: int, col: int, message: str, hint: str = "") -> Problem:
    return Problem(path=path, line=line, col=col, code="yaml-syntax", message=message, hint=hint)


_QUOTES = {'"': "write a quote inside double quotes as \\\"", "'": "write an apostrophe inside single quotes as ''"}


def _marked_syntax(text: str, display_path: str, error: yaml.MarkedYAMLError) -> Problem:
    """The parser's complaint, at the mistake rather than where the parser gave up: a quote left
    open swallows the lines after it, and libyaml only fails at the next quote, lines later."""
    lines = text.split("\n")
    quoted = _quoted_before(text, lines, error.problem_mark)
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        opened, runs_to = (error.context_mark.line, error.context_mark.column), "the end of the file"
    elif quoted is not None and _opening_quote(lines, quoted)[0] != quoted.end_mark.line:
        opened = _opening_quote(lines, quoted)
        runs_to = f"line {quoted.end_mark.line + 1}, where the next quote closes it"
    elif quoted is not None:
        return _syntax(display_path, quoted.end_mark.line + 1, quoted.end_mark.column,
                       "this is not valid YAML: the text in quotes ends at this quote, but more text follows it",
                       f"put the whole text in quotes; {_QUOTES[quoted.style]}")
    else:
        return _unquoted_syntax(display_path, error)
    quote = lines[opened[0]][opened[1]]
    return _syntax(display_path, opened[0] + 1, opened[1] + 1,
                   f"this is not valid YAML: the quote ({quote}) opened here is not closed on its line; "
                   f"the text runs on to {runs_to}",
                   f"close the quote where the text ends, or remove it; {_QUOTES[quote]}")


_FLOW = {"while parsing a flow sequence": ("list", "[]"), "while parsing a flow mapping": ("group", "{}")}


def _unquoted_syntax(display_path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    reason = (error.problem or "the YAML could not be read").strip()
    opened = error.context_mark
    if error.context in _FLOW and opened is not None and opened.line + 1 < line:
        # A list left open ([police, fire) runs into the next lines; say where it opened.
        what, brackets = _FLOW[error.context]
        return _syntax(display_path, opened.line + 1, opened.column + 1,
                       f"this is not valid YAML: the {what} that opens here with '{brackets[0]}' is not closed "
                       f"before line {line}", f"end it with '{brackets[1]}'")
    hint = "check the indentation, and put text containing ': ' or '#' in quotes"
    if "escape" in reason:
        hint = "inside double quotes a backslash starts an escape: write \\\\ for a backslash, or use single quotes"
    return _syntax(display_path, line, col, f"this is not valid YAML: {reason}", hint)


def _opening_quote(lines: list[str], quoted: Any) -> tuple[int, int]:
    """Line and column of a quoted value's opening quote: its event starts at any anchor or tag
    written before the quote (`&name 'text'`), possibly on an earlier line."""
    line, column = quoted.start_mark.line, quoted.start_mark.column
    while (found := lines[line].find(quoted.style, column)) < 0:
        line, column = line + 1, 0
    return line, found


def _quoted_before(text: str, lines: list[str], mark: Any) -> Any:
    """The quoted value that ends where the parser failed (only spaces between), if any."""
    if mark is None:
        return None
    last: Any = None
    depth = 0
    loader = _Loader(text)
    try:
        # Read again up to the failure; deep nesting stops it, as it stops the first reading.
        while (event := loader.get_event()) is not None and depth <= MAX_DEPTH:
            if event.__class__ in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
                depth += 1
            elif event.__class__ in (_MAPPING_END, _SEQUENCE_END):
                depth -= 1
            elif event.__class__ is _SCALAR:
                last = event if event.style in _QUOTES else None
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    if last is None or last.end_mark.line != mark.line or \
            lines[mark.line][last.end_mark.column:mark.column].strip(" \t"):
        return None
    return last


# Line breaks to YAML but not to editors, which count lines by line feeds: every position after
# one would be a line too far. All three are forbidden characters anyway.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_HIDDEN_BREAK_STAND_IN = "\ufffd"


def _hidden_breaks(text: str, display_path: str) -> tuple[str, list[Problem]]:
    """Each hidden line break reported where an editor shows it, and the text with a stand-in
    for each, so the parser counts lines as the editor does."""
    problems = []
    for found in _HIDDEN_BREAKS.finditer(text):
        offset = found.start()
        line, col = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        problems.append(Problem(path=display_path, line=line, col=col, code="invisible-character",
                                message=f"contains {describe(found.group())}, which YAML reads as a line break",
                                hint="delete it and retype the text around it; it often comes from pasting"))
    return _HIDDEN_BREAKS.sub(_HIDDEN_BREAK_STAND_IN, text), problems


def parse_yaml(text: str, display_path: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text into a Document; problems describe anything refused."""
    doc = Document(display_path, None)
    builder = _Builder(doc)
    loader = None
    # libyaml skips a byte-order mark that starts the text and counts columns without it, as
    # the lines read here must (read_text drops one from a file already).
    text = text.removeprefix("\ufeff")
    forbidden = first_forbidden(text)
    if forbidden and _HIDDEN_BREAKS.search(text):
        text, builder.problems = _hidden_breaks(text, display_path)
    try:
        loader = _Loader(text)
        builder.run(loader.get_event)
    except _TooDeep:
        pass
    except yaml.MarkedYAMLError as error:
        builder.problems.append(_marked_syntax(text, display_path, error))
        return doc, builder.problems
    except yaml.reader.ReaderError as error:
        # Text input only fails here on a character; its position counts bytes under libyaml.
        offset = max(text.find(chr(error.character)), 0)
        line, col = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        builder.problems.append(_syntax(display_path, line, col,
                                        f"this is not valid YAML: {error.reason} (U+{error.character:04X})",
                                        "retype the text; it was probably pasted from another document"))
        return doc, builder.problems
    except yaml.YAMLError as error:
        builder.problems.append(_syntax(display_path, 1, 1, f"this is not valid YAML: {error}"))
        return doc, builder.problems
    finally:
        if loader is not None:
            loader.dispose()
    doc.data = builder.root
    # Such a character can only be written raw or as an escape ("\\u202e"): most files have neither.
    if "\\" in text or forbidden:
        builder.problems += forbidden_characters(doc)
    return doc, builder.problems


def forbidden_characters(doc: Document) -> list[Problem]:
    """A problem for every field name and text value holding a character of `characters.RANGES`."""
    problems: list[Problem] = []

    def report(text: str, path: FieldPath, *, key: bool) -> None:
        found = first_forbidden(text)
        if found:
            line, col = doc.mark(path, key=key)
            what = "the field name contains" if key else "contains"
            problems.append(Problem(path=doc.path, line=line, col=col, code="invisible-character", field=_dotted(path),
                                    message=f"{what} {describe(found)}",
                                    hint="delete it and retype the text around it; it often comes from pasting, "
                                         "or from an escape such as \\u202e"))

    def walk(value: Any, path: FieldPath) -> None:
        if isinstance(value, str):
            report(value, path, key=False)
        elif isinstance(value, dict):
            for name, item in value.items():
                report(name, path + (name,), key=True)
                walk(item, path + (name,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, path + (index,))

    walk(doc.data, ())
    return problems


def read_text(path: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read as a content file."""

    def refuse(code: str, message: str, hint: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(path=display_path, line=line, col=col, code=code, message=message, hint=hint)]

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            # Rounded up, so a file just over the limit never reads as being at it.
            return refuse("file-too-large",
                          f"the file is {-(-size // 1024)} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB",
                          "shorten the text; link to long documents in 'sources' instead")
        data = path.read_bytes()
    except OSError as error:
        return refuse("unreadable-file", f"the file cannot be read: {error.strerror}", "")
    if b"\0" in data:
        return refuse("binary-file", "the file is binary, not text", "save it as plain UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return refuse("not-utf8", "the file is not UTF-8 text", "save it with UTF-8 encoding", line, col)
    return text, []


def load_yaml_file(path: Path, display_path: str) -> tuple[Document | None, list[Problem]]:
    text, problems = read_text(path, display_path)
    if text is None:
        return None, problems
    return parse_yaml(text, display_path)


def _plain_value(node: yaml.Node) -> Any:
    """A scalar as MkDocs reads it (PyYAML's safe constructor); a collection or a scalar with a
    tag of MkDocs' own (`!ENV`, `!relative`) as None."""
    if not isinstance(node, yaml.ScalarNode) or node.tag.startswith("!"):
        return None
    return yaml.constructor.SafeConstructor().construct_object(node)


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def mkdocs_settings(path: Path, plugin: str) -> tuple[Any, dict[str, Any]]:
    """The `docs_dir` of an `mkdocs.yml` and the scalar options of one plugin in it.

    The file is composed, never constructed: MkDocs' own tags (`!ENV`) need no constructor,
    and nothing in it can run. A missing file gives (None, {})."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, {}
    try:
        top = _mapping(yaml.compose(text, Loader=_Loader))
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name} is not valid YAML: {error}") from error
    docs_dir = _plain_value(top["docs_dir"]) if "docs_dir" in top else None
    plugins = top.get("plugins")
    # MkDocs takes plugins as a list (names, or one-key mappings) or as one mapping.
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        options = _mapping(entry).get(plugin)
        if options is not None:
            return docs_dir, {key: _plain_value(value) for key, value in _mapping(options).items()}
    return docs_dir, {}


def front_matter(text: str, display_path: str) -> dict[str, Any]:
    """The YAML front matter of a Markdown page, or {} if it has none or it cannot be read."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    if end < 0:
        return {}
    doc, problems = parse_yaml(text[4:end], display_path)
    return doc.data if not problems and isinstance(doc.data, dict) else {}
