"""The interface text of the theme's own templates (site_theme/overrides: the header search, the
page head), in the build's language.

Those templates are rendered by the engine (MkDocs, ProperDocs, Zensical), not by Casebook, and
not every engine gives them gettext: they read their text from `config.extra`, where the plugin
(and `casebook render`, for the other engines) puts it, translated from the catalogue.
"""

from __future__ import annotations

import gettext

from ..i18n.languages import SOURCE, Language
from ..i18n.marks import N_
from .script_text import messages_element

THEME_TEXT: dict[str, str] = {
    "search": N_("Search"),
    "search_site": N_("Search the site"),
    "search_what": N_("Search case studies, organisations and pages"),
    # Translators: the name of the header's search region, as in "Site search".
    "search_region": N_("Site"),
    "search_help": N_("Type to search. Up and down arrows choose a result, Enter opens it."),
    "search_results": N_("Search results"),
    "all_results": N_("All results"),
    "clear_search": N_("Clear"),
    "every_result": N_("See every result"),
    # Translators: the image shown when a page is shared, after the site's name and a colon.
    "card_alt": N_("what UK emergency services learned from working together"),
    # Translators: the name of the site's feed, after the site's name and a colon.
    "feed": N_("case studies"),
}


def theme_extra(translations: gettext.NullTranslations | None = None,
                language: Language = SOURCE) -> dict[str, object]:
    """The `extra` settings the theme's templates read their text from."""
    translations = translations or gettext.NullTranslations()
    return {"casebook_text": {key: translations.gettext(message) for key, message in THEME_TEXT.items()},
            "casebook_search_messages": str(messages_element("search", translations, language))}
