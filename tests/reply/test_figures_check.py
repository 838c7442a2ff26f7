"""Claims against published figures, window against window, on small figures files written here."""

from __future__ import annotations

from typing import Any

from tipwatch.reply.figures import parse_figures
from tipwatch.reply.figures_brief import FiguresBrief, build_figures_reply
from tipwatch.reply.figures_check import FigureVerdict

HEADER = "period,period_note,metric,qualifier,value,unit_note,source_url,source_date,quote,language\n"


def figures(*rows: str) -> Any:
    lines = [f"{row},note,https://example.org/{n},2024-08-06,quote {n},en" for n, row in enumerate(rows)]
    return parse_figures(HEADER + "\n".join(lines) + "\n", "figures.csv")


def brief(fields: dict[str, Any], *rows: str, year: int = 2022) -> FiguresBrief:
    return build_figures_reply({"report_year": year, **fields}, figures(*rows), year)


def verdicts(result: FiguresBrief) -> list[tuple[str, list[FigureVerdict]]]:
    return [(c.claim.text, [k.verdict for k in c.checks]) for c in result.claims]


NOT_SINCE_2019 = {"since_year_claims": [{"text": "has not convicted a trafficker since 2019", "year": 2019}]}


def test_a_calendar_year_figure_wholly_inside_the_window_contradicts_whatever_its_day() -> None:
    [claim] = brief(NOT_SINCE_2019, "2021,,convictions,,1").claims
    [check] = claim.checks
    assert check.verdict is FigureVerdict.CONTRADICTS
    assert "'2019' read as the calendar year (window 2020-01-01 .. 2022-03-31)" in check.condition
    assert "'2019' read as the 2019 reporting period (to 2019-03-31) (window 2019-04-01 .. 2022-03-31)" in (
        check.condition
    )
    assert "whatever its day" in check.condition


def test_the_two_readings_of_since_year_part_on_a_figure_of_that_year() -> None:
    since_2021 = {"since_year_claims": [{"text": "has not convicted a trafficker since 2021", "year": 2021}]}
    [claim] = brief(since_2021, "2021,,convictions,,1", year=2024).claims
    [check] = claim.checks
    assert check.verdict is FigureVerdict.COMPATIBLE_ONLY_IF
    assert "falls outside the window and does not bear on the claim" in check.condition
    assert "contradicts the claim if it fell within 2021-04-01 .. 2021-12-31" in check.condition
    assert "the source dates it no closer than 2021" in check.condition


def test_a_count_of_none_against_a_calendar_year_that_straddles_the_period() -> None:
    [claim] = brief({"convictions": 0}, "2021,,convictions,,1", year=2021).claims
    [check] = claim.checks
    assert check.verdict is FigureVerdict.COMPATIBLE_ONLY_IF
    assert "contradicts the claim if it fell within 2021-01-01 .. 2021-03-31" in check.condition


def test_figures_that_disagree_are_shown_side_by_side_never_averaged() -> None:
    result = brief(
        {"victims_identified": 4},
        "2021-04..2022-03,,victims_identified,,4",
        "2021-04..2022-03,,victims_identified,,6",
    )
    assert verdicts(result) == [("victims identified: 4", [FigureVerdict.AGREES, FigureVerdict.CONTRADICTS])]
    [group] = result.disagreements
    assert [f.value for f in group] == [4, 6]


def test_counts_in_different_units_compare_only_none_against_some() -> None:
    result = brief({"prosecutions": 3}, "2021-05,,prosecutions,,1", "2021-04..2022-03,,prosecutions,,0")
    [claim] = result.claims
    first, second = claim.checks
    assert first.verdict is FigureVerdict.AGREES and "are not compared" in first.condition
    assert second.verdict is FigureVerdict.CONTRADICTS


def test_a_referral_is_not_a_prosecution() -> None:
    [claim] = brief({"prosecutions": 0}, "2021,,cases_referred_to_prosecutors,,1").claims
    assert claim.checks == ()
    assert [f.metric.name for f in claim.not_counted] == ["cases_referred_to_prosecutors"]
    assert "not verifiable" in claim.note


def test_a_figure_with_no_dated_period_is_never_set_against_a_claim() -> None:
    result = brief({"convictions": 0}, "unknown,,convictions,,1")
    assert result.claims[0].checks == ()
    assert [f.value for f in result.undated] == [1]


def test_none_over_a_longer_window_agrees_and_over_a_shorter_one_only_if() -> None:
    result = brief(
        {"victims_identified": 0}, "2019-2023,,victims_identified,,0", "2021-06,,victims_identified,,0"
    )
    assert verdicts(result) == [
        ("victims identified: 0", [FigureVerdict.AGREES, FigureVerdict.COMPATIBLE_ONLY_IF])
    ]


def test_a_lower_bound_says_some_and_nearly_one_says_neither() -> None:
    result = brief({"convictions": 0}, "2021-05,,convictions,over,0", "2021-05,,convictions,nearly,1")
    [claim] = result.claims
    assert [k.verdict for k in claim.checks] == [FigureVerdict.CONTRADICTS, FigureVerdict.NOT_VERIFIABLE]


def test_first_since_year_checks_the_years_before_and_the_period() -> None:
    first = {
        "since_year_claims": [{"text": "convicting traffickers for the first time since 2014", "year": 2014}]
    }
    result = brief(first, "2016,,convictions,,2", "2018-06,,convictions,,1", year=2019)
    [claim] = result.claims
    assert [k.verdict for k in claim.checks] == [FigureVerdict.CONTRADICTS, FigureVerdict.AGREES]


def test_a_figure_of_every_form_cannot_contradict_a_claim_about_one_form() -> None:
    claim = {
        "consecutive_year_claims": [
            {
                "text": "did not obtain any sex trafficking convictions for the third consecutive year",
                "years": 3,
            }
        ]
    }
    some, none = brief(claim, "2021-05,,convictions,,1", "2019-2022,,convictions,,0").claims[0].checks
    assert some.verdict is FigureVerdict.NOT_VERIFIABLE and "only sex trafficking" in some.condition
    assert none.verdict is FigureVerdict.AGREES
