"""Record Markdown as cmark-gfm reads it: the one parse that the published pages use and that the
validator checks, so the two can never disagree about what is a link, an image or raw HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from . import gfm

# In its default (safe) mode cmark writes this in place of every piece of raw HTML; text and
# code spans are escaped, so the marker cannot come from anything else.
RAW_HTML_OMITTED = "<!-- raw HTML omitted -->"
# cmark writes every link and image itself, attribute first and always double-quoted (a quote
# inside is escaped), and in safe mode no other tag reaches its output.
_TARGET = re.compile(r'<(a href|img src)="([^"]*)"')
_SAFE_SCHEME = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def to_html(text: str, *, keep_unsafe: bool = False) -> str:
    """GitHub-flavoured Markdown to HTML. Safe mode drops raw HTML and blanks javascript:, data:
    and similar links; `keep_unsafe` keeps them, only so that a message can quote them."""
    return gfm.to_html(text, gfm.UNSAFE if keep_unsafe else 0)


@dataclass(frozen=True)
class Findings:
    """What in a Markdown text the published page would drop or must not carry."""

    raw_html: bool
    image: bool
    unsafe_targets: tuple[str, ...]


def is_safe_target(url: str) -> bool:
    return bool(_SAFE_SCHEME.match(url))


def inspect(text: str) -> Findings:
    safe = to_html(text)
    targets = [(kind, html.unescape(url)) for kind, url in _TARGET.findall(safe)]
    unsafe: tuple[str, ...] = ()
    if not all(is_safe_target(url) for _, url in targets):
        # The safe rendering has blanked the dangerous ones; the same parse without blanking
        # gives what was written.
        written = (html.unescape(url) for _, url in _TARGET.findall(to_html(text, keep_unsafe=True)))
        unsafe = tuple(dict.fromkeys(url for url in written if not is_safe_target(url))) or ("",)
    return Findings(RAW_HTML_OMITTED in safe, any(kind == "img src" for kind, _ in targets), unsafe)
