"""The scripts' text in the browser: assets/messages.js reads the messages a page carries, in the
language it was built in, and picks a count's plural form with the browser's own rules (issue 19)."""

from __future__ import annotations

import gettext

from playwright.sync_api import Page
from support import ROOT

from generator.i18n.catalogues import load_translations
from generator.i18n.languages import ENGLISH, WELSH
from generator.render.script_text import messages_element

MESSAGES_JS = ROOT / "site_theme" / "overrides" / "assets" / "messages.js"


def _page_with(page: Page, element: str) -> None:
    page.set_content(f"<!doctype html><html><head></head><body>{element}</body></html>")
    page.add_script_tag(path=str(MESSAGES_JS))


def _results(page: Page, count: int) -> str:
    return str(page.evaluate("(count) => casebookText('search.results', { count, query: 'tân' })", count))


def test_a_welsh_page_gives_each_count_its_welsh_plural_form(page: Page) -> None:
    translations, problems = load_translations(ROOT / "site_theme" / "locale", WELSH, "site_theme/locale")
    assert problems == [] and translations is not None
    _page_with(page, messages_element("search", translations, WELSH))
    assert [_results(page, count) for count in (1, 2, 3, 6, 11)] == [
        "1 canlyniad ar gyfer “tân”.", "2 ganlyniad ar gyfer “tân”.", "3 chanlyniad ar gyfer “tân”.",
        "6 chanlyniad ar gyfer “tân”.", "11 canlyniad ar gyfer “tân”."]


def test_an_english_page_speaks_english(page: Page) -> None:
    _page_with(page, messages_element("search", gettext.NullTranslations(), ENGLISH))
    assert [_results(page, count) for count in (1, 2)] == ["1 result for “tân”.", "2 results for “tân”."]
    assert page.evaluate("casebookText('search.type')") == "Type to search."


def test_a_message_the_page_lacks_is_an_error_not_silence(page: Page) -> None:
    _page_with(page, messages_element("search", gettext.NullTranslations(), ENGLISH))
    assert page.evaluate("() => { try { casebookText('find.show', { count: 1 }); return ''; } "
                         "catch (error) { return error.message; } }") == 'The page carries no message "find.show"'
