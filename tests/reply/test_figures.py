"""The figures file: the bundled Macau figures parse; every bad row is named (file, line, field) and
the command line exits 2."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError
from tipwatch.reply.figures import METRICS, OPEN_START, Qualifier, parse_figures, parse_period
from tipwatch.services.reply_figures import EXAMPLE_FIGURES, load_figures

BAD = Path(__file__).resolve().parents[1] / "data" / "figures"
NARRATIVE = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev" / "macau-2024.json"
HEADER = "period,period_note,metric,qualifier,value,unit_note,source_url,source_date,quote,language\n"
runner = CliRunner()


def test_the_bundled_macau_figures_parse_with_their_sources() -> None:
    figures = load_figures(EXAMPLE_FIGURES).figures
    assert len(figures) == 66
    assert all(f.source_url.startswith("http") and f.quote for f in figures)
    assert {f.language for f in figures} == {"en", "pt", "zh-Hant"}
    over = next(f for f in figures if f.line == 12)
    assert (over.qualifier, over.value, over.stated) == (Qualifier.OVER, 9000, "over 9000")
    span = next(f for f in figures if f.line == 6)
    assert span.period is not None
    assert (span.period.start, span.period.end) == (date(2019, 1, 1), date(2023, 12, 31))
    assert sum(1 for f in figures if f.period is None) == 3
    assert (EXAMPLE_FIGURES.parent / "SOURCES.md").is_file()


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2021", date(2021, 1, 1), date(2021, 12, 31)),
        ("2019-2023", date(2019, 1, 1), date(2023, 12, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2015-01..2015-06", date(2015, 1, 1), date(2015, 6, 30)),
        ("2008..2015-07-30", date(2008, 1, 1), date(2015, 7, 30)),
        ("2024-09..2025-01-21", date(2024, 9, 1), date(2025, 1, 21)),
        ("..2021-12", OPEN_START, date(2021, 12, 31)),
    ],
)
def test_periods(text: str, start: date, end: date) -> None:
    assert parse_period(text) == (start, end)


@given(st.dates(date(1990, 1, 1), date(2100, 1, 1)), st.integers(0, 4000))
def test_a_date_range_is_its_own_days(first: date, days: int) -> None:
    last = first + timedelta(days=days)
    assert parse_period(f"{first.isoformat()}..{last.isoformat()}") == (first, last)


@pytest.mark.parametrize(
    ("name", "code", "line", "field", "words"),
    [
        ("unknown-metric", ProblemCode.UNKNOWN_METRIC, 3, "metric", "'conviction_count'"),
        ("reversed-range", ProblemCode.REVERSED_PERIOD, 3, "period", "ends (2019-12-31) before it starts"),
        ("non-numeric-value", ProblemCode.INVALID_FIGURE_VALUE, 2, "value", "received 'one'"),
        ("missing-source", ProblemCode.MISSING_SOURCE, 2, "source_url", "source_url is empty"),
        ("duplicate-row", ProblemCode.DUPLICATE_FIGURE, 4, None, "the same figure as line 2"),
    ],
)
def test_a_bad_figures_file_names_the_row_and_exits_2(
    name: str, code: ProblemCode, line: int, field: str | None, words: str
) -> None:
    path = BAD / f"{name}.csv"
    with pytest.raises(InputError) as caught:
        load_figures(path)
    [problem] = caught.value.problems
    assert (problem.code, problem.location.file, problem.location.line) == (code, str(path), line)
    assert problem.location.field == field
    assert words in problem.message
    result = runner.invoke(
        app, ["reply", "--figures", str(path), "--narrative", str(NARRATIVE), "--report-year", "2024"]
    )
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}" in result.output and str(code) in result.output


def test_every_bad_row_is_named_at_once() -> None:
    text = HEADER + "\n".join(
        [
            "2021,,convictions,,1,x,https://e.org,2024,q,en",
            "2021,,victims,,1,x,https://e.org,2024,q,en",
            "2021/22,,convictions,,1,x,https://e.org,2024,q,en",
            "2021,,convictions,about,1,x,https://e.org,2024,q,en",
            "2021,,convictions,,1,x,https://e.org,2024,,en",
            "2021,,convictions,,1.5,x,https://e.org,2024,q,xx",
        ]
    )
    with pytest.raises(InputError) as caught:
        parse_figures(text, "f.csv")
    found = [(p.location.line, p.code) for p in caught.value.problems]
    assert found == [
        (3, ProblemCode.UNKNOWN_METRIC),
        (4, ProblemCode.INVALID_FIGURE_PERIOD),
        (5, ProblemCode.UNKNOWN_VALUE),
        (6, ProblemCode.MISSING_SOURCE),
        (7, ProblemCode.INVALID_FIGURE_VALUE),
        (7, ProblemCode.UNKNOWN_VALUE),
    ]


def test_a_header_without_the_required_columns() -> None:
    with pytest.raises(InputError) as caught:
        parse_figures("year,metric,value,colour\n2021,convictions,1,red\n", "f.csv")
    codes = {(p.code, p.location.field) for p in caught.value.problems}
    assert (ProblemCode.MISSING_COLUMN, "period") in codes
    assert (ProblemCode.MISSING_COLUMN, "source_url") in codes
    assert (ProblemCode.UNKNOWN_COLUMN, "colour") in codes


def test_a_file_with_only_its_header_is_empty() -> None:
    with pytest.raises(InputError) as caught:
        parse_figures(HEADER, "f.csv")
    assert [p.code for p in caught.value.problems] == [ProblemCode.EMPTY_FILE]


def test_the_metric_vocabulary_says_what_each_maps_onto() -> None:
    assert METRICS["cases_referred_to_prosecutors"].measure is None
    assert "not a prosecution" in METRICS["cases_referred_to_prosecutors"].mapping
    assert all(metric.mapping for metric in METRICS.values())
