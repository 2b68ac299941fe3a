"""Where generated pages live, and relative links between them.

Links inside the HTML blocks of generated pages are not rewritten by MkDocs, so they are
computed here, relative to the linking page (so the site works under any path), for either URL
style MkDocs offers.
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

    def depth(self, src: str) -> int:
        """How many folders deep the page for `src` is served."""
        return self.site_path(src).count("/")

    def href(self, from_src: str, to_src: str, fragment: str = "") -> str:
        """Up to the site root, then down to the target: the link depends only on how deep the
        linking page is, so a fragment of HTML can be reused on every page of the same depth."""
        there = self.site_path(to_src)
        relative = "../" * self.depth(from_src) + there
        return (relative or "./") + (f"#{fragment}" if fragment else "")
