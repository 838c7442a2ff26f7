"""Name keys: one spelling-insensitive form of a jurisdiction name, for matching."""

from __future__ import annotations

import re
import unicodedata

_PUNCTUATION = re.compile(r"[\s'’‘`´\".,()\-/&]+")


def name_key(text: str) -> str:
    """Lower case, accents and punctuation dropped, "and"/"&" and a leading "the" ignored.

    ``name_key("Côte d’Ivoire") == name_key("cote d'ivoire") == "cote d ivoire"``.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("&", " and ")
    words = [w for w in _PUNCTUATION.split(plain) if w]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def inverted(name: str) -> str | None:
    """ "Korea, North" -> "North Korea"; "Congo, Republic of the" -> "Republic of the Congo"."""
    if name.count(",") != 1:
        return None
    head, tail = (part.strip() for part in name.split(","))
    return f"{tail} {head}" if head and tail else None
