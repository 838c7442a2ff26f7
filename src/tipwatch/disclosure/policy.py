"""The publisher's disclosure policy: one threshold ``k`` and one calendar of public releases, the same
for every public output (review, ``tipwatch publish``, reply brief, the public statistics API and pages).

The policy is configuration, set by whoever publishes (the server's settings, the operator of the CLI),
never a parameter of a request: a reader who could lower ``k`` would see every small count, and a reader
who could ask for any window of time would recover small counts by difference (a quarter minus two of
its months is the third month). The calendar is a partition of time into non-overlapping periods of
one kind; only those periods are released, each protected from its own figures
(:func:`tipwatch.disclosure.rules.protect`). See docs/disclosure.md for the guarantee this gives.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from tipwatch.disclosure.audience import Audience
from tipwatch.disclosure.model import COMPLEMENTARY_MARKER, WITHHELD_MARKER, primary_marker
from tipwatch.disclosure.rules import DEFAULT_K, DisclosureError

__all__ = ["MIN_K", "Audience", "Calendar", "DisclosurePolicy"]

MIN_K = 3
"""The smallest threshold whose marker hides anything ("<3": 1 or 2)."""


class Calendar(StrEnum):
    """The kind of period that public releases are made for (the names of evidence/periods' kinds)."""

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    REPORTING_PERIOD = "reporting_period"


@dataclass(frozen=True, slots=True)
class DisclosurePolicy:
    """``k``: counts from 1 to k-1 are never published. ``calendar``: the only periods released."""

    k: int = DEFAULT_K
    calendar: Calendar = Calendar.REPORTING_PERIOD

    def __post_init__(self) -> None:
        if self.k < MIN_K:
            raise DisclosureError(
                f"threshold k must be at least {MIN_K}, got {self.k}: with k = 2 the marker '<2' means "
                f"exactly 1; set k to {MIN_K} or more"
            )

    def markers(self) -> dict[str, str]:
        """What each suppression marker tells a reader."""
        return {
            primary_marker(self.k): f"1 to {self.k - 1}",
            COMPLEMENTARY_MARKER: f"withheld to protect a small count (at least {self.k})",
            WITHHELD_MARKER: "table withheld",
        }
