"""What a reply brief may show to whom: pseudonymous record ids for an internal audience, only
suppressed aggregates for a public one (small-cell suppression: a count from 1 to k-1 is never shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

DISCLOSURE_THRESHOLD = 5
"""k: the smallest count a public brief may show (zero is shown: it reveals no one)."""


class Audience(StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"


@dataclass(frozen=True, slots=True)
class Shown:
    """A registry count as a brief shows it: ``value`` is None when it is suppressed."""

    value: int | None
    suppressed: bool
    display: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "suppressed": self.suppressed, "display": self.display}


@dataclass(frozen=True, slots=True)
class Disclosure:
    audience: Audience = Audience.INTERNAL
    threshold: int = DISCLOSURE_THRESHOLD

    def __post_init__(self) -> None:
        if self.threshold < 1:
            raise ValueError(f"disclosure threshold must be at least 1, received {self.threshold}")

    @property
    def public(self) -> bool:
        return self.audience is Audience.PUBLIC

    def count(self, value: int) -> Shown:
        if self.public and 0 < value < self.threshold:
            return Shown(None, True, f"fewer than {self.threshold}")
        return Shown(value, False, str(value))

    def records(self, record_ids: tuple[str, ...]) -> tuple[str, ...]:
        """Pseudonymous ids behind a figure: for an internal audience only."""
        return () if self.public else record_ids

    def day(self, day: date) -> str:
        """A date that may belong to one person's record: the month only, for a public audience."""
        return day.strftime("%B %Y") if self.public else day.isoformat()
