"""A message with a value filled in (`_("%(region)s: …", region=name)`) is Markup, which the
templates' finalize leaves as it is: the values themselves must be kept on one line, or a
line break in a name starts a line of the page's Markdown, where links and attribute lists are
live (found by the output property test: a region's name in the tile map's <title>)."""
from __future__ import annotations

import pytest
from support import ROOT

from generator.render.pages import template_environment

NAME = "North West\r\n\n[x](https://evil.example){: onfocus=alert(1) autofocus }"


@pytest.mark.parametrize("template", [
    '{{ _("%(region)s: a tile", region=name) }}',
    '{{ gettext("%(region)s: a tile", region=name) }}',
    '{{ ngettext("%(region)s: %(num)s case study", "%(region)s: %(num)s case studies", 2, region=name) }}',
])
def test_a_filled_in_value_stays_on_one_line(template: str) -> None:
    env = template_environment(ROOT / "site_theme" / "casebook")
    output = env.from_string(template).render(name=NAME)
    assert "\n" not in output and "\r" not in output
    assert "[x](https://evil.example)" in output  # still there, as text
