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
    SUBSET = "subset"  # no part exceeds the total (e.g. suspended sentences among all sentences)

    @property
    def bounds_sum(self) -> bool:
        return self in (RelationKind.COVER, RelationKind.AT_LEAST)

    @property
    def bounds_parts(self) -> bool:
        return self in (RelationKind.COVER, RelationKind.SUBSET)


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact every reader knows about the ``total`` cell and its ``parts`` cells."""

    total: str
    parts: tuple[str, ...]
    kind: RelationKind = RelationKind.SUM
