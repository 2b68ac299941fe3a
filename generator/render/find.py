"""The index behind the "Find case studies" page: one compact JSON file the browser filters.

Material's search index cannot filter and grows to 25.7 MB at 10,000 pages. Pagefind was the
alternative considered; it needs its own binary and an indexing step after every build. This
index holds only what filtering, counting and listing need: column arrays, vocabulary values as
small integer codes, summaries clipped, and every link the page needs. Measured on the
benchmark's synthetic records: 1,000 records, 0.65 MB raw / 0.07 MB gzip; 10,000 records,
6.5 MB raw / 0.66 MB gzip (the links add 0.06 MB of that).
Synthetic text repeats a small vocabulary, so real prose compresses less well; at twice that
size it would still be inside the 1.5 MB budget for the first results at 10,000 records.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from typing import Any

from ..catalogue import Catalogue
from ..content.model import CaseStudy
from ..facets import FACETS, SORTS, Facet
from . import urls
from .pages import OutputFile

SUMMARY_LIMIT = 160


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper().lower()
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return bare.replace("ς", "σ")


def search_form(text: str) -> str:
    """Text as Find compares it: compatibility forms folded (ﬃ is ffi), case folded by full
    mappings (ß is ss: upper case then lower, since JavaScript has no casefold), accents
    (nonspacing marks) dropped (ό is ο), final sigma as sigma. find.js's casebookSearchForm
    does exactly this, and a test runs both on the same texts; keep the two the same.

    Word by word, because no step reaches across a space, and an ASCII word (most of them)
    needs only lower(): the full steps cost a hundred times more."""
    return " ".join(word.lower() if word.isascii() else _folded(word) for word in text.split(" "))


def _search_text(record: CaseStudy) -> str:
    parts = [record.title, record.summary, *record.areas, *(o.name for o in record.organisations)]
    return search_form(" ".join(parts))


def _clip(text: str) -> str:
    return text if len(text) <= SUMMARY_LIMIT else text[: SUMMARY_LIMIT - 1].rstrip() + "…"


def _facet(catalogue: Catalogue, facet: Facet, href: Callable[[str], str]) -> dict[str, Any]:
    """A facet as find.js needs it: its terms with their listing pages and feeds, and each
    record's values as codes (positions in the term list)."""
    terms = list(catalogue.terms(facet).values())
    codes = {term.id: code for code, term in enumerate(terms)}
    folder = facet.folder
    return {
        "param": facet.param, "label": facet.label,
        "terms": [[term.id, term.name, href(urls.facet_page(facet, term.id)) if folder else None,
                   href(urls.term_feed(folder, term.id)) if folder else None] for term in terms],
        "records": [[codes[value] for value in facet.values(r)] for r in catalogue.records],
    }


def find_index(catalogue: Catalogue, linker: urls.Linker) -> dict[str, Any]:
    """Everything find.js filters, counts, sorts and links with. Links are relative to the Find
    page, which loads the index: the browser follows them as they are and builds none."""
    taxonomy = catalogue.taxonomy
    records = catalogue.records

    def href(src: str) -> str:
        return linker.href(urls.FIND_PAGE, src)

    return {
        "facets": [_facet(catalogue, facet, href) for facet in FACETS],
        "sorts": [{"key": s.key, "column": s.column, "descending": s.descending} for s in SORTS],
        "evidence": [[term.id, term.name] for term in taxonomy.evidence_levels.values()],
        "slug": [r.slug for r in records],
        "href": [href(urls.record_page(r.slug)) for r in records],
        "title": [r.title for r in records],
        "summary": [_clip(r.summary) for r in records],
        "text": [_search_text(r) for r in records],
        "started": [r.started for r in records],
        "reviewed": [r.last_reviewed for r in records],
        "evidence_level": [taxonomy.evidence_rank(r.evidence.level) for r in records],
    }


def find_files(catalogue: Catalogue, linker: urls.Linker) -> list[OutputFile]:
    def text() -> str:
        return json.dumps(find_index(catalogue, linker), ensure_ascii=False, separators=(",", ":")) + "\n"

    return [OutputFile(urls.FIND_INDEX, text)]
