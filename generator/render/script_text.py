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

from ..content.schema import IN_QUOTES
from ..facets import FIND_FACETS
from ..i18n.languages import Language
from ..i18n.marks import N_, Nn_

Message = str | tuple[str, str]

_MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
           N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))

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
        # Translators: the kind of a result, shown above its title.
        "kindRecord": N_("Case study"),
        "kindOrganisation": N_("Organisation"),
    },
    "find": {
        # Translators: the group of the filter made by words typed, as in "Containing: “fire”".
        "containing": N_("Containing"),
        "quoted": N_("“%(words)s”"),
        "removeFilter": N_("Remove filter: "),
        "removeSort": N_("Remove sort: "),
        "caseStudies": Nn_("%(count)s case study", "%(count)s case studies"),
        "show": Nn_("Show %(count)s case study", "Show %(count)s case studies"),
        "matches": Nn_("%(count)s case study matches.", "%(count)s case studies match."),
        # Translators: the lessons view's status, as in "12 lessons, barriers and enablers from 3 case studies."
        "notesFrom": N_("%(notes)s from %(found)s."),
        "applied": N_("(%(count)s applied)"),
        "without": Nn_("Without %(name)s: %(count)s case study", "Without %(name)s: %(count)s case studies"),
        "withoutNone": N_("Without %(name)s: still none"),
        "feed": N_("Follow case studies in %(name)s with the Atom feed"),
        "notes": Nn_("%(count)s lesson, barrier or enabler", "%(count)s lessons, barriers and enablers"),
        "lessonsIntro": Nn_("Lessons, barriers and enablers from the %(count)s case study that matches, grouped "
                            "by theme. Each links to its case study.",
                            "Lessons, barriers and enablers from the %(count)s case studies that match, grouped "
                            "by theme. Each links to its case study."),
        "lessonsFailed": N_("The lessons could not be loaded. Try again later."),
        "showAllUnder": Nn_("Show the %(count)s under %(theme)s", "Show all %(count)s under %(theme)s"),
        # Translators: how many options a narrowed list shows, as in "3 organisations shown".
        "shown": N_("%(things)s shown"),
        # How many terms of each facet, as in "3 organisations" (find.js: "count." and the facet's parameter).
        **{f"count.{facet.param}": facet.counted for facet in FIND_FACETS},
    },
    "propose": {
        "checkerFailed": N_("The answer checker could not be loaded, so this page cannot write the file. Use the "
                            "questions as a checklist and send your answers another way, as the contribute page "
                            "explains."),
        "notKept": N_("This browser does not let the page keep your answers: they will be lost if you reload or "
                      "leave the page."),
        "kept": N_("Your answers so far have been kept in this browser."),
        "deletedWithFile": N_("Your answers have been deleted from this browser now that you have the file."),
        "deleted": N_("Your answers have been deleted. You can start again."),
        # Translators: before an error message, and before the page title when the page shows errors.
        "error": N_("Error: "),
        "notGiven": N_("Not given"),
        "change": N_("Change"),
        # Translators: the name of a question without a label of its own, in an error message.
        "thisAnswer": N_("This answer"),
        # Translators: a question inside a row or group, as in "Organisation 2 name", "Evidence level".
        "fieldOf": N_("%(outer)s %(field)s"),
        "registeredLike": Nn_("A registered name like it:", "Registered names like it:"),
        "use": N_("Use %(name)s"),
        "keep": N_("Keep “%(name)s”: the name is right but not on the list yet"),
        # The answer checker's problems (propose-rules.js, propose-organisations.js); %(label)s names
        # the question. Words that come from the schema (its own error messages) are the page's
        # (render/proposal.py, schema_words).
        "labelled": N_("%(label)s: %(problem)s"),
        # Left out of the schema's date advice, since the form adds the quotes itself.
        "inQuotes": IN_QUOTES,
        "required": N_("%(label)s is required"),
        "chooseOne": N_("%(label)s: choose one"),
        "chooseOneOf": N_("%(label)s: choose one of the options"),
        "choiceMissing": N_("a required choice is missing"),
        "chooseAtLeast": N_("%(label)s: choose at least %(least)s"),
        "fillInAtLeast": N_("%(label)s: fill in at least %(least)s"),
        "giveAtLeast": N_("%(label)s: give at least %(least)s"),
        "tooShort": N_("%(label)s must be at least %(least)s characters (it has %(length)s)"),
        "tooLong": N_("%(label)s must be %(most)s characters or fewer (it has %(length)s)"),
        "notExpectedFormat": N_("this is not in the expected format"),
        "tooMany": N_("%(label)s: give at most %(most)s (there are %(count)s)"),
        "repeated": N_("%(label)s: “%(value)s” is given more than once"),
        "tooSmall": N_("%(label)s must be %(least)s or more"),
        "tooLarge": N_("%(label)s must be %(most)s or less"),
        "digitsOnly": N_("%(label)s: write digits only, without £, commas or units"),
        "notValid": N_("%(label)s is not valid"),
        # Translators: %(name)s is the name of a field in the record format, as in "unit".
        "requiredWhen": N_("%(label)s is required when a %(name)s is chosen"),
        "dateOrder": N_("%(label)s (%(ended)s) is before the start (%(started)s)"),
        "badDate": N_("%(label)s: %(value)s is not a real date; check the month and day"),
        "futureDate": N_("%(label)s: %(value)s is in the future"),
        "serviceWithout": N_("%(label)s: add one for each service you chose; none is given for %(services)s"),
        "serviceNotChosen": N_("%(label)s: %(service)s is not chosen under Services"),
        "notOnList": N_("%(label)s: “%(name)s” is not on Casebook's list of organisations"),
        # Translators: between two services, as in "police or fire".
        "or": N_("or"),
        "registeredAs": N_("%(label)s: %(name)s is registered as %(services)s"),
        "itsName": N_("its name; now %(current)s"),
        "itsNameUntil": N_("its name until %(date)s; now %(current)s"),
        "endedOn": N_("ended on %(date)s"),
        "endedIn": N_("ended in %(date)s"),
        "wasNameOf": N_("was the name of %(current)s until %(date)s"),
        # Translators: %(what)s says what became of the body, as in "ended on 31 March 2017".
        "beforeStart": N_("%(name)s %(what)s, before this scheme started (%(started)s)"),
        "onlyFrom": N_("%(name)s was only used from %(from)s, after this scheme ended (%(ended)s)"),
        # Month names, as a date is written in a problem ("31 March 2017").
        **{f"month{number}": name for number, name in enumerate(_MONTHS, start=1)},
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
