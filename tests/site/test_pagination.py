"""Long lists as pages: a real build of a library that spans several pages of every paginated list
(all case studies, a service's listing, an organisation's page, the lessons digests), with
`use_directory_urls: false`, the URL style whose links are easiest to get wrong."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from support import make_project, record, run_build

from generator.render import urls
from generator.render.pagination import CARDS_PER_PAGE, NOTES_PER_PAGE

SITE_URL = "http://127.0.0.1:8000/"
# Two full pages of cards and a few more; in the Fire listing only every other record.
RECORD_COUNT = 2 * CARDS_PER_PAGE + 7
# A note of each record under each of these themes fill more than two pages of the digest;
# "culture-and-identity", the two themes before "funding-and-finance" and every theme after it
# stay empty.
THEMES = ("governance-and-leadership", "workforce-and-training", "funding-and-finance")
NOTES_PER_RECORD = len(THEMES)
KENT_FIRE = {"name": "Kent Fire and Rescue Service", "service": "fire"}
AMBULANCE = {"name": "South East Coast Ambulance Service NHS Foundation Trust", "service": "ambulance"}


def _record(index: int) -> dict[str, object]:
    services, partner = (["police", "fire"], KENT_FIRE) if index % 2 else (["police", "ambulance"], AMBULANCE)
    # Titles sort in index order (the listings order by status, start, then title).
    return record(title=f"Joint scheme number {index:03d}", services=services,
                  organisations=[{"name": "Kent Police", "service": "police"}, partner],
                  lessons=[{"theme": THEMES[0], "text": f"Lesson one of scheme {index:03d}."},
                           {"theme": THEMES[1], "text": f"Lesson two of scheme {index:03d}."}],
                  barriers=[{"theme": THEMES[2], "text": f"Barrier of scheme {index:03d}."}])


RECORDS = {f"scheme-{index:03d}": _record(index) for index in range(RECORD_COUNT)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("pagination"), RECORDS)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nuse_directory_urls: false\n")
    result = run_build(project, project / "site", "--strict", env={"CASEBOOK_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def _follow(page: str, link: Tag) -> str:
    """The site path a relative link on `page` leads to."""
    path = urlsplit(str(link["href"])).path
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def _series(site: Path, first: str) -> list[tuple[str, BeautifulSoup]]:
    """Every page of a list, reached from its first page by the "Next page" links alone."""
    pages, page = [], first
    while True:
        assert (site / page).is_file(), page
        soup = _soup(site, page)
        pages.append((page, soup))
        following = soup.select_one('nav[aria-label="Pagination"] a[rel="next"]')
        if following is None:
            return pages
        page = _follow(page, following)
        assert len(pages) < 20, "the Next page links go round in a circle"


def _cards(soup: BeautifulSoup) -> list[str]:
    return [str(card["data-slug"]) for card in soup.select("li.cb-card")]


def _pagination_text(soup: BeautifulSoup) -> list[str]:
    return [" ".join(link.get_text(" ").split()) for link in soup.select('nav[aria-label="Pagination"] a')]


@pytest.mark.parametrize(("src", "number", "expected"), [
    ("case-studies/index.md", 1, "case-studies/index.md"),
    ("case-studies/index.md", 2, "case-studies/page/2.md"),
    ("services/fire.md", 3, "services/fire/page/3.md"),
    ("lessons/index.md", 12, "lessons/page/12.md"),
])
def test_the_first_page_keeps_the_list_address_and_the_others_sit_below_it(src: str, number: int,
                                                                            expected: str) -> None:
    assert urls.paged(src, number) == expected


@pytest.mark.parametrize(("first", "slugs"), [
    ("case-studies/index.html", sorted(RECORDS)),
    ("organisations/kent-police.html", sorted(RECORDS)),
    ("services/fire.html", sorted(slug for slug, data in RECORDS.items() if "fire" in data["services"])),
])
def test_every_case_study_appears_once_across_the_pages_of_a_listing(site: Path, first: str,
                                                                     slugs: list[str]) -> None:
    series = _series(site, first)
    shown = [slug for _, soup in series for slug in _cards(soup)]
    assert shown == slugs
    assert len(series) == -(-len(slugs) // CARDS_PER_PAGE)
    assert all(len(_cards(soup)) <= CARDS_PER_PAGE for _, soup in series)


def test_listing_pages_link_previous_and_next_with_their_numbers(site: Path) -> None:
    series = _series(site, "case-studies/index.html")
    assert [_pagination_text(soup) for _, soup in series] == [
        ["Next page 2 of 3"], ["Previous page 1 of 3", "Next page 3 of 3"], ["Previous page 2 of 3"]]
    # Previous leads back to where Next came from.
    for (before, _), (page, soup) in zip(series, series[1:], strict=False):
        assert _follow(page, soup.select_one('a[rel="prev"]')) == before


def test_the_count_says_the_total_and_which_page(site: Path) -> None:
    series = _series(site, "case-studies/index.html")
    counts = [" ".join(soup.select_one("p.cb-count").get_text(" ").split()) for _, soup in series]
    assert counts[0].startswith(f"{RECORD_COUNT} case studies, page 1 of 3, showing 1 to {CARDS_PER_PAGE}.")
    assert counts[2].startswith(f"{RECORD_COUNT} case studies, page 3 of 3, showing {2 * CARDS_PER_PAGE + 1} "
                                f"to {RECORD_COUNT}.")
    # The list keeps counting where the previous page stopped.
    assert series[1][1].select_one("ol.cb-cards")["start"] == str(CARDS_PER_PAGE + 1)


def test_later_pages_say_their_number_in_the_title_and_are_their_own_canonical_address(site: Path) -> None:
    _, soup = _series(site, "case-studies/index.html")[1]
    assert soup.title.get_text() == "All case studies (page 2 of 3) - Casebook"
    assert soup.h1.get_text() == "All case studies (page 2 of 3)"
    assert soup.select_one('link[rel="canonical"]')["href"] == f"{SITE_URL}case-studies/page/2.html"


def test_every_link_on_a_later_page_leads_to_a_file(site: Path) -> None:
    later = sorted(path.relative_to(site).as_posix() for path in site.glob("**/page/*.html"))
    assert len(later) >= 8
    links = [(page, link) for page in later for link in _soup(site, page).select("a[href]")
             if not re.match(r"[a-z]+:|#", str(link["href"]))]
    assert [(page, link["href"]) for page, link in links if not (site / _follow(page, link)).is_file()] == []
    assert len(links) > len(later) * CARDS_PER_PAGE // 2


def test_a_list_that_fits_on_one_page_has_no_pagination(site: Path) -> None:
    soup = _soup(site, "regions/london.html")
    assert _cards(soup) == [] and soup.select('nav[aria-label="Pagination"]') == []
    assert "page 1 of" not in soup.select_one(".cb-count").get_text()


def test_every_later_page_is_in_the_sitemap(site: Path) -> None:
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for page in ("case-studies/page/2.html", "case-studies/page/3.html", "services/fire/page/2.html",
                 "lessons/page/2.html", "organisations/kent-police/page/3.html"):
        assert f"<loc>{SITE_URL}{page}</loc>" in sitemap


def _notes(soup: BeautifulSoup) -> list[str]:
    return [" ".join(item.get_text(" ").split()) for item in soup.select("ul.cb-digest > li")]


def test_every_note_appears_once_across_the_lessons_pages_in_theme_order(site: Path) -> None:
    series = _series(site, "lessons/index.html")
    notes = [note for _, soup in series for note in _notes(soup)]
    assert len(notes) == len(set(notes)) == RECORD_COUNT * NOTES_PER_RECORD
    assert len(series) == -(-len(notes) // NOTES_PER_PAGE)
    assert all(len(_notes(soup)) <= NOTES_PER_PAGE for _, soup in series)
    assert [_pagination_text(soup) for _, soup in series][1] == ["Previous page 1 of 3", "Next page 3 of 3"]
    headings = [h2.get_text() for _, soup in series for h2 in soup.select("h2[id]")]
    assert headings[:2] == [f"Governance and leadership ({RECORD_COUNT})", "Culture and identity (0)"]


def test_a_theme_running_over_a_page_says_it_continues_and_the_index_links_to_its_start(site: Path) -> None:
    series = _series(site, "lessons/index.html")
    second_page, soup = series[1]
    assert soup.select("h2[id]")[0].get_text() == "Workforce and training (continued)"
    # Every page's theme index leads to the page and heading where each theme starts.
    for page, soup in series:
        for link in soup.select(".cb-theme-index a"):
            target = _follow(page, link)
            anchor = str(link["href"]).split("#")[1]
            heading = _soup(site, target).find(id=anchor)
            assert heading is not None and "continued" not in heading.get_text(), (page, link["href"])
    assert _follow(second_page, soup.select_one('.cb-theme-index a[href$="#workforce-and-training"]')) \
        == "lessons/index.html"


def test_an_empty_theme_keeps_its_place_in_the_theme_order(site: Path) -> None:
    last_page = _series(site, "lessons/index.html")[-1][1]
    themes = [re.sub(r" \(.*", "", h2.get_text()) for h2 in last_page.select("h2[id]")]
    assert themes[:3] == ["Funding and finance", "Estates and assets", "Legal and policy"]
    assert last_page.find(id="estates-and-assets").find_next("p", class_="cb-empty") is not None


def test_a_service_lessons_page_paginates_its_own_notes(site: Path) -> None:
    series = _series(site, "lessons/fire.html")
    fire = [slug for slug, data in RECORDS.items() if "fire" in data["services"]]
    assert len([note for _, soup in series for note in _notes(soup)]) == len(fire) * NOTES_PER_RECORD
    assert series[-1][0] == "lessons/fire/page/2.html"
