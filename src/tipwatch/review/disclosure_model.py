"""What a published release says: additive relations between cells, and the suppression markers."""

from __future__ import annotations

from dataclasses import dataclass

COMPLEMENTARY_MARKER = "x"
WITHHELD_MARKER = ".."


def primary_marker(k: int) -> str:
    """The marker of a withheld small count: ``"<5"`` for k = 5 (GLOTIP's notation)."""
    return f"<{k}"


@dataclass(frozen=True, slots=True)
class Relation:
    """A fact every reader knows: the ``total`` cell equals the sum of the ``parts`` cells."""

    total: str
    parts: tuple[str, ...]
