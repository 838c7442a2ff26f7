from __future__ import annotations

from collections.abc import Callable

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord
from tipwatch.history.streaks import streaks


def test_runs_split_on_tier_change(build_record: Callable[..., TierRecord]) -> None:
    record = build_record({"Alpha": {2010: "2", 2011: "2", 2012: "3", 2013: "3", 2014: "3"}})
    found = streaks(record)
    assert [(s.tier, s.start, s.end, s.length) for s in found] == [
        (Tier.TIER_3, 2012, 2014, 3),
        (Tier.TIER_2, 2010, 2011, 2),
    ]
    assert found[0].ongoing is True and found[1].ongoing is False
    assert not any(s.length_is_minimum for s in found)


def test_a_gap_breaks_a_run_and_makes_it_at_least(build_record: Callable[..., TierRecord]) -> None:
    record = build_record(
        {"Alpha": {2010: "3", 2011: "3", 2013: "3", 2014: "3", 2015: "3"}, "Bravo": {2010: "1", 2015: "1"}}
    )
    alpha = [s for s in streaks(record, Tier.TIER_3) if s.iso3 == "ALP"]
    assert [(s.start, s.end) for s in alpha] == [(2013, 2015), (2010, 2011)]
    assert alpha[0].length_is_minimum and alpha[0].length_text == "at least 3"
    assert alpha[1].continues_unknown and alpha[1].ongoing is False


def test_ongoing_unknown_when_the_latest_years_are_gaps(build_record: Callable[..., TierRecord]) -> None:
    record = build_record(
        {"Alpha": {2010: "3", 2011: "3"}, "Bravo": {2010: "1", 2011: "1", 2012: "1"}}, incomplete=(2012,)
    )
    alpha = streaks(record, Tier.TIER_3, current=True)
    assert len(alpha) == 1 and alpha[0].ongoing is None and alpha[0].continues_unknown


def test_min_and_current_filters(real_record: TierRecord) -> None:
    long_tier_3 = streaks(real_record, Tier.TIER_3, min_length=15, current=True)
    assert long_tier_3 and all(
        s.length >= 15 and s.tier is Tier.TIER_3 and s.ongoing is not False for s in long_tier_3
    )
    assert ("Korea, North", 2003, 2025) in {(s.jurisdiction, s.start, s.end) for s in long_tier_3}


def test_macau_on_the_real_record(real_record: TierRecord) -> None:
    macau = [s for s in streaks(real_record) if s.iso3 == "MAC"]
    by_start = {s.start: s for s in macau}
    assert (
        by_start[2017].tier is Tier.WATCH_LIST
        and by_start[2017].length == 2
        and by_start[2017].length_is_minimum
    )
    assert (
        by_start[2022].tier is Tier.TIER_3 and by_start[2022].ongoing is True and by_start[2022].length == 4
    )
