"""Turning untrusted record text into safe, readable HTML fragments (dates and figures are
written by i18n.formats, in the page's language)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import jinja2
import nh3
from markupsafe import Markup, escape

from ..content.markdown import to_html

_ALLOWED_TAGS = {"p", "ul", "ol", "li", "em", "strong", "a", "code", "pre", "blockquote", "h3", "h4", "h5",
                 "h6", "br", "hr", "table", "thead", "tbody", "tr", "th", "td"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


def render_markdown(text: str) -> Markup:
    """Record Markdown as safe HTML.

    cmark-gfm (GitHub's CommonMark, in C) renders it in its default safe mode, which drops raw
    HTML and javascript:/data: links; nh3 (ammonia) then allows only a short list of tags and
    URL schemes, in case a rule is ever loosened. MkDocs' own Markdown (with attr_list and raw
    HTML) never sees record text.
    """
    html = to_html(text)
    # Record headings sit below the page's own h2 sections.
    html = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", html)
    clean = nh3.clean(html, tags=_ALLOWED_TAGS, attributes={"a": {"href"}},
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer nofollow")
    return Markup(_one_line(clean))


_PRE = re.compile(r"<pre>.*?</pre>", re.DOTALL)


def _one_line(html: str) -> str:
    """The fragment on a single line: line breaks inside <pre> become &#10;, others spaces.

    Generated pages are Markdown in which record text sits only inside HTML lines; with no
    line breaks of its own, it can never start a line, end an HTML block or be read as Markdown.
    """
    html = _PRE.sub(lambda m: m.group().replace("\n", "&#10;"), html)
    return html.replace("\n", " ")


_LINE_BREAKS = str.maketrans("\r\n", "  ")


def one_line(value: object) -> object:
    """Jinja's finalize: plain text output on one line, whatever the model let through.

    A line break in text would let what follows start a line of the page's Markdown (outside
    its HTML block) where links and attribute lists are live. Markup (the safe Markdown
    renderer's output, the templates' own HTML) is left as it is.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return value.translate(_LINE_BREAKS)
    return value


def messages_on_one_line(env: jinja2.Environment) -> None:
    """The message functions of `env` (`_`, `gettext`, `ngettext`) with every value they fill
    in kept on one line: a filled message is Markup, which finalize (one_line) leaves alone, so
    a line break in a name would otherwise reach the page's Markdown."""
    for name in ("_", "gettext", "ngettext"):
        message = env.globals[name]
        assert callable(message)  # installed by i18n.environment.install
        env.globals[name] = _filling_one_line(message)


def _filling_one_line(message: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(message)  # keeps Jinja's pass_context mark
    def fill(*args: Any, **values: Any) -> Any:
        return message(*args, **{name: one_line(value) for name, value in values.items()})
    return fill


def preformatted(text: str) -> Markup:
    """Text for a <pre> block: escaped, its line breaks as character references, so the page's
    Markdown sees one line (see one_line) and the browser shows every line."""
    return Markup(str(escape(text)).replace("\n", "&#10;"))
