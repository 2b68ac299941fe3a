"""Characters that no text in Casebook may hold, defined once by Unicode general category.

Refused: controls (Cc) other than tab and line feed, format characters (Cf: zero-width
characters, bidirectional controls, the byte-order mark, tag characters), surrogates (Cs),
private-use characters (Co), the line and paragraph separators (Zl, Zp) and the 66
noncharacters (U+FDD0-U+FDEF and the last two code points of every plane). None of them means
anything in a case study; each can hide text, reverse it on screen, or break a reader of the
published files (YAML front matter, XML feeds).

The set is kept as ranges, because working it out from `unicodedata` at every start costs half
a second; tests/hostile/test_characters.py proves the ranges are exactly that definition. It
includes the Cf characters of Unicode 15.1 (what current browsers know), so the browser and
Python refuse the same text whichever Unicode version Python has.
"""

from __future__ import annotations

import functools
import re
import unicodedata

CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
ALLOWED_CONTROLS = frozenset("\t\n")

RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008), (0x000B, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E), (0x200B, 0x200F),
    (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xD800, 0xF8FF), (0xFDD0, 0xFDEF), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0xFFFE, 0xFFFF), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0x1FFFE, 0x1FFFF), (0x2FFFE, 0x2FFFF), (0x3FFFE, 0x3FFFF),
    (0x4FFFE, 0x4FFFF), (0x5FFFE, 0x5FFFF), (0x6FFFE, 0x6FFFF), (0x7FFFE, 0x7FFFF), (0x8FFFE, 0x8FFFF),
    (0x9FFFE, 0x9FFFF), (0xAFFFE, 0xAFFFF), (0xBFFFE, 0xBFFFF), (0xCFFFE, 0xCFFFF), (0xDFFFE, 0xDFFFF),
    (0xE0001, 0xE0001), (0xE0020, 0xE007F), (0xEFFFE, 0x10FFFF),
)
_SURROGATES = (0xD800, 0xDFFF)


def is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def is_forbidden(char: str) -> bool:
    """The definition itself (slow: for tests and messages, not for scanning text)."""
    if char in ALLOWED_CONTROLS:
        return False
    return unicodedata.category(char) in CATEGORIES or is_noncharacter(ord(char))


def _class(ranges: tuple[tuple[int, int], ...], extra: str = "") -> str:
    return "[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + extra + "]"


FORBIDDEN = re.compile(_class(RANGES))
# The same test in a fraction of the time for text without astral characters: `re` checks a class
# of characters below U+10000 with one table lookup, but one reaching above it range by range.
_FORBIDDEN_OR_ASTRAL = re.compile(_class(tuple((a, min(b, 0xFFFF)) for a, b in RANGES if a <= 0xFFFF),
                                         "\U00010000-\U0010ffff"))


def first_forbidden(text: str) -> str | None:
    """The first character of `text` in the ranges, or None."""
    found = _FORBIDDEN_OR_ASTRAL.search(text)
    if found is None or found.group() <= "\uffff":
        return found and found.group()
    rest = FORBIDDEN.search(text, found.start())
    return rest and rest.group()


@functools.cache
def schema_pattern() -> str:
    """The same set as a JSON Schema (ECMA-262 Unicode mode) character class. Surrogates are left
    out: a Rust regex cannot name them, and the form makes text well-formed before checking it."""
    parts = []
    for start, end in RANGES:
        for low, high in ((start, min(end, _SURROGATES[0] - 1)), (max(start, _SURROGATES[1] + 1), end)):
            if low <= high:
                parts.append(f"\\u{{{low:X}}}" + (f"-\\u{{{high:X}}}" if high > low else ""))
    return "[" + "".join(parts) + "]"


_KINDS = {"Cc": "a control character", "Cf": "an invisible formatting or direction-changing character",
          "Cs": "half of a surrogate pair", "Co": "a private-use character",
          "Zl": "a line separator", "Zp": "a paragraph separator"}


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE, an invisible formatting or direction-changing character'."""
    code = ord(char)
    name = unicodedata.name(char, "")
    kind = "a noncharacter" if is_noncharacter(code) else _KINDS.get(unicodedata.category(char), "a character")
    if unicodedata.category(char) == "Cn" and not is_noncharacter(code):
        kind = _KINDS["Cf"]  # a format character this Python's Unicode does not know yet
    return f"U+{code:04X}{' ' + name if name else ''}, {kind}"
