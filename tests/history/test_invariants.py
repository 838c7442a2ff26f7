"""Invariants of the history queries on random records (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tipwatch.evidence import Tier, movement_between
from tipwatch.history import (
    Placement,
    TierRecord,
    YearCoverage,
    history,
    streaks,
    transitions,
    watchlist_audit,
)

YEARS = range(2001, 2026)
sequences = st.dictionaries(
    st.sampled_from(list(YEARS)), st.sampled_from(list(Tier)), min_size=2, max_size=25
)


def _record(by_name: dict[str, dict[int, Tier]], incomplete: set[int]) -> TierRecord:
    placements = tuple(
        Placement(name, name[:3].upper(), year, tier, "h")
        for name, by_year in by_name.items()
        for year, tier in sorted(by_year.items())
    )
    return TierRecord(
        placements, tuple(YearCoverage(y, "no" if y in incomplete else "yes", None, "") for y in YEARS)
    )


records = st.builds(
    _record,
    st.fixed_dictionaries({"Alpha": sequences, "Bravo": sequences, "Charlie": sequences}),
    st.sets(st.sampled_from(list(YEARS)), max_size=5),
)


@settings(max_examples=60, deadline=None)
@given(records)
def test_streaks_cover_every_placement_once(record: TierRecord) -> None:
    found = streaks(record)
    for jurisdiction in record.jurisdictions():
        own = [s for s in found if s.iso3 == jurisdiction.iso3]
        assert sum(s.length for s in own) == len(record.of(jurisdiction.iso3))
        years = [y for s in own for y in range(s.start, s.end + 1)]
        assert sorted(years) == [p.report_year for p in record.of(jurisdiction.iso3)]


@settings(max_examples=60, deadline=None)
@given(records)
def test_movement_is_only_ever_against_the_year_before(record: TierRecord) -> None:
    for jurisdiction in record.jurisdictions():
        for entry in history(record, jurisdiction):
            previous = record.tier_of(entry.iso3, entry.report_year - 1)
            assert entry.previous_tier == previous
            assert entry.movement == movement_between(previous, entry.tier)
            assert not (entry.previous_unknown and previous is not None)


@settings(max_examples=60, deadline=None)
@given(records)
def test_transitions_count_each_known_pair_once(record: TierRecord) -> None:
    if record.first_year == record.latest_year:
        return
    matrix = transitions(record)
    known_pairs = sum(
        1
        for p in record.placements
        if p.report_year < record.latest_year and record.tier_of(p.iso3, p.report_year + 1) is not None
    )
    assert matrix.pairs == known_pairs


@settings(max_examples=60, deadline=None)
@given(records)
def test_audit_findings_fall_on_watch_list_years(record: TierRecord) -> None:
    report = watchlist_audit(record)
    for finding in report.findings:
        for year in finding.years:
            tier = record.tier_of(finding.iso3, year)
            if finding.certain:
                assert tier is Tier.WATCH_LIST
            else:
                assert (
                    tier is Tier.WATCH_LIST
                    or year in finding.unknown_years
                    or record.is_gap(finding.iso3, year)
                )
    for run in report.runs:
        assert all(record.tier_of(run.iso3, y) is Tier.WATCH_LIST for y in range(run.start, run.end + 1))
