"""The Welsh site beside the English one (issue 19), read from the shipped site as `mkdocs build
--strict` writes it: the same pages at /cy/, each linked to its other-language version, the
records' Welsh where they have it and their English marked lang="en" where they do not, one
bilingual 404 page, and search data per language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import ROOT, run_build

from generator.catalogue import Catalogue
from generator.content.validate import validate_library
from generator.i18n.catalogues import load_translations
from generator.i18n.languages import WELSH
from generator.render.tables import TABLES, guard

WELSH_RECORD = "gwent-joint-response-unit"
ENGLISH_ONLY_RECORD = "avon-fire-headquarters-at-police-headquarters-portishead"
# Page kinds: home, record, listing, overview, Find, organisation, lessons, a hand-written page.
PAGES = ["", f"case-studies/{WELSH_RECORD}/", f"case-studies/{ENGLISH_ONLY_RECORD}/", "services/fire/", "regions/",
         "find/", "organisations/gwent-police/", "lessons/", "about/"]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    library = validate_library(ROOT)
    assert library.taxonomy is not None and not library.errors
    return Catalogue.published(library.taxonomy, library.records)


def _html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def _tags(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def test_every_english_page_has_its_welsh_page(shipped_site: Path) -> None:
    english = {p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*.html")
               if not p.relative_to(shipped_site).as_posix().startswith("cy/")}
    welsh = {p.relative_to(shipped_site / "cy").as_posix() for p in (shipped_site / "cy").rglob("*.html")}
    assert english - {"404.html"} == welsh


@pytest.mark.parametrize("path", PAGES)
def test_each_language_names_both_versions_in_its_head(shipped_site: Path, path: str) -> None:
    site_url = "http://127.0.0.1:8000/"
    expected = [("en", site_url + path), ("cy", site_url + "cy/" + path)]
    for html in (_html(shipped_site, path), _html(shipped_site / "cy", path)):
        head = html[:html.index("</head>")]
        assert re.findall(r'<link rel=" alternate" hreflang="([a-z]+)" href="([^"]*)">', head) == expected


@pytest.mark.parametrize("path", PAGES)
def test_the_switch_links_to_the_same_page_in_the_other_language(shipped_site: Path, path: str) -> None:
    depth = "/".join([".."] * path.count("/")) or "."
    english = _tags(_html(shipped_site, path), r'<a class="cb-language__link"[^>]*>[^<]*</a>')
    welsh = _tags(_html(shipped_site / "cy", path), r'<a class="cb-language__link"[^>]*>[^<]*</a>')
    assert english == [f'<a class="cb-language__link" href="{depth}/cy/{path}" hreflang="cy" lang="cy">Cymraeg</a>']
    assert welsh == [f'<a class="cb-language__link" href="{depth}/../{path}" hreflang="en" lang="en">English</a>']


def test_welsh_pages_are_in_welsh_and_english_ones_in_english(shipped_site: Path) -> None:
    assert '<html lang="en"' in _html(shipped_site, "find/")
    assert '<html lang="cy"' in _html(shipped_site / "cy", "find/")


def test_a_record_with_welsh_text_shows_it(shipped_site: Path, catalogue: Catalogue) -> None:
    record = catalogue.by_slug[WELSH_RECORD]
    assert record.cy is not None
    html = _html(shipped_site / "cy", f"case-studies/{WELSH_RECORD}/")
    assert f"<h1>{record.cy.title}</h1>" in html
    assert f'<p class="cb-lead">{record.cy.summary}</p>'.replace("'", "&#39;") in html
    assert "cb-untranslated" not in html
    assert record.summary not in html


def test_a_record_without_welsh_shows_its_english_marked_as_english(shipped_site: Path,
                                                                     catalogue: Catalogue) -> None:
    record = catalogue.by_slug[ENGLISH_ONLY_RECORD]
    assert record.cy is None
    html = _html(shipped_site / "cy", f"case-studies/{ENGLISH_ONLY_RECORD}/")
    assert '<p class="cb-untranslated" role="note">' in html
    assert re.search(r'<h1 lang="en">[^<]*Portishead', html)
    assert '<p class="cb-lead" lang="en">' in html
    assert html.count('<div class="cb-prose" lang="en">') >= 2  # context and what was done
    # Each lesson, and the names of English bodies, with the language they are written in.
    assert html.count('<li lang="en">') >= len(record.lessons)
    assert 'href="../../organisations/avon-fire-and-rescue-service/" lang="en">' in html


@pytest.mark.parametrize("slug", [WELSH_RECORD, ENGLISH_ONLY_RECORD])
def test_what_no_welsh_version_translates_is_marked_english(shipped_site: Path, catalogue: Catalogue,
                                                           slug: str) -> None:
    """Sources, funders, the contact and the evaluator are given in English only, translated record or not."""
    record = catalogue.by_slug[slug]
    soup = BeautifulSoup(_html(shipped_site / "cy", f"case-studies/{slug}/"), "html.parser")
    titles = [link.find("span", lang="en") for link in soup.select(".cb-sources a.cb-external")]
    assert [span.get_text() if span else None for span in titles] == [source.title for source in record.sources]
    if record.evidence.by:
        assert soup.select_one(".cb-evaluator span[lang=en]").get_text() == record.evidence.by
    if record.contact:
        assert soup.select_one(".cb-contact span[lang=en]").get_text() == record.contact.organisation


def test_the_welsh_form_asks_in_welsh_and_answers_with_ids(shipped_site: Path, catalogue: Catalogue) -> None:
    """Its hints are the schema's words in Welsh and its choices the terms' Welsh names, nothing
    in it is marked English; the values it writes into the file are the ids, as in English."""
    welsh = BeautifulSoup(_html(shipped_site / "cy", "propose/"), "html.parser")
    english = BeautifulSoup(_html(shipped_site, "propose/"), "html.parser")
    form = welsh.select_one("form.cb-propose")
    assert form.select("[lang]") == []
    assert form.select_one("#cb-title-hint").get_text().startswith("Enw'r cydweithio, mewn testun plaen. 5 i 120 nod")
    assert form.select_one("#cb-started-hint").get_text().endswith(
        "Ysgrifennwch y dyddiad fel BBBB, BBBB-MM neu BBBB-MM-DD, er enghraifft 2024 neu 2024-05.")
    levels = form.select("input[name='evidence/level']")
    assert [(choice["value"], form.select_one(f"label[for={choice['id']}]").get_text()) for choice in levels] == [
        (term.id, term["name_cy"]) for term in catalogue.taxonomy.evidence_levels.values()]
    themes = form.select_one("select[name='lessons/0/theme']").select("option")[1:]
    assert [(option["value"], option.get_text()) for option in themes] == [
        (term.id, term["name_cy"]) for term in catalogue.taxonomy.themes.values()]
    units = form.select_one("select[name='outcomes/0/unit']").select("option")[1:]
    assert [option.get_text() for option in units][:2] == ["Punnoedd (£)", "Punnoedd y flwyddyn (£ y flwyddyn)"]
    controls = "input[name][value], option[value]"
    assert [control["value"] for control in form.select(controls)] == [
        control["value"] for control in english.select(f"form.cb-propose {controls}")]
    # The published schema the form checks answers with is English; the page gives its messages in Welsh.
    assert (shipped_site / "cy" / "schema/case-study.schema.json").read_bytes() == (
        shipped_site / "schema/case-study.schema.json").read_bytes()
    assert json.loads(english.select_one("form.cb-propose")["data-words"]) == {}
    words = json.loads(form["data-words"])
    assert words["/properties/started"] == {"patternErrorMessage": "ysgrifennwch y dyddiad fel BBBB, BBBB-MM neu "
                                                                   "BBBB-MM-DD, er enghraifft 2024 neu 2024-05, "
                                                                   "mewn dyfynodau"}


def test_the_welsh_field_reference_is_in_welsh(shipped_site: Path) -> None:
    soup = BeautifulSoup(_html(shipped_site / "cy", "contribute/"), "html.parser")
    table = soup.select_one("table.cb-fields")
    assert [cell.get_text() for cell in table.select("th")] == ["Maes", "Gofynnol", "Beth ydyw",
                                                                "Gwerthoedd a ganiateir", "Enghraifft"]
    title = [cell.get_text() for cell in table.select("tbody tr")[0].select("td")]
    assert title[:4] == ["title", "ydy", "Enw'r cydweithio, mewn testun plaen.", "5 i 120 nod"]
    # The examples come from an English record: marked so, and no other cell is.
    marked = [[cell.get("lang") for cell in row.select("td")] for row in table.select("tbody tr")]
    assert {tuple(row) for row in marked} <= {(None,) * 4 + ("en",), (None,) * 5}
    assert marked[0][4] == "en"
    english = BeautifulSoup(_html(shipped_site, "contribute/"), "html.parser").select("table.cb-fields td[lang]")
    assert english == []
    # The validator reports in English only: its list of problems is marked so.
    problems = soup.find("code", string="missing-folder").find_parent("table")
    assert problems.parent.name == "div" and problems.parent["lang"] == "en"


def test_the_welsh_data_page_describes_the_tables_in_welsh(shipped_site: Path) -> None:
    """Every table's and column's description and the note on formulas, in Welsh from the catalogue;
    the data package, for machines, keeps them in English."""
    translations, _ = load_translations(ROOT / "site_theme" / "locale", WELSH, "site_theme/locale")
    assert translations is not None
    welsh = translations.gettext
    soup = BeautifulSoup(_html(shipped_site / "cy", "data/"), "html.parser")
    for table in TABLES:
        section = soup.select_one(f"section[aria-labelledby='table-{table.name}']")
        assert section.p.get_text().startswith(welsh(table.description) + " Allwedd:"), table.name
        assert [row.select("td")[2].get_text() for row in section.select("tbody tr")] == [
            welsh(column.description) % column.values for column in table.columns]
    assert soup.find("p", string=guard(welsh)) is not None
    assert "nod tab, nod dychwelyd cerbyd" in guard(welsh)
    package = json.loads((shipped_site / "cy" / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["description"].endswith(guard())
    assert [[field["description"] for field in resource["schema"]["fields"]] for resource in package["resources"]] == [
        [column.english for column in table.columns] for table in TABLES]


def test_bound_bodies_take_their_official_welsh_names(shipped_site: Path, catalogue: Catalogue) -> None:
    welsh_name = catalogue.taxonomy.organisations["gwent-police"]["name_cy"]
    html = _html(shipped_site / "cy", f"case-studies/{WELSH_RECORD}/")
    assert f'href="../../organisations/gwent-police/">{welsh_name}</a>' in html
    assert re.search(rf"<h1>{welsh_name}</h1>", _html(shipped_site / "cy", "organisations/gwent-police/"))


def test_english_pages_carry_no_language_marks_of_their_own(shipped_site: Path) -> None:
    for path in PAGES:
        html = _html(shipped_site, path)
        assert 'lang="en"' not in html.replace('<html lang="en"', "").replace('hreflang="en"', "")
        assert "cb-untranslated" not in html


def _languages_around(html: str, element_id: str) -> list[str]:
    element = BeautifulSoup(html, "html.parser").find(id=element_id)
    assert element is not None, element_id
    return [parent["lang"] for parent in element.parents if parent.get("lang")]


@pytest.fixture(scope="module")
def untranslated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project with the Welsh versions of two hand-written pages taken away."""
    project = tmp_path_factory.mktemp("untranslated")
    shutil.copy(ROOT / "mkdocs.yml", project)
    for folder in ("content", "site_theme"):
        shutil.copytree(ROOT / folder, project / folder)
    for page in ("about.md", "index.md"):
        (project / "content/pages-cy" / page).unlink()
    result = run_build(project, project / "site", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_an_untranslated_hand_written_page_is_shown_in_english_with_a_note(untranslated_site: Path) -> None:
    html = _html(untranslated_site / "cy", "about/")
    assert '<p class="cb-untranslated" role="note">' in html
    assert _languages_around(html, "about-casebook") == ["en", "cy"]


def test_the_generated_part_of_an_untranslated_page_stays_in_the_sites_language(untranslated_site: Path) -> None:
    html = _html(untranslated_site / "cy", "")
    assert _languages_around(html, "casebook-what-works-when-emergency-services-work-together") == ["en", "cy"]
    # The generated section's heading is Welsh, so its anchor is too.
    assert _languages_around(html, "yr-astudiaethau-achos-diweddaraf") == ["cy"]


def test_a_translated_hand_written_page_has_no_note(shipped_site: Path) -> None:
    html = _html(shipped_site / "cy", "about/")
    assert "cb-untranslated" not in html
    # Only the language switch's link to the English page is marked English.
    assert re.findall(r'<[^>]*(?<![\w-])lang="en"[^>]*>', html) == [
        '<a class="cb-language__link" href="../../about/" hreflang="en" lang="en">']


def test_the_welsh_nav_is_in_welsh(shipped_site: Path) -> None:
    html = _html(shipped_site / "cy", "about/")
    assert re.search(r'<span class="md-ellipsis">\s*Dod o hyd i astudiaethau achos\s*</span>', html)
    assert not re.search(r'<span class="md-ellipsis">\s*Find case studies\s*</span>', html)


def test_one_404_page_speaks_both_languages(shipped_site: Path) -> None:
    html = (shipped_site / "404.html").read_text(encoding="utf-8")
    sections = _tags(html, r'<section class="cb-not-found" lang="([a-z]+)"')
    assert sections == ["en", "cy"]
    english, welsh = html.split('<section class="cb-not-found" lang="cy"')
    assert "<h1 id=\"cb-404-en\">Page not found</h1>" in english
    assert "<h1 id=\"cb-404-cy\">Heb ddod o hyd i&#39;r dudalen</h1>" in welsh or \
           "<h1 id=\"cb-404-cy\">Heb ddod o hyd i'r dudalen</h1>" in welsh
    # Each part leads to its own language's pages and search.
    assert 'href="/cy/find/"' in welsh and 'action="/cy/search/"' in welsh
    assert 'href="/find/"' in english and 'action="/search/"' in english
    assert not (shipped_site / "cy/404.html").exists()


def test_the_find_index_of_each_language_names_terms_in_it(shipped_site: Path, catalogue: Catalogue) -> None:
    english = json.loads((shipped_site / "find/index.json").read_text(encoding="utf-8"))
    welsh = json.loads((shipped_site / "cy/find/index.json").read_text(encoding="utf-8"))
    regions = {facet["param"]: facet for facet in welsh["facets"]}["region"]
    wales = next(term for term in regions["terms"] if term["id"] == "wales")
    assert wales["name"] == catalogue.taxonomy.regions["wales"]["name_cy"]
    # Every record is found on both sites, the English ones included, and every link is relative.
    assert len(welsh["href"]) == len(english["href"]) == len(catalogue.records)
    assert welsh["href"] == english["href"]
    assert catalogue.by_slug[WELSH_RECORD].cy.title in welsh["title"]


def test_each_header_search_data_holds_its_own_languages_text(shipped_site: Path, catalogue: Catalogue) -> None:
    def data(site: Path) -> dict:
        return {**json.loads((site / "search/index.json").read_text(encoding="utf-8")),
                "records": json.loads((site / "search/records.json").read_text(encoding="utf-8"))}

    english, welsh = data(shipped_site), data(shipped_site / "cy")
    # The same records, each addressed within its own site; titles in the site's language.
    assert welsh["records"]["href"] == english["records"]["href"]
    title = catalogue.by_slug[WELSH_RECORD].cy.title
    assert title in welsh["records"]["title"] and title not in english["records"]["title"]
    # Hand-written pages by their titles in the site's language (content/pages-cy).
    assert welsh["pages"]["href"] == english["pages"]["href"]
    assert welsh["pages"]["title"] != english["pages"]["title"]


def test_the_welsh_lessons_digest_marks_english_lessons_and_titles(shipped_site: Path, catalogue: Catalogue) -> None:
    html = "".join(path.read_text(encoding="utf-8") for path in (shipped_site / "cy/lessons").rglob("index.html"))
    english = catalogue.by_slug[ENGLISH_ONLY_RECORD]
    welsh = catalogue.by_slug[WELSH_RECORD]
    assert f'<span lang="en">{english.lessons[0].text}</span>'.replace("'", "&#39;") in html
    assert f'/case-studies/{ENGLISH_ONLY_RECORD}/" lang="en">' in html
    assert f'/case-studies/{WELSH_RECORD}/">{welsh.cy.title}</a>' in html
