"""Where generated pages live, and relative links between them.

Links inside the HTML blocks of generated pages are not rewritten by MkDocs, so they are
computed here, relative to the linking page, for either URL style MkDocs offers.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


def record_page(slug: str) -> str:
    return f"case-studies/{slug}.md"


def record_json(slug: str) -> str:
    return f"case-studies/{slug}.json"


def term_page(folder: str, term_id: str) -> str:
    return f"{folder}/{term_id}.md"


def section_page(folder: str) -> str:
    return f"{folder}/index.md"


def organisation_page(organisation_id: str) -> str:
    return f"organisations/{organisation_id}.md"


@dataclass(frozen=True)
class Linker:
    """Relative URLs from one page to any generated file or page."""

    directory_urls: bool = True

    def site_path(self, src: str) -> str:
        """The URL path (no leading slash) a source file is served at."""
        if not src.endswith(".md"):
            return src
        stem = src[:-3]
        if posixpath.basename(stem) == "index":
            folder = posixpath.dirname(stem)
            return f"{folder}/" if self.directory_urls and folder else ("" if self.directory_urls else f"{stem}.html")
        return f"{stem}/" if self.directory_urls else f"{stem}.html"

    def href(self, from_src: str, to_src: str, fragment: str = "") -> str:
        here = self.site_path(from_src)
        there = self.site_path(to_src)
        base = here if here.endswith("/") or not here else posixpath.dirname(here)
        relative = posixpath.relpath(there or ".", base.rstrip("/") or ".")
        if there.endswith("/") or not there:
            relative = "./" if relative == "." else relative + "/"
        return relative + (f"#{fragment}" if fragment else "")
