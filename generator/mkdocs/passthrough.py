"""Passing the HTML blocks of generated pages around Python-Markdown.

Python-Markdown would pass raw HTML blocks through unchanged, but only after parsing every tag
with a pure-Python HTML parser: on listing pages of 1,000 case studies that parse cost more
than the rest of the page. Generated pages are headings plus HTML blocks separated by blank
lines, and record text never starts a line (the renderer puts it inside HTML lines, on one
line), so each block can be held back, replaced by a marker paragraph, and put back into the
finished HTML.
"""

from __future__ import annotations

import re
import secrets

_MARKER = "CASEBOOKBLOCK{nonce}N{index}"


def hold_html_blocks(markdown: str) -> tuple[str, list[str]]:
    """Markdown with each top-level HTML block replaced by a marker; the blocks in order."""
    nonce = secrets.token_hex(8)
    held: list[str] = [nonce]
    chunks = []
    for chunk in markdown.split("\n\n"):
        # A block after more than one blank line starts with the extra line breaks.
        block = chunk.lstrip("\n")
        if block.startswith("<"):
            chunks.append(chunk[: len(chunk) - len(block)] + _MARKER.format(nonce=nonce, index=len(held)))
            held.append(block)
        else:
            chunks.append(chunk)
    return "\n\n".join(chunks), held


def restore_html_blocks(html: str, held: list[str]) -> str:
    nonce, blocks = held[0], held[1:]
    pattern = re.compile(r"<p>" + _MARKER.format(nonce=nonce, index=r"(\d+)") + r"</p>")
    return pattern.sub(lambda m: blocks[int(m.group(1)) - 1], html)
