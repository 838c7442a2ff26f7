"""What a published release says: additive relations between cells, and the suppression markers."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

COMPLEMENTARY_MARKER = "x"
WITHHELD_MARKER = ".."


def primary_marker(k: int) -> str:
    """The marker of a withheld small count: ``"<5"`` for k = 5 (GLOTIP's notation)."""
    return f"<{k}"


class RelationKind(StrEnum):
    """What a reader knows about a total and its parts."""

    SUM = "sum"  # the total equals the sum of the parts (each unit in exactly one part)
    COVER = "cover"  # each unit in at least one part: parts add up to at least the total, none exceeds it
    AT_LEAST = "at_least"  # parts add up to at least the total (a unit may count several times in a part)
    WITHIN = "within"  # parts add up to at most the total (women and girls among female victims)
    SUBSET = "subset"  # no part exceeds the total (e.g. suspended sentences among all sentences)

    @property
    def sum_at_least_total(self) -> bool:
        return self in (RelationKind.COVER, RelationKind.AT_LEAST)

    @property
    def sum_at_most_total(self) -> bool:
        return self is RelationKind.WITHIN

    @property
    def parts_at_most_total(self) -> bool:
        return self in (RelationKind.COVER, RelationKind.SUBSET)

    def holds(self, total: int, parts: list[int]) -> bool:
        if self is RelationKind.SUM:
            return sum(parts) == total
        if self.sum_at_least_total and sum(parts) < total:
            return False
        if self.sum_at_most_total and sum(parts) > total:
            return False
        return not (self.parts_at_most_total and any(p > total for p in parts))


def strongest_relation(total: int, parts: list[int]) -> RelationKind | None:
    """The strongest kind of relation that the true counts satisfy: what a reader could at most know."""
    for kind in (RelationKind.SUM, RelationKind.COVER, RelationKind.AT_LEAST, RelationKind.WITHIN):
        if kind.holds(total, parts):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact every reader knows about the ``total`` cell and its ``parts`` cells."""

    total: str
    parts: tuple[str, ...]
    kind: RelationKind = RelationKind.SUM
