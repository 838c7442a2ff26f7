from __future__ import annotations

from collections.abc import Callable

import pytest

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord
from tipwatch.history.transitions import transitions
from tipwatch.problems import InputError


def test_counts_rates_and_unknown_sides(build_record: Callable[..., TierRecord]) -> None:
    record = build_record(
        {
            "Alpha": {2010: "2", 2011: "2WL", 2012: "3"},
            "Bravo": {2010: "2", 2011: "2", 2012: "2"},
            "Charlie": {2010: "2", 2012: "1"},  # 2011 is a gap
        }
    )
    matrix = transitions(record)
    assert matrix.counts[Tier.TIER_2][Tier.WATCH_LIST] == 1
    assert matrix.counts[Tier.TIER_2][Tier.TIER_2] == 2
    assert matrix.counts[Tier.WATCH_LIST][Tier.TIER_3] == 1
    assert matrix.rate(Tier.TIER_2, Tier.TIER_2) == pytest.approx(2 / 3)
    assert matrix.rate(Tier.TIER_1, Tier.TIER_2) is None
    assert matrix.unknown_next[Tier.TIER_2] == 1 and matrix.unknown_previous[Tier.TIER_1] == 1
    assert matrix.pairs == 4


def test_rows_sum_to_one(real_record: TierRecord) -> None:
    matrix = transitions(real_record, 2020, 2023)
    for source in Tier:
        if matrix.row_total(source):
            assert sum(matrix.rate(source, t) or 0 for t in Tier) == pytest.approx(1)
    assert matrix.pairs == sum(len(real_record.in_year(y)) for y in (2020, 2021, 2022)) - sum(
        matrix.unknown_next.values()
    )


def test_incomplete_years_in_range_are_named(real_record: TierRecord) -> None:
    assert transitions(real_record, 2015, 2020).incomplete_years == [2016, 2017, 2019]


@pytest.mark.parametrize(("first", "last"), [(2020, 2020), (2023, 2020), (1999, 2005), (2020, 2040)])
def test_bad_ranges_are_input_errors(real_record: TierRecord, first: int, last: int) -> None:
    with pytest.raises(InputError):
        transitions(real_record, first, last)
