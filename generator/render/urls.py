"""Where generated pages live, and relative links between them.

Links inside the HTML blocks of generated pages are not rewritten by MkDocs, so they are
computed here, relative to the linking page (so the site works under any path), for either URL
style MkDocs offers.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode, urljoin

from ..facets import Facet

# Published data files, named once: the renderer writes them here and every link, page and
# command that points at one reads the name from here.
SCHEMA = "schema/case-study.schema.json"
FEED = "feed.xml"
FIND_INDEX = "find/index.json"
LIBRARY_JSON = "data/case-studies.json"
LIBRARY_CSV = "data/case-studies.csv"
# The schemas of the JSON exports, each named by the file it describes: the library's, and the
# one of every case-studies/<slug>.json (kept out of that folder, which holds only records).
LIBRARY_JSON_SCHEMA = "data/case-studies.schema.json"
RECORD_JSON_SCHEMA = "data/case-study.schema.json"
DATA_PACKAGE = "data/datapackage.json"
CITATION = "data/CITATION.cff"
SOCIAL_CARD = "assets/casebook-card.png"
# The first line of a new record file, which points editors at the schema (records sit two
# folders below the project, which keeps the schema file where it is published).
SCHEMA_COMMENT = f"# yaml-language-server: $schema=../../{SCHEMA}"
# The Find page: the links in the Find index are relative to it.
FIND_PAGE = "find/index.md"
# The header search: its data (render/header_search.py) in two files, the names the box searches
# first and the case studies' titles, fetched side by side; and its results page (for `?q=`,
# and for readers without the box) beside them.
SEARCH_INDEX = "search/index.json"
SEARCH_RECORDS = "search/records.json"
SEARCH_PAGE = "search/index.md"
GAP_MAP = "evidence-base/gap-map.md"
# The names case studies already have, which the proposal form keeps a new file's name clear of:
# fetched by the form, so the page stays the same size however large the library grows.
PROPOSAL_TAKEN = "propose/taken.json"
# The organisation register as the proposal form checks names against it: data, fetched, never
# written into the page's markup.
PROPOSAL_REGISTER = "propose/register.json"
# The lessons of the case studies, for the Find page's lessons view (loaded when it opens).
FIND_LESSONS = "find/lessons.json"
# The Find page's query parameter naming a view other than the list, and its lessons view.
FIND_VIEW = "view"
# The Find page's query parameter holding the words of its text search.
FIND_KEYWORDS = "keywords"
LESSONS_VIEW = "lessons"


def find_words(shard: int) -> str:
    """One shard of the words of the records' body text (see render/words.py)."""
    return f"find/words/{shard:02d}.json"


def edit_base(repo_url: str | None, edit_uri: str | None, docs_dir: str) -> str | None:
    """Where the repository's files are edited: `edit_uri` points at the docs folder
    (`docs_dir`, relative to the project), and records live beside it under the project."""
    if not repo_url or not edit_uri:
        return None
    up = "../" * len([part for part in docs_dir.split("/") if part not in ("", ".")])
    return urljoin(urljoin(repo_url.rstrip("/") + "/", edit_uri), up)


def record_page(slug: str) -> str:
    return f"case-studies/{slug}.md"


def record_json(slug: str) -> str:
    return f"case-studies/{slug}.json"


def table(name: str) -> str:
    return f"data/{name}.csv"


def term_feed(folder: str, term_id: str) -> str:
    # At the site root, beside feed.xml: Material fetches sitemap.xml from the folder of every
    # <link rel="alternate"> in a page's head (for language versions), which is a 404 (and a
    # console error on every listing page) anywhere but the root.
    return f"feed-{folder}-{term_id}.xml"


def term_page(folder: str, term_id: str) -> str:
    return f"{folder}/{term_id}.md"


def section_page(folder: str) -> str:
    return f"{folder}/index.md"


def organisation_page(organisation_id: str) -> str:
    return f"organisations/{organisation_id}.md"


def paged(src: str, number: int) -> str:
    """Page `number` of a list whose first page is `src`: the first keeps the list's address, the
    others sit in a `page/` folder below it (case-studies/page/2/, services/fire/page/2/), files
    of their own with either URL style, which no record or term page can take."""
    if number == 1:
        return src
    stem = src.removesuffix(".md")
    folder = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    return f"{folder}/page/{number}.md"


def facet_page(facet: Facet, term_id: str | None = None) -> str:
    """A facet's overview page, or the listing page of one of its terms."""
    if facet.folder is None:
        raise ValueError(f"the {facet.key} facet has no pages of its own")
    return term_page(facet.folder, term_id) if term_id else section_page(facet.folder)


def find_query(filters: Iterable[tuple[Facet, str]], view: str | None = None) -> str:
    """The query string that opens the Find page with these facet terms ticked, in a view
    (None: the list of case studies); no query at all for the unfiltered list."""
    pairs = [(facet.param, term_id) for facet, term_id in filters] + ([(FIND_VIEW, view)] if view else [])
    query = urlencode(pairs)
    return f"?{query}" if query else ""


@lru_cache(maxsize=65536)
def _site_path(src: str, directory_urls: bool) -> str:
    # Called for every link of every generated page: a large library asks the same few
    # thousand questions hundreds of thousands of times.
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    if posixpath.basename(stem) == "index":
        folder = posixpath.dirname(stem)
        return f"{folder}/" if directory_urls and folder else ("" if directory_urls else f"{stem}.html")
    return f"{stem}/" if directory_urls else f"{stem}.html"


@dataclass(frozen=True)
class Linker:
    """Relative URLs from one page to any generated file or page."""

    directory_urls: bool = True

    def site_path(self, src: str) -> str:
        """The URL path (no leading slash) a source file is served at."""
        return _site_path(src, self.directory_urls)

    def depth(self, src: str) -> int:
        """How many folders deep the page for `src` is served."""
        return self.site_path(src).count("/")

    def href(self, from_src: str, to_src: str, fragment: str = "") -> str:
        """Up to the site root, then down to the target: the link depends only on how deep the
        linking page is, so a fragment of HTML can be reused on every page of the same depth."""
        there = self.site_path(to_src)
        relative = "../" * self.depth(from_src) + there
        return (relative or "./") + (f"#{fragment}" if fragment else "")


# Links as a site with folder-per-page addresses (MkDocs' default) has them, for callers that
# name no URL style.
DIRECTORY_LINKS = Linker()


def search_extra(linker: Linker) -> dict[str, str]:
    """What the theme's search box and 404 page read from `extra` in the configuration: the
    results page and the search data, as site paths. The plugin sets them for its build and
    `casebook render` writes them into the rendered project's configuration."""
    return {"casebook_search_page": linker.site_path(SEARCH_PAGE), "casebook_search_index": SEARCH_INDEX,
            "casebook_search_records": SEARCH_RECORDS}
