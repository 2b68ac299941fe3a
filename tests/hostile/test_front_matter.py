"""The front matter of generated pages reads back, through MkDocs' own reader, as exactly the
values written, whatever the text: MkDocs treats front matter it cannot read as Markdown."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta
from support import make_project, record

from generator.commands import cli
from generator.render.frontmatter import front_matter

# Every code point, lone surrogates included (a str can hold them, UTF-8 cannot), and more often
# the characters YAML treats specially.
SPECIAL = "\x00\t\n\r\x1b\x7f\x80\x85\x9f\xa0\ud800\udfff\ufeff\ufffe\uffff\u2028\u2029\U0001f6a8\U0010ffff\"\\'#:-{}[]"
ANY_TEXT = st.text(st.one_of(st.characters(codec=None, categories=None), st.sampled_from(SPECIAL)), max_size=40)
REPLACEMENT = "\ufffd"


def intended(text: str) -> str:
    """What a page can carry: a lone surrogate cannot be written as UTF-8, so it becomes U+FFFD."""
    return "".join(REPLACEMENT if "\ud800" <= c <= "\udfff" else c for c in text)


@settings(max_examples=250, deadline=None)
@given(title=ANY_TEXT, slug=ANY_TEXT)
def test_any_text_reads_back_as_meta_through_mkdocs(title: str, slug: str) -> None:
    page = front_matter({"casebook": {"kind": "record", "slug": slug, "draft": False}, "search": {"exclude": True},
                         "other": title}) + "Body\n"
    body, data = meta.get_data(page)
    assert body == "Body\n"
    assert data == {"casebook": {"kind": "record", "slug": intended(slug), "draft": False},
                    "search": {"exclude": True}, "other": intended(title)}


@settings(max_examples=150, deadline=None)
@given(text=ANY_TEXT)
def test_any_text_reads_back_through_the_pure_python_yaml_reader_too(text: str) -> None:
    # Engines other than MkDocs may read `casebook render` output without libyaml.
    page = front_matter({"value": text})
    assert yaml.load(page.split("---\n")[1], Loader=yaml.SafeLoader) == {"value": intended(text)}


def test_title_and_description_are_escaped_for_html_and_read_back() -> None:
    page = front_matter({"title": 'Kent [room](https://example.org){: onfocus=alert(1) } \x80 <b>&"',
                         "description": "moved \ufffe\uffff [moved](javascript:alert(1))"})
    body, data = meta.get_data(page + "Body\n")
    assert body == "Body\n"
    assert data["title"] == "Kent [room](https://example.org){: onfocus=alert(1) } \x80 &lt;b&gt;&amp;&quot;"
    assert data["description"] == "moved \ufffe\uffff [moved](javascript:alert(1))"


def test_an_emoji_stays_one_character_not_a_pair_of_surrogates() -> None:
    _, data = meta.get_data(front_matter({"title": "Blue light \U0001f6a8 team"}) + "Body\n")
    assert data["title"] == "Blue light \U0001f6a8 team"


def test_line_breaks_of_every_kind_stay_inside_the_value() -> None:
    text = "a\nb\rc\r\nd\x85e\u2028f\u2029g\n---\nh"
    page = front_matter({"value": text})
    assert page.count("\n") == 4  # the two fences, one line of meta, and the blank line after
    assert meta.get_data(page + "Body\n")[1] == {"value": text}


def test_every_page_casebook_render_writes_reads_back_with_its_meta(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    title = 'Kent: {room} [x] #1 "quoted" \\ \U0001f6a8 --- ... & <b>'
    project = make_project(tmp_path, {"kent-control": record(title=title)})
    out = tmp_path / "rendered"
    assert cli.main(["--root", str(project), "render", "--out", str(out)]) == 0, capsys.readouterr().err
    docs = out / "docs"  # the pages of the project casebook render writes
    pages = project / "content/pages"
    generated = [path for path in docs.rglob("*.md") if not (pages / path.relative_to(docs)).exists()]
    assert len(generated) > 50
    for path in generated:
        body, data = meta.get_data(path.read_text(encoding="utf-8"))
        assert isinstance(data.get("casebook"), dict), path
        assert not body.startswith("---"), path
    _, data = meta.get_data((docs / "case-studies/kent-control.md").read_text(encoding="utf-8"))
    assert data["title"] == html.escape(title)
