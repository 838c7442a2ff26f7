from __future__ import annotations

from collections.abc import Callable

from tipwatch.evidence import Movement, Tier
from tipwatch.history import TierRecord
from tipwatch.history.coverage import coverage
from tipwatch.history.overview import overview
from tipwatch.history.queries import gaps, history, tiers_in_year


def test_macau_on_the_real_record(real_record: TierRecord) -> None:
    tiers = {entry.report_year: entry.tier for entry in history(real_record, "Macao")}
    assert [tiers[y] for y in (2017, 2018)] == [Tier.WATCH_LIST, Tier.WATCH_LIST]
    assert tiers[2019] is Tier.TIER_2
    assert [tiers[y] for y in (2020, 2021)] == [Tier.WATCH_LIST, Tier.WATCH_LIST]
    assert [tiers[y] for y in (2022, 2023, 2024)] == [Tier.TIER_3] * 3
    assert real_record.placement("MAC", 2022) is Tier.TIER_3
    assert real_record.placement("macau", 2016) is None


def test_macau_movements_and_its_2016_gap(real_record: TierRecord) -> None:
    by_year = {entry.report_year: entry for entry in history(real_record, "MAC")}
    assert by_year[2019].movement is Movement.UPGRADED
    assert by_year[2020].movement is Movement.DOWNGRADED
    assert by_year[2022].movement is Movement.DOWNGRADED
    assert by_year[2023].movement is Movement.REMAINED
    assert by_year[2017].movement is None and by_year[2017].previous_unknown
    assert by_year[2006].movement is None and not by_year[2006].previous_unknown
    assert gaps(real_record, real_record.resolve("Macau")) == [2016]


def test_three_spellings_give_the_same_history(real_record: TierRecord) -> None:
    first = [e.to_dict() for e in history(real_record, "Macao")]
    assert (
        first
        == [e.to_dict() for e in history(real_record, "MAC")]
        == [e.to_dict() for e in history(real_record, "macau")]
    )
    assert set(first[0]) >= {"jurisdiction", "iso3", "report_year", "tier", "movement"}


def test_movement_across_a_gap_is_unknown(build_record: Callable[..., TierRecord]) -> None:
    record = build_record({"Alpha": {2010: "2", 2012: "3"}})
    second = history(record, "ALP")[1]
    assert second.movement is None and second.previous_unknown and second.previous_tier is None


def test_an_incomplete_year_is_a_gap_only_while_the_jurisdiction_may_still_be_ranked(
    build_record: Callable[..., TierRecord],
) -> None:
    # Alpha's last placement is 2010; 2011 and 2013 are incomplete, 2012 complete and without Alpha.
    record = build_record(
        {"Alpha": {2009: "2", 2010: "2WL"}, "Bravo": dict.fromkeys(range(2009, 2015), "1")},
        incomplete=(2011, 2013),
    )
    assert gaps(record, record.resolve("ALP")) == [2011]
    assert record.is_gap("ALP", 2011) and not record.is_gap("ALP", 2013)
    # Before the first placement the same holds: Charlie, first placed 2014, may be missing from 2013 only.
    record = build_record(
        {"Charlie": {2014: "2"}, "Bravo": dict.fromkeys(range(2009, 2015), "1")}, incomplete=(2011, 2013)
    )
    assert gaps(record, record.resolve("CHA")) == [2013]


def test_a_jurisdiction_no_longer_ranked_has_no_gaps_after_it(real_record: TierRecord) -> None:
    assert gaps(real_record, real_record.resolve("Serbia and Montenegro")) == []
    assert gaps(real_record, real_record.resolve("Netherlands Antilles")) == []
    assert [e.report_year for e in history(real_record, "SCG")] == [2003, 2004, 2005, 2006]


def test_special_case_has_no_movement(build_record: Callable[..., TierRecord]) -> None:
    record = build_record({"Alpha": {2010: "special", 2011: "2", 2012: "2"}})
    assert [e.movement for e in history(record, "ALP")] == [None, None, Movement.REMAINED]


def test_year_placements_filter_by_tier_and_say_when_incomplete(
    build_record: Callable[..., TierRecord],
) -> None:
    record = build_record(
        {"Alpha": {2010: "2", 2011: "3"}, "Bravo": {2010: "1", 2011: "1"}, "Charlie": {2010: "2WL"}},
        incomplete=(2011,),
    )
    year = tiers_in_year(record, 2011, Tier.TIER_3)
    assert [e.jurisdiction for e in year.entries] == ["Alpha"]
    assert year.entries[0].movement is Movement.DOWNGRADED
    assert year.incomplete and year.held == 2


def test_overview_of_an_incomplete_year(real_record: TierRecord) -> None:
    result = overview(real_record, 2024)
    assert result.report_year == 2024 and result.incomplete
    assert (
        "INCOMPLETE" in result.completeness and "185" in result.completeness and "188" in result.completeness
    )
    assert sum(result.tier_counts.values()) == 185
    assert sum(result.movement_counts.values()) == 185
    assert all(entry.previous_tier is not entry.tier for entry in result.changes)


def test_overview_of_a_complete_year(real_record: TierRecord) -> None:
    result = overview(real_record, 2023)
    assert not result.incomplete and result.held == 188
    assert result.tier_counts == {"1": 30, "2": 105, "2WL": 26, "3": 24, "special": 3}


def test_coverage_against_published_totals(real_record: TierRecord) -> None:
    rows = {row.report_year: row for row in coverage(real_record)}
    assert rows[2023].held == 188 and rows[2023].missing == 0 and rows[2023].complete == "yes"
    assert rows[2025].held == 188 and rows[2025].missing == 0 and rows[2025].complete == "yes"
    assert rows[2024].held == 185 and rows[2024].published_total == 188 and rows[2024].missing == 3
    assert rows[2016].complete == "no" and rows[2016].published_total is None and rows[2016].missing is None
    assert {y for y, row in rows.items() if row.complete == "no"} == {2016, 2017, 2019, 2024}
