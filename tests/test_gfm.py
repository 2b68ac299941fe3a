"""Record Markdown through Casebook's own calls into cmark-gfm: the same HTML as cmarkgfm's
GitHub-flavoured conversion, and nothing left allocated afterwards."""

from __future__ import annotations

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content import gfm

MARKDOWN = st.lists(st.sampled_from([*"ab <>*_~`|-[]()!:/#\n\\&\"'é🚒", "https://x.org", "www.x.org", "javascript:",
                                      "<script>", "- [ ] ", "| a |\n|---|\n"])).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKDOWN, st.sampled_from([0, Options.CMARK_OPT_UNSAFE]))
def test_the_html_is_cmarkgfms(text: str, options: int) -> None:
    assert gfm.to_html(text, options) == cmarkgfm.github_flavored_markdown_to_html(text, options)


def _resident_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


@pytest.mark.parametrize(("convert", "leaks"), [(gfm.to_html, False),
                                                (cmarkgfm.github_flavored_markdown_to_html, True)])
def test_converting_frees_what_cmark_allocates(convert, leaks: bool) -> None:
    # cmarkgfm's own conversion keeps about 25 KB of this text's tree and HTML per call: 4,000
    # calls hold 100 MB. The control shows that the measurement sees such a leak.
    text = "\n\n".join(f"Paragraph {n} with a [link](https://example.org/{n}), *emphasis* and `code`. " * 8
                       for n in range(6))
    convert(text)
    before = _resident_mb()
    for _ in range(4000):
        convert(text)
    grown = _resident_mb() - before
    assert (grown > 50) if leaks else (grown < 10), f"{grown:.0f} MB more after 4,000 conversions"
