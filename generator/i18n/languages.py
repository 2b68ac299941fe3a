"""The languages the site is written in. English is the source: message ids are English, and a
page in English needs no catalogue."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    # BCP 47 tag: the pages' `lang`, `hreflang`, and the catalogue's folder (locale/cy/LC_MESSAGES).
    code: str
    # The CLDR locale Babel formats dates and numbers with.
    locale: str
    # The language's name in itself, as a language switch shows it.
    name: str


ENGLISH = Language("en", "en_GB", "English")
WELSH = Language("cy", "cy", "Cymraeg")
LANGUAGES: tuple[Language, ...] = (ENGLISH, WELSH)
SOURCE = ENGLISH
TRANSLATED: tuple[Language, ...] = tuple(language for language in LANGUAGES if language != SOURCE)


def language(code: str) -> Language:
    """The language with this tag; ValueError names the ones there are."""
    for known in LANGUAGES:
        if known.code == code:
            return known
    raise ValueError(f"'{code}' is not one of the site's languages: {', '.join(lang.code for lang in LANGUAGES)}")
