"""A Jinja environment speaking one language: gettext for the templates' strings, the language's
own filters for dates and figures, and `lang` for text in another language."""

from __future__ import annotations

import gettext
from functools import partial

import jinja2
from markupsafe import Markup

from .formats import Formats
from .localise import language_of


def lang_attribute(page_language: str, value: object) -> Markup:
    """` lang="en"` for text written in another language than the page's, else nothing:
    `<p{{ record.summary | lang }}>` marks English shown on a Welsh page."""
    other = language_of(value, page_language)
    return Markup(' lang="%s"') % other if other != page_language else Markup("")


def install(env: jinja2.Environment, formats: Formats, translations: gettext.NullTranslations) -> None:
    """Templates then write `{{ _("Case studies") }}`, `{% trans count=n %}…{% endtrans %}` and
    `{{ record.started | date }}` in whichever language the environment was given."""
    env.add_extension("jinja2.ext.i18n")
    # Whitespace inside {% trans %} blocks is collapsed, as the extraction (babel.cfg) collapses
    # it, so the catalogue's message ids match what the templates ask for.
    env.policies["ext.i18n.trimmed"] = True
    # New-style gettext escapes the translation and fills %(name)s placeholders itself.
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(date=formats.date, span=formats.span, figure=formats.figure, money=formats.money,
                       lang=partial(lang_attribute, formats.language.code))
    env.globals["page_language"] = formats.language
