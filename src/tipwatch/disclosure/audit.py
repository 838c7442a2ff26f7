"""The attacker's audit: from everything published, how precisely can each withheld cell be recovered?

The audit sees only what a reader sees — published counts, markers and the additive relations of the
release (all its tables at once, equalities and the inequalities of breakdowns where one unit may be in
several parts) — and assumes the reader knows the suppression rules: ``"<k"`` means
1 .. k-1, ``"x"`` means at least k (complements are never zeros or small cells) and ``".."`` (a
whole withheld table) means any count. Every relation
becomes a linear equation over the withheld cells; :func:`tipwatch.disclosure.linear_bounds.variable_ranges`
gives the exact range of each one. A range narrower than ``min_width`` (1 by default: a single possible
value) means the cell is disclosed.

The ranges are those of the linear-programming relaxation, rounded inwards to integers. For one- and
two-way tables the relations form a totally unimodular system and the ranges are exact; for several
linked tables they are the standard audit of statistical offices (an outer bound on what integer
reasoning could add).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tipwatch.disclosure.linear_bounds import Equation, InfeasibleError, Unknown, variable_ranges
from tipwatch.disclosure.model import (
    COMPLEMENTARY_MARKER,
    WITHHELD_MARKER,
    Relation,
    RelationKind,
    primary_marker,
)


@dataclass(frozen=True, slots=True)
class Interval:
    """What a reader can deduce about one withheld cell: ``lower .. upper`` (None: unbounded)."""

    key: str
    lower: int
    upper: int | None

    @property
    def width(self) -> float:
        return math.inf if self.upper is None else self.upper - self.lower


class InconsistentReleaseError(ValueError):
    """Published figures that contradict each other (a bug upstream of disclosure control)."""


def marker_bounds(marker: str, k: int) -> tuple[int, int | None]:
    """What a marker tells a reader who knows the rules."""
    if marker == primary_marker(k):
        return 1, k - 1
    if marker == COMPLEMENTARY_MARKER:
        return k, None
    if marker == WITHHELD_MARKER:
        return 0, None
    raise ValueError(f"unknown suppression marker {marker!r}; expected {primary_marker(k)!r}, 'x' or '..'")


SumBound = tuple[tuple[str, ...], int, int | None]
"""``(cells, lower, upper)``: a reader knows that the cells add up to ``lower .. upper`` (None: no upper
bound), e.g. from a figure over a window of several released periods."""


def reader_intervals(
    relations: Iterable[Relation],
    published: Mapping[str, int | str],
    k: int,
    sums: Iterable[SumBound] = (),
) -> dict[str, Interval]:
    """The tightest range a reader can deduce for every withheld cell."""
    unknowns = []
    for key, value in published.items():
        if isinstance(value, str):
            lower, upper = marker_bounds(value, k)
            unknowns.append(Unknown(key, lower, upper))
    equations = []
    for index, relation in enumerate(relations):
        if relation.kind is RelationKind.SUM:
            equations.append(_equation(published, relation.total, relation.parts, None))
            continue
        # Inequalities take a slack >= 0: parts - total - slack = 0; total - part - slack = 0.
        if relation.kind.sum_at_least_total or relation.kind.sum_at_most_total:
            slack = f"slack:{index}"
            unknowns.append(Unknown(slack, 0, None))
            sign = 1 if relation.kind.sum_at_least_total else -1
            equations.append(_equation(published, relation.total, relation.parts, slack, sign))
        if relation.kind.parts_at_most_total:
            for position, part in enumerate(relation.parts):
                slack = f"slack:{index}:{position}"
                unknowns.append(Unknown(slack, 0, None))
                equations.append(_equation(published, part, (relation.total,), slack))
    for index, (cells, lower, upper) in enumerate(sums):
        # sum(cells) - slack = lower, 0 <= slack <= upper - lower
        slack = f"slack:sum:{index}"
        unknowns.append(Unknown(slack, 0, None if upper is None else upper - lower))
        coefficients: dict[str, int] = {slack: -1}
        rhs = lower
        for cell in cells:
            value = published[cell]
            if isinstance(value, str):
                coefficients[cell] = coefficients.get(cell, 0) + 1
            else:
                rhs -= value
        equations.append(Equation(coefficients, rhs))
    try:
        ranges = variable_ranges(unknowns, equations)
    except InfeasibleError as exc:
        raise InconsistentReleaseError(f"published figures contradict each other: {exc}") from exc
    return {
        key: Interval(key, math.ceil(r.lower), None if r.upper is None else math.floor(r.upper))
        for key, r in ranges.items()
        if not key.startswith("slack:")
    }


def _equation(
    published: Mapping[str, int | str], total: str, parts: Iterable[str], slack: str | None, sign: int = 1
) -> Equation:
    """``sum(parts) - total - sign * slack = 0``, published values moved to the right-hand side."""
    coefficients: dict[str, int] = {}
    rhs = 0
    for member, coefficient in [(total, -1), *((p, 1) for p in parts)]:
        value = published[member]
        if isinstance(value, str):
            coefficients[member] = coefficients.get(member, 0) + coefficient
        else:
            rhs -= coefficient * value
    if slack is not None:
        coefficients[slack] = -sign
    return Equation(coefficients, rhs)


def exposed_cells(
    relations: Iterable[Relation], published: Mapping[str, int | str], k: int, *, min_width: int = 1
) -> list[Interval]:
    """Withheld cells a reader can pin down to fewer than ``min_width + 1`` values, sorted by key."""
    intervals = reader_intervals(relations, published, k)
    return sorted((i for i in intervals.values() if i.width < min_width), key=lambda i: i.key)
