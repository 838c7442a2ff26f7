"""GLOTIP cell values: an exact count, or a suppressed small cell ("<5"), which is a value in 1..4 —
never 0 and never 5."""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNT = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
SUPPRESSED_TEXT = "<5"
SUPPRESSED_LOW, SUPPRESSED_HIGH = 1, 4


@dataclass(frozen=True, slots=True)
class Count:
    """A count known exactly (``low == high``) or within bounds (a suppressed cell, or a sum that
    includes one). ``suppressed`` is True when any suppressed cell went into it."""

    low: int
    high: int
    suppressed: bool = False

    @property
    def exact(self) -> int | None:
        return self.low if self.low == self.high and not self.suppressed else None

    def __add__(self, other: Count) -> Count:
        return Count(self.low + other.low, self.high + other.high, self.suppressed or other.suppressed)

    def __str__(self) -> str:
        if self.exact is not None:
            return f"{self.exact:,}"
        if (self.low, self.high) == (SUPPRESSED_LOW, SUPPRESSED_HIGH):
            return SUPPRESSED_TEXT
        return f"{self.low:,}..{self.high:,}"

    def to_dict(self) -> dict[str, object]:
        return {
            "value": self.exact,
            "suppressed": self.suppressed,
            "low": self.low,
            "high": self.high,
            "text": str(self),
        }


def parse_count(text: str) -> Count:
    """``"1,233"`` -> 1233 exactly; ``"<5"`` -> suppressed, 1..4. Anything else raises ValueError."""
    cleaned = text.strip()
    if cleaned == SUPPRESSED_TEXT:
        return Count(SUPPRESSED_LOW, SUPPRESSED_HIGH, suppressed=True)
    if not _COUNT.match(cleaned):
        raise ValueError(
            f"received {text!r}; expected a count such as 1,233 or the suppressed cell {SUPPRESSED_TEXT!r}"
        )
    value = int(cleaned.replace(",", ""))
    return Count(value, value)
