"""What a reader can derive from the released periods about any window of time, and how a public output
shows a registry figure and a verdict without saying more than the releases say.

The public figures of a window (a reporting period, "since 2020", "since records began") come from the
protected releases of the calendar periods alone (:class:`PublishedFigures`), never from the registry's
raw counts: a count over a window is at least the largest lower bound of a released period inside it
and at most the sum of the upper bounds of the released periods that overlap it (true of every count of
distinct persons or cases, additive or not). Anything computed from these bounds — a figure, a verdict,
a reassessment — is a function of what is already public, so it cannot narrow any withheld cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import Any

from tipwatch.disclosure.audit import marker_bounds
from tipwatch.disclosure.policy import Audience, DisclosurePolicy


@dataclass(frozen=True, slots=True)
class Bounds:
    """A count known to lie in ``lower .. upper`` (``upper`` None: no upper bound known)."""

    lower: int
    upper: int | None

    @property
    def exact(self) -> int | None:
        return self.lower if self.upper == self.lower else None

    def contains(self, value: int) -> bool:
        return self.lower <= value and (self.upper is None or value <= self.upper)


@dataclass(frozen=True, slots=True)
class ReleasedPeriod:
    """One released calendar period: its days and its published values by statistic path."""

    name: str
    start: date
    end: date
    values: Mapping[str, int | str | None]


@dataclass(frozen=True, slots=True)
class PublishedFigures:
    """The released periods (non-overlapping) that a public output may draw on."""

    k: int
    periods: tuple[ReleasedPeriod, ...] = ()

    def __post_init__(self) -> None:
        ordered = sorted(self.periods, key=lambda p: p.start)
        for before, after in pairwise(ordered):
            if after.start <= before.end:
                raise ValueError(f"released periods {before.name} and {after.name} overlap")

    def period_bounds(self, period: ReleasedPeriod, path: str) -> Bounds:
        value = period.values.get(path)
        if isinstance(value, int):
            return Bounds(value, value)
        if isinstance(value, str):
            lower, upper = marker_bounds(value, self.k)
            return Bounds(lower, upper)
        return Bounds(0, None)  # not published (or unknown): any count

    def bounds(self, path: str, start: date, end: date) -> Bounds:
        """What the releases say about the count of ``path`` over ``start .. end``."""
        inside = [p for p in self.periods if start <= p.start and p.end <= end]
        overlapping = [p for p in self.periods if p.start <= end and start <= p.end]
        lower = max((self.period_bounds(p, path).lower for p in inside), default=0)
        uppers = [self.period_bounds(p, path).upper for p in overlapping]
        days = sum((min(p.end, end) - max(p.start, start)).days + 1 for p in overlapping)
        if days < (end - start).days + 1 or any(u is None for u in uppers):
            return Bounds(lower, None)  # some days of the window are in no released period
        return Bounds(lower, sum(u for u in uppers if u is not None))


@dataclass(frozen=True, slots=True)
class Shown:
    """A registry count as an output shows it: ``value`` is None when it is not published exactly."""

    value: int | None
    suppressed: bool
    display: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "suppressed": self.suppressed, "display": self.display}


def shown_bounds(bounds: Bounds, k: int) -> Shown:
    """A public figure: the count when the releases fix it, else what they say about it."""
    exact = bounds.exact
    if exact is not None:
        return Shown(exact, False, str(exact))
    if bounds.lower >= 1 and bounds.upper is not None and bounds.upper < k:
        return Shown(None, True, f"fewer than {k}")
    if bounds.upper is None:
        text = f"at least {bounds.lower}" if bounds.lower else "not published for this window"
        return Shown(None, True, text)
    return Shown(None, True, f"between {bounds.lower} and {bounds.upper}")


@dataclass(frozen=True, slots=True)
class Disclosure:
    """What an output may show: exact counts (and, for a role that may read records, pseudonymous ids)
    internally; only what the released periods say (:class:`PublishedFigures`) publicly."""

    audience: Audience = Audience.INTERNAL
    policy: DisclosurePolicy = field(default_factory=DisclosurePolicy)
    published: PublishedFigures | None = None
    show_records: bool = True
    """Internal only: whether the reader's role may see the pseudonymous ids behind a figure."""

    @property
    def public(self) -> bool:
        return self.audience is Audience.PUBLIC

    @property
    def threshold(self) -> int:
        return self.policy.k

    def bounds(self, path: str, start: date, end: date, value: int) -> Bounds:
        """The count itself internally; what the releases say about it publicly."""
        if not self.public:
            return Bounds(value, value)
        if self.published is None:
            return Bounds(0, None)
        return self.published.bounds(path, start, end)

    def cell(self, path: str, start: date, end: date, value: int) -> Shown:
        """A registry figure as shown."""
        if not self.public:
            return Shown(value, False, str(value))
        return shown_bounds(self.bounds(path, start, end, value), self.policy.k)

    def records(self, record_ids: Sequence[str]) -> tuple[str, ...]:
        """Pseudonymous ids behind a figure: internal only, and only for a role that may read records."""
        return tuple(record_ids) if not self.public and self.show_records else ()

    def day(self, day: date) -> str:
        """A date that may belong to one person's record: the month only, for a public audience."""
        return day.strftime("%B %Y") if self.public else day.isoformat()
