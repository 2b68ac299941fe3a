"""Dates and figures in each language: Welsh as CLDR writes it, English exactly as the site wrote
it before Babel did the work (the hand-written formatter of commit f885870 is kept below as the
reference), and the catalogue's drafts used for the phrases CLDR has no pattern for."""

from __future__ import annotations

import calendar
import datetime as dt
import gettext
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT

from generator.i18n.catalogues import load_translations
from generator.i18n.formats import Formats
from generator.i18n.languages import ENGLISH, WELSH

LOCALE = ROOT / "site_theme" / "locale"


# The English formatter as it was, verbatim: the reference English output must keep matching.
def old_number(value: float | int) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def old_money(value: float | int) -> str:
    for size, suffix in ((1_000_000_000, "bn"), (1_000_000, "m")):
        if value >= size:
            scaled = value / size
            return f"£{old_number(round(scaled, 2))}{suffix}"
    return f"£{old_number(value)}"


OLD_UNITS = {
    "gbp": old_money,
    "gbp_per_year": lambda v: f"{old_money(v)} a year",
    "minutes": lambda v: f"{old_number(v)} minute{'s' * (v != 1)}",
    "hours": lambda v: f"{old_number(v)} hour{'s' * (v != 1)}",
    "percent": lambda v: f"{old_number(v)}%",
    "count": old_number,
}


def old_figure(value: float | int | None, unit: str | None) -> str:
    if value is None:
        return ""
    return OLD_UNITS.get(unit or "count", old_number)(value)


def old_date(text: str | None) -> str:
    if not text:
        return ""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"


ENGLISH_FORMATS = Formats(ENGLISH, gettext.NullTranslations())
UNITS = [None, "count", "gbp", "gbp_per_year", "minutes", "hours", "percent"]
# Figures up to the schema's maximum, whole and with fractions, and the awkward cases: halves at
# the second decimal, values just below a unit, the scale boundaries.
FIGURES = st.one_of(st.integers(0, 10**12), st.floats(0, 10**12, allow_nan=False, allow_infinity=False),
                    st.integers(0, 10**7).map(lambda n: n / 1000),
                    st.sampled_from([0.125, 2.675, 0.999, 1.0, 1.005, 999_999.995, 1e6, 1e9, 1_234_567.891]))


@given(FIGURES, st.sampled_from(UNITS))
def test_english_figures_are_unchanged(value: float, unit: str | None) -> None:
    assert ENGLISH_FORMATS.figure(value, unit) == old_figure(value, unit)


@given(FIGURES)
def test_english_money_is_unchanged(value: float) -> None:
    assert ENGLISH_FORMATS.money(value) == old_money(value)


@given(st.dates(min_value=dt.date(1900, 1, 1)), st.sampled_from([1, 2, 3]))
def test_english_dates_are_unchanged(day: dt.date, parts: int) -> None:
    text = "-".join(day.isoformat().split("-")[:parts])
    assert ENGLISH_FORMATS.date(text) == old_date(text)


def test_every_shipped_figure_and_date_is_written_as_before() -> None:
    for path in sorted((ROOT / "content" / "case-studies").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in data.get("outcomes", []):
            assert ENGLISH_FORMATS.figure(outcome.get("value"), outcome.get("unit")) == \
                old_figure(outcome.get("value"), outcome.get("unit")), path.name
        for text in [data.get("started"), data.get("ended"), data.get("last_reviewed")]:
            assert ENGLISH_FORMATS.date(text) == old_date(text), path.name


@pytest.fixture(scope="module")
def welsh() -> Formats:
    translations, problems = load_translations(LOCALE, WELSH, "site_theme/locale")
    assert problems == [] and translations is not None
    return Formats(WELSH, translations)


def test_welsh_dates_use_welsh_month_names(welsh: Formats) -> None:
    assert welsh.date("2026-12-02") == "2 Rhagfyr 2026"
    assert welsh.date("2014-09") == "Medi 2014"
    assert welsh.date("2018-01-01") == "1 Ionawr 2018"
    assert welsh.date("2014") == "2014"


def test_welsh_durations_follow_welsh_plurals_and_mutations(welsh: Formats) -> None:
    assert welsh.figure(1, "minutes") == "1 munud"
    assert welsh.figure(2, "minutes") == "2 funud"
    assert welsh.figure(24, "minutes") == "24 munud"
    assert welsh.figure(3, "hours") == "3 awr"


def test_welsh_sums_use_the_catalogues_drafts(welsh: Formats) -> None:
    # These phrases come from cy/LC_MESSAGES/casebook.po, where they are marked fuzzy: a fuzzy
    # entry is used, not dropped in favour of the English.
    assert welsh.money(3_000_000) == "£3 miliwn"
    assert welsh.money(2_500_000_000) == "£2.5 biliwn"
    assert welsh.money(140_000) == "£140,000"
    assert welsh.figure(250_000, "gbp_per_year") == "£250,000 y flwyddyn"
    assert welsh.figure(65, "percent") == "65%"
    assert welsh.figure(2249, "count") == "2,249"


def test_a_fuzzy_entry_is_compiled_in(tmp_path: Path) -> None:
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "casebook.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: cy\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#, fuzzy, python-format\nmsgid "%(money)s a year"\nmsgstr "%(money)s bob blwyddyn"\n\n'
        'msgid "Case studies"\nmsgstr "Astudiaethau achos"\n', encoding="utf-8")
    translations, problems = load_translations(tmp_path, WELSH, "locale")
    assert problems == [] and translations is not None
    assert translations.gettext("%(money)s a year") == "%(money)s bob blwyddyn"
    assert translations.gettext("Case studies") == "Astudiaethau achos"
