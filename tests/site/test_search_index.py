"""Generated pages reach Material's search indexer with unused tags unwrapped: the index must be
exactly the one Material makes from the full page."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

from material.plugins.search.plugin import SearchIndex

from generator.mkdocs.indexing import indexable_html

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.DOTALL)


def _entries(html: str, url: str) -> list[tuple[str, str, str]]:
    toc = [SimpleNamespace(id=anchor, url=f"#{anchor}", children=[])
           for anchor in re.findall(r'<h[1-6][^>]* id="([^"]+)"', html)]
    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(content=html, toc=toc, url=url, meta={}, title=""))
    return [(entry["location"], entry["title"], entry["text"]) for entry in index.entries]


def _record_articles(site: Path) -> dict[str, str]:
    pages = sorted(site.glob("case-studies/*/index.html"))
    assert pages
    articles = {}
    for page in pages:
        found = ARTICLE.search(page.read_text(encoding="utf-8"))
        assert found, page
        articles[f"case-studies/{page.parent.name}/"] = found.group(1)
    return articles


def test_unwrapped_pages_index_exactly_as_full_pages(shipped_site: Path) -> None:
    for url, html in _record_articles(shipped_site).items():
        lean = indexable_html(html)
        assert lean.count("<") < html.count("<") / 1.5, url
        assert _entries(lean, url) == _entries(html, url), url


def test_the_published_index_holds_each_record_section(shipped_site: Path) -> None:
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    published = {(doc["location"], doc["title"], doc["text"]) for doc in index["docs"]}
    for url, html in _record_articles(shipped_site).items():
        expected = {(location, title, text) for location, title, text in _entries(html, url)}
        # Material strips the page's own title from its first entry; sections must match exactly.
        assert {e for e in expected if "#" in e[0]} <= published, url


def test_pages_with_markup_the_indexer_treats_specially_are_left_alone() -> None:
    for html in ('<p>a</p><div data-search-exclude><p>secret</p></div>', '<p>a</p><script>x</script>',
                 '<pre><code><span class="linenodiv">1</span></code></pre>'):
        assert indexable_html(html) == html
    assert indexable_html('<h2 data-search-exclude id="r">Related</h2><p><a href="x" title="a>b">t</a></p>') == \
        '<h2 data-search-exclude id="r">Related</h2><p>t</p>'
