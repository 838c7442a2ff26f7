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
    SUM = "sum"
    """The total equals the sum of the parts (each unit in exactly one part)."""
    COVER = "cover"
    """Each unit of the total is in at least one part (e.g. forms of exploitation, one victim in several):
    the parts add up to at least the total, and no part exceeds it."""


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact every reader knows about the ``total`` cell and its ``parts`` cells."""

    total: str
    parts: tuple[str, ...]
    kind: RelationKind = RelationKind.SUM
