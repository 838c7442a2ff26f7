"""The period statistics as flat rows (label, this period, the previous one, change) for tables and JSON.

Each row has a dotted ``path`` into :class:`~tipwatch.review.statistics.PeriodStatistics`
(``victims.by_sex.female``). Values are counts, ``None`` (unknown) or, once disclosure control has run,
suppression markers (``"<5"``, ``"x"``, ``".."``); a change is given only between two published counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict

from tipwatch.review.statistics import Figure, PeriodStatistics

Value = int | str | None

SECTIONS = {
    "investigations": "Investigations",
    "prosecutions": "Prosecutions",
    "convictions": "Convictions",
    "acquittals": "Acquittals",
    "sentences": "Sentences",
    "victims": "Victims identified",
    "services": "Victim services",
    "screenings": "Screenings",
    "official_complicity": "Official complicity",
    "recommendations": "Recommendations",
}
LABELS = {
    "cases": "cases",
    "persons": "persons",
    "by_exploitation": "by form of exploitation",
    "by_length": "by length",
    "by_sex": "by sex",
    "by_age_group": "by age group",
    "by_sex_and_age": "by sex and age",
    "by_citizenship": "by citizenship",
    "by_service": "by service",
    "identified": "total",
    "total": "total",
    "acquittals": "persons acquitted",
}


class StatisticRow(BaseModel):
    model_config = ConfigDict(frozen=True)

    path: str
    section: str
    label: str
    current: Value
    previous: Value
    change: int | None


def label_of(path: str) -> str:
    """``victims.by_sex.female`` -> ``by sex: female``; ``convictions.persons`` -> ``persons``."""
    parts = path.split(".")[1:] or path.split(".")
    words = [LABELS.get(p, p.replace("_", " ")) for p in parts]
    if len(words) >= 2 and parts[-2].startswith(("by_", "referrals_by", "delivered_by")):
        return f"{' '.join(words[:-1])}: {words[-1]}"
    return " ".join(words)


def figures(statistics: PeriodStatistics) -> Iterator[tuple[str, Figure]]:
    """Every figure of the statistics with its dotted path, in document order."""

    def walk(prefix: str, value: Any) -> Iterator[tuple[str, Figure]]:
        if isinstance(value, Figure):
            yield prefix, value
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from walk(f"{prefix}.{name}" if prefix else name, getattr(value, name))
        elif isinstance(value, Mapping):
            for name, item in value.items():
                yield from walk(f"{prefix}.{name}", item)

    for section in SECTIONS:
        yield from walk(section, getattr(statistics, section))


def change(current: Value, previous: Value) -> int | None:
    return current - previous if isinstance(current, int) and isinstance(previous, int) else None


def statistic_rows(
    statistics: PeriodStatistics,
    current: Mapping[str, Value] | None = None,
    previous: Mapping[str, Value] | None = None,
) -> list[StatisticRow]:
    """Rows of every figure; ``current``/``previous`` override values by path (published values)."""
    rows = []
    for path, figure in figures(statistics):
        now = current[path] if current is not None and path in current else figure.current
        before = previous[path] if previous is not None and path in previous else figure.previous
        rows.append(
            StatisticRow(
                path=path,
                section=SECTIONS[path.split(".")[0]],
                label=label_of(path),
                current=now,
                previous=before,
                change=change(now, before),
            )
        )
    return rows
