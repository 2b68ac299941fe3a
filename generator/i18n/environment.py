"""A Jinja environment speaking one language: gettext for the templates' strings and the
language's own filters for dates and figures."""

from __future__ import annotations

import gettext

import jinja2

from .formats import Formats


def install(env: jinja2.Environment, formats: Formats, translations: gettext.NullTranslations) -> None:
    """Templates then write `{{ _("Case studies") }}`, `{% trans count=n %}…{% endtrans %}` and
    `{{ record.started | date }}` in whichever language the environment was given."""
    env.add_extension("jinja2.ext.i18n")
    # Whitespace inside {% trans %} blocks is collapsed, as the extraction (babel.cfg) collapses
    # it, so the catalogue's message ids match what the templates ask for.
    env.policies["ext.i18n.trimmed"] = True
    # New-style gettext escapes the translation and fills %(name)s placeholders itself.
    env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(date=formats.date, figure=formats.figure, money=formats.money)
