"""The bundled tier record as data: every row has its evidence, the rows added from State text are there
with their sources, Serbia and Montenegro 2003-2006 is one ranked entity, and the complete years reach
their published totals."""

from __future__ import annotations

import csv
import io
from collections import Counter
from importlib import resources

import pytest

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord, load_bundled_record
from tipwatch.history.audit import watchlist_audit
from tipwatch.history.coverage import coverage
from tipwatch.jurisdictions import resolve


def _bundled(name: str) -> list[dict[str, str]]:
    text = (resources.files("tipwatch") / "data" / "tiers" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_placement_has_one_evidence_row_with_its_source() -> None:
    placements = {(r["jurisdiction"], r["report_year"]): r for r in _bundled("tip_tiers.csv")}
    evidence = _bundled("tip_tiers_evidence.csv")
    keys = Counter((r["jurisdiction"], r["report_year"]) for r in evidence)
    assert not [key for key, n in keys.items() if n > 1]
    assert set(keys) == set(placements)
    for row in evidence:
        placed = placements[(row["jurisdiction"], row["report_year"])]
        assert (row["tier"], row["source"]) == (placed["tier"], placed["source"]), row
        assert row["source_ref"].strip() and row["evidence"].strip(), row


# (jurisdiction, report year, tier, source label, a fragment of the cited source)
ADDED = [
    ("Djibouti", 2016, "3", "state_text", "refworld.org/publisher,USDOS,,DJI,577f96116"),
    ("Djibouti", 2017, "2WL", "state_text", "ecoi.net/en/document/1402572"),
    ("Djibouti", 2019, "2", "state_text", "ecoi.net/en/document/2010792"),
    ("Haiti", 2016, "3", "state_text", "ecoi.net/en/document/1065125"),
    ("Korea, South", 2001, "3", "secondary", "koreajoongangdaily.joins.com"),
    ("Korea, South", 2002, "1", "state_text", "docid=4680d7a8c"),
    ("Korea, South", 2003, "1", "state_text", "usinfo.org/wf-archive/2003/030616/epf105"),
    ("Korea, South", 2004, "1", "state_text", "docid=4680d7ffc"),
    ("Korea, South", 2005, "1", "state_text", "refworld.org/publisher,USDOS,,KOR,4680d84d23"),
    ("Korea, South", 2006, "1", "state_text", "refworld.org/reference/annualreport/usdos/2006/en/44289"),
    ("Korea, South", 2007, "1", "secondary", "en.yna.co.kr/view/AEN20220720001051325"),
    ("Korea, South", 2008, "1", "secondary", "en.yna.co.kr/view/AEN20220720001051325"),
    ("Serbia and Montenegro", 2003, "2", "state_text", "4680d7de19"),
    ("Serbia and Montenegro", 2004, "2WL", "state_text", "4680d81311"),
    (
        "Serbia and Montenegro",
        2005,
        "2",
        "state_text",
        "refworld.org/reference/annualreport/usdos/2005/en/38109",
    ),
    (
        "Serbia and Montenegro",
        2006,
        "2",
        "state_text",
        "refworld.org/reference/annualreport/usdos/2006/en/43770",
    ),
]


@pytest.mark.parametrize(("name", "year", "tier", "source", "cited"), ADDED)
def test_added_rows_are_present_with_their_sources(
    real_record: TierRecord, name: str, year: int, tier: str, source: str, cited: str
) -> None:
    iso3 = resolve(name).iso3
    placed = [p for p in real_record.of(iso3) if p.report_year == year]
    assert [(p.jurisdiction, p.tier, p.source) for p in placed] == [(name, Tier(tier), source)]
    [row] = [
        r
        for r in _bundled("tip_tiers_evidence.csv")
        if (r["jurisdiction"], r["report_year"]) == (name, str(year))
    ]
    assert cited in row["source_ref"]


def test_serbia_and_montenegro_is_one_ranked_entity_until_2006(real_record: TierRecord) -> None:
    assert resolve("Serbia and Montenegro").iso3 == "SCG" and resolve("SCG").name == "Serbia and Montenegro"
    assert resolve("Serbia").iso3 == "SRB" and resolve("Montenegro").iso3 == "MNE"
    assert [p.report_year for p in real_record.of("SCG")] == [2003, 2004, 2005, 2006]
    assert real_record.of("SRB")[0].report_year == 2007 and real_record.of("MNE")[0].report_year == 2007
    for year in range(2003, 2007):
        held = {p.iso3 for p in real_record.in_year(year)}
        assert "SCG" in held and not held & {"SRB", "MNE"}
    # Serbia's first year is not a gap and has no movement from the state union's last year.
    assert not real_record.is_gap("SRB", 2006)


def test_2024_and_2025_reach_185_of_the_188_published() -> None:
    rows = {row.report_year: row for row in coverage(load_bundled_record())}
    for year in (2024, 2025):
        assert rows[year].published_total == 188 and rows[year].held >= 185
    assert rows[2025].complete == "yes" and rows[2025].missing == 0
    # 2024 lacks exactly the three special cases the sources did not give.
    assert rows[2024].missing == 3 and rows[2024].tier_counts["special"] == 1


def test_published_totals_found_agree_with_the_coverage_table_and_the_record(real_record: TierRecord) -> None:
    found = _bundled("published_totals_found.csv")
    published = {row.report_year: row.published_total for row in coverage(real_record)}
    for row in found:
        if row["tier"] == "total":
            assert published[int(row["report_year"])] == int(row["count"]), row
    counts = Counter(p.tier.value for p in real_record.in_year(2002))
    tier_counts_2002 = {row["tier"]: int(row["count"]) for row in found if row["report_year"] == "2002"}
    assert tier_counts_2002 == {"total": 89, "1": 18, "2": 52, "3": 19}
    assert counts["1"] == 18 and counts["3"] == 19 and counts["2"] == 51  # one Tier 2 still missing
    assert {row["count"] for row in found if row["report_year"] == "2001" and row["tier"] == "3"} == {"23"}


@pytest.mark.parametrize(("iso3", "year"), [("HTI", 2016), ("DJI", 2016), ("GNB", 2021)])
def test_the_audit_finds_the_automatic_downgrades_the_gaps_hid(
    real_record: TierRecord, iso3: str, year: int
) -> None:
    runs = [r for r in watchlist_audit(real_record).runs if r.iso3 == iso3 and r.end == year - 1]
    assert [r.automatic_downgrade_year for r in runs] == [year]
    assert real_record.tier_of(iso3, year) is Tier.TIER_3
