"""Disclosure control for everything meant for outside readers: small-cell suppression.

A release is a set of count cells (victims, cases, persons) and the additive relations a reader knows
between them (a total equals the sum of its parts). Tables of the same release share cells: the total of
"victims by sex" is the very cell that totals "victims by age group", so a reader can combine them.

The rules, with threshold ``k`` (default 5):

- **Primary suppression.** A count from 1 to k-1 is withheld and published as the marker ``"<k"``
  (``"<5"``), as UNODC's GLOTIP does. A reader learns only that it lies in 1 .. k-1.
- **Zeros are published.** A zero describes no person, and "no victim of forced labour was identified"
  is itself a figure the TIP Report asks for. Because a zero is exact, it is never used to hide another
  cell (a withheld zero would be recovered at once by anyone who knows these rules).
- **Complementary suppression.** Further cells are withheld, marked ``"x"``, until no withheld cell can
  be recovered exactly from the published numbers, the relations and what the markers say. Complements
  are chosen among published non-zero cells (so a reader knows an ``"x"`` is at least k), smallest value
  first, parts before totals. Candidates come first from the relations that expose a cell; an audit
  (:mod:`tipwatch.disclosure.audit`) then computes, for every withheld cell, the exact range a
  reader can deduce, and adds complements until every range is at least ``min_width`` wide.
- **Whole tables withheld.** When a cell is still exposed and every cell that could hide it is already
  withheld or zero (e.g. two victims, one adult and one child: the total is forced to 2), every cell
  linked to it is withheld, zeros included, and marked ``".."``: a reader learns nothing but that the
  table was withheld.

Published values are ``int`` (a count) or ``str`` (a marker); a withheld cell is never a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from tipwatch.disclosure.audit import exposed_cells
from tipwatch.disclosure.model import (
    COMPLEMENTARY_MARKER,
    WITHHELD_MARKER,
    Relation,
    RelationKind,
    primary_marker,
)
from tipwatch.problems import TipwatchError

DEFAULT_K = 5

__all__ = [
    "COMPLEMENTARY_MARKER",
    "DEFAULT_K",
    "WITHHELD_MARKER",
    "CellStatus",
    "DisclosureError",
    "ProtectedRelease",
    "Relation",
    "RelationKind",
    "Release",
    "cell_key",
    "one_way",
    "one_way_cover",
    "primary_marker",
    "protect",
    "two_way",
]


class DisclosureError(TipwatchError):
    """A release that cannot be protected or is not well formed."""


class CellStatus(StrEnum):
    PUBLISHED = "published"
    PRIMARY = "primary"
    COMPLEMENTARY = "complementary"
    WITHHELD = "withheld"


def cell_key(measure: str, **dimensions: str) -> str:
    """A canonical cell key: ``victims``, ``victims|age_group=child|sex=female``."""
    parts = [f"{name}={value}" for name, value in sorted(dimensions.items())]
    return "|".join([measure, *parts])


@dataclass(frozen=True)
class Release:
    """True counts and the relations between them, before any suppression."""

    cells: Mapping[str, int]
    relations: tuple[Relation, ...] = ()

    def __post_init__(self) -> None:
        for key, value in self.cells.items():
            if value < 0:
                raise DisclosureError(f"cell {key!r} has a negative count {value}")
        for relation in self.relations:
            missing = [c for c in (relation.total, *relation.parts) if c not in self.cells]
            if missing:
                raise DisclosureError(f"relation for {relation.total!r} uses unknown cells {missing}")
            parts = [self.cells[p] for p in relation.parts]
            if not relation.kind.holds(self.cells[relation.total], parts):
                raise DisclosureError(
                    f"cell {relation.total!r} is {self.cells[relation.total]} but its parts "
                    f"{dict(zip(relation.parts, parts, strict=True))} do not satisfy a {relation.kind} relation"
                )

    @classmethod
    def combine(cls, releases: Iterable[Release]) -> Release:
        """One release from several tables; a cell present in two tables must have one value."""
        cells: dict[str, int] = {}
        relations: list[Relation] = []
        for release in releases:
            for key, value in release.cells.items():
                if cells.setdefault(key, value) != value:
                    raise DisclosureError(f"cell {key!r} is {cells[key]} in one table and {value} in another")
            relations += [r for r in release.relations if r not in relations]
        return cls(cells, tuple(relations))


def one_way(measure: str, dimension: str, counts: Mapping[str, int]) -> Release:
    """A total and its breakdown by one dimension (categories must be exhaustive, e.g. include unknown)."""
    total = cell_key(measure)
    parts = {cell_key(measure, **{dimension: c}): v for c, v in counts.items()}
    cells = {total: sum(counts.values()), **parts}
    return Release(cells, (Relation(total, tuple(parts)),))


def one_way_cover(measure: str, dimension: str, total: int, counts: Mapping[str, int]) -> Release:
    """A total and a breakdown in which one unit may count in several categories (forms of exploitation)."""
    key = cell_key(measure)
    parts = {cell_key(measure, **{dimension: c}): v for c, v in counts.items()}
    return Release({key: total, **parts}, (Relation(key, tuple(parts), RelationKind.COVER),))


def two_way(measure: str, rows: str, columns: str, counts: Mapping[tuple[str, str], int]) -> Release:
    """A cross-table with its row, column and grand totals (all margins derived from ``counts``)."""
    row_values = sorted({r for r, _ in counts})
    column_values = sorted({c for _, c in counts})
    cells: dict[str, int] = {}
    relations: list[Relation] = []
    for r in row_values:
        parts = [cell_key(measure, **{rows: r, columns: c}) for c in column_values]
        for c, key in zip(column_values, parts, strict=True):
            cells[key] = counts.get((r, c), 0)
        cells[cell_key(measure, **{rows: r})] = sum(cells[p] for p in parts)
        relations.append(Relation(cell_key(measure, **{rows: r}), tuple(parts)))
    for c in column_values:
        parts = [cell_key(measure, **{rows: r, columns: c}) for r in row_values]
        cells[cell_key(measure, **{columns: c})] = sum(cells[p] for p in parts)
        relations.append(Relation(cell_key(measure, **{columns: c}), tuple(parts)))
    grand = cell_key(measure)
    cells[grand] = sum(counts.values())
    relations.append(Relation(grand, tuple(cell_key(measure, **{rows: r}) for r in row_values)))
    relations.append(Relation(grand, tuple(cell_key(measure, **{columns: c}) for c in column_values)))
    return Release(cells, tuple(relations))


@dataclass(frozen=True)
class ProtectedRelease:
    """What may go out: each cell a count or a marker, with the relations a reader may use."""

    k: int
    values: Mapping[str, int | str]
    relations: tuple[Relation, ...]
    status: Mapping[str, CellStatus] = field(default_factory=dict)

    def withheld(self) -> list[str]:
        return [key for key, value in self.values.items() if isinstance(value, str)]


def protect(release: Release, k: int = DEFAULT_K, *, min_width: int = 1) -> ProtectedRelease:
    """Apply primary and complementary suppression until no withheld cell can be recovered."""
    if k < 2:
        raise DisclosureError(f"threshold k must be at least 2, got {k}")
    cells = release.cells
    status = {key: CellStatus.PRIMARY if 0 < v < k else CellStatus.PUBLISHED for key, v in cells.items()}
    while True:
        _close_singletons(release, status)
        published = _published(cells, status, k)
        exposed = exposed_cells(release.relations, published, k, min_width=min_width)
        if not exposed:
            return ProtectedRelease(k, published, release.relations, dict(status))
        if not any(_complement_for(interval.key, release, status) for interval in exposed):
            for key in _linked(exposed[0].key, release.relations):
                status[key] = CellStatus.WITHHELD


def _published(cells: Mapping[str, int], status: Mapping[str, CellStatus], k: int) -> dict[str, int | str]:
    markers = {
        CellStatus.PRIMARY: primary_marker(k),
        CellStatus.COMPLEMENTARY: COMPLEMENTARY_MARKER,
        CellStatus.WITHHELD: WITHHELD_MARKER,
    }
    return {key: markers.get(status[key], value) for key, value in cells.items()}


def _candidates(relation: Relation, cells: Mapping[str, int], status: Mapping[str, CellStatus]) -> list[str]:
    members = [*relation.parts, relation.total]
    return [m for m in members if status[m] is CellStatus.PUBLISHED and cells[m] > 0]


def _cheapest(candidates: Iterable[str], cells: Mapping[str, int], totals: set[str]) -> str | None:
    ranked = sorted(set(candidates), key=lambda c: (cells[c], c in totals, c))
    return ranked[0] if ranked else None


def _close_singletons(release: Release, status: dict[str, CellStatus]) -> None:
    """Withhold a second cell in every relation that has exactly one withheld member."""
    totals = {r.total for r in release.relations}
    changed = True
    while changed:
        changed = False
        for relation in release.relations:
            members = [*relation.parts, relation.total]
            if (
                relation.kind is RelationKind.SUM
                and sum(status[m] is not CellStatus.PUBLISHED for m in members) == 1
            ):
                choice = _cheapest(_candidates(relation, release.cells, status), release.cells, totals)
                if choice is not None:
                    status[choice] = CellStatus.COMPLEMENTARY
                    changed = True


def _complement_for(key: str, release: Release, status: dict[str, CellStatus]) -> bool:
    """Withhold one more cell near ``key``: first in its own relations, then anywhere linked to it."""
    totals = {r.total for r in release.relations}
    own = [r for r in release.relations if key == r.total or key in r.parts]
    choice = _cheapest((c for r in own for c in _candidates(r, release.cells, status)), release.cells, totals)
    if choice is None:
        linked = _linked(key, release.relations)
        choice = _cheapest(
            (c for c in linked if status[c] is CellStatus.PUBLISHED and release.cells[c] > 0),
            release.cells,
            totals,
        )
    if choice is None:
        return False
    status[choice] = CellStatus.COMPLEMENTARY
    return True


def _linked(key: str, relations: tuple[Relation, ...]) -> set[str]:
    seen = {key}
    frontier = [key]
    while frontier:
        current = frontier.pop()
        for relation in relations:
            members = [relation.total, *relation.parts]
            if current in members:
                for member in members:
                    if member not in seen:
                        seen.add(member)
                        frontier.append(member)
    return seen
