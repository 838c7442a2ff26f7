from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord, load_bundled_record, load_record_file, parse_tier_csv
from tipwatch.problems import InputError

DATA = Path(__file__).resolve().parents[1] / "data" / "history"
HEADER = "jurisdiction,iso3,report_year,tier,source\n"


def test_the_real_record_loads(real_record: TierRecord) -> None:
    assert len(real_record) == 4014
    assert len(real_record.jurisdictions()) == 191
    assert real_record.first_year == 2001
    assert real_record.latest_year == 2025


def test_the_bundled_record_is_the_shared_record(real_record: TierRecord) -> None:
    assert load_bundled_record().placements == real_record.placements


def test_every_bad_row_is_reported_with_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "Macau,MAC,2019,2,ok\n"  # line 2: fine
        + "Macau,MAC,2019,3,dup\n"  # line 3: duplicate jurisdiction-year
        + "Atlantis,ATL,2019,2,x\n"  # line 4: unknown ISO code
        + "Burma,MMR,1999,3,x\n"  # line 5: before the first report
        + "Burma,MMR,2020,4,x\n"  # line 6: no such tier
        + "Burma,mmr,2021,3,x\n"  # line 7: malformed code
        + "Macao,MAC,2020,2WL,x\n"  # line 8: second spelling for MAC
        + ",CHN,2020,3,x\n"  # line 9: no name
        + "China,CHN,twenty,3,x\n",  # line 10: year not a number
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_record_file(bad)
    found = {(p.location.line, p.location.field, p.code) for p in caught.value.problems}
    assert found == {
        (3, "report_year", "duplicate-placement"),
        (4, "iso3", "unknown-iso3"),
        (5, "report_year", "year-out-of-range"),
        (6, "tier", "unknown-tier"),
        (7, "iso3", "invalid-iso3"),
        (8, "jurisdiction", "inconsistent-name"),
        (9, "jurisdiction", "missing-value"),
        (10, "report_year", "invalid-year"),
    }
    assert all(p.location.file == str(bad) for p in caught.value.problems)
    assert "nothing was loaded" in caught.value.summary


def test_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        parse_tier_csv("jurisdiction,iso3,year,tier\nMacau,MAC,2019,2\n", "x.csv")
    assert caught.value.problems[0].code == "missing-column"
    assert "report_year" in caught.value.problems[0].message


def test_year_after_this_year_is_rejected() -> None:
    with pytest.raises(InputError) as caught:
        parse_tier_csv(HEADER + "Macau,MAC,2031,2,x\n", "x.csv", last_year=2030)
    assert caught.value.problems[0].code == "year-out-of-range"


def test_non_standard_codes_of_the_record_are_accepted() -> None:
    placements = parse_tier_csv(HEADER + "Kosovo,XKX,2019,2,x\nNetherlands Antilles,ANT,2009,1,x\n", "x.csv")
    assert [p.iso3 for p in placements] == ["XKX", "ANT"]


def test_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_record_file(tmp_path / "absent.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "Curaçao,CUW,2019,2,x\n").encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_record_file(latin)


@given(
    st.lists(
        st.tuples(st.integers(2001, 2025), st.sampled_from(list(Tier))),
        min_size=1,
        max_size=25,
        unique_by=lambda t: t[0],
    )
)
def test_written_rows_read_back_unchanged(rows: list[tuple[int, Tier]]) -> None:
    text = HEADER + "".join(f"Macau,MAC,{year},{tier.value},src\n" for year, tier in rows)
    placements = parse_tier_csv(text, "x.csv", last_year=2025)
    assert [(p.report_year, p.tier) for p in placements] == rows
