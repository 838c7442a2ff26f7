from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipwatch.evidence import Tier
from tipwatch.glotip import Count, country_stats, load_bundled_glotip, parse_count, parse_glotip_csv
from tipwatch.problems import InputError

DATA = Path(__file__).resolve().parents[1] / "data" / "history"
HEADER = "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source\n"


def _row(value: str, year: str = "2019", iso3: str = "PHL", indicator: str = "Persons convicted") -> str:
    return f'{iso3},Philippines,Asia,SEA,{indicator},Total,Total,Total,Total,{year},Counts,"{value}",GLOTIP\n'


def test_suppressed_cell_is_one_to_four_never_zero_or_five() -> None:
    count = parse_count("<5")
    assert count.suppressed and (count.low, count.high) == (1, 4)
    assert count.exact is None and str(count) == "<5"
    assert count.to_dict()["value"] is None and count.to_dict()["suppressed"] is True


@given(st.integers(0, 10**7))
def test_counts_with_thousands_separators_round_trip(value: int) -> None:
    assert parse_count(f"{value:,}").exact == value
    assert parse_count(str(value)) == Count(value, value)


@pytest.mark.parametrize("text", ["", "five", "-3", "1.5", "<6", "12,34"])
def test_bad_counts_are_rejected(text: str) -> None:
    with pytest.raises(ValueError, match="expected a count"):
        parse_count(text)


def test_sums_with_a_suppressed_cell_are_ranges() -> None:
    total = parse_count("10") + parse_count("<5")
    assert (total.low, total.high, total.suppressed) == (11, 14, True)
    assert str(total) == "11..14" and total.exact is None


def test_every_bad_row_is_reported() -> None:
    text = HEADER + _row("12") + _row("n/a") + _row("7", year="20x9") + _row("3", iso3="PHLX")
    with pytest.raises(InputError) as caught:
        parse_glotip_csv(text, "g.csv")
    assert [(p.location.line, p.location.field, p.code) for p in caught.value.problems] == [
        (3, "txtVALUE", "invalid-count"),
        (4, "Year", "invalid-year"),
        (5, "Iso3_code", "invalid-iso3"),
    ]


def test_stats_by_year_with_tiers_and_suppressed_cells() -> None:
    figures = parse_glotip_csv((DATA / "glotip_sample.csv").read_text(encoding="utf-8"), "sample")
    rows = {row.year: row for row in country_stats(figures, "PHL", {2020: Tier.TIER_1})}
    assert rows[2019].totals["prosecuted"] == Count(741, 741)
    assert rows[2019].totals["convicted"] == Count(77, 77)
    assert rows[2019].totals["victims"] == Count(1233, 1233)
    assert rows[2019].victims_by_form["Forced labour"].exact == 1073
    other = rows[2019].victims_by_form["Other forms of exploitation"]
    assert other.exact == 284 + 258 + 236  # UNODC lists each sub-form under this label
    assert rows[2019].covering_report_year == 2020 and rows[2019].tier is Tier.TIER_1
    suppressed = [c for row in rows.values() for c in row.totals.values() if c and c.suppressed]
    assert suppressed and all((c.low, c.high) == (1, 4) for c in suppressed)


def test_the_bundled_export_parses_whole() -> None:
    figures = load_bundled_glotip()
    assert len(figures) == 58769
    assert sum(f.value.suppressed for f in figures) == 29558
