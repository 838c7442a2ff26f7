"""The cross-output audit: every public artefact — reviews, ``tipwatch publish``, the public statistics
API, reply briefs — over overlapping periods, checked together by the exact-interval audit.

An artefact is what one output shows: published cells (a count or a marker, keyed ``<period>:<path>``),
the relations a reader knows between them, and what it says about sums of cells (a figure over a window
of several released periods, and the verdicts decided by it). The audit combines them all, as a reader
holding every output would, and reports

- a cell that two artefacts show differently (a count in one, a marker in another: the count is out);
- a withheld cell that the combination pins down more tightly than the artefacts that show it do one
  by one (the interval of the best single artefact is the baseline: combining outputs must add nothing);
- a withheld cell a reader can recover exactly from everything together.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tipwatch.disclosure.audit import Interval, SumBound, reader_intervals
from tipwatch.disclosure.model import WITHHELD_MARKER, Relation


@dataclass(frozen=True)
class Artefact:
    """What one public output lets a reader see."""

    name: str
    values: Mapping[str, int | str]
    relations: tuple[Relation, ...] = ()
    sums: tuple[SumBound, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One way the outputs together say more than they may."""

    cell: str
    problem: str
    alone: Interval | None
    together: Interval | None

    def __str__(self) -> str:
        return f"{self.cell}: {self.problem} (alone {self.alone}, together {self.together})"


def combined_values(artefacts: Sequence[Artefact]) -> tuple[dict[str, int | str], list[Finding]]:
    """Every cell any artefact shows; a cell shown two ways is a finding."""
    values: dict[str, int | str] = {}
    found: list[Finding] = []
    shown_by: dict[str, str] = {}
    for artefact in artefacts:
        for key, value in artefact.values.items():
            if key in values and values[key] != value:
                found.append(
                    Finding(
                        key,
                        f"{shown_by[key]} shows {values[key]!r}, {artefact.name} shows {value!r}",
                        None,
                        None,
                    )
                )
                continue
            values.setdefault(key, value)
            shown_by.setdefault(key, artefact.name)
    return values, found


def _own(artefact: Artefact) -> dict[str, int | str]:
    """The artefact's cells; a cell its relations or sums mention but it does not show is unknown to
    its reader (any count, as a withheld table)."""
    cells = dict(artefact.values)
    mentioned = [m for r in artefact.relations for m in (r.total, *r.parts)]
    mentioned += [m for members, _, _ in artefact.sums for m in members]
    for member in mentioned:
        cells.setdefault(member, WITHHELD_MARKER)
    return cells


def audit_outputs(artefacts: Sequence[Artefact], k: int) -> list[Finding]:
    """Everything that the artefacts together disclose beyond what each discloses alone; [] if none."""
    values, found = combined_values(artefacts)
    if found:
        return found
    for artefact in artefacts:
        for key, value in _own(artefact).items():
            values.setdefault(key, value)
    relations: list[Relation] = []
    sums: list[SumBound] = []
    for artefact in artefacts:
        relations += [r for r in artefact.relations if r not in relations]
        sums += [s for s in artefact.sums if s not in sums]
    together = reader_intervals(relations, values, k, sums)
    alone: dict[str, Interval] = {}
    for artefact in artefacts:
        own = reader_intervals(artefact.relations, _own(artefact), k, artefact.sums)
        for key, interval in own.items():
            if key in artefact.values:
                alone[key] = _tighter(alone.get(key), interval)
    for key in sorted(together):
        joint = together[key]
        if joint.width < 1:
            found.append(Finding(key, "recovered exactly from the outputs together", alone.get(key), joint))
        elif key in alone and _narrower(joint, alone[key]):
            found.append(Finding(key, "narrowed by combining outputs", alone[key], joint))
    return found


def _tighter(first: Interval | None, second: Interval) -> Interval:
    if first is None:
        return second
    uppers = [u for u in (first.upper, second.upper) if u is not None]
    return Interval(second.key, max(first.lower, second.lower), min(uppers) if uppers else None)


def _narrower(joint: Interval, alone: Interval) -> bool:
    if joint.lower > alone.lower:
        return True
    if joint.upper is None:
        return False
    return alone.upper is None or joint.upper < alone.upper


def window_sums(
    periods: Iterable[tuple[str, bool]], path: str, lower: int, upper: int | None
) -> tuple[SumBound, ...]:
    """What a figure ``lower .. upper`` over a window tells a reader about the released periods it
    touches (``(name, inside)``: ``inside`` when the period lies wholly within the window), for a count
    of distinct persons or cases: the periods it overlaps add up to at least ``lower``, and each period
    inside it is at most ``upper`` (and when the window is exactly a run of released periods, the
    periods add up to at most ``upper``)."""
    touched = list(periods)
    cells = tuple(f"{name}:{path}" for name, _ in touched)
    aligned = all(inside for _, inside in touched)
    bounds: list[SumBound] = [(cells, lower, upper if aligned else None)]
    if upper is not None and not aligned:
        bounds += [((f"{name}:{path}",), 0, upper) for name, inside in touched if inside]
    return tuple(bounds)
