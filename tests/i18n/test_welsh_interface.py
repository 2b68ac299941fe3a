"""Every interface string of the generated pages goes through the catalogue: rendered in Welsh, no
page's chrome keeps an English message (issue 19). Records and vocabularies are the library's own
text, English where they have no Welsh yet: a message that also occurs in them is not looked for.

Interface text written in Python (the record schema's words, the data tables' descriptions) is
looked for as its published English too, marked as English or not, so text that never reached the
catalogue is found; and every choice a Welsh page offers must go by its term's Welsh name."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from bs4 import BeautifulSoup
from support import ROOT

from generator.catalogue import Catalogue
from generator.content.validate import Library, validate_library
from generator.i18n.catalogues import catalogue_file, load_translations, read_catalogue
from generator.i18n.languages import WELSH
from generator.render import PageRenderer, RenderOptions, urls
from generator.render.find import find_files
from generator.render.script_text import MESSAGES, script_messages
from generator.render.tables import TABLES, guard
from generator.render.theme_text import theme_extra

LOCALE = ROOT / "site_theme" / "locale"
SECTIONS = {"home": "index.md", "evidence": "evidence.md", "data": "data.md", "fields": "contribute.md",
            "propose": "propose.md"}
# A placeholder, a tag or an escape: what separates the words of a message that a page shows as written.
_BETWEEN = re.compile(r"%\(\w+\)s|%%|<[^>]+>")
_MARKED_ENGLISH = re.compile(r'<(span|p|div|a|li)\b[^>]*\blang="en"[^>]*>.*?</\1>', re.S)


@cache
def _library() -> Library:
    return validate_library(ROOT, today=dt.date(2026, 12, 7))


def _renderer(translations: object = None) -> PageRenderer:
    library = _library()
    assert library.taxonomy is not None and library.schema is not None, library.problems
    catalogue = Catalogue.published(library.taxonomy, library.records)
    options = RenderOptions(site_url="https://casebook.example/", repo_url="https://github.com/example/casebook")
    if translations is None:
        return PageRenderer(catalogue, ROOT / "site_theme" / "casebook", options, library.schema)
    return PageRenderer(catalogue, ROOT / "site_theme" / "casebook", replace(options, language=WELSH),
                        library.schema, translations=translations)  # type: ignore[arg-type]


@cache
def welsh_pages() -> str:
    """Every generated page, every section of a hand-written page, the Find page's data and the
    theme's text, in Welsh, as they are written (HTML, and JSON for the scripts)."""
    translations, problems = load_translations(LOCALE, WELSH, "site_theme/locale")
    assert problems == [] and translations is not None
    renderer = _renderer(translations)
    parts = [str(page.content) for page in renderer.all_pages()]
    parts += [renderer.section(name, src) for name, src in SECTIONS.items()]
    # What find.js shows from its data: facet and sort labels, the kinds of note.
    data = {file.path: json.loads(file.content) for file in find_files(renderer.catalogue, renderer.linker,
                                                                        renderer.formats)
            if file.path in (urls.FIND_INDEX, urls.FIND_LESSONS)}
    parts += [item["label"] for item in data[urls.FIND_INDEX]["facets"] + data[urls.FIND_INDEX]["sorts"]]
    parts += [kind["name"] for kind in data[urls.FIND_LESSONS]["kinds"]]
    parts.append(json.dumps(theme_extra(translations, WELSH), ensure_ascii=False))
    return "\n".join(parts)


def welsh_output() -> str:
    """The Welsh pages without the text marked as English, which is English by intent: a record
    not yet translated, the name of the English-only GitHub form."""
    return html.unescape(_MARKED_ENGLISH.sub("", welsh_pages()))


def _catalogue() -> Catalog:
    catalog, problems = read_catalogue(LOCALE / catalogue_file(WELSH), "cy", WELSH)
    assert problems == [] and catalog is not None
    return catalog


@cache
def _content_text() -> str:
    """Text in English only: the records and vocabularies as their files have it."""
    content = ROOT / "content"
    files = sorted((content / "case-studies").glob("*.yaml")) + sorted((content / "taxonomy").glob("*"))
    return "\n".join(path.read_text(encoding="utf-8") for path in files)


def _interface_english() -> list[str]:
    """Interface text the project writes in Python rather than in templates, in English as the
    published files give it: what the record schema says about each field (its descriptions,
    format advice, error messages and the names of its choices), and what the data tables and their
    columns hold, with the note on formulas."""
    texts = [text for key, value in _keyed(_library().schema) if key in _SCHEMA_WORDS
             for text in (value if isinstance(value, list) else [value]) if isinstance(text, str)]
    texts += [guard()] + [text for table in TABLES for text in [table.description, *(c.english for c in table.columns)]]
    # Each sentence or clause, as the proposal form's hints cut and capitalise them.
    clauses = {clause.strip(" .,:;") for text in texts
               for clause in re.split(r"(?<=[.;])\s|\bMarkdown: |, in quotes", text)}
    return sorted(clause for clause in clauses if re.search(r"[A-Za-z]{2}", clause))


_SCHEMA_WORDS = ("description", "errorMessage", "patternErrorMessage", "enumNames")


def _keyed(value: object) -> list[tuple[str, object]]:
    """Every value in a schema with the key it is under, but for its examples (a record's text)."""
    if isinstance(value, dict):
        return [pair for name, item in value.items() if name != "examples"
                for pair in [(name, item), *_keyed(item)]]
    if isinstance(value, list):
        return [pair for item in value for pair in _keyed(item)]
    return []


def _found(phrase: str, text: str) -> bool:
    """The phrase is in the text as whole words, whether its first letter is a capital or not."""
    first = re.escape(phrase[0].lower()) + "|" + re.escape(phrase[0].upper())
    return re.search(rf"(?<![\w-])(?:{first}){re.escape(phrase[1:])}(?![\w-])", text) is not None


def english_phrases(catalog: Catalog) -> dict[str, str]:
    """Each message's words between placeholders and tags, that its translation does not share."""
    content = _content_text()
    phrases: dict[str, str] = {}
    for message in catalog:
        if not message.id:
            continue
        ids = [str(text) for text in (message.id if isinstance(message.id, tuple) else (message.id,))]
        strings = [str(text) for text in (message.string if isinstance(message.string, tuple) else (message.string,))]
        for text in ids:
            for phrase in (part.strip(" .,:;()") for part in _BETWEEN.split(text)):
                if (re.search(r"[A-Za-z]{2}", phrase) and not any(phrase in string for string in strings)
                        and not re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", content)):
                    phrases[phrase] = str(ids[0])
    return phrases


def test_no_english_message_reaches_a_welsh_page() -> None:
    output = welsh_output()
    left = {phrase: msgid for phrase, msgid in english_phrases(_catalogue()).items()
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", output)}
    assert left == {}


def test_no_interface_text_is_left_in_english_on_a_welsh_page() -> None:
    """What the schema and the data tables say reaches a Welsh page in Welsh: as interface text, it
    is not English by intent even where it is marked as English."""
    content, output = _content_text(), html.unescape(welsh_pages())
    left = [phrase for phrase in _interface_english() if not _found(phrase, content) and _found(phrase, output)]
    assert left == []


def _english_names() -> set[str]:
    """The English names of the terms that have Welsh names of their own."""
    taxonomy = _library().taxonomy
    assert taxonomy is not None
    return {term.name for field in dataclasses.fields(taxonomy) if field.type == "dict[str, Term]"
            for term in getattr(taxonomy, field.name).values() if term.name_in(WELSH.code) != term.name}


def _choices(pages: str) -> set[str]:
    """What the pages' options, checkboxes and radio buttons are called (their labels' own text)."""
    choices = BeautifulSoup(pages, "html.parser").select("option, label")
    return {" ".join("".join(choice.find_all(string=True, recursive=False)).split()) for choice in choices}


def test_every_choice_is_named_in_welsh_on_a_welsh_page() -> None:
    """A choice a Welsh page offers (the proposal form's, the Find page's) goes by its term's Welsh
    name, never by the English one."""
    choices = _choices(welsh_pages())
    assert len(choices) > 100 and choices & _english_names() == set()


def test_the_tests_find_english_in_english_pages() -> None:
    """The same searches over the English pages find what they look for: the tests above can fail."""
    renderer = _renderer()
    output = html.unescape("\n".join(str(page.content) for page in [renderer.find(), renderer.insights()]))
    found = {phrase for phrase in english_phrases(_catalogue())
             if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", output)}
    assert {"Strength of evidence", "Clear all filters", "Services and regions"} <= found
    sections = html.unescape("\n".join(renderer.section(name, src) for name, src in SECTIONS.items()))
    assert {"The name of the collaboration, in plain text", "What it measures (the column of the evidence and gap map)",
            "its lists are in the other tables"} <= {
        phrase for phrase in _interface_english() if _found(phrase, sections)}
    assert {"Police", "No evidence yet", "Workforce and training"} <= _choices(sections) & _english_names()


@pytest.mark.parametrize("group", sorted(MESSAGES))
def test_the_scripts_get_their_messages_in_welsh_with_every_plural_form(group: str) -> None:
    translations, _ = load_translations(LOCALE, WELSH, "site_theme/locale")
    assert translations is not None
    data = script_messages(group, translations, WELSH)
    assert data["lang"] == "cy"
    messages = data["messages"]
    assert isinstance(messages, dict)
    plurals = [message for message in messages.values() if isinstance(message, dict)]
    assert all(set(message) == {"zero", "one", "two", "few", "many", "other"} for message in plurals)


def test_a_welsh_plural_takes_the_form_for_its_count() -> None:
    translations, _ = load_translations(LOCALE, WELSH, "site_theme/locale")
    assert translations is not None
    results = script_messages("search", translations, WELSH)["messages"]["results"]  # type: ignore[index]
    assert results["two"] == "%(count)s ganlyniad ar gyfer “%(query)s”."
    assert results["few"] == "%(count)s chanlyniad ar gyfer “%(query)s”."


def test_the_welsh_find_page_carries_its_messages_and_no_english_for_its_script(tmp_path: Path) -> None:
    translations, _ = load_translations(LOCALE, WELSH, "site_theme/locale")
    page = str(_renderer(translations).find().content)
    element = re.search(r'<script type="application/json" class="cb-messages" data-group="find">(.*?)</script>',
                        page)
    assert element is not None
    messages = json.loads(element.group(1))["messages"]
    assert messages["removeFilter"] == "Tynnu'r hidlydd: "
    assert messages["count.organisation"]["other"] == "%(count)s sefydliad"
