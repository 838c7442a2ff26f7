"""What a reply brief may show to whom: pseudonymous record ids for an internal audience, only
suppressed aggregates for a public one (small-cell suppression: a count from 1 to k-1 is never shown)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.rules import DEFAULT_K

DISCLOSURE_THRESHOLD = DEFAULT_K
"""k: the smallest count a public brief may show (zero is shown: it reveals no one); the same k as the
review's disclosure control."""

WITHHELD = "withheld (it would reveal a small count by difference)"

Cell = tuple[str, date, date]
"""A registry figure: a measure over a window of days."""


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
    withheld: frozenset[Cell] = frozenset()
    """Cells a public brief withholds whatever their count, because another shown cell nested in or
    around them would reveal a small count by difference (see :func:`cells_to_withhold`)."""

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

    def cell(self, measure: str, start: date, end: date, value: int) -> Shown:
        """A registry figure as shown: withheld, suppressed or the count."""
        if self.public and (measure, start, end) in self.withheld:
            return Shown(None, True, WITHHELD)
        return self.count(value)

    def records(self, record_ids: tuple[str, ...]) -> tuple[str, ...]:
        """Pseudonymous ids behind a figure: for an internal audience only."""
        return () if self.public else record_ids

    def day(self, day: date) -> str:
        """A date that may belong to one person's record: the month only, for a public audience."""
        return day.strftime("%B %Y") if self.public else day.isoformat()


def cells_to_withhold(counts: dict[Cell, int], threshold: int) -> frozenset[Cell]:
    """The shown cells to withhold so that no two nested cells of one measure differ by 1 to k-1 (the
    difference would be a small cell). Cells that are themselves small are suppressed anyway; the outer
    cell of a revealing pair is withheld, until no such pair is left."""
    withheld: set[Cell] = set()

    def visible(cell: Cell) -> bool:
        value = counts[cell]
        return cell not in withheld and (value == 0 or value >= threshold)

    changed = True
    while changed:
        changed = False
        for outer in sorted(counts, key=lambda c: (c[1], -c[2].toordinal())):
            for inner in counts:
                if inner == outer or inner[0] != outer[0] or not (visible(inner) and visible(outer)):
                    continue
                nested = outer[1] <= inner[1] and inner[2] <= outer[2]
                if nested and 0 < counts[outer] - counts[inner] < threshold:
                    withheld.add(outer)
                    changed = True
                    break
    return frozenset(withheld)
