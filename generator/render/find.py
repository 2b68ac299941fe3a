"""The index behind the "Find case studies" page: one compact JSON file the browser filters.

Material's search index cannot filter and grows to 25.7 MB at 10,000 pages. Pagefind was the
alternative considered; it needs its own binary and an indexing step after every build. This
index holds only what filtering, counting, listing and drawing result cards need: column arrays,
vocabulary values as small integer codes, summaries clipped, and every link the page needs.
What is needed only later stays out of it: the words of the records' text (`words`, a few
shards loaded as a reader types) and the lessons (`lessons`, loaded when the lessons view
opens).

Measured on the 60 shipped records, a record costs about 125 bytes of it compressed (the
benchmark's synthetic records, whose text repeats a small vocabulary, far less): about 1.25 MB
at 10,000 records of real prose, inside the 1.5 MB budget for the first results with the page
itself. Most of it is the summaries (about 60 bytes a record) and titles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..catalogue import Catalogue
from ..facets import FIND_FACETS, SORTS, Facet
from ..i18n.formats import Formats
from ..i18n.localise import language_of
from . import urls
from .exports import json_text
from .lessons import lessons_files
from .pages import OutputFile
from .results import PAGE_SIZE, clip
from .words import word_directory, word_files


def _facet(catalogue: Catalogue, facet: Facet, href: Callable[[str], str],
           gettext: Callable[[str], str]) -> dict[str, Any]:
    """A facet as find.js needs it: its label in the page's language, its terms with their pages,
    feeds and tones, and each record's values as codes (positions in the term list)."""
    terms = list(catalogue.terms(facet).values())
    codes = {term.id: code for code, term in enumerate(terms)}
    folder = facet.folder
    # Listings of vocabulary terms have feeds; organisation pages do not.
    feeds = None if facet.registered else folder
    return {
        "param": facet.param, "label": gettext(facet.label),
        "terms": [{"id": term.id, "name": term.name, "href": href(urls.facet_page(facet, term.id)) if folder else None,
                   "feed": href(urls.term_feed(feeds, term.id)) if feeds else None,
                   "tone": term.get("tone")} for term in terms],
        "records": [[codes[value] for value in facet.values(r, catalogue.taxonomy)] for r in catalogue.records],
    }


def _text_languages(catalogue: Catalogue, page_language: str) -> dict[str, list[int]]:
    """The records written in another language than the page's (English ones on the Welsh site),
    by language, as positions: find.js marks their cards with it."""
    found: dict[str, list[int]] = {}
    for position, record in enumerate(catalogue.records):
        language = language_of(record.title, page_language)
        if language != page_language:
            found.setdefault(language, []).append(position)
    return found


def find_index(catalogue: Catalogue, linker: urls.Linker, formats: Formats | None = None) -> dict[str, Any]:
    """Everything find.js filters, counts, sorts, draws and links with. Links are relative to the
    Find page, which loads the index: the browser follows them as they are and builds none.
    Dates are written as `formats` (the page's language; by default the source language) writes them."""
    formats = formats or Formats.source()
    taxonomy = catalogue.taxonomy
    records = catalogue.records

    def href(src: str) -> str:
        return linker.href(urls.FIND_PAGE, src)

    other_languages = _text_languages(catalogue, formats.language.code)
    return {
        "facets": [_facet(catalogue, facet, href, formats.gettext) for facet in FIND_FACETS],
        "sorts": [{"key": s.key, "label": formats.gettext(s.label), "column": s.column, "descending": s.descending}
                  for s in SORTS],
        "evidence": [{"id": term.id, "name": term.name, "tone": term.get("tone")}
                     for term in taxonomy.evidence_levels.values()],
        "page_size": PAGE_SIZE,
        # Each record's page, which also names it (the slug is its last part): no slug column.
        "href": [href(urls.record_page(r.slug)) for r in records],
        "title": [r.title for r in records],
        "summary": [clip(r.summary) for r in records],
        "dates": [formats.span(r.started, r.ended) for r in records],
        "started": [r.started for r in records],
        "reviewed": [r.last_reviewed for r in records],
        "evidence_level": [taxonomy.evidence_rank(r.evidence.level) for r in records],
        "notes": [len(r.lessons) + len(r.barriers) + len(r.enablers) for r in records],
        # Only a preview includes drafts: a published index lists none.
        "drafts": [position for position, r in enumerate(records) if r.draft],
        "views": {"param": urls.FIND_VIEW, "lessons": urls.LESSONS_VIEW, "lessons_data": href(urls.FIND_LESSONS)},
        "words": word_directory(href),
    } | ({"text_lang": other_languages} if other_languages else {})


def find_files(catalogue: Catalogue, linker: urls.Linker, formats: Formats) -> list[OutputFile]:
    def text() -> str:
        return json_text(find_index(catalogue, linker, formats))

    return [OutputFile(urls.FIND_INDEX, text), *word_files(catalogue), *lessons_files(catalogue, formats.gettext)]
