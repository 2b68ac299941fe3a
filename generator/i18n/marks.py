"""Marks for `casebook i18n extract`: a message is marked where it is defined and translated where
it is used, in the page's language."""

from __future__ import annotations


def N_(message: str) -> str:
    """A message, unchanged."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """A message with plural forms (Welsh has six); its count is given where it is used."""
    return singular, plural


# The extraction's own keywords beside Babel's: `pybabel extract -F babel.cfg -k Nn_:1,2` reads the same.
KEYWORDS = {"Nn_": (1, 2)}
