"""A site built with `use_directory_urls: false` (pages as `name.html`, readable straight from
the disk): every link in its pages, its Find index and its data files leads to a file that
exists, and a reader can follow a Find result."""

from __future__ import annotations

import csv
import json
import posixpath
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser, expect
from support import make_project, record, run_build

SITE_URL = "http://127.0.0.1:8000/"
RECORDS = {
    "kent-control": record(),
    "cornwall-safety-officers": record(title="Tri-Service Safety Officers in Cornwall", regions=["south-west"],
                                       services=["police", "fire"], started="2014"),
}
# Attributes that hold a link: on any element, and the data files the two scripted pages load.
LINK_ATTRIBUTES = {"href", "src"}
DATA_LINKS = {("cb-find", "data-index"), ("cb-propose", "data-schema"), ("cb-propose", "data-taken")}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("file-urls"), RECORDS)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nuse_directory_urls: false\n")
    result = run_build(project, project / "site", "--strict", env={"CASEBOOK_SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = dict(attrs).get("id")
        self.links += [value for name, value in attrs
                       if value and (name in LINK_ATTRIBUTES or (element, name) in DATA_LINKS)]


def _target(site: Path, page: str, link: str) -> Path | None:
    """The file a link from `page` (a path in the site) opens, or None for another site's link."""
    if link.startswith(SITE_URL):
        return site / unquote(urlsplit(link).path.removeprefix(urlsplit(SITE_URL).path))
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    # The 404 page links from the site's root path, as it is served at any address.
    base = urlsplit(SITE_URL).path if parts.path.startswith("/") else posixpath.dirname(page) + "/"
    return site / posixpath.normpath(posixpath.join(base, unquote(parts.path)).lstrip("/"))


def _broken(site: Path, page: str, links: list[str]) -> list[str]:
    broken = []
    for link in links:
        target = _target(site, page, link)
        if target is not None and not target.is_file():
            broken.append(f"{page}: {link}")
    return broken


def test_pages_are_written_as_html_files(site: Path) -> None:
    assert (site / "case-studies" / "kent-control.html").is_file()
    assert (site / "find" / "index.html").is_file() and not (site / "case-studies" / "kent-control").exists()


def test_every_link_in_every_page_leads_to_a_file(site: Path) -> None:
    broken, checked = [], 0
    for path in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        page = path.relative_to(site).as_posix()
        broken += _broken(site, page, parser.links)
        checked += len(parser.links)
    assert broken == []
    assert checked > 1000


def test_every_link_in_the_find_index_leads_to_a_file(site: Path) -> None:
    index = json.loads((site / "find" / "index.json").read_text(encoding="utf-8"))
    links = index["href"] + [href for facet in index["facets"] for _, _, href, *_ in facet["terms"] if href]
    assert len(links) > len(RECORDS) + 20
    assert _broken(site, "find/index.html", links) == []


def test_every_address_in_the_data_files_leads_to_a_file(site: Path) -> None:
    library = json.loads((site / "data" / "case-studies.json").read_text(encoding="utf-8"))
    with (site / "data" / "case-studies.csv").open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    feed = _Links()
    feed.feed((site / "feed.xml").read_text(encoding="utf-8"))
    addresses = ([library["$schema"]] + [item["url"] for item in library["case_studies"]]
                 + [row["url"] for row in rows] + feed.links)
    assert SITE_URL + "case-studies/kent-control.html" in addresses
    assert _broken(site, "", [a for a in addresses if a != SITE_URL]) == []


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


@pytest.mark.browser
def test_a_find_result_opens_its_case_study(browser: Browser, site_url: str) -> None:
    page, errors = open_page(browser)
    page.goto(f"{site_url}find/index.html?q=cornwall")
    expect(page.locator("#cb-find-status")).to_have_text("1 case study matches.")
    # Followed from the keyboard: the sticky header can cover a link the mouse would aim at.
    page.locator("#cb-find-list a").first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_url}case-studies/cornwall-safety-officers.html")
    expect(page.locator("h1")).to_have_text("Tri-Service Safety Officers in Cornwall")
    assert errors == []
