"""`casebook render` writes a project that engines without the casebook plugin build: built with
ProperDocs, it must give the same pages, the same main text, the same data files (the header
search's among them) and the same header-search results in Chromium as `mkdocs build` with the
plugin; built with Zensical, the same pages, main text, data files and header-search results
(its sitemap is its own)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser
from support import ROOT, make_project, record

from generator.commands import cli

# Queries a reader types: an organisation, a place, a service, a topic, a phrase.
QUERIES = ["South Wales Police", "Kent", "ambulance", "cardiac arrest", "control room", "forced entry"]
TOP = 5
DATA_FILES = ("data/case-studies.csv", "data/case-studies.json", "feed.xml", "find/index.json", "search/index.json",
              "search/records.json")
# Built by the test, not by a person: the engine's name and version differ and nothing else may.
ENGINE_META = re.compile(r'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered") / "project"
    assert cli.main(["--root", str(ROOT), "render", "--out", str(out)]) == 0
    return out


def _engine(project: Path, *command: str) -> None:
    """Run an engine installed beside this Python in `project`, as a person would."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([str(Path(sys.executable).parent / command[0]), *command[1:]], cwd=project,
                            capture_output=True, text=True, env=environment, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def properdocs_site(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    _engine(rendered, "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site))
    # The Welsh site: its own configuration, built into its folder after the English one.
    _engine(rendered, "properdocs", "build", "--strict", "-f", "mkdocs.cy.yml", "--site-dir", str(site / "cy"))
    return site


@pytest.fixture(scope="session")
def zensical_site(rendered: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Zensical writes its site and a cache into the project folder: it builds a copy.
    project = tmp_path_factory.mktemp("zensical") / "project"
    shutil.copytree(rendered, project)
    _engine(project, "zensical", "build", "--strict")
    return project / "site"


class _ArticleText(HTMLParser):
    """The text a reader sees in a page's `<article>`, one string per block of it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article" or self.depth:
            self.depth += tag == "article"

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and data.strip():
            self.chunks.append(" ".join(data.split()))


def article_text(page: Path) -> str:
    parser = _ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(parser.chunks)


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


# An engine without the plugin writes the theme's 404 page in every build; the plugin leaves it
# out of the Welsh one, since hosts serve the root's (bilingual) page for every address.
WELSH_404 = "cy/404.html"


def _english(paths: set[str]) -> list[str]:
    """The English site's pages: the ones Zensical builds here (the Welsh build is ProperDocs')."""
    return sorted(path for path in paths if path.endswith(".html") and not path.startswith("cy/"))


def _same_text(paths: list[str]) -> list[str]:
    """The pages every engine makes alike: all but the 404 page, which speaks both languages only
    under the plugin (`_without_theme_messages`)."""
    return [path for path in paths if path != "404.html"]


def test_rendered_project_has_its_configuration_overrides_and_pages(rendered: Path) -> None:
    config = (rendered / "mkdocs.yml").read_text(encoding="utf-8")
    # An empty list, not a missing one: MkDocs and ProperDocs would add their search plugin.
    assert "\nplugins: []\n" in config
    assert "docs_dir: docs" in config and "custom_dir: overrides" in config
    assert "site_url: http://127.0.0.1:8000/" in config and "!ENV" not in config
    assert (rendered / "overrides/main.html").is_file() and (rendered / "overrides/assets/casebook.css").is_file()
    assert (rendered / "docs/about.md").is_file() and (rendered / "docs/case-studies/index.md").is_file()
    assert (rendered / "docs/data/case-studies.csv").is_file()


def test_rendered_project_has_the_welsh_sites_configuration_and_pages(rendered: Path) -> None:
    config = (rendered / "mkdocs.cy.yml").read_text(encoding="utf-8")
    for setting in ("docs_dir: docs-cy", "site_dir: site/cy", "site_url: http://127.0.0.1:8000/cy/", "  language: cy",
                    "- Dod o hyd i astudiaethau achos: find/index.md", "- md_in_html", "\nplugins: []\n"):
        assert setting in config, setting
    # Hand-written pages come from their Welsh versions (content/pages-cy), not marked as English.
    about = (rendered / "docs-cy/about.md").read_text(encoding="utf-8")
    welsh = (ROOT / "content/pages-cy/about.md").read_text(encoding="utf-8")
    assert about.startswith(welsh.split("\n# ")[0]) and "casebook_fallback" not in about
    assert "Uned ymateb ar y cyd Gwent" in (rendered / "docs-cy/case-studies/gwent-joint-response-unit.md").read_text(
        encoding="utf-8")


def test_properdocs_builds_the_same_files_as_mkdocs(shipped_site: Path, properdocs_site: Path) -> None:
    assert _files(properdocs_site) - {WELSH_404} == _files(shipped_site)


def _without_theme_messages(text: str) -> str:
    """Without the plugin the theme has no catalogue: its own few messages (the note on an
    untranslated page) are in English on the Welsh site, and the 404 page speaks English only."""
    return text.replace("Nid yw'r dudalen hon wedi'i chyfieithu eto: fe'i dangosir yn Saesneg.",
                        "This page has not been translated yet: it is shown in English.")


def test_properdocs_pages_have_the_same_main_text_as_mkdocs(shipped_site: Path, properdocs_site: Path) -> None:
    pages = sorted(path for path in _files(shipped_site) if path.endswith(".html") and path != "404.html")
    assert len(pages) > 100
    differing = [page for page in pages if article_text(properdocs_site / page)
                 != _without_theme_messages(article_text(shipped_site / page))]
    assert differing == []


def test_zensical_builds_the_same_pages_with_the_same_main_text(shipped_site: Path, zensical_site: Path) -> None:
    pages = _english(_files(shipped_site))
    assert sorted(path for path in _files(zensical_site) if path.endswith(".html")) == pages
    assert [page for page in _same_text(pages)
            if article_text(zensical_site / page) != article_text(shipped_site / page)] == []
    for path in DATA_FILES:
        assert (zensical_site / path).read_bytes() == (shipped_site / path).read_bytes(), path
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    # The theme overrides apply: the head block of main.html and the project's style sheet.
    assert '<meta property="og:site_name" content="Casebook">' in home and "assets/casebook.css" in home


def test_headings_show_no_attribute_syntax_without_the_plugin(properdocs_site: Path) -> None:
    page = properdocs_site / "case-studies/kent-police-fire-joint-control-room/index.html"
    html = page.read_text(encoding="utf-8")
    assert "Related case studies" in html and "{:" not in article_text(page)
    assert re.search(r'<h2 id="related-case-studies"', html)


def _layout(page: Path) -> str:
    # Generated HTML blocks reach MkDocs' output through the plugin without Python-Markdown's
    # blank lines between them: the same markup, spaced differently.
    return " ".join(ENGINE_META.sub("", page.read_text(encoding="utf-8")).split())


def test_data_files_and_whole_pages_are_the_same(shipped_site: Path, properdocs_site: Path) -> None:
    for path in (*DATA_FILES, "sitemap.xml"):
        assert (properdocs_site / path).read_bytes() == (shipped_site / path).read_bytes(), path
    pages = sorted(path for path in _files(shipped_site) if path.endswith(".html") and path != "404.html")
    assert [page for page in pages if _layout(properdocs_site / page)
            != _without_theme_messages(_layout(shipped_site / page))] == []


EDIT = re.compile(r'<a href="([^"]*)" title="Edit this page"[^>]* rel="edit"')


def test_edit_links_of_render_output_point_at_files_in_the_repository(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path, {"kent-control": record()})
    monkeypatch.setenv("CASEBOOK_REPO_URL", "https://github.com/example/casebook")
    assert cli.main(["--root", str(project), "render", "--out", str(tmp_path / "out")]) == 0
    site = tmp_path / "site"
    _engine(tmp_path / "out", "properdocs", "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site))
    edit = "https://github.com/example/casebook/edit/main/content/"
    record_page = (tmp_path / "site/case-studies/kent-control/index.html").read_text(encoding="utf-8")
    assert EDIT.findall(record_page) == [f"{edit}case-studies/kent-control.yaml"]
    assert f'<a href="{edit}case-studies/kent-control.yaml">Edit this record</a>' in record_page
    assert EDIT.findall((tmp_path / "site/about/index.html").read_text(encoding="utf-8")) == [f"{edit}pages/about.md"]
    # A listing has no file of its own to edit.
    assert EDIT.findall((tmp_path / "site/services/police/index.html").read_text(encoding="utf-8")) == []


def _top_results(browser: Browser, url: str, query: str) -> list[str]:
    """The first results of the header search box, as a reader gets them."""
    page, errors = open_page(browser)
    try:
        page.goto(url + "about/")
        page.keyboard.press("/")
        page.keyboard.type(query)
        page.wait_for_selector(f"#cb-search-status:has-text('for “{query}”')", timeout=30_000)
        links = page.eval_on_selector_all("#cb-search-results [role=option]",
                                          "options => options.map(o => new URL(o.dataset.href).pathname)")
        assert errors == []
        return list(links)[:TOP]
    finally:
        page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_header_search_gives_the_same_top_results(browser: Browser, shipped_site: Path, engine: str,
                                                  request: pytest.FixtureRequest) -> None:
    other = request.getfixturevalue(f"{engine}_site")
    with served(shipped_site) as mkdocs_url, served(other) as other_url:
        for query in QUERIES:
            expected = _top_results(browser, mkdocs_url, query)
            assert expected, query
            assert _top_results(browser, other_url, query) == expected, query
