"""Numbers as the report writes them: digits ("21", "1,034") or words ("five", "twenty-one",
"one hundred and five"), and ordinals ("fourth", "19th") for "consecutive year" phrases."""

from __future__ import annotations

import re

from text_to_num import text2num

UNIT_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = ["hundred", "thousand"]
_WORD = "|".join(sorted(UNIT_WORDS + TENS_WORDS + _SCALES, key=len, reverse=True))
# a cardinal: digits with thousands separators, or number words joined by spaces, hyphens or "and"
NUMBER_PATTERN = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|(?:{_WORD})(?:(?:[ \-]|\s+and\s+)(?:{_WORD}))*)"
NUMBER = re.compile(rf"\b{NUMBER_PATTERN}\b", re.IGNORECASE)

_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_TENS_VALUES = {word: 20 + 10 * i for i, word in enumerate(TENS_WORDS)}
ORDINAL_PATTERN = (
    r"(?:\d+(?:st|nd|rd|th)|(?:(?:" + "|".join(TENS_WORDS) + r")[ \-])?(?:" + "|".join(_ORDINAL_WORDS) + "))"
)


def parse_number(text: str) -> int | None:
    """The integer a cardinal stands for, or None if ``text`` is not one."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).lower()
    if not cleaned:
        return None
    digits = cleaned.replace(",", "")
    if digits.isdigit():
        return int(digits)
    if cleaned == "zero":
        return 0
    try:
        return int(text2num(cleaned.replace(" and ", " "), "en"))
    except ValueError:
        return None


def parse_ordinal(text: str) -> int | None:
    """The integer an ordinal stands for ("fourth" → 4, "19th" → 19, "twenty-first" → 21)."""
    cleaned = text.strip().lower().replace("\u00a0", " ")
    match = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", cleaned)
    if match:
        return int(match.group(1))
    parts = re.split(r"[ \-]", cleaned)
    if len(parts) == 1:
        return _ORDINAL_WORDS.get(parts[0])
    if len(parts) == 2 and parts[0] in _TENS_VALUES and parts[1] in _ORDINAL_WORDS:
        return _TENS_VALUES[parts[0]] + _ORDINAL_WORDS[parts[1]]
    return None
