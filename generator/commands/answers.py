"""Reading what a person types at `casebook new`: a term by its display name, id or number, a
list of them, a date as people write it, yes or no. Each reader returns the value the record
holds, or raises `Refused` saying why in words the person can act on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..content.schema import partial_date
from ..content.schema_check import suggest_term


class Refused(ValueError):
    """An answer that cannot be read; the message says why."""


@dataclass(frozen=True)
class Choice:
    id: str
    name: str


def _words(text: str) -> str:
    """Text compared without case, hyphens or '&': "South-west" is "south west"."""
    return " ".join(re.sub(r"[-_\s]+", " ", text.casefold().replace("&", " and ")).split())


def same_words(first: str, second: str) -> bool:
    return _words(first) == _words(second)


def pick_one(text: str, choices: list[Choice]) -> str:
    """The id of the choice `text` names: its number, id or display name, in any case; or the one
    choice whose name holds the words ("co-responding" for "First response and co-responding")."""
    wanted = _words(text)
    if not wanted:
        raise Refused("an answer is needed")
    if wanted.isdigit():
        if 1 <= int(wanted) <= len(choices):
            return choices[int(wanted) - 1].id
        raise Refused(f"{wanted} is not one of the numbers 1 to {len(choices)}")
    exact = [c.id for c in choices if wanted in (_words(c.id), _words(c.name))]
    if exact:
        return exact[0]
    containing = [c for c in choices if f" {wanted} " in f" {_words(c.name)} "]
    if len(containing) == 1:
        return containing[0].id
    if containing:
        raise Refused(f"'{text.strip()}' could be {_either([c.name for c in containing])}: type more of the name")
    guess = suggest_term(text.strip(), [c.id for c in choices], [c.name for c in choices])
    hint = f" (did you mean '{next(c.name for c in choices if c.id == guess)}'?)" if guess else \
        ": type a name, an id or a number from the list"
    raise Refused(f"'{text.strip()}' is not one of the choices{hint}")


def pick_many(text: str, choices: list[Choice]) -> list[str]:
    """The ids of the choices named in `text`, separated by commas (numbers by spaces too), in
    the order given and each once."""
    parts = text.split() if re.fullmatch(r"[\d\s,]+", text.strip()) else [text]
    items = [item for part in parts for item in part.split(",") if item.strip()]
    if not items:
        raise Refused("an answer is needed")
    picked, refused = [], []
    for item in items:
        try:
            picked.append(pick_one(item, choices))
        except Refused as why:
            refused.append(str(why))
    if refused:
        raise Refused("; ".join(refused))
    return list(dict.fromkeys(picked))


def _either(names: list[str]) -> str:
    quoted = [f"'{name}'" for name in names]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
DATE_EXAMPLES = "for example May 2024, 2024-05, 1 May 2024 or 2024"
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_NUMERIC = re.compile(r"(?:(\d{1,2})[/.])?(\d{1,2})[/.](\d{4})")  # 1/5/2024 and 05/2024, day first as in the UK
_NAMED = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?,?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})")


def _month(word: str) -> int | None:
    """A month by its English name or an abbreviation of three letters or more ("Sept")."""
    found = [number for number, name in enumerate(MONTHS, 1) if len(word) >= 3 and name.startswith(word)]
    return found[0] if len(found) == 1 else None


def _parts(text: str) -> tuple[str, str | None, str | None] | None:
    """Year, month and day as written, or None if `text` is no date form read here."""
    if match := _ISO.fullmatch(text):
        return match[1], match[2], match[3]
    if match := _NUMERIC.fullmatch(text):
        return match[3], match[2], match[1]
    if (match := _NAMED.fullmatch(text)) and (month := _month(match[2])) and not (match[1] and match[3]):
        return match[4], str(month), match[1] or match[3]
    return None


def read_date(text: str, *, day_needed: bool = False) -> str:
    """A date as the record writes it (YYYY, YYYY-MM or YYYY-MM-DD) from one as people write it."""
    written = " ".join(text.strip().casefold().split())
    if not written:
        raise Refused("an answer is needed")
    parts = _parts(written)
    if parts is None:
        raise Refused(f"'{text.strip()}' is not a date: write it {DATE_EXAMPLES}")
    year, month, day = parts
    value = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
    if partial_date(value) is None:
        raise Refused(f"'{text.strip()}' is not a real date: check the month and day")
    if day_needed and not day:
        raise Refused(f"'{text.strip()}' needs a day too, for example 1 May 2024")
    return value


YES, NO = ("y", "yes"), ("", "n", "no")


def read_yes_no(text: str) -> bool:
    answer = text.strip().casefold()
    if answer in YES or answer in NO:
        return answer in YES
    raise Refused("answer y for yes, or n (or nothing) for no")
