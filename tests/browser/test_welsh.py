"""A reader moving between the English and Welsh sites, and using the Find page in Welsh (issue 19)."""

from __future__ import annotations

from typing import Any

import pytest
from browser_support import axe_violations, open_page
from playwright.sync_api import Browser, Page, expect
from propose_form import ready
from support import ROOT

from generator.content.schema import FORBIDDEN_CHARACTERS
from generator.content.validate import validate_library
from generator.i18n.catalogues import load_translations
from generator.i18n.languages import WELSH

pytestmark = pytest.mark.browser

# The shipped records with a Welsh version (a `cy:` block).
WELSH_RECORDS = sorted(path.stem for path in (ROOT / "content/case-studies").glob("*.yaml")
                       if "\ncy:\n" in path.read_text(encoding="utf-8"))

# Home, a Welsh record, an English-only record, a listing, the Find page, an organisation page.
PAGES = ["", "case-studies/gwent-joint-response-unit/",
         "case-studies/avon-fire-headquarters-at-police-headquarters-portishead/", "services/fire/", "find/",
         "organisations/gwent-police/"]


@pytest.mark.parametrize("path", PAGES)
def test_the_language_switch_leads_to_the_same_page_and_back(browser: Browser, site_url: str, path: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + path)
    switch = page.locator("a.cb-language__link")
    expect(switch).to_have_attribute("hreflang", "cy")
    # From the keyboard: the link takes focus and Enter follows it.
    switch.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_url + "cy/" + path)
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    back = page.locator("a.cb-language__link")
    expect(back).to_have_attribute("hreflang", "en")
    back.click()
    expect(page).to_have_url(site_url + path)
    page.context.close()
    assert errors == []


def test_the_welsh_find_page_filters_with_welsh_labels(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + "cy/find/")
    expect(page.locator("label[for='cb-region-wales']")).to_contain_text("Cymru")
    page.locator("#cb-region-wales").check()
    expect(page).to_have_url(site_url + "cy/find/?region=wales")
    results = page.locator(".cb-card:not([hidden]) .cb-card__title a")
    expect(results.first).to_be_visible()
    titles = results.all_inner_texts()
    assert "Uned ymateb ar y cyd Gwent" in titles
    # The cards' region labels are the Welsh ones, and result links stay on the Welsh site.
    expect(page.locator(".cb-card:not([hidden]) [data-facet='region']").first).to_contain_text("Cymru")
    assert all(href.startswith("../case-studies/") for href in
               results.evaluate_all("links => links.map(link => link.getAttribute('href'))"))
    # Cards the script draws say which records' text is English (those without Welsh) and only those.
    page.locator("#cb-region-wales").uncheck()
    page.locator("#cb-service-fire").check()
    expect(page).to_have_url(site_url + "cy/find/?service=fire")
    marks = results.evaluate_all("links => links.map(link => [link.getAttribute('href'), link.getAttribute('lang'), "
                                 "link.closest('li').querySelector('[data-slot=summary]').getAttribute('lang')])")
    welsh = {f"../case-studies/{slug}/" for slug in WELSH_RECORDS}
    assert any(lang == "en" for _, lang, _ in marks) and any(href in welsh for href, _, _ in marks)
    assert all((title, summary) == ((None, None) if href in welsh else ("en", "en")) for href, title, summary in marks)
    page.context.close()
    assert errors == []


def _answer(page: Page, answers: dict[str, str | bool]) -> list[str]:
    """Answer one step by its controls' ids (the same in every language) and continue; what the
    error summary then says."""
    for control, answer in answers.items():
        field = page.locator(f"#{control}")
        if answer is True:
            field.check()
        elif field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value=str(answer))
        else:
            field.fill(str(answer))
    page.locator("[data-continue]:visible").click()
    return page.locator("#cb-error-summary:visible a").all_inner_texts()


def _propose_in_welsh(page: Page, site_url: str) -> dict[str, Any]:
    page.goto(site_url + "cy/propose/")
    ready(page)
    summary = "Mae diffoddwyr tân yng ngorllewin Cernyw yn ymateb i ataliadau ar y galon gyda'r ambiwlans."
    refused = {"title": _answer(page, {"cb-title": "Cyd-ymateb\u200b yng Nghernyw", "cb-summary": summary,
                                       "cb-collaboration-types-first-response": True})}
    _answer(page, {"cb-title": "Cyd-ymateb yng Nghernyw"})
    _answer(page, {"cb-services-fire": True, "cb-services-ambulance": True,
                   "cb-organisations-0-name": "Cornwall Fire and Rescue Service", "cb-organisations-0-service": "fire",
                   "cb-organisations-1-name": "South Western Ambulance Service NHS Foundation Trust",
                   "cb-organisations-1-service": "ambulance"})
    refused["date"] = _answer(page, {"cb-regions-south-west": True, "cb-status-completed": True,
                                     "cb-started": "2019/04", "cb-ended": "2021-03"})
    _answer(page, {"cb-started": "2019-04"})
    _answer(page, {"cb-context": "Roedd ataliadau ar y galon yng ngorllewin Cernyw yn aml yn aros dros 20 munud.",
                   "cb-description": "Cafodd diffoddwyr tân ar alwad eu hyfforddi i ymateb gyda'r ambiwlans.",
                   "cb-outcomes-0-text": "Ataliadau ar y galon a fynychwyd", "cb-outcomes-0-value": "312",
                   "cb-outcomes-0-unit": "count"})
    _answer(page, {"cb-lessons-0-theme": "workforce-and-training",
                   "cb-lessons-0-text": "Roedd angen hyfforddiant gloywi bob chwe mis."})
    _answer(page, {"cb-result-promising": True, "cb-evidence-level-self-reported": True,
                   "cb-evidence-summary": "Ffigurau'r gwasanaeth tân ei hun."})
    _answer(page, {"cb-sources-0-title": "Cyd-ymateb yng Nghernyw", "cb-sources-0-url": "https://example.org/"})
    page.locator("[data-step='check']").wait_for(state="visible")
    answers = page.locator(".cb-summary__row")
    shown = dict(zip(answers.locator("dt").all_inner_texts(), answers.locator(".cb-summary__value").all_inner_texts(),
                     strict=True))
    page.locator("[data-create]").click()
    return {"refused": refused, "shown": shown, "file": page.locator("[data-output='yaml']").text_content()}


def test_the_welsh_form_checks_shows_and_writes_in_welsh_with_ids_in_the_file(browser: Browser,
                                                                             site_url: str) -> None:
    """The answers are checked, shown to check and written by the script: its messages, the schema's
    and the choices' names are Welsh on the Welsh page, and the file holds the ids."""
    translations, _ = load_translations(ROOT / "site_theme" / "locale", WELSH, "site_theme/locale")
    assert translations is not None
    taxonomy = validate_library(ROOT).taxonomy
    assert taxonomy is not None
    page, errors = open_page(browser)
    seen = _propose_in_welsh(page, site_url)
    page.context.close()
    assert seen["refused"] == {
        "title": [f"Teitl: {translations.gettext(FORBIDDEN_CHARACTERS)}"],
        "date": ["Dechreuodd: ysgrifennwch y dyddiad fel BBBB, BBBB-MM neu BBBB-MM-DD, er enghraifft 2024 neu 2024-05"]}
    shown = seen["shown"]
    assert shown["Mathau o gydweithio"] == taxonomy.collaboration_types["first-response"]["name_cy"]
    assert shown["Gwasanaethau"] == "\n".join(taxonomy.services[key]["name_cy"] for key in ("fire", "ambulance"))
    assert shown["Statws"] == taxonomy.statuses["completed"]["name_cy"]
    assert taxonomy.themes["workforce-and-training"]["name_cy"] in shown.values()
    assert "Nifer o bethau (cyfrif)" in shown.values()
    file = seen["file"]
    for line in ('collaboration_types: ["first-response"]', 'services: ["fire", "ambulance"]', 'status: "completed"',
                 '    unit: "count"', '  - theme: "workforce-and-training"', '  level: "self-reported"'):
        assert f"\n{line}\n" in file
    assert errors == []


def test_the_welsh_header_search_finds_welsh_pages_only(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url)
            if "/search/" in request.url or "/find/words/" in request.url else None)
    page.goto(site_url + "cy/about/")
    page.keyboard.press("/")
    # The Welsh title of a record with a Welsh version; the English site has no page saying it.
    page.keyboard.type("Abertyleri", delay=20)
    expect(page.locator("#cb-search-status")).to_contain_text("Abertyleri", timeout=15_000)
    paths = page.eval_on_selector_all("#cb-search-results [role=option]",
                                      "options => options.map(o => new URL(o.dataset.href).pathname)")
    assert "/cy/case-studies/abertillery-emergency-services-station/" in paths
    assert all(path.startswith("/cy/") for path in paths)
    # The Welsh site's own search data and word shards, found from the page.
    assert any(url.startswith(site_url + "cy/search/") for url in requested)
    assert all(url.startswith(site_url + "cy/") for url in requested)
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("path", ["cy/", "cy/case-studies/gwent-joint-response-unit/",
                                  "cy/case-studies/avon-fire-headquarters-at-police-headquarters-portishead/",
                                  "cy/find/", "cy/about/", "404.html"])
def test_welsh_pages_and_the_bilingual_404_have_no_wcag_violations(browser: Browser, site_url: str,
                                                                     path: str) -> None:
    page, errors = open_page(browser)
    page.goto(site_url + path)
    assert axe_violations(page) == []
    page.context.close()
    assert errors == []
