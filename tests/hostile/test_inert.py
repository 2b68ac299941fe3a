"""Hostile text in fields shown as text: the site builds, every page shows it inert, and no
script from it runs in a real browser."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser_support import open_page, served
from playwright.sync_api import Browser
from support import make_project, record, run_build

CORPUS = Path(__file__).parent / "corpus" / "inert"
# The theme's own scripts: inline ones without attributes, its configuration, and files under assets/.
# The theme's scripts, Material's configuration and the messages of the scripts (catalogue text as
# htmlsafe JSON: render/script_text.py); nothing else may open a script element.
THEME_SCRIPT = re.compile(r'<script(?: id="__config" type="application/json"| src="[./]*assets/[\w./-]+\.js"'
                          r'(?: type="module")?| type="application/json" class="cb-messages" data-group="\w+")?>')

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("inert"), {"kent-control": record()})
    for path in CORPUS.glob("*.yaml"):
        shutil.copy(path, project / "content" / "case-studies" / path.name)
    result = run_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    with served(site) as url:
        yield url


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_payload_text_is_shown_not_run_in_the_html(site: Path) -> None:
    html = (site / "case-studies/payloads-in-plain-text/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt; Kent &amp;amp; Medway {{ 7*7 }}" in html or \
        "&lt;script&gt;window.__pwned=1&lt;/script&gt; Kent &amp; Medway {{ 7*7 }}" in html
    markdown = (site / "case-studies/payloads-in-markdown/index.html").read_text(encoding="utf-8")
    assert "root:x:0:0" not in markdown and "--8&lt;--" in markdown.replace("--8<--", "--8&lt;--")
    assert ">49<" not in markdown


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))


def test_no_page_carries_a_script_handler_or_unsafe_link_from_a_record(site: Path) -> None:
    for page in pages(site):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script\b[^>]*>", html)
        assert [tag for tag in scripts if not THEME_SCRIPT.fullmatch(tag)] == [], page
        assert "<script>window.__pwned" not in html, page
        elements = _Elements()
        elements.feed(html)
        for tag, attributes in elements.tags:
            handlers = {name: value for name, value in attributes.items() if name.startswith("on")}
            assert handlers == {}, (page, tag, handlers)
            for name in ("href", "src", "action", "formaction"):
                target = attributes.get(name, "").strip().lower()
                assert not target.startswith(("javascript:", "data:", "vbscript:")), (page, tag, target)
            assert "data-pwned" not in attributes, (page, tag)


def test_no_payload_runs_in_chromium(browser: Browser, site: Path, site_url: str) -> None:
    dialogs: list[str] = []
    page, errors = open_page(browser)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in pages(site):
        page.goto(site_url + path.relative_to(site).as_posix())
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
        assert page.evaluate("document.querySelector('[data-pwned]')") is None, path
    page.context.close()
    assert dialogs == []
    assert errors == []
