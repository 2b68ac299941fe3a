"""The header search's index: Pagefind over the built site, made by the plugin after `mkdocs build`
and by `casebook index` after any other engine, with the same pages and the same bytes."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from support import ROOT, run_build
from support import search_fragments as fragments

from generator.commands import cli
from generator.search_index import index_pages, main_text, searched_pages


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_the_build_indexes_records_organisations_and_hand_written_pages(shipped_site: Path) -> None:
    pages = fragments(shipped_site / "pagefind")
    records = {f"/case-studies/{p.parent.name}/" for p in shipped_site.glob("case-studies/*/index.html")}
    organisations = {f"/organisations/{p.parent.name}/" for p in shipped_site.glob("organisations/*/index.html")}
    assert records and organisations
    assert records | organisations | {"/", "/about/", "/evidence/", "/data/", "/contribute/", "/propose/"} == set(pages)
    assert {pages[url]["meta"]["kind"] for url in records} == {"Case study"}
    assert {pages[url]["meta"]["kind"] for url in organisations} == {"Organisation"}
    assert "kind" not in pages["/about/"]["meta"]


def test_listings_the_find_page_search_page_and_404_are_left_out(shipped_site: Path) -> None:
    pages = fragments(shipped_site / "pagefind")
    for left_out in ("/case-studies/", "/services/fire/", "/regions/", "/lessons/", "/find/", "/search/",
                     "/evidence-base/", "/organisations/", "/404.html"):
        assert left_out not in pages


def test_an_organisation_page_is_indexed_by_its_name_not_by_the_case_studies_it_lists(shipped_site: Path) -> None:
    page = fragments(shipped_site / "pagefind")["/organisations/south-wales-police/"]
    assert page["meta"]["title"] == "South Wales Police"
    listed = (shipped_site / "organisations/south-wales-police/index.html").read_text(encoding="utf-8")
    assert "Llantwit Major four-service emergency station" in listed
    assert "Llantwit" not in page["content"] and "Sorted by" not in page["content"]


def test_citations_related_case_studies_and_permalink_signs_are_not_indexed(shipped_site: Path) -> None:
    pages = fragments(shipped_site / "pagefind")
    record = pages["/case-studies/kent-police-fire-joint-control-room/"]
    assert "Lessons" in record["content"]
    assert "BibTeX" not in record["content"] and "Cite this case study" not in record["content"]
    assert "Related case studies" not in record["content"]
    assert pages["/about/"]["meta"]["title"] == "About Casebook"
    assert not any("¶" in page["meta"]["title"] for page in pages.values())


def test_the_main_text_alone_gives_the_same_index_as_the_whole_page(shipped_site: Path, tmp_path: Path) -> None:
    pages = [(path, (shipped_site / path).read_text(encoding="utf-8")) for path, _ in searched_pages(shipped_site)]
    lean = [main_text(html) for _, html in pages]
    assert all(cut != html for cut, (_, html) in zip(lean, pages, strict=True))
    assert sum(map(len, lean)) < sum(len(html) for _, html in pages) / 2
    index_pages(pages, tmp_path / "whole")
    assert _tree(tmp_path / "whole") == _tree(shipped_site / "pagefind")


def test_a_page_laid_out_otherwise_is_handed_over_whole() -> None:
    html = '<html lang="en"><body><main data-pagefind-body><h1>Other layout</h1></main></body></html>'
    assert main_text(html) == html


def test_searched_pages_skip_the_bundle_and_unmarked_pages(shipped_site: Path) -> None:
    paths = [path for path, _ in searched_pages(shipped_site)]
    assert paths == sorted(paths)
    assert "about/index.html" in paths and "services/fire/index.html" not in paths
    assert not any(path.startswith("pagefind/") for path in paths)


def test_two_builds_of_the_same_content_give_the_same_index(shipped_site: Path, tmp_path: Path) -> None:
    result = run_build(ROOT, tmp_path / "again", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _tree(tmp_path / "again" / "pagefind") == _tree(shipped_site / "pagefind")


def test_casebook_index_gives_the_plugins_index(shipped_site: Path, tmp_path: Path, capsys: Any) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site, ignore=shutil.ignore_patterns("pagefind"))
    assert cli.main(["index", "--site", str(site)]) == cli.EXIT_OK
    assert "indexed" in capsys.readouterr().out
    assert _tree(site / "pagefind") == _tree(shipped_site / "pagefind")
    # Run again over its own output, it replaces the index rather than adding to it.
    assert cli.main(["index", "--site", str(site)]) == cli.EXIT_OK
    assert _tree(site / "pagefind") == _tree(shipped_site / "pagefind")


def test_casebook_index_explains_a_site_without_marked_pages(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / "index.html").write_text("<html lang='en'><body><p>Plain</p></body></html>", encoding="utf-8")
    assert cli.main(["index", "--site", str(tmp_path)]) == cli.EXIT_USAGE
    assert "no page" in capsys.readouterr().err
    assert cli.main(["index", "--site", str(tmp_path / "missing")]) == cli.EXIT_USAGE
    assert "build the site first" in capsys.readouterr().err
