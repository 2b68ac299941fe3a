"""The header search's data: two compact files the search box loads when a reader reaches for it.

A reader types into the header box what they would name: a case study's title, an organisation,
a place, a service. These files hold exactly that, written with the rest of the generated files,
so every engine that builds `casebook render` output serves them and no step indexes the built
HTML afterwards. Pagefind did index the HTML, and at 10,000 records that step alone took 2.1 GB
and doubled the build (benchmarks/results/header-search-own-2026-12-07.md has the comparison).

The box fetches both files at once. The first, `search/index.json`, is small whatever the size
of the library (about 6 KB compressed at 10,000 records): the names of organisations, places
and topics, the organisations' and hand-written pages' titles. It arrives first on a slow
connection, so the box shows organisations and pages for the first letters typed while the
second, `search/records.json` (every case study's title, address and names: about 200 KB
compressed at 10,000), is still on its way, and then ranks the case studies in.

Names are written once, in the index's table of terms; each record lists the codes of its
terms. Records are in the Find index's order, so the Find page's word shards
(`find/words/NN.json`, positions into that order) give the box the words of the records' full
text too, fetched only for the words a reader types. Every address is relative to the file that
holds it; both sit beside the search page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Any

from ..catalogue import Catalogue
from ..content.load import front_matter
from ..content.model import CaseStudy
from ..facets import BY_KEY
from ..i18n.languages import SOURCE, Language
from ..i18n.sites import translated_page
from . import urls
from .exports import json_text
from .pages import OutputFile
from .words import word_directory

# What kind of name a term is: the box ranks a case study higher for a query that names one of
# its organisations or places than for one that names its service.
ORGANISATION, PLACE, TOPIC = 0, 1, 2
_HEADING = re.compile(r"^# +(.+?)(?: +\{:[^}]*\})? *$", re.MULTILINE)


@dataclass(frozen=True)
class HandWrittenPage:
    src: str  # its path in the docs folder, as MkDocs names it ("about.md")
    title: str


def hand_written_pages(docs: Path, language: Language = SOURCE) -> list[HandWrittenPage]:
    """The Markdown pages of the docs folder, in path order, each with its title in `language`
    where the page is written in it: the front matter's `title`, else its first heading, else
    its file name (as MkDocs titles a page)."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        text = (translated_page(docs, language, src) or path).read_text(encoding="utf-8")
        heading = _HEADING.search(text)
        title = front_matter(text, src).get("title") or (heading.group(1) if heading else path.stem)
        pages.append(HandWrittenPage(src, str(title)))
    return pages


class _Terms:
    """The table of names, each (kind, name) pair once, coded in the order first met."""

    def __init__(self) -> None:
        self.codes: dict[tuple[int, str], int] = {}

    def code(self, kind: int, name: str) -> int:
        return self.codes.setdefault((kind, name), len(self.codes))

    def table(self) -> dict[str, list[Any]]:
        return {"name": [name for _, name in self.codes], "kind": [kind for kind, _ in self.codes]}


def _record_terms(record: CaseStudy, catalogue: Catalogue) -> Iterable[tuple[int, str]]:
    taxonomy = catalogue.taxonomy
    yield from ((ORGANISATION, ref.name) for ref in record.organisations)
    yield from ((PLACE, area) for area in record.areas)
    for key, kind in (("regions", PLACE), ("services", TOPIC), ("collaboration_types", TOPIC)):
        facet = BY_KEY[key]
        terms = facet.terms(taxonomy)
        yield from ((kind, terms[value].name) for value in facet.values(record, taxonomy))


@dataclass(frozen=True)
class SearchData:
    """The two files' contents: `index` (names, organisations, pages, the word shards) and
    `records` (the case studies, naming their terms by codes into the index's table)."""

    index: dict[str, Any]
    records: dict[str, Any]


def search_data(catalogue: Catalogue, linker: urls.Linker, pages: Sequence[HandWrittenPage]) -> SearchData:
    """Everything the header search box and the search page search, rank and link to."""

    def href(src: str) -> str:
        return linker.href(urls.SEARCH_INDEX, src)

    terms = _Terms()
    records = catalogue.records
    record_terms = [sorted({terms.code(kind, name) for kind, name in _record_terms(r, catalogue)}) for r in records]
    register = catalogue.taxonomy.organisations
    organisations = list(catalogue.organisations())
    index = {
        "terms": terms.table(),
        "organisations": {"name": [register[key].name for key in organisations],
                          "href": [href(urls.organisation_page(key)) for key in organisations]},
        "pages": {"title": [page.title for page in pages], "href": [href(page.src) for page in pages]},
        # The shards hold positions among the records, so their number is known before those arrive.
        "words": {**word_directory(href), "records": len(records)},
        "find": {"href": href(urls.FIND_PAGE), "param": urls.FIND_KEYWORDS},
    }
    return SearchData(index, {"title": [r.title for r in records],
                              "href": [linker.href(urls.SEARCH_RECORDS, urls.record_page(r.slug)) for r in records],
                              "terms": record_terms})


def search_files(catalogue: Catalogue, linker: urls.Linker, pages: Sequence[HandWrittenPage]) -> list[OutputFile]:
    # Both files come from one pass over the records (their term codes must agree), made when
    # the first of them is written.
    data = cache(partial(search_data, catalogue, linker, pages))
    return [OutputFile(urls.SEARCH_INDEX, lambda: json_text(data().index)),
            OutputFile(urls.SEARCH_RECORDS, lambda: json_text(data().records))]
