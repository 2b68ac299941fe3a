"""The words of the case studies, for the Find page's text search.

The Find index holds no text to search: every record's words would take it past the 1.5 MB
budget for the first results long before 10,000 records (titles and summaries alone are about
130 bytes a record compressed, with real prose). So the words of every text a reader sees on a
record page (title, summary, places, organisations, context, description, outcomes, lessons,
barriers, enablers, evidence, funding) sit in a fixed number of shard files, each word in the
shard its first two characters choose, and find.js fetches only the shards of the words a
reader types. A typed word matches the words it begins ("cardiff" finds "Cardiff's"), as
readers expect of a text search.

The shard of a word is a rule shared with find.js (`casebookWordShard`), tested on the same
words in both. The number of shards is fixed, so the list of files is known without reading a
record, and a build makes their contents when it writes them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..catalogue import Catalogue
from ..content.markdown import to_html
from ..content.model import CaseStudy
from . import urls
from .exports import json_text
from .folding import search_form
from .pages import OutputFile

SHARDS = 64
# A shard is chosen by two characters; a typed single character narrows nothing.
MIN_LENGTH = 2
# A word: letters and digits, joined by hyphens or apostrophes ("co-responding", "service's").
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_PART = re.compile(r"[^\W_]+")
# cmark's safe mode writes only its own tags, and escapes every < in the text.
_TAG = re.compile(r"<[^>]*>")


def shard(word: str) -> int:
    """The shard of a word (as search_form gives it): from the code points of its first two
    characters, so every word a typed prefix begins is in the prefix's shard."""
    first, second = (ord(c) for c in word[:2])
    return (first * 31 + second) % SHARDS


def _markdown_text(text: str) -> str:
    return html.unescape(_TAG.sub(" ", to_html(text)))


def record_text(record: CaseStudy) -> Iterator[str]:
    """Every text of a record a reader can search, Markdown as its words."""
    yield from (record.title, record.summary, *record.areas, *(ref.name for ref in record.organisations))
    yield from (_markdown_text(text) for text in (record.context, record.description, record.evidence.caveats or ""))
    yield from (outcome.text for outcome in record.outcomes)
    yield from (note.text for note in (*record.lessons, *record.barriers, *record.enablers))
    yield from (text for text in (record.evidence.summary, record.evidence.by) if text)
    yield from (funding.source for funding in record.funding)


def words(text: str) -> set[str]:
    """The searchable words of a text (as search_form gives it): each word, and each part of a
    joined word, of MIN_LENGTH characters or more."""
    found = set()
    for word in _WORD.findall(text):
        found.add(word)
        found.update(_PART.findall(word))
    return {word for word in found if len(word) >= MIN_LENGTH}


@dataclass
class WordIndex:
    """Each shard: its words in code point order, with the positions (in the Find index) of the
    records that use them."""

    catalogue: Catalogue
    shards: list[dict[str, list[int]]] = field(default_factory=lambda: [{} for _ in range(SHARDS)])

    def __post_init__(self) -> None:
        for position, record in enumerate(self.catalogue.records):
            for word in words(search_form(" ".join(record_text(record)))):
                self.shards[shard(word)].setdefault(word, []).append(position)

    def shard_json(self, number: int) -> str:
        """Positions delta-coded (each the step from the one before), which compresses well."""
        found = self.shards[number]
        ordered = sorted(found)
        steps = [[position - before for before, position in zip([0, *positions], positions, strict=False)]
                 for positions in (found[word] for word in ordered)]
        return json_text({"words": ordered, "records": steps})


def word_directory(href: Callable[[str], str]) -> dict[str, Any]:
    """What find.js needs to search the text: the shortest word worth it, and the shards'
    addresses (`href` makes them relative to the Find page), in shard order."""
    return {"min": MIN_LENGTH, "files": [href(urls.find_words(number)) for number in range(SHARDS)]}


def word_files(catalogue: Catalogue) -> list[OutputFile]:
    built: list[WordIndex] = []

    def index() -> WordIndex:
        # Made once, when the first shard is written: listing the files needs no record read.
        if not built:
            built.append(WordIndex(catalogue))
        return built[0]

    def maker(number: int) -> OutputFile:
        return OutputFile(urls.find_words(number), lambda: index().shard_json(number))

    return [maker(number) for number in range(SHARDS)]
