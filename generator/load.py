"""Reading YAML safely: values with their line and column, and every unsafe construct refused.

This is the only module that touches YAML. It walks the parser's event stream (libyaml's C
parser when available) instead of constructing objects, so that:
- plain scalars follow the YAML 1.2 core schema, never YAML 1.1 (`no` stays the text "no",
  `2024-05-01` stays text; the validator later reads scalars as the schema expects them);
- anchors, aliases, merge keys, tags, duplicate keys and deep nesting are reported, not expanded;
- every value keeps its position, in a side table keyed by its path in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, Severity

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12

FieldPath = tuple[str | int, ...]
Mark = tuple[int, int]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class Document:
    """A parsed YAML file: plain Python values plus where each one was written."""

    path: str
    data: Any
    value_marks: dict[FieldPath, Mark] = field(default_factory=dict)
    key_marks: dict[FieldPath, Mark] = field(default_factory=dict)
    # The text of plain scalars that the core schema read as a number, boolean or null, so a
    # field that expects text can take them exactly as written (`title: 1.10` stays "1.10").
    raw: dict[FieldPath, str] = field(default_factory=dict)
    source: str = ""

    def mark(self, path: FieldPath, *, key: bool = False) -> Mark:
        """Position of a value (or of its key), falling back to the nearest enclosing value."""
        tables = (self.key_marks, self.value_marks) if key else (self.value_marks, self.key_marks)
        for length in range(len(path), -1, -1):
            prefix = path[:length]
            for table in tables:
                if prefix in table:
                    return table[prefix]
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
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text


class _Builder:
    """Turns parser events into values, recording marks and refusing unsafe constructs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []
        # Each open collection: [container, path, pending key or None, seen keys]
        self.stack: list[list[Any]] = []
        self.root: Any = None
        self.documents = 0
        self.too_deep = False

    def problem(self, code: str, event: Any, message: str, hint: str = "", path: FieldPath = ()) -> None:
        line, col = event.start_mark.line + 1, event.start_mark.column + 1
        self.problems.append(
            Problem(self.doc.path, line, col, Severity.ERROR, code, _dotted(path), message, hint)
        )

    def feed(self, event: Any) -> None:
        # Dispatch on the event's class: this loop runs for every value of every record.
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)

    def _document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents == 2:
            self.problem("multiple-documents", event, "the file holds more than one YAML document",
                         "remove the '---' line; one file describes one case study")

    def _alias(self, event: Any) -> None:
        self.problem("yaml-alias", event, f"YAML aliases (*{event.anchor}) are not allowed",
                     "write the value out in full", self._child_path())
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
            # An alias used as a key: park its value, or every later key and value would swap.
            self.stack[-1][2] = _shadow_key("*", self.stack[-1][3])
        else:
            self._add(None, event, self._child_path())

    def _end(self, event: Any) -> None:
        self.stack.pop()

    def _check_node(self, event: Any, path: FieldPath) -> None:
        if event.anchor:
            self.problem("yaml-anchor", event, f"YAML anchors (&{event.anchor}) are not allowed",
                         "write each value out in full", path)
        if event.tag and not (isinstance(event, yaml.ScalarEvent) and event.tag == "!"):
            self.problem("yaml-tag", event, f"YAML tags ({event.tag}) are not allowed",
                         "remove the tag; put text in quotes if you need it read as text", path)

    def _scalar(self, event: Any) -> None:
        stack = self.stack
        if stack and stack[-1][2] is None and isinstance(stack[-1][0], dict):
            if event.anchor or event.tag:
                self._check_node(event, stack[-1][1])
            self._key(event)
            return
        path = self._child_path()
        if event.anchor or event.tag:
            self._check_node(event, path)
        plain = not event.style and event.tag is None
        value = resolve_plain(event.value) if plain else event.value
        if plain and not isinstance(value, str):
            self.doc.raw[path] = event.value
        self._add(value, event, path)

    def _key(self, event: Any) -> None:
        frame = self.stack[-1]
        key, parent_path, seen = event.value, frame[1], frame[3]
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        if key == "<<" and event.style in (None, ""):
            self.problem("yaml-merge-key", event, "merge keys (<<) are not allowed",
                         "write the fields out in full", parent_path)
        if key in seen:
            first = seen[key]
            self.problem("duplicate-key", event, f"'{key}' is given twice",
                         f"first given on line {first[0]}; keep one", parent_path + (key,))
            key = _shadow_key(key, seen)
        seen[key] = mark
        frame[2] = key
        self.doc.key_marks[parent_path + (key,)] = mark

    def _open(self, event: Any) -> None:
        path = self._child_path()
        if event.anchor or event.tag:
            self._check_node(event, path)
        if self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None:
            self.problem("complex-key", event, "a field name must be plain text",
                         "check the indentation", self.stack[-1][1])
            self.stack[-1][2] = _shadow_key("?", self.stack[-1][3])
            self._open_detached(event)
            return
        if len(self.stack) >= MAX_DEPTH:
            if not self.too_deep:
                self.problem("too-deep", event, f"values are nested more than {MAX_DEPTH} levels deep",
                             "check the indentation", path)
            self.too_deep = True
            self._open_detached(event)
            return
        container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
        self._add(container, event, path)
        self.stack.append([container, path, None, {}])

    def _open_detached(self, event: Any) -> None:
        """Read a refused collection to its end without attaching it to the document."""
        container = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        self.stack.append([container, ("\0",), None, {}])

    def _child_path(self) -> FieldPath:
        if not self.stack:
            return ()
        container, path, key, _ = self.stack[-1]
        if isinstance(container, dict):
            return path + ((key,) if key is not None else ())
        return path + (len(container),)

    def _add(self, value: Any, event: Any, path: FieldPath) -> None:
        self.doc.value_marks[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            if self.documents <= 1:
                self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame[0], dict):
            if frame[2] is not None and not frame[2].startswith("\0"):
                frame[0][frame[2]] = value
            frame[2] = None
        else:
            frame[0].append(value)


_HANDLERS = {
    yaml.DocumentStartEvent: _Builder._document_start,
    yaml.AliasEvent: _Builder._alias,
    yaml.ScalarEvent: _Builder._scalar,
    yaml.MappingStartEvent: _Builder._open,
    yaml.SequenceStartEvent: _Builder._open,
    yaml.MappingEndEvent: _Builder._end,
    yaml.SequenceEndEvent: _Builder._end,
}


def _shadow_key(key: str, seen: dict) -> str:
    # Duplicates and complex keys are reported; their values are parked under a key no schema
    # accepts, so the first definition is the one validated.
    return "\0" + key + str(len(seen))


def _dotted(path: FieldPath) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def parse_yaml(text: str, display_path: str) -> tuple[Document, list[Problem]]:
    """Parse YAML text into a Document; problems describe anything refused."""
    doc = Document(display_path, None, source=text)
    builder = _Builder(doc)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
            if builder.too_deep:
                # libyaml slows down quadratically with depth; the file is refused anyway.
                break
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = (error.problem or "the YAML could not be read").strip()
        builder.problems.append(Problem(display_path, line, col, Severity.ERROR, "yaml-syntax", "",
                                        f"this is not valid YAML: {reason}",
                                        "check the indentation, and put text containing ': ' or '#' in quotes"))
        return doc, builder.problems
    except yaml.reader.ReaderError as error:
        # Text input only fails here on a character; its position counts bytes under libyaml.
        offset = max(text.find(chr(error.character)), 0)
        line, col = text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
        builder.problems.append(Problem(display_path, line, col, Severity.ERROR, "yaml-syntax", "",
                                        f"this is not valid YAML: {error.reason} (U+{error.character:04X})",
                                        "retype the text; it was probably pasted from another document"))
        return doc, builder.problems
    except yaml.YAMLError as error:
        builder.problems.append(Problem(display_path, 1, 1, Severity.ERROR, "yaml-syntax", "",
                                        f"this is not valid YAML: {error}", ""))
        return doc, builder.problems
    doc.data = builder.root
    return doc, builder.problems


def read_text(path: Path, display_path: str) -> tuple[str | None, list[Problem]]:
    """The file's text, or a problem saying why it cannot be read as a content file."""

    def refuse(code: str, message: str, hint: str, line: int = 1, col: int = 1) -> tuple[None, list[Problem]]:
        return None, [Problem(display_path, line, col, Severity.ERROR, code, "", message, hint)]

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            # Rounded up, so a file just over the limit never reads as being at it.
            return refuse("file-too-large", f"the file is {-(-size // 1024)} KiB; the limit is {MAX_FILE_BYTES // 1024} KiB",
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
