"""The "Find case studies" page: its index, and filtering in a real browser."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from browser_support import axe_violations, open_page, served
from playwright.sync_api import Browser, Page, Route, expect
from support import make_project, preview, record, run_build, slug_of

from generator.catalogue import Catalogue
from generator.content.validate import Library, validate_library
from generator.facets import FIND_FACETS, SORTS
from generator.render.find import find_index
from generator.render.folding import search_form
from generator.render.lessons import lessons_data
from generator.render.urls import Linker
from generator.render.words import WordIndex, shard, words

NAMES = {"police": "Kent Police", "fire": "Kent Fire and Rescue Service",
         "ambulance": "South East Coast Ambulance Service NHS Foundation Trust", "coastguard": "HM Coastguard"}
LEVELS = ["none", "self-reported", "internal-review", "independent-evaluation", "comparative-study"]


def scheme(n: int, services: list[str], regions: list[str], level: str, started: str, **extra: object) -> dict:
    evaluated = {"url": "https://example.org/evaluation.pdf", "by": "University of Example"} \
        if level in ("independent-evaluation", "comparative-study") else {}
    return record(title=f"Scheme {n:02d} {' '.join(services)} in {' '.join(regions)}", services=services,
                  regions=regions, evidence={"level": level, "summary": "An evaluation by a university.", **evaluated},
                  started=started, organisations=[{"name": NAMES[s], "service": s} for s in services],
                  lessons=[{"theme": "culture-and-identity", "text": f"Lesson of scheme {n:02d}."}], **extra)


# No co-responding scheme has an independent evaluation: the fire officer's search of issue 15.
RECORDS = {
    "s01": scheme(1, ["fire", "ambulance"], ["wales"], "internal-review", "2016",
                  collaboration_types=["first-response"], areas=["Hampshire"],
                  barriers=[{"theme": "funding-and-finance", "text": "Barrier of scheme 01."}]),
    "s02": scheme(2, ["fire", "ambulance"], ["wales"], "self-reported", "2018", collaboration_types=["first-response"]),
    "s03": scheme(3, ["fire", "police"], ["wales", "south-west"], "comparative-study", "2012"),
    "s04": scheme(4, ["fire", "ambulance"], ["south-east"], "self-reported", "2019",
                  collaboration_types=["first-response"]),
    "s05": scheme(5, ["police", "ambulance"], ["wales"], "internal-review", "2020",
                  context="Call handlers in Cardiff and Merthyr Tydfil answered every call from one shared room."),
    "s06": scheme(6, ["fire", "coastguard"], ["scotland"], "self-reported", "2021"),
    "s07": scheme(7, ["fire", "ambulance"], ["wales"], "none", "2022", status="proposed", result="too-early"),
    "s08": scheme(8, ["fire", "police"], ["london"], "independent-evaluation", "2015", draft=True),
    "s09": scheme(9, ["police", "ambulance"], ["south-east"], "independent-evaluation", "2014"),
}
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    project = make_project(tmp_path_factory.mktemp("find-index"), RECORDS)
    library = validate_library(project, today=dt.date(2026, 11, 24))
    assert library.errors == [] and library.taxonomy is not None
    return library


@pytest.fixture(scope="module")
def catalogue(library: Library) -> Catalogue:
    assert library.taxonomy is not None
    return Catalogue.published(library.taxonomy, library.records)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("find-site"), RECORDS)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Iterator[str]:
    with served(project / "site") as url:
        yield url + "find/"


def ready(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("#cb-find")).to_have_attribute("data-state", "ready")


def count(page: Page) -> str:
    return page.locator("#cb-find-count").inner_text()


# The index

def test_index_codes_every_published_record(catalogue: Catalogue) -> None:
    index = find_index(catalogue, Linker())
    assert sorted(slugs(index)) == sorted(slug for slug, data in RECORDS.items() if not data.get("draft"))
    service = next(facet for facet in index["facets"] if facet["param"] == "service")
    services = [term["id"] for term in service["terms"]]
    row = slugs(index).index("s03")
    assert sorted(services[code] for code in service["records"][row]) == ["fire", "police"]
    assert index["evidence_level"][row] == 4 and index["started"][row] == "2012"
    assert index["drafts"] == [] and index["notes"][slugs(index).index("s01")] == 2
    assert "text" not in index  # the words are in the shards
    assert index == find_index(catalogue, Linker())


def test_index_names_the_facets_and_sorts_of_the_registry(catalogue: Catalogue) -> None:
    index = find_index(catalogue, Linker())
    assert [(f["param"], f["label"]) for f in index["facets"]] == [(f.param, f.label) for f in FIND_FACETS]
    assert [s["key"] for s in index["sorts"]] == [s.key for s in SORTS]
    status = next(facet for facet in index["facets"] if facet["param"] == "status")
    assert all(term["href"] is None and term["feed"] is None for term in status["terms"])
    assert {term["tone"] for term in status["terms"]} <= {"positive", "info", "neutral", "caution", "negative"}


def test_organisations_are_a_facet_with_register_ids(catalogue: Catalogue) -> None:
    index = find_index(catalogue, Linker())
    organisation = next(facet for facet in index["facets"] if facet["param"] == "organisation")
    names = [term["name"] for term in organisation["terms"]]
    assert names == sorted(set(NAMES.values()), key=str.casefold)
    coastguard = next(term for term in organisation["terms"] if term["name"] == "HM Coastguard")
    assert coastguard["href"] == f"../organisations/{coastguard['id']}/" and coastguard["feed"] is None
    row = slugs(index).index("s06")
    assert organisation["terms"].index(coastguard) in organisation["records"][row]


@pytest.mark.parametrize("directory_urls, record_href, term_href", [
    (True, "../case-studies/s03/", "../services/fire/"),
    (False, "../case-studies/s03.html", "../services/fire.html")])
def test_index_carries_every_link_relative_to_the_find_page(catalogue: Catalogue, directory_urls: bool,
                                                            record_href: str, term_href: str) -> None:
    index = find_index(catalogue, Linker(directory_urls))
    assert index["href"][slugs(index).index("s03")] == record_href
    service = next(facet for facet in index["facets"] if facet["param"] == "service")
    assert {term["id"]: term["href"] for term in service["terms"]}["fire"] == term_href
    assert index["views"]["lessons_data"] == "../find/lessons.json"
    assert index["words"]["files"][7] == "../find/words/07.json"


def test_a_preview_index_marks_its_drafts(library: Library) -> None:
    assert library.taxonomy is not None
    index = find_index(Catalogue.published(library.taxonomy, library.records, include_drafts=True), Linker())
    assert [slugs(index)[position] for position in index["drafts"]] == ["s08"]


# The words of the records' text

def test_every_text_a_reader_sees_is_indexed_without_markdown_addresses(catalogue: Catalogue) -> None:
    index = WordIndex(catalogue)
    position = [r.slug for r in catalogue.records].index("s05")
    assert position in index.shards[shard("cardiff")]["cardiff"]
    assert "merthyr" in index.shards[shard("merthyr")]
    assert position in index.shards[shard("scheme")]["scheme"] and position in index.shards[shard("05")]["05"]
    assert position in index.shards[shard("kent")]["kent"]  # an organisation's name
    # The base record's description links to https://example.org/report: its text, not its address.
    assert "report" in index.shards[shard("report")] and "org" not in index.shards[shard("org")]
    data = json.loads(index.shard_json(shard("cardiff")))
    steps = data["records"][data["words"].index("cardiff")]
    assert [sum(steps[: at + 1]) for at in range(len(steps))] == index.shards[shard("cardiff")]["cardiff"]


def test_joined_words_are_found_whole_and_by_their_parts() -> None:
    assert words(search_form("Co-responding crews’ rota, at A&E.")) == {"co-responding", "co", "responding", "crews",
                                                                       "rota", "at"}


def test_lessons_data_keeps_each_records_notes_in_index_order(catalogue: Catalogue) -> None:
    data = lessons_data(catalogue)
    s01 = [r.slug for r in catalogue.records].index("s01")
    themes = [theme["id"] for theme in data["themes"]]
    kinds = [kind["name"] for kind in data["kinds"]]
    assert [(kinds[k], themes[t], text) for k, t, text in data["notes"][s01]] == [
        ("Lesson", "culture-and-identity", "Lesson of scheme 01."),
        ("Barrier", "funding-and-finance", "Barrier of scheme 01.")]


# Filtering in the browser

def expected(query: dict[str, list[str]]) -> list[str]:
    """The same filter, computed from the records."""
    found = []
    for slug, data in RECORDS.items():
        if data.get("draft"):
            continue
        if "service" in query and not set(query["service"]) & set(data["services"]):
            continue
        if "region" in query and not set(query["region"]) & set(data["regions"]):
            continue
        if "type" in query and not set(query["type"]) & set(data.get("collaboration_types", ["joint-control"])):
            continue
        if "evidence" in query and LEVELS.index(data["evidence"]["level"]) < LEVELS.index(query["evidence"][0]):
            continue
        found.append(slug)
    return sorted(found)


def shown_slugs(page: Page) -> list[str]:
    return sorted(slug_of(href) for href in page.locator("#cb-find-list > li h3 a").evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"))


def slugs(index: dict) -> list[str]:
    return [slug_of(href) for href in index["href"]]


def test_the_fire_officers_search_explains_an_empty_result(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    page.get_by_label("First response and co-responding").check()
    page.get_by_label("Independent evaluation or stronger").check()
    expect(page.locator("#cb-find-count")).to_have_text("0 case studies")
    empty = page.locator("#cb-find-empty")
    expect(empty).to_contain_text("No case studies match all of these filters.")
    by_type = expected({"evidence": ["independent-evaluation"]})
    by_evidence = expected({"type": ["first-response"]})
    assert (len(by_type), len(by_evidence)) == (2, 3)
    expect(empty.get_by_role("link")).to_have_text([
        "Without First response and co-responding: 2 case studies",
        "Without Independent evaluation or stronger: 3 case studies"])
    empty.get_by_role("link", name="Without First response and co-responding: 2 case studies").click()
    expect(page.locator("#cb-find-count")).to_have_text("2 case studies")
    assert shown_slugs(page) == by_type
    assert parse_qs(urlsplit(page.url).query) == {"evidence": ["independent-evaluation"]}
    expect(page.get_by_label("First response and co-responding")).not_to_be_checked()
    page.go_back()
    expect(page.locator("#cb-find-count")).to_have_text("0 case studies")
    page.context.close()
    assert errors == []


def test_filters_combine_and_every_option_counts(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    # Before any filter, from the page itself: the same counts the script gives.
    assert page.locator('[data-count-for="evidence:independent-evaluation"]').inner_text() == "(2)"
    assert page.locator('[data-count-for="evidence:internal-review"]').inner_text() == "(4)"
    page.locator("#cb-service-fire").check()
    page.locator("#cb-region-wales").check()
    page.get_by_label("Internal review or stronger").check()
    query = {"service": ["fire"], "region": ["wales"], "evidence": ["internal-review"]}
    expect(page.locator("#cb-find-status")).to_have_text(f"{len(expected(query))} case studies match.")
    assert shown_slugs(page) == expected(query) == ["s01", "s03"]
    # An option's count is what ticking it (as well) would give, with every other group applied.
    assert page.locator('[data-count-for="region:south-west"]').inner_text() == "(1)"
    assert page.locator('[data-count-for="service:ambulance"]').inner_text() == "(2)"
    # A level's count is how many reach it, with every other group applied.
    levels = {level: page.locator(f'[data-count-for="evidence:{level}"]').inner_text() for level in LEVELS[1:]}
    assert levels == {"self-reported": "(3)", "internal-review": "(2)", "independent-evaluation": "(1)",
                      "comparative-study": "(1)"}
    assert page.locator('[data-count-for="evidence:"]').inner_text() == "(4)"
    assert page.locator('[data-count-for="region:scotland"]').inner_text() == "(0)"
    assert parse_qs(urlsplit(page.url).query) == query
    page.context.close()
    assert errors == []


def test_results_are_cards_with_result_evidence_status_services_and_regions(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site + "?service=coastguard")
    card = page.locator("#cb-find-list > li")
    expect(card).to_have_count(1)
    expect(card.locator("h3 a")).to_have_text("Scheme 06 fire coastguard in scotland")
    meta = card.locator(".cb-card__meta")
    expect(meta).to_contain_text("Services: Fire and rescue, HM Coastguard")
    expect(meta).to_contain_text("Regions: Scotland")
    expect(meta).to_contain_text("Status: Operational 2021")
    expect(meta.locator(".cb-badge")).to_have_text(["Operational", "Promising", "Self-reported"])
    expect(meta.locator(".cb-badge").first).to_have_class("cb-badge cb-tone--positive")
    expect(card.locator(".cb-badge--draft")).to_be_hidden()
    page.context.close()
    assert errors == []


def test_the_script_draws_a_card_as_the_page_does(browser: Browser, site: str) -> None:
    static, _ = open_page(browser, java_script_enabled=False)
    static.goto(site)
    served = static.locator('#cb-find-list > li[data-slug="s06"]').evaluate("card => card.outerHTML")
    static.context.close()
    page, errors = open_page(browser)
    ready(page, site + "?service=coastguard")
    drawn = page.locator("#cb-find-list > li").evaluate("card => card.outerHTML")
    # The same but for line breaks between blocks, the hidden draft mark of a drawn card, and
    # the slug a listing's card carries.
    hidden_mark = ' <strong class="cb-badge cb-badge--draft" data-slot="draft" hidden="">Draft</strong>'
    assert drawn.replace("\n", "").replace(hidden_mark, "") == re.sub(r' data-slug="[^"]*"', "",
                                                                      served.replace("\n", ""))
    page.context.close()
    assert errors == []


def test_the_first_results_are_not_drawn_again(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    page.goto(site)
    first = page.locator("#cb-find-list > li").first.element_handle()
    expect(page.locator("#cb-find")).to_have_attribute("data-state", "ready")
    assert page.evaluate("card => card.isConnected", first)
    page.locator("#cb-region-wales").check()
    page.locator("#cb-region-wales").uncheck()
    expect(page.locator("#cb-find-list > li")).to_have_count(len(expected({})))
    assert not page.evaluate("card => card.isConnected", first)
    page.context.close()
    assert errors == []


def test_applied_filters_each_remove_one_and_sort_is_a_tag(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site + "?service=fire&region=wales&sort=title")
    applied = page.locator("#cb-find-applied")
    expect(applied.get_by_role("link")).to_have_text(["Remove filter: Fire and rescue ×", "Remove filter: Wales ×",
                                                      "Remove sort: Title A to Z ×", "Clear all filters"])
    applied.get_by_role("link", name="Remove filter: Fire and rescue").click()
    expect(page.locator("#cb-service-fire")).not_to_be_checked()
    assert parse_qs(urlsplit(page.url).query) == {"region": ["wales"], "sort": ["title"]}
    assert shown_slugs(page) == expected({"region": ["wales"]})
    expect(page.locator("#cb-find-count")).to_be_focused()
    applied.get_by_role("link", name="Remove sort: Title A to Z").click()
    expect(page.get_by_label("Sort by")).to_have_value(SORTS[0].key)
    applied.get_by_role("link", name="Clear all filters").click()
    expect(page.locator("#cb-find-count")).to_have_text(f"{len(expected({}))} case studies")
    expect(applied).to_be_hidden()
    assert urlsplit(page.url).query == ""
    page.context.close()
    assert errors == []


def test_the_url_restores_the_state_and_back_undoes_a_change(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site + "?service=coastguard")
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    expect(page.locator("#cb-service-coastguard")).to_be_checked()
    page.locator("#cb-service-police").check()
    expect(page.locator("#cb-find-status")).to_have_text("4 case studies match.")
    page.reload()
    expect(page.locator("#cb-service-police")).to_be_checked()
    expect(page.locator("#cb-find-status")).to_have_text("4 case studies match.")
    page.go_back()
    expect(page.locator("#cb-service-police")).not_to_be_checked()
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    page.context.close()
    assert errors == []


def test_words_typed_before_the_index_arrives_are_kept(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    held: list[Route] = []
    page.route("**/find/index.json", lambda route: held.append(route))
    page.goto(site)
    page.locator("#cb-q").press_sequentially("scheme 05")
    expect(page.locator("#cb-find")).to_have_attribute("data-state", "loading")
    held[0].continue_()
    expect(page.locator("#cb-find")).to_have_attribute("data-state", "ready")
    expect(page.locator("#cb-q")).to_have_value("scheme 05")
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    expect(page).to_have_url(site + "?keywords=scheme+05")
    page.context.close()
    assert errors == []


def test_back_steps_through_each_pause_in_typing(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    box = page.locator("#cb-q")
    page.locator("#cb-service-ambulance").check()
    box.press_sequentially("scheme", delay=60)
    expect(page).to_have_url(site + "?keywords=scheme&service=ambulance")
    # A pause longer than the page's (1 s), with room for a busy machine's late timers.
    page.wait_for_timeout(2500)
    box.press_sequentially(" 05", delay=60)
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    page.go_back()
    expect(box).to_have_value("scheme")
    expect(page.locator("#cb-service-ambulance")).to_be_checked()
    page.go_back()
    expect(box).to_have_value("")
    expect(page.locator("#cb-service-ambulance")).to_be_checked()
    page.go_back()
    expect(page.locator("#cb-service-ambulance")).not_to_be_checked()
    assert urlsplit(page.url).query == ""
    page.go_forward()
    expect(page.locator("#cb-service-ambulance")).to_be_checked()
    page.context.close()
    assert errors == []


def test_a_filter_naming_exactly_one_term_offers_its_feed(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site + "?service=coastguard")
    feed = page.locator("#cb-find-feed a")
    expect(feed).to_be_visible()
    expect(feed).to_have_text("Follow case studies in HM Coastguard with the Atom feed")
    assert feed.get_attribute("href") == "../feed-services-coastguard.xml"
    assert page.request.get(site + feed.get_attribute("href")).ok
    page.locator("#cb-service-police").check()
    expect(page.locator("#cb-find-feed")).to_be_hidden()
    page.locator("#cb-service-police").uncheck()
    expect(feed).to_be_visible()
    page.locator("#cb-q").fill("control")
    page.locator("#cb-q").press("Enter")
    expect(page.locator("#cb-find-feed")).to_be_hidden()
    page.context.close()
    assert errors == []


@pytest.mark.parametrize(("typed", "found"), [("hampshire", ["s01"]), ("Cardiff", ["s05"]), ("merthyr tyd", ["s05"]),
                                               ("merthyr cardiff scheme", ["s05"]), ("cardiff hampshire", [])])
def test_text_search_reads_titles_places_and_every_text(browser: Browser, site: str, typed: str,
                                                       found: list[str]) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    with page.expect_response("**/find/words/*.json"):
        page.get_by_label("Search the text of case studies").fill(typed)
    expect(page.locator("#cb-find-count")).to_have_text(f"{len(found)} case stud{'y' if len(found) == 1 else 'ies'}")
    assert shown_slugs(page) == found
    page.context.close()
    assert errors == []


def test_a_single_letter_narrows_nothing_and_a_word_that_cannot_be_looked_up_finds_nothing(
        browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    page.get_by_label("Search the text of case studies").fill("s")
    expect(page.locator("#cb-find-applied")).to_contain_text("“s”")
    expect(page.locator("#cb-find-count")).to_have_text(f"{len(expected({}))} case studies")
    page.route("**/find/words/*.json", lambda route: route.fulfill(status=503))
    page.get_by_label("Search the text of case studies").fill("cardiff")
    expect(page.locator("#cb-find-count")).to_have_text("0 case studies")
    expect(page.locator("#cb-find-words-failed")).to_be_visible()
    page.context.close()
    assert [error for error in errors if "503" not in error] == []


def test_sorting(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    page.get_by_label("Sort by").select_option("evidence")
    expect(page.locator("#cb-find-list li").first).to_contain_text("Scheme 03")
    assert "sort=evidence" in page.url
    page.context.close()
    assert errors == []


def test_keyboard_only(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site)
    page.locator("#cb-q").focus()
    focused = []
    for _ in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id || document.activeElement.textContent"))
    assert focused == ["Strength of evidence", "cb-evidence-any", "Service", "cb-service-police"]
    page.keyboard.press("Space")
    expect(page.locator("#cb-find-status")).to_have_text("3 case studies match.")
    assert "service=police" in page.url
    page.context.close()
    assert errors == []


# The lessons view

def test_the_lessons_view_answers_the_same_filters_at_its_own_address(browser: Browser, site: str) -> None:
    page, errors = open_page(browser)
    ready(page, site + "?service=ambulance&evidence=internal-review")
    with page.expect_request("**/find/lessons.json"):
        page.get_by_role("link", name="What they learned (4)").click()
    matching = expected({"service": ["ambulance"], "evidence": ["internal-review"]})
    assert matching == ["s01", "s05", "s09"]
    expect(page.locator("#cb-find-count")).to_have_text("4 lessons, barriers and enablers")
    themes = page.locator("#cb-find-themes section")
    expect(themes.locator("h3")).to_have_text(["Culture and identity (3)", "Funding and finance (1)"])
    notes = themes.first.locator("li")
    expect(notes).to_have_count(3)
    expect(notes.first.locator(".cb-badge")).to_have_text("Lesson")
    links = themes.locator("a.cb-digest__source")
    assert sorted(href.split("/")[-2] for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")) \
        == ["s01", "s01", "s05", "s09"]
    shared = page.url
    assert parse_qs(urlsplit(shared).query) == {"service": ["ambulance"], "evidence": ["internal-review"],
                                               "view": ["lessons"]}
    page.locator("#cb-region-wales").check()
    expect(page.locator("#cb-find-count")).to_have_text("3 lessons, barriers and enablers")
    other, more_errors = open_page(browser)
    ready(other, shared)
    expect(other.locator("#cb-find-themes section h3")).to_have_text(["Culture and identity (3)",
                                                                       "Funding and finance (1)"])
    expect(other.locator("#cb-find-list")).to_be_hidden()
    other.get_by_role("navigation", name="What to show").get_by_role("link", name="Case studies").click()
    assert shown_slugs(other) == matching
    other.context.close()
    page.context.close()
    assert errors == more_errors == []


def test_the_lessons_pages_link_into_the_view_with_their_filter(project: Path) -> None:
    html = (project / "site/lessons/ambulance/index.html").read_text(encoding="utf-8")
    assert '<a href="../../find/?service=ambulance&amp;view=lessons">Filter these lessons</a>' in html
    html = (project / "site/lessons/index.html").read_text(encoding="utf-8")
    assert '<a href="../find/?view=lessons">Filter these lessons</a>' in html


# Small screens, layout shift, no JavaScript

CLS = """
window.__cls = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__cls += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("viewport", [{"width": 412, "height": 823}, {"width": 1280, "height": 900}])
def test_nothing_moves_as_the_results_are_drawn(browser: Browser, site: str, viewport: dict[str, int]) -> None:
    page, errors = open_page(browser, viewport=viewport)
    page.add_init_script(CLS)
    ready(page, site)
    page.wait_for_timeout(1000)
    assert page.evaluate("window.__cls") < 0.1
    page.context.close()
    assert errors == []


def test_on_a_phone_the_filters_open_from_a_button_that_counts_them(browser: Browser, site: str) -> None:
    page, errors = open_page(browser, viewport={"width": 412, "height": 823})
    ready(page, site + "?region=wales")
    toggle = page.get_by_role("button", name="Filter (1 applied)")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#cb-find-form")).to_be_hidden()
    # The results start in the first screen.
    assert page.locator("#cb-find-count").bounding_box()["y"] < 823
    toggle.click()
    expect(page.locator("#cb-find-form")).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.locator("#cb-service-fire").check()
    expect(page.get_by_role("button", name="Filter (2 applied)")).to_be_visible()
    show = page.get_by_role("button", name="Show 4 case studies")
    show.click()
    expect(page.locator("#cb-find-form")).to_be_hidden()
    expect(page.locator("#cb-find-count")).to_be_focused()
    expect(page.locator("#cb-find-count")).to_be_in_viewport()
    page.context.close()
    assert errors == []


def test_without_javascript_the_page_says_what_needs_it(browser: Browser, site: str) -> None:
    page, errors = open_page(browser, java_script_enabled=False)
    page.goto(site)
    notice = page.locator("#cb-find-nojs")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Filtering and searching this page need JavaScript")
    for name in ("by service", "by region", "by collaboration type", "by organisation",
                 f"all {len(expected({}))} case studies"):
        expect(notice.get_by_role("link", name=name)).to_be_visible()
    # The notice comes before the list, and nothing the script drives is offered.
    assert notice.bounding_box()["y"] < page.locator("#cb-find-list").bounding_box()["y"]
    for hidden in ("#cb-find-form", "#cb-find-toggle", "#cb-sort", "#cb-find-more"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".cb-lead").first).not_to_contain_text("filter")
    assert shown_slugs(page) == expected({})
    page.context.close()
    assert errors == []


@pytest.mark.parametrize(("path", "scheme"), [
    ("?service=fire&region=wales", "light"), ("?service=fire&region=wales", "dark"),
    ("?type=first-response&evidence=independent-evaluation", "light"), ("?service=ambulance&view=lessons", "light")])
def test_no_wcag_violations(browser: Browser, site: str, path: str, scheme: str) -> None:
    page, errors = open_page(browser, color_scheme=scheme)
    ready(page, site + path)
    assert axe_violations(page) == []
    page.context.close()
    assert errors == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_wcag_violations_when_the_script_cannot_filter(browser: Browser, site: str, scheme: str) -> None:
    """Without its index the page falls back to what it shows without JavaScript (axe itself
    needs JavaScript, so this is how that state is checked)."""
    page, _ = open_page(browser, color_scheme=scheme)
    page.route("**/find/index.json", lambda route: route.fulfill(status=404))
    page.goto(site)
    expect(page.locator("#cb-find")).to_have_attribute("data-state", "failed")
    expect(page.locator("#cb-find-nojs")).to_be_visible()
    expect(page.locator("#cb-find-form")).to_be_hidden()
    assert axe_violations(page) == []
    page.context.close()


def test_listing_pages_link_into_the_finder_with_the_filter_set(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"s01": RECORDS["s01"]})
    assert run_build(project).returncode == 0
    html = (project / "site/regions/wales/index.html").read_text(encoding="utf-8")
    assert 'href="../../find/?region=wales"' in html
    assert slugs(json.loads((project / "site/find/index.json").read_text())) == ["s01"]


def test_organisation_pages_link_into_the_finder_with_the_organisation_set(project: Path) -> None:
    html = (project / "site/organisations/kent-police/index.html").read_text(encoding="utf-8")
    assert '<a href="../../find/?organisation=kent-police">Filter these case studies further</a>' in html


# A larger library: the organisation filter, and the first page without JavaScript

POLICE = ["Avon and Somerset Police", "Bedfordshire Police", "Cambridgeshire Constabulary", "Cheshire Constabulary",
          "City of London Police", "Cleveland Police", "Cumbria Constabulary", "Derbyshire Constabulary",
          "Devon and Cornwall Police", "Dorset Police", "Durham Constabulary", "Dyfed-Powys Police", "Essex Police",
          "Gloucestershire Constabulary", "Greater Manchester Police", "Gwent Police", "Hertfordshire Constabulary",
          "Humberside Police", "Kent Police", "Lancashire Constabulary", "Leicestershire Police",
          "Hampshire and Isle of Wight Constabulary", "Cumbria Constabulary", "Essex Police"]


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    records = {f"m{n:02d}": record(title=f"Police scheme {n:02d}", started=str(2000 + n),
                                   organisations=[{"name": name, "service": "police"},
                                                  {"name": "Kent Fire and Rescue Service", "service": "fire"}])
               for n, name in enumerate(POLICE, 1)}
    project = make_project(tmp_path_factory.mktemp("find-many"), records)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    with served(project / "site") as url:
        yield url + "find/"


def test_typing_narrows_the_organisation_list(browser: Browser, many: str) -> None:
    page, errors = open_page(browser)
    ready(page, many)
    group = page.locator('[data-group="organisation"]')
    group.locator("summary").click()
    options = group.locator(".cb-find__option")
    expect(options.filter(visible=True)).to_have_count(23)
    narrow = group.get_by_label("Type to narrow the 23 organisations")
    narrow.press_sequentially("gwe")
    expect(options.filter(visible=True)).to_have_text(["Gwent Police (1)"])
    expect(group.locator(".cb-find__shown")).to_have_text("1 organisation shown")
    narrow.press("Enter")  # narrows only: sends nothing
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "cb-organisation-gwent-police"
    page.keyboard.press("Space")
    expect(page.locator("#cb-find-count")).to_have_text("1 case study")
    assert parse_qs(urlsplit(page.url).query) == {"organisation": ["gwent-police"]}
    narrow.fill("")
    expect(options.filter(visible=True)).to_have_count(23)
    narrow.press_sequentially("essex")
    # A ticked organisation stays in view while another is looked for.
    expect(options.filter(visible=True)).to_have_text(["Essex Police (2)", "Gwent Police (1)"])
    page.context.close()
    assert errors == []


def test_the_first_page_holds_a_page_of_results_and_links_on(browser: Browser, many: str) -> None:
    page, errors = open_page(browser, java_script_enabled=False)
    page.goto(many)
    expect(page.locator("#cb-find-list > li")).to_have_count(20)
    expect(page.locator("#cb-find-list > li").first).to_contain_text("Police scheme 24")
    expect(page.get_by_role("link", name="See all 24 case studies")).to_have_attribute("href", "../case-studies/")
    page.context.close()
    page, errors = open_page(browser)
    ready(page, many)
    expect(page.locator("#cb-find-list > li")).to_have_count(20)
    page.get_by_role("button", name="Show more results").click()
    expect(page.locator("#cb-find-list > li")).to_have_count(24)
    expect(page.get_by_role("button", name="Show more results")).to_be_hidden()
    page.context.close()
    assert errors == []


# Drafts in a preview

def test_a_preview_lists_its_drafts_marked_as_drafts(browser: Browser, project: Path) -> None:
    with preview(project) as base:
        page, errors = open_page(browser)
        ready(page, base + "find/?region=london")
        card = page.locator("#cb-find-list > li")
        expect(card).to_have_count(1)
        expect(card.locator(".cb-badge--draft")).to_be_visible()
        expect(card.locator(".cb-badge--draft")).to_have_text("Draft")
        page.context.close()
    assert errors == []
    published = json.loads((project / "site/find/index.json").read_text(encoding="utf-8"))
    assert "s08" not in slugs(published) and published["drafts"] == []
