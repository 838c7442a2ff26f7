"""Exact ranges of unknowns under linear equations and interval bounds (a rational simplex).

This is the reader's side of disclosure control: given the published totals, every additive relation
between published cells and what each suppression marker says about a withheld value, how far can each
withheld value be pinned down? :func:`variable_ranges` answers with the exact minimum and maximum of
every unknown over the linear-programming relaxation, computed with :class:`fractions.Fraction` so no
rounding can hide or invent a disclosure. Unknowns that share no equation are solved separately, so the
tableaux stay as small as the tables they come from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

Row = list[Fraction]


@dataclass(frozen=True, slots=True)
class Unknown:
    """A withheld value known to lie in ``lower .. upper`` (``upper`` None: no upper bound)."""

    name: str
    lower: int
    upper: int | None = None


@dataclass(frozen=True, slots=True)
class Equation:
    """``sum(coefficient * unknown) == rhs``."""

    coefficients: Mapping[str, int]
    rhs: int


@dataclass(frozen=True, slots=True)
class Range:
    """The exact range of one unknown; ``upper`` None means unbounded above."""

    lower: Fraction
    upper: Fraction | None


class InfeasibleError(ValueError):
    """The equations and bounds admit no solution: the published figures contradict each other."""


def variable_ranges(unknowns: Sequence[Unknown], equations: Sequence[Equation]) -> dict[str, Range]:
    """The minimum and maximum of every unknown subject to all equations and bounds."""
    by_name = {u.name: u for u in unknowns}
    for equation in equations:
        missing = set(equation.coefficients) - set(by_name)
        if missing:
            raise ValueError(f"equation uses undeclared unknowns {sorted(missing)}")
    result: dict[str, Range] = {}
    for names, component in _components(list(by_name), equations):
        result |= _solve_component([by_name[n] for n in names], component)
    return result


def _components(names: list[str], equations: Sequence[Equation]) -> list[tuple[list[str], list[Equation]]]:
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for equation in equations:
        members = [n for n, c in equation.coefficients.items() if c]
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    groups: dict[str, tuple[list[str], list[Equation]]] = {}
    for n in names:
        groups.setdefault(find(n), ([], []))[0].append(n)
    for equation in equations:
        members = [n for n, c in equation.coefficients.items() if c]
        if not members:
            if equation.rhs != 0:
                raise InfeasibleError(f"0 = {equation.rhs}")
            continue
        groups[find(members[0])][1].append(equation)
    return list(groups.values())


def _solve_component(unknowns: list[Unknown], equations: list[Equation]) -> dict[str, Range]:
    if not equations:
        return {u.name: _own_range(u) for u in unknowns}
    tableau = _Tableau.standard_form(unknowns, equations)
    ranges: dict[str, Range] = {}
    for index, unknown in enumerate(unknowns):
        low = tableau.optimise(index, maximise=False)
        high = tableau.optimise(index, maximise=True)
        assert low is not None  # every shifted unknown is >= 0, so the minimum is bounded
        ranges[unknown.name] = Range(low + unknown.lower, None if high is None else high + unknown.lower)
    return ranges


def _own_range(unknown: Unknown) -> Range:
    upper = None if unknown.upper is None else Fraction(unknown.upper)
    if upper is not None and upper < unknown.lower:
        raise InfeasibleError(f"{unknown.name}: lower bound {unknown.lower} above upper bound {upper}")
    return Range(Fraction(unknown.lower), upper)


class _Tableau:
    """A feasible basis of ``A y = b, y >= 0`` (after phase I), reused for every objective."""

    def __init__(self, rows: list[Row], basis: list[int], width: int) -> None:
        self.rows = rows
        self.basis = basis
        self.width = width

    @classmethod
    def standard_form(cls, unknowns: list[Unknown], equations: list[Equation]) -> _Tableau:
        position = {u.name: i for i, u in enumerate(unknowns)}
        bounded = [i for i, u in enumerate(unknowns) if u.upper is not None]
        width = len(unknowns) + len(bounded)
        rows: list[Row] = []
        for equation in equations:
            row = [Fraction(0)] * (width + 1)
            rhs = equation.rhs
            for name, coefficient in equation.coefficients.items():
                row[position[name]] += coefficient
                rhs -= coefficient * unknowns[position[name]].lower
            row[width] = Fraction(rhs)
            rows.append(row)
        for slack, i in enumerate(bounded):
            row = [Fraction(0)] * (width + 1)
            row[i] = row[len(unknowns) + slack] = Fraction(1)
            upper = unknowns[i].upper
            assert upper is not None
            row[width] = Fraction(upper - unknowns[i].lower)
            rows.append(row)
        return cls._phase_one(rows, width)

    @classmethod
    def _phase_one(cls, rows: list[Row], width: int) -> _Tableau:
        count = len(rows)
        extended: list[Row] = []
        for r, row in enumerate(rows):
            sign = -1 if row[width] < 0 else 1
            artificial = [Fraction(0)] * count
            artificial[r] = Fraction(1)
            extended.append([sign * v for v in row[:width]] + artificial + [sign * row[width]])
        total = width + count
        basis = list(range(width, total))
        cost = [Fraction(0)] * width + [Fraction(1)] * count + [Fraction(0)]
        objective = _reduced(cost, extended, basis)
        if not _simplex(extended, basis, objective, total):
            raise AssertionError("phase I cannot be unbounded")
        if objective[total] != 0:
            raise InfeasibleError("the equations and bounds admit no solution")
        kept_rows: list[Row] = []
        kept_basis: list[int] = []
        for r in range(len(extended)):
            if basis[r] >= width:
                column = next((c for c in range(width) if extended[r][c] != 0), None)
                if column is None:
                    continue  # a redundant equation
                _pivot(extended, basis, None, r, column)
        for r, row in enumerate(extended):
            if basis[r] < width:
                kept_rows.append([*row[:width], row[total]])
                kept_basis.append(basis[r])
        return cls(kept_rows, kept_basis, width)

    def optimise(self, column: int, *, maximise: bool) -> Fraction | None:
        """The optimum of ``y[column]`` (None if unbounded above when maximising)."""
        rows = list(self.rows)
        basis = list(self.basis)
        cost = [Fraction(0)] * (self.width + 1)
        cost[column] = Fraction(-1 if maximise else 1)
        objective = _reduced(cost, rows, basis)
        if not _simplex(rows, basis, objective, self.width):
            return None
        value = -objective[self.width]
        return -value if maximise else value


def _reduced(cost: Row, rows: list[Row], basis: list[int]) -> Row:
    objective = list(cost)
    for row, column in zip(rows, basis, strict=True):
        factor = objective[column]
        if factor:
            objective = [o - factor * v for o, v in zip(objective, row, strict=True)]
    return objective


def _simplex(rows: list[Row], basis: list[int], objective: Row, width: int) -> bool:
    """Minimise in place with Bland's rule; False if unbounded. ``objective[width]`` ends as -optimum."""
    while True:
        entering = next((c for c in range(width) if objective[c] < 0), None)
        if entering is None:
            return True
        best: tuple[Fraction, int, int] | None = None
        for r, row in enumerate(rows):
            if row[entering] > 0:
                candidate = (row[-1] / row[entering], basis[r], r)
                if best is None or candidate < best:
                    best = candidate
        if best is None:
            return False
        _pivot(rows, basis, objective, best[2], entering)


def _pivot(rows: list[Row], basis: list[int], objective: Row | None, r: int, column: int) -> None:
    pivot = rows[r][column]
    pivot_row = [v / pivot for v in rows[r]] if pivot != 1 else rows[r]
    rows[r] = pivot_row
    for i, row in enumerate(rows):
        factor = row[column]
        if i != r and factor:
            rows[i] = [a - factor * b for a, b in zip(row, pivot_row, strict=True)]
    if objective is not None and objective[column]:
        factor = objective[column]
        objective[:] = [a - factor * b for a, b in zip(objective, pivot_row, strict=True)]
    basis[r] = column
