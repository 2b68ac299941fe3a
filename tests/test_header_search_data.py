"""The header search's data (generator/render/header_search.py): what the box searches and where
each result leads, written from the catalogue without a build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import ROOT

from generator.catalogue import Catalogue
from generator.content.validate import validate_library
from generator.render import urls
from generator.render.find import find_index
from generator.render.header_search import (
    ORGANISATION,
    PLACE,
    TOPIC,
    HandWrittenPage,
    SearchData,
    hand_written_pages,
    search_data,
    search_files,
)

PAGES = [HandWrittenPage("about.md", "About Casebook"), HandWrittenPage("index.md", "Home")]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    library = validate_library(ROOT)
    assert library.taxonomy is not None and not library.errors
    return Catalogue.published(library.taxonomy, library.records)


def _terms_of(data: SearchData, slug: str) -> set[tuple[int, str]]:
    records, terms = data.records, data.index["terms"]
    position = records["href"].index(f"../case-studies/{slug}/")
    return {(terms["kind"][code], terms["name"][code]) for code in records["terms"][position]}


def test_records_are_in_the_find_index_order_with_their_pages(catalogue: Catalogue) -> None:
    data = search_data(catalogue, urls.Linker(), PAGES)
    find = find_index(catalogue, urls.Linker())
    # Find's links are relative to find/, the search data's to search/: the same pages.
    assert data.records["href"] == find["href"]
    assert data.records["title"] == find["title"]
    assert len(data.records["terms"]) == len(catalogue.records)
    # The word shards' positions are into this order, and the index says how many there are.
    assert data.index["words"]["records"] == len(catalogue.records)


def test_a_record_lists_its_organisations_places_and_topics_once_each(catalogue: Catalogue) -> None:
    data = search_data(catalogue, urls.Linker(), PAGES)
    terms = _terms_of(data, "south-wales-tri-service-control-centre")
    assert {(ORGANISATION, "South Wales Police"), (PLACE, "Bridgend"), (PLACE, "Wales"), (TOPIC, "Police")} <= terms
    names = list(zip(data.index["terms"]["kind"], data.index["terms"]["name"], strict=True))
    assert len(names) == len(set(names))


def test_organisation_pages_and_hand_written_pages_are_listed_with_their_addresses(catalogue: Catalogue) -> None:
    data = search_data(catalogue, urls.Linker(), PAGES).index
    organisations = dict(zip(data["organisations"]["name"], data["organisations"]["href"], strict=True))
    assert organisations["South Wales Police"] == "../organisations/south-wales-police/"
    assert len(organisations) == len(catalogue.organisations())
    assert data["pages"] == {"title": ["About Casebook", "Home"], "href": ["../about/", "../"]}


def test_addresses_follow_the_url_style_and_point_at_finds_word_shards(catalogue: Catalogue) -> None:
    data = search_data(catalogue, urls.Linker(directory_urls=False), PAGES).index
    records = search_data(catalogue, urls.Linker(directory_urls=False), PAGES).records
    assert records["href"][0].startswith("../case-studies/") and records["href"][0].endswith(".html")
    assert data["pages"]["href"] == ["../about.html", "../index.html"]
    assert data["words"]["files"][7] == "../find/words/07.json"
    assert data["find"] == {"href": "../find/index.html", "param": "keywords"}


def test_the_data_files_are_the_same_for_the_same_content(catalogue: Catalogue) -> None:
    index, records = search_files(catalogue, urls.Linker(), PAGES)
    assert (index.path, records.path) == (urls.SEARCH_INDEX, urls.SEARCH_RECORDS)
    assert [index.content, records.content] == [file.content for file in search_files(catalogue, urls.Linker(), PAGES)]
    data = search_data(catalogue, urls.Linker(), PAGES)
    assert (json.loads(index.content), json.loads(records.content)) == (data.index, data.records)


def test_the_index_the_box_searches_first_holds_no_case_study(catalogue: Catalogue) -> None:
    # It is what a slow connection brings first, so it grows with the names, not the records.
    data = search_data(catalogue, urls.Linker(), PAGES)
    assert set(data.index) == {"terms", "organisations", "pages", "words", "find"}
    index = json.dumps(data.index, ensure_ascii=False)
    assert not [href for href in data.records["href"] if f'"{href}"' in index]


def test_hand_written_pages_are_titled_by_front_matter_then_heading_then_name(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "a.md").write_text("---\ntitle: From front matter\n---\n\n# A heading\n", encoding="utf-8")
    (tmp_path / "guide/b.md").write_text("Text first.\n\n# Its heading {: #anchor }\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("No heading at all.\n", encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"")
    assert hand_written_pages(tmp_path) == [HandWrittenPage("a.md", "From front matter"),
                                            HandWrittenPage("c.md", "c"),
                                            HandWrittenPage("guide/b.md", "Its heading")]


def test_the_shipped_pages_are_titled_by_their_headings() -> None:
    titles = {page.src: page.title for page in hand_written_pages(ROOT / "content/pages")}
    assert titles["about.md"] == "About Casebook" and titles["propose.md"] == "Propose a case study"
