"""Every interface string of the generated pages goes through the catalogue: rendered in Welsh, no
page's chrome keeps an English message (issue 19). Records and vocabularies are the library's own
text, English where they have no Welsh yet: a message that also occurs in them is not looked for."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from support import ROOT

from generator.catalogue import Catalogue
from generator.content.validate import validate_library
from generator.i18n.catalogues import catalogue_file, load_translations, read_catalogue
from generator.i18n.languages import WELSH
from generator.render import PageRenderer, RenderOptions, urls
from generator.render.find import find_files
from generator.render.reference import field_rows
from generator.render.script_text import MESSAGES, script_messages
from generator.render.tables import TABLES, guard
from generator.render.theme_text import theme_extra

LOCALE = ROOT / "site_theme" / "locale"
SECTIONS = {"home": "index.md", "evidence": "evidence.md", "data": "data.md", "fields": "contribute.md",
            "propose": "propose.md"}
# A placeholder, a tag or an escape: what separates the words of a message that a page shows as written.
_BETWEEN = re.compile(r"%\(\w+\)s|%%|<[^>]+>")
_MARKED_ENGLISH = re.compile(r'<(span|p|div|a|li)\b[^>]*\blang="en"[^>]*>.*?</\1>', re.S)


def _renderer(translations: object = None) -> PageRenderer:
    library = validate_library(ROOT, today=dt.date(2026, 12, 7))
    assert library.taxonomy is not None and library.schema is not None, library.problems
    catalogue = Catalogue.published(library.taxonomy, library.records)
    options = RenderOptions(site_url="https://casebook.example/", repo_url="https://github.com/example/casebook")
    if translations is None:
        return PageRenderer(catalogue, ROOT / "site_theme" / "casebook", options, library.schema)
    return PageRenderer(catalogue, ROOT / "site_theme" / "casebook", replace(options, language=WELSH),
                        library.schema, translations=translations)  # type: ignore[arg-type]


@cache
def welsh_output() -> str:
    """Every generated page, every section of a hand-written page, the Find page's data and the
    theme's text, in Welsh."""
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
    # Text marked as English is English by intent: a record not yet translated, the name of the
    # English-only GitHub form.
    return html.unescape(_MARKED_ENGLISH.sub("", "\n".join(parts)))


def _catalogue() -> Catalog:
    catalog, problems = read_catalogue(LOCALE / catalogue_file(WELSH), "cy", WELSH)
    assert problems == [] and catalog is not None
    return catalog


def _content_text() -> str:
    """Text in English only: records and vocabularies as their files have it, and the reference
    of the record format (the schema, and the table of fields made from it) and of the data tables."""
    content = ROOT / "content"
    files = sorted((content / "case-studies").glob("*.yaml")) + sorted((content / "taxonomy").glob("*"))
    library = validate_library(ROOT, today=dt.date(2026, 12, 7))
    tables = [(table.description, [column.english for column in table.columns]) for table in TABLES]
    # The proposal form shows the schema's descriptions as hints, capitalised.
    hints = [text.removeprefix("Markdown: ").capitalize() for text in _strings(library.schema)]
    return "\n".join([path.read_text(encoding="utf-8") for path in files]
                     + [json.dumps([library.schema, hints, field_rows(library.schema or {}), tables, guard()],
                                   ensure_ascii=False)])


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [text for item in items for text in _strings(item)]


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


def test_the_test_finds_english_in_an_english_page() -> None:
    """The same search over the English pages finds the messages: the test above can fail."""
    renderer = _renderer()
    output = html.unescape("\n".join(str(page.content) for page in [renderer.find(), renderer.insights()]))
    found = {phrase for phrase in english_phrases(_catalogue())
             if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", output)}
    assert {"Strength of evidence", "Clear all filters", "Services and regions"} <= found


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
