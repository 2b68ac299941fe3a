"""A page's HTML as a search indexer needs it: the same headings and words, little markup.

Material's search plugin reads every page's HTML with Python's pure-Python HTML parser, at a
cost per tag. A case-study page carries about twice the tags of a hand-written page of the
same text (badges, links, definition lists), which made indexing the largest cost of a build
beyond plain MkDocs. The indexer keeps only headings (which start sections), paragraphs,
lists and code, and the words; so it can be handed the page with every other tag already
unwrapped, and gives the same index.
"""

from __future__ import annotations

import re

# Tags the indexer keeps in its text or uses to find sections; every other tag is unwrapped.
# A tag is matched whole, quoted attribute values included (they may hold '>').
_UNUSED_TAG = re.compile(r"""</?(?!(?:h[1-6]|section|article|p|code|pre|li|ol|ul|sub|sup)\b)[a-zA-Z][a-zA-Z0-9-]*"""
                         r"""(?:[^>"']|"[^"]*"|'[^']*')*>""")
# MkDocs' permalinks: the indexer leaves their sign out of section titles; unwrapped, it would not.
_PERMALINK = re.compile(r'<a class="headerlink" href="#[^"<>]*" title="[^"<>]*">(?:&para;|¶)</a>')
# Markup the indexer treats specially (skipped content, or an excluded block other than a
# heading): pages that carry it are handed over as they are.
_SKIPPED = ("<script", "<style", "<object", "linenodiv")
_HEADING_TAG = re.compile(r"<h[1-6]\b")


def indexable_html(html: str) -> str:
    """`html` with every tag the indexer ignores unwrapped (its text kept in place)."""
    lowered = html.lower()
    # Substring tests: a regular expression with these alternatives costs more than the unwrapping.
    if any(marker in lowered for marker in _SKIPPED) or _excludes_a_block(html):
        return html
    return _UNUSED_TAG.sub("", _PERMALINK.sub("", html))


def _excludes_a_block(html: str) -> bool:
    """Whether a tag other than a heading carries a data-search- attribute."""
    at = html.find("data-search-")
    while at != -1:
        if not _HEADING_TAG.match(html, html.rfind("<", 0, at)):
            return True
        at = html.find("data-search-", at + 1)
    return False
