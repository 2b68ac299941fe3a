"""Dates, numbers, sums of money and outcome figures written the way each language writes them.

Babel carries the Unicode CLDR data: month names and the order of day, month and year, digit
grouping, and the words for minutes and hours with each language's plural forms (Welsh has six,
and mutates: "2 funud"). The few phrases CLDR has no pattern for (£1.2m, "a year") are messages
in the catalogue, so translators see them beside the rest of the interface.
"""

from __future__ import annotations

import datetime as dt
import gettext
from decimal import Decimal

from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from babel.units import format_unit

from .languages import SOURCE, Language
from .marks import N_

# Largest first: £3bn, £1.2m, then whole pounds.
_SCALES = (
    # Translators: a sum in billions of pounds, as in "£3bn"; keep %(number)s.
    (1_000_000_000, N_("£%(number)sbn")),
    # Translators: a sum in millions of pounds, as in "£1.2m"; keep %(number)s.
    (1_000_000, N_("£%(number)sm")),
)
# Translators: a sum in pounds, as in "£460,000".
_POUNDS = N_("£%(number)s")
# Translators: a yearly sum, as in "£250,000 a year"; %(money)s is the sum.
_PER_YEAR = N_("%(money)s a year")
# Translators: when a scheme ran, as in "March 2012 to 2015"; %(start)s and %(end)s are dates.
_SPAN = N_("%(start)s to %(end)s")
# Translators: a percentage, as in "65%"; %% is the percent sign.
_PERCENT = N_("%(number)s%%")
# Outcome units that CLDR names, by its unit ids.
_DURATIONS = {"minutes": "duration-minute", "hours": "duration-hour"}
# At most two decimals, and none when the figure is whole.
_NUMBER = "#,##0.##"
# CLDR skeletons: which fields to show; each locale supplies their order and words.
_MONTH, _DAY = "yMMMM", "yMMMMd"


class Formats:
    """How one language writes dates and figures: the Jinja filters `date`, `figure`, `money`."""

    def __init__(self, language: Language, translations: gettext.NullTranslations) -> None:
        self.language = language
        self.locale = Locale.parse(language.locale)
        self.gettext = translations.gettext
        # Records share few distinct dates, and a page shows several: each is worked out once.
        self._dates: dict[str, str] = {}

    @classmethod
    def source(cls) -> Formats:
        """The source language's, which needs no catalogue."""
        return cls(SOURCE, gettext.NullTranslations())

    def number(self, value: float | int) -> str:
        # Decimal(value) is the float's exact binary value, so rounding it to two places gives
        # the digits Python's own formatting gives, ties included.
        return format_decimal(Decimal(value), _NUMBER, locale=self.locale)

    def money(self, value: float | int) -> str:
        """£1.2m, £3bn, £460,000: the way public-sector reports write sums."""
        for size, message in _SCALES:
            if value >= size:
                return self.gettext(message) % {"number": self.number(round(value / size, 2))}
        return self.gettext(_POUNDS) % {"number": self.number(value)}

    def figure(self, value: float | int | None, unit: str | None) -> str:
        """An outcome's figure in its unit; '' when it has none."""
        if value is None:
            return ""
        if unit in _DURATIONS:
            return format_unit(Decimal(value), _DURATIONS[unit], length="long", format=_NUMBER, locale=self.locale)
        if unit == "gbp":
            return self.money(value)
        if unit == "gbp_per_year":
            return self.gettext(_PER_YEAR) % {"money": self.money(value)}
        if unit == "percent":
            return self.gettext(_PERCENT) % {"number": self.number(value)}
        return self.number(value)

    def date(self, text: str | None) -> str:
        """A partial date as written in prose: '2014', 'September 2014', '3 September 2014'."""
        if not text:
            return ""
        if text not in self._dates:
            self._dates[text] = self._written(text)
        return self._dates[text]

    def span(self, started: str, ended: str | None) -> str:
        """When a scheme ran: 'March 2012', or 'March 2012 to 2015'."""
        if not ended:
            return self.date(started)
        return self.gettext(_SPAN) % {"start": self.date(started), "end": self.date(ended)}

    def _written(self, text: str) -> str:
        parts = [int(part) for part in text.split("-")]
        if len(parts) == 1:
            return text
        day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
        return format_skeleton(_DAY if len(parts) == 3 else _MONTH, day, locale=self.locale)
