"""HTML blocks held back from Python-Markdown come back exactly where they were, and nothing
else in the page is mistaken for a held block."""

from __future__ import annotations

import re

import markdown

from generator.mkdocs.passthrough import hold_html_blocks, restore_html_blocks

PAGE = """# A heading

<div class="cb-panel"><p>Kent &amp; Medway</p>
<ul><li>one</li></ul></div>

Some *text* between the blocks.

<section><h2 id="more">More</h2></section>
"""


def _through_markdown(page: str) -> str:
    held, blocks = hold_html_blocks(page)
    return restore_html_blocks(markdown.markdown(held), blocks)


def _tags_and_text(html: str) -> str:
    # Python-Markdown puts a blank line after a raw block; the blocks come back without one.
    return re.sub(r">\s+<", "><", html.strip())


def test_a_page_comes_out_as_python_markdown_makes_it() -> None:
    assert _tags_and_text(_through_markdown(PAGE)) == _tags_and_text(markdown.markdown(PAGE))


def test_blocks_are_held_in_order_and_text_is_not() -> None:
    held, blocks = hold_html_blocks(PAGE)
    assert blocks[1:] == ['<div class="cb-panel"><p>Kent &amp; Medway</p>\n<ul><li>one</li></ul></div>',
                          '<section><h2 id="more">More</h2></section>\n']
    assert "Some *text* between the blocks." in held and "<div" not in held and "<section" not in held


def test_text_that_looks_like_a_marker_stays_text() -> None:
    # A marker carries a fresh random nonce, so text that imitates one (say, from another page) is left alone.
    _, earlier = hold_html_blocks(PAGE)
    imitation = f"CASEBOOKBLOCK{earlier[0]}N1"
    page = PAGE.replace("Some *text* between the blocks.", imitation)
    assert _tags_and_text(_through_markdown(page)) == _tags_and_text(markdown.markdown(page))
    assert f"<p>{imitation}</p>" in _through_markdown(page)


def test_a_page_without_blocks_is_unchanged() -> None:
    held, blocks = hold_html_blocks("# Title\n\nJust text.\n")
    assert held == "# Title\n\nJust text.\n" and blocks[1:] == []


def test_a_block_after_several_blank_lines_is_held_too() -> None:
    # Templates leave more than one blank line between blocks; those blocks cost the most to parse.
    page = PAGE.replace("\n\n<section>", "\n\n\n\n<section>")
    held, blocks = hold_html_blocks(page)
    assert "<section" not in held and blocks[-1] == '<section><h2 id="more">More</h2></section>\n'
    assert _tags_and_text(_through_markdown(page)) == _tags_and_text(markdown.markdown(page))
