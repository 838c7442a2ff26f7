"""The pure core of the right of reply: real Macau narratives against registries built as plain data."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipwatch.disclosure.policy import Audience, DisclosurePolicy
from tipwatch.disclosure.published import Disclosure, PublishedFigures, ReleasedPeriod
from tipwatch.problems import InputError
from tipwatch.reply.brief import (
    RecordEvent,
    RegistryRecords,
    Verdict,
    Window,
    build_reply,
    check_claim,
    registry_figures,
)
from tipwatch.reply.claims import Claim, ClaimKind, Measure, claims_from_fields, measures_in

DATA = Path(__file__).resolve().parents[1] / "data" / "reply"
INTERNAL = Disclosure(Audience.INTERNAL)


def released(records: RegistryRecords, k: int = 5, first: int = 2016, last: int = 2025) -> PublishedFigures:
    """Each reporting period released on its own, small counts as "<k" (primary suppression: one cell
    per measure has no relation that would call for complements)."""
    periods = []
    for year in range(first, last + 1):
        window = Window.period(year)
        values: dict[str, int | str | None] = {}
        for measure in Measure:
            count = records.count(measure, window.start, window.end)
            values[measure.statistic_path] = f"<{k}" if 0 < count < k else count
        periods.append(ReleasedPeriod(window.label, window.start, window.end, values))
    return PublishedFigures(k, tuple(periods))


def public(records: RegistryRecords, k: int = 5) -> Disclosure:
    return Disclosure(Audience.PUBLIC, DisclosurePolicy(k), released(records, k))


def narrative(stem: str) -> tuple[dict[str, Any], str]:
    fields = json.loads((DATA / f"{stem}.json").read_text(encoding="utf-8"))
    return fields, (DATA / f"{stem}.txt").read_text(encoding="utf-8")


def ev(measure: Measure, record_id: str, on: str) -> RecordEvent:
    return RecordEvent(measure, record_id, date.fromisoformat(on))


def test_claims_of_macau_2023_cover_counts_consecutive_since_and_never() -> None:
    fields, text = narrative("macau-2023")
    claims = claims_from_fields(fields, text=text)
    kinds = [c.kind for c in claims]
    assert kinds == [
        ClaimKind.PLACEMENT,
        ClaimKind.COUNT,
        ClaimKind.COUNT,
        ClaimKind.COUNT,
        ClaimKind.CONSECUTIVE_YEARS,
        ClaimKind.SINCE_YEAR,
        ClaimKind.NEVER,
    ]
    consecutive = claims[4]
    assert consecutive.years == 4 and consecutive.negative
    assert consecutive.measures == (Measure.VICTIMS_IDENTIFIED, Measure.VICTIMS_SERVED)
    assert (
        consecutive.span is not None and text[consecutive.span[0] : consecutive.span[1]] == consecutive.text
    )
    since = claims[5]
    assert since.since_year == 2019 and since.measures == (Measure.CONVICTIONS,) and since.negative
    never = claims[6]
    assert never.text == "has never identified a victim of forced labor exploited in Macau"
    assert never.measures == (Measure.FORCED_LABOUR_VICTIMS_IDENTIFIED,)


def test_tier_consecutive_claims_are_about_placement_not_registry_measures() -> None:
    fields, text = narrative("macau-2021")
    claims = claims_from_fields(fields, text=text)
    placement_streak = next(c for c in claims if "Watch List for the second" in c.text)
    assert placement_streak.measures == ()


def test_matching_registry_agrees_with_every_checkable_claim() -> None:
    fields, text = narrative("macau-2023")
    # RP2023 = 2022-04-01 .. 2023-03-31: five investigations, one prosecution, no victims since RP2020;
    # the last conviction in 2019.
    events = [
        ev(Measure.CONVICTIONS, "S-0001", "2019-06-01"),
        ev(Measure.VICTIMS_IDENTIFIED, "V-0001", "2019-02-01"),
    ]
    events += [ev(Measure.INVESTIGATIONS, f"C-{n}", f"2022-0{n}-10") for n in range(5, 10)]
    events += [ev(Measure.PROSECUTIONS, "S-0002", "2022-11-02")]
    records = RegistryRecords.of(events, covers_from=date(2018, 1, 1))
    brief = build_reply(fields, records, 2023, INTERNAL, text=text)
    verdicts = {c.claim.kind: c.verdict for c in brief.checks}
    assert verdicts[ClaimKind.PLACEMENT] is Verdict.NOT_VERIFIABLE
    assert all(c.verdict is Verdict.AGREES for c in brief.checks if c.claim.kind is not ClaimKind.PLACEMENT)
    assert brief.summary() == {"agrees": 6, "contradicts": 0, "not-verifiable": 1}


def test_victims_identified_and_served_contradict_none_with_their_records() -> None:
    fields, text = narrative("macau-2023")
    events = [
        ev(Measure.VICTIMS_IDENTIFIED, "V-7a1", "2022-05-03"),
        ev(Measure.VICTIMS_SERVED, "V-7a1", "2022-05-04"),
        ev(Measure.VICTIMS_IDENTIFIED, "V-9c2", "2020-10-01"),
    ]
    records = RegistryRecords.of(events, covers_from=date(2018, 1, 1))
    brief = build_reply(fields, records, 2023, INTERNAL, text=text)
    count = next(c for c in brief.checks if c.claim.measures == (Measure.VICTIMS_IDENTIFIED,))
    assert count.verdict is Verdict.CONTRADICTS and count.records == ("V-7a1",)
    streak = next(c for c in brief.checks if c.claim.kind is ClaimKind.CONSECUTIVE_YEARS)
    assert streak.verdict is Verdict.CONTRADICTS
    assert streak.records == ("V-9c2", "V-7a1")
    assert {f.window.label for f in streak.figures if f.count.value} == {"RP2021", "RP2023"}


def test_public_audience_suppresses_small_cells_and_drops_record_ids() -> None:
    fields, text = narrative("macau-2023")
    events = [ev(Measure.VICTIMS_IDENTIFIED, f"V-{n}", "2022-05-03") for n in range(3)]
    records = RegistryRecords.of(events, covers_from=date(2018, 1, 1))
    brief = build_reply(fields, records, 2023, public(records), text=text)
    count = next(c for c in brief.checks if c.claim.measures == (Measure.VICTIMS_IDENTIFIED,))
    assert count.verdict is Verdict.CONTRADICTS
    assert count.records == () and all(f.record_ids == () for f in count.figures)
    assert count.figures[0].count.suppressed and count.figures[0].count.value is None
    assert "fewer than 5 victims identified" in count.reason
    assert "V-0" not in json.dumps(brief.to_dict())


def test_claims_before_the_registry_begins_are_not_verifiable() -> None:
    fields, text = narrative("macau-2023")
    late = RegistryRecords.of([ev(Measure.INVESTIGATIONS, "C-1", "2022-06-01")])
    brief = build_reply(fields, late, 2023, INTERNAL, text=text)
    before = [c for c in brief.checks if c.claim.kind is not ClaimKind.NEVER]
    assert {c.verdict for c in before} == {Verdict.NOT_VERIFIABLE}
    assert "begin in 2022-06-01" in brief.checks[1].reason
    never = brief.checks[-1]  # "never" is checked as far back as the registry goes, and says so
    assert never.verdict is Verdict.AGREES and never.figures[0].window.start == date(2022, 6, 1)
    records = RegistryRecords.of(
        [ev(Measure.INVESTIGATIONS, "C-1", "2022-06-01")], covers_from=date(2022, 4, 1)
    )
    brief = build_reply(fields, records, 2023, INTERNAL, text=text)
    streak = next(c for c in brief.checks if c.claim.kind is ClaimKind.CONSECUTIVE_YEARS)
    assert streak.verdict is Verdict.NOT_VERIFIABLE and "RP2020" in streak.reason
    investigations = next(c for c in brief.checks if c.claim.measures == (Measure.INVESTIGATIONS,))
    assert investigations.verdict is Verdict.CONTRADICTS and investigations.records == ("C-1",)


def test_empty_registry_verifies_nothing() -> None:
    fields, text = narrative("macau-2024")
    brief = build_reply(fields, RegistryRecords.of([]), 2024, INTERNAL, text=text)
    assert {c.verdict for c in brief.checks} == {Verdict.NOT_VERIFIABLE}
    assert all(c.reason for c in brief.checks)


def test_first_since_claim_needs_one_in_the_period_and_none_between() -> None:
    claim = Claim(
        ClaimKind.SINCE_YEAR,
        "the first conviction since 2014",
        (Measure.CONVICTIONS,),
        since_year=2014,
        first=True,
    )
    base = [ev(Measure.CONVICTIONS, "S-1", "2014-03-01")]
    covered = date(2010, 1, 1)
    agrees = RegistryRecords.of([*base, ev(Measure.CONVICTIONS, "S-2", "2019-05-01")], covered)
    assert check_claim(claim, agrees, 2020, INTERNAL).verdict is Verdict.AGREES
    between = RegistryRecords.of([*base, ev(Measure.CONVICTIONS, "S-3", "2017-05-01")], covered)
    check = check_claim(claim, between, 2020, INTERNAL)
    assert check.verdict is Verdict.CONTRADICTS and check.records == ("S-3",)


def test_statements_the_registry_does_not_record_are_not_verifiable_with_a_reason() -> None:
    claim = Claim(
        ClaimKind.SINCE_YEAR,
        "courts have not been operational since 2014",
        measures_in("courts have not been operational"),
        negative=True,
        since_year=2014,
    )
    check = check_claim(claim, RegistryRecords.of([], date(2000, 1, 1)), 2020, INTERNAL)
    assert check.verdict is Verdict.NOT_VERIFIABLE and "records nothing" in check.reason


def test_report_year_mismatch_and_bad_fields_are_input_errors_naming_the_field() -> None:
    fields, _ = narrative("macau-2023")
    with pytest.raises(InputError, match="report year 2023, not 2024"):
        build_reply(fields, RegistryRecords.of([]), 2024, INTERNAL)
    bad = {**fields, "prosecutions": -1, "since_year_claims": [{"text": "since", "year": "x"}]}
    with pytest.raises(InputError) as raised:
        claims_from_fields(bad, source="n.json")
    paths = [p.location.path for p in raised.value.problems]
    assert paths == ["prosecutions", "since_year_claims[0].year"]
    assert all(p.location.file == "n.json" for p in raised.value.problems)


@given(
    days=st.lists(st.integers(min_value=0, max_value=3000), max_size=30),
    threshold=st.integers(min_value=3, max_value=10),
)
def test_public_figures_never_show_a_count_below_the_threshold(days: list[int], threshold: int) -> None:
    start = date(2016, 1, 1)
    events = [
        RecordEvent(Measure.VICTIMS_IDENTIFIED, f"V-{n}", date.fromordinal(start.toordinal() + d))
        for n, d in enumerate(days)
    ]
    records = RegistryRecords.of(events, covers_from=start)
    disclosure = public(records, threshold)
    fields = {
        "report_year": 2023,
        "victims_identified": 0,
        "consecutive_year_claims": [
            {
                "text": "for the fourth consecutive year, the government did not identify any victims",
                "years": 4,
            }
        ],
    }
    brief = build_reply(fields, records, 2023, disclosure)
    for check in brief.checks:
        assert check.records == ()
        for figure in check.figures:
            shown = figure.count.value
            assert shown is None or shown == 0 or shown >= threshold
            assert figure.record_ids == ()
    raw = registry_figures(records, 2023)[Measure.VICTIMS_IDENTIFIED]
    assert raw == sum(1 for e in events if date(2022, 4, 1) <= e.on <= date(2023, 3, 31))


def test_report_year_out_of_range_is_an_input_error() -> None:
    with pytest.raises(InputError) as raised:
        build_reply({}, RegistryRecords.of([]), 1990, INTERNAL)
    assert raised.value.problems[0].code == "invalid-report-year"


def test_engine_evidence_ignores_counts_that_are_not_counts() -> None:
    from tipwatch.reply.engine import evidence_from_fields

    evidence = evidence_from_fields(
        {"jurisdiction": "", "victims_served": -3, "previous_period.convictions": True, "convictions": 2},
        2023,
    )
    assert evidence.jurisdiction == "unnamed jurisdiction"
    assert evidence.protection.victims_served is None and evidence.previous_period.convictions is None
    assert evidence.prosecution.convictions is not None and evidence.prosecution.convictions.exact_total == 2


def test_engine_evidence_takes_earlier_placements_as_the_reader_does() -> None:
    """One conversion for the reader and the reply: a streak claim places the earlier years too, so the
    engine can apply the Watch List limits of 7107(b)(2)(D) to the reassessment."""
    from tipwatch.evidence import Tier
    from tipwatch.reply.engine import evidence_from_fields

    claim = "remained on Tier 2 Watch List for the third consecutive year"
    evidence = evidence_from_fields(
        {
            "jurisdiction": "Testland",
            "tier": "2WL",
            "movement": "remained",
            "consecutive_year_claims": [{"text": claim, "years": 3}],
        },
        2016,
    )
    assert [(p.report_year, p.tier) for p in evidence.prior_placements] == [
        (2014, Tier.WATCH_LIST),
        (2015, Tier.WATCH_LIST),
    ]


def test_negative_claims_imply_zero_counts_for_the_period_and_the_one_before() -> None:
    from tipwatch.reply.reassess import narrative_figures

    fields, text = narrative("macau-2023")
    effective, implied = narrative_figures(fields, claims_from_fields(fields, text=text), 2023)
    assert implied == {
        "convictions",
        "victims_served",
        "previous_period.convictions",
        "previous_period.victims_identified",
        "previous_period.victims_served",
    }
    assert all(effective[name] == 0 for name in implied)
    assert effective["investigations"] == 5 and "previous_period.investigations" not in effective
    # "since 2022" in the 2024 report covers 2023-01-01 on: all of RP2024, only part of RP2023
    fields24, text24 = narrative("macau-2024")
    _, implied24 = narrative_figures(fields24, claims_from_fields(fields24, text=text24), 2024)
    assert "victims_identified" in implied24 and "previous_period.victims_identified" not in implied24


def test_reassessment_with_the_engine_shows_the_effect_of_the_registry_figures() -> None:
    from tipwatch.reply.engine import engine_assessor

    fields, text = narrative("macau-2023")
    covered = date(2018, 1, 1)
    same = RegistryRecords.of(
        [ev(Measure.INVESTIGATIONS, f"C-{n}", "2022-06-01") for n in range(5)]
        + [ev(Measure.PROSECUTIONS, "S-1", "2022-07-01")],
        covered,
    )
    unchanged = build_reply(fields, same, 2023, INTERNAL, text=text, assessor=engine_assessor(2023))
    assert unchanged.reassessment is not None and not unchanged.reassessment.changed
    assert not unchanged.reassessment.findings_fall and not unchanged.reassessment.findings_new
    served = RegistryRecords.of(
        [
            *same.events,
            ev(Measure.VICTIMS_IDENTIFIED, "V-1", "2022-09-01"),
            ev(Measure.VICTIMS_SERVED, "V-1", "2022-09-02"),
        ],
        covered,
    )
    changed = build_reply(fields, served, 2023, INTERNAL, text=text, assessor=engine_assessor(2023))
    assert changed.reassessment is not None
    fell = {(f.code, f.status) for f in changed.reassessment.findings_fall}
    assert ("victim-protection", "not-met") in fell
    assert {s.field: s.registry.value for s in changed.reassessment.substitutions}["victims_identified"] == 1


def test_public_brief_withholds_a_cell_that_would_reveal_a_small_count_by_difference() -> None:
    fields, text = narrative("macau-2024")  # "… any victims since 2022": 2023-01-01 .. 2024-03-31
    in_period = [ev(Measure.VICTIMS_IDENTIFIED, f"V-{n}", "2023-06-01") for n in range(6)]
    before = [ev(Measure.VICTIMS_IDENTIFIED, f"W-{n}", "2023-02-01") for n in range(2)]
    records = RegistryRecords.of([*in_period, *before], covers_from=date(2018, 1, 1))
    from tipwatch.reply.engine import engine_assessor

    brief = build_reply(fields, records, 2024, public(records), text=text, assessor=engine_assessor(2024))
    assert brief.reassessment is not None
    in_reassessment = {s.field: s.registry for s in brief.reassessment.substitutions}
    assert in_reassessment["victims_identified"].value == 6  # RP2024, shown beside the narrative's 0
    shown = {(f.measure, f.window.start): f.count for check in brief.checks for f in check.figures}
    since = shown[(Measure.VICTIMS_IDENTIFIED, date(2023, 1, 1))]
    assert since.value is None and since.suppressed and since.display == "between 6 and 10"
    internal = build_reply(fields, records, 2024, INTERNAL, text=text)
    assert any(f.count.value == 8 for check in internal.checks for f in check.figures)


@given(
    days=st.lists(st.integers(min_value=0, max_value=3000), max_size=40),
    threshold=st.integers(min_value=3, max_value=6),
)
def test_no_two_nested_public_figures_differ_by_a_small_count(days: list[int], threshold: int) -> None:
    fields, text = narrative("macau-2024")
    start = date(2016, 1, 1)
    events = [
        RecordEvent(measure, f"R-{n}", date.fromordinal(start.toordinal() + d))
        for n, d in enumerate(days)
        for measure in (Measure.VICTIMS_IDENTIFIED, Measure.VICTIMS_SERVED)
    ]
    records = RegistryRecords.of(events, start)
    brief = build_reply(fields, records, 2024, public(records, threshold), text=text)
    figures = [f for check in brief.checks for f in check.figures if f.count.value is not None]
    for outer in figures:
        for inner in figures:
            nested = outer.window.start <= inner.window.start and inner.window.end <= outer.window.end
            if outer.measure is inner.measure and nested and outer is not inner:
                difference = (outer.count.value or 0) - (inner.count.value or 0)
                assert difference == 0 or difference >= threshold
