"""The interface text of the site's scripts, given to them as data in the page's language.

The scripts (search.js, find.js, the proposal form's) hold no English: each page that runs one
carries its group of messages, translated from the catalogue, in a JSON script element that
`assets/messages.js` reads. A message with plural forms is given in each of the language's CLDR
plural categories (Welsh has six), which the browser's Intl.PluralRules chooses between.
"""

from __future__ import annotations

import gettext
from functools import cache

from babel import Locale
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..i18n.languages import Language
from ..i18n.marks import N_, Nn_

Message = str | tuple[str, str]

# Placeholders are Python's (%(count)s), so the catalogue checks them; messages.js fills them.
MESSAGES: dict[str, dict[str, Message]] = {
    "search": {
        "unavailable": N_("Search could not be loaded. Try again, or use Find case studies, which works "
                          "without it."),
        # Translators: %(query)s is what the reader typed.
        "none": N_("No results for “%(query)s”."),
        "results": Nn_("%(count)s result for “%(query)s”.", "%(count)s results for “%(query)s”."),
        "type": N_("Type to search."),
        "seeAll": Nn_("See the %(count)s result", "See all %(count)s results"),
        "typeAndPress": N_("Type what you are looking for and press Search."),
        "searching": N_("Searching…"),
    },
}

# The largest count whose plural category is looked for: every CLDR category has a number below it.
_SAMPLE_LIMIT = 1000


@cache
def _samples(locale: str) -> dict[str, int]:
    """A number in each of the language's plural categories ("few": 3 in Welsh)."""
    rule = Locale.parse(locale).plural_form
    found: dict[str, int] = {}
    for number in range(_SAMPLE_LIMIT):
        found.setdefault(rule(number), number)
    return found


def script_messages(group: str, translations: gettext.NullTranslations, language: Language) -> dict[str, object]:
    """One group's messages in `language`: text, or text per plural category."""
    def translated(message: Message) -> str | dict[str, str]:
        if isinstance(message, str):
            return translations.gettext(message)
        return {category: translations.ngettext(*message, number)
                for category, number in _samples(language.locale).items()}

    return {"lang": language.code, "messages": {key: translated(m) for key, m in MESSAGES[group].items()}}


def script_messages_json(group: str, translations: gettext.NullTranslations, language: Language) -> str:
    """`group`'s messages as JSON that is safe inside a <script> element."""
    return str(htmlsafe_json_dumps(script_messages(group, translations, language), sort_keys=True))


def messages_element(group: str, translations: gettext.NullTranslations, language: Language) -> Markup:
    """The script element a page carries for `group`'s script (messages.js reads it)."""
    data = script_messages_json(group, translations, language)
    return Markup(f'<script type="application/json" class="cb-messages" data-group="{group}">{data}</script>')
