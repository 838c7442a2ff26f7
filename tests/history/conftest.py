from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tipwatch.evidence import Tier
from tipwatch.history import Placement, TierRecord, YearCoverage, load_record_file

DATA = Path(__file__).resolve().parents[1] / "data" / "history"


@pytest.fixture(scope="session")
def real_record() -> TierRecord:
    return load_record_file(DATA / "tip_tiers.csv")


def _build_record(
    rows: dict[str, dict[int, str]], incomplete: tuple[int, ...] = (), years: tuple[int, int] | None = None
) -> TierRecord:
    """A record from ``{"Macau": {2019: "2", ...}}`` (ISO code: the first three letters, upper case)."""
    placements = [
        Placement(name, name[:3].upper(), year, Tier(tier), "test")
        for name, by_year in rows.items()
        for year, tier in by_year.items()
    ]
    first = years[0] if years else min(p.report_year for p in placements)
    last = years[1] if years else max(p.report_year for p in placements)
    coverage = tuple(
        YearCoverage(year, "no" if year in incomplete else "yes", None, "test")
        for year in range(first, last + 1)
    )
    return TierRecord(tuple(placements), coverage)


RecordBuilder = Callable[..., TierRecord]


@pytest.fixture
def build_record() -> RecordBuilder:
    """``build_record({"Macau": {2019: "2"}}, incomplete=(2016,))``: a hand-built record."""
    return _build_record
