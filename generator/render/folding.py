"""Text as the Find page compares it, the same in Python (the index) and in find.js (the query)."""

from __future__ import annotations

import unicodedata


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper().lower()
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return bare.replace("ς", "σ")


def search_form(text: str) -> str:
    """Text as Find compares it: compatibility forms folded (ﬃ is ffi), case folded by full
    mappings (ß is ss: upper case then lower, since JavaScript has no casefold), accents
    (nonspacing marks) dropped (ό is ο), final sigma as sigma. find.js's casebookSearchForm
    does exactly this, and a test runs both on the same texts; keep the two the same.

    Word by word, because no step reaches across a space, and an ASCII word (most of them)
    needs only lower(): the full steps cost a hundred times more."""
    return " ".join(word.lower() if word.isascii() else _folded(word) for word in text.split(" "))
