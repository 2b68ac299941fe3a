"""The front matter of generated pages, written so that any YAML reader gives back the values.

MkDocs reads front matter with libyaml and, when the reader refuses it, silently treats the
whole block as Markdown (links and attribute lists live). libyaml and PyYAML refuse control
characters, non-characters and most of C1 anywhere in their input, and fold line breaks
(including NEL, LS and PS) inside quoted scalars. So every string is double-quoted and every
character outside YAML's printable set, or that a quoted scalar reads as syntax or a break, is
written as an escape. Escapes are by code point (\\xXX, \\uXXXX): JSON's ensure_ascii would
write an emoji as a surrogate pair, which libyaml refuses and PyYAML reads as two lone surrogates.
"""

from __future__ import annotations

import html
import re
from typing import Any

# Characters written as they are: YAML's printable set, without `"`, `\` and U+FEFF (a BOM).
_ESCAPED = re.compile(r'[^\x20\x21\x23-\x5b\x5d-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]')
_SHORT = {'"': '\\"', "\\": "\\\\"}
# Text shown through MkDocs' templates, which do not autoescape.
_HTML_KEYS = ("title", "description")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        # A lone surrogate has no UTF-8 form and no YAML escape: it is shown as U+FFFD.
        return "\ufffd"
    if char in _SHORT:
        return _SHORT[char]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def yaml_value(value: Any) -> str:
    """`value` as a single-line YAML flow value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + _ESCAPED.sub(_escape, value) + '"'
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{yaml_value(key)}: {yaml_value(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"front matter has no form for {type(value).__name__}")


def front_matter(meta: dict[str, Any]) -> str:
    lines = [f"{key}: {yaml_value(html.escape(value, quote=True) if key in _HTML_KEYS else value)}"
             for key, value in meta.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
