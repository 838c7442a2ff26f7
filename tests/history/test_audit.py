"""The Watch List audit on hand-built sequences, one group per law version, and on the real record."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from tipwatch.evidence import Tier
from tipwatch.history import TierRecord
from tipwatch.history.audit import Strength, watchlist_audit
from tipwatch.law import load_law_versions
from tipwatch.law.versions import VERSIONS_DIR

Builder = Callable[..., TierRecord]


def _audit(
    build: Builder,
    tiers: dict[int, str],
    incomplete: tuple[int, ...] = (),
    years: tuple[int, int] | None = None,
):  # type: ignore[no-untyped-def]
    record = build(
        {"Alpha": tiers, "Zulu": dict.fromkeys(range(2001, 2026), "1")}, incomplete=incomplete, years=years
    )
    report = watchlist_audit(record)
    return [r for r in report.runs if r.iso3 == "ALP"], [f for f in report.findings if f.iso3 == "ALP"]


def test_tvpa_2000_had_no_watch_list(build_record: Builder) -> None:
    _, findings = _audit(build_record, {2001: "2", 2002: "2WL", 2003: "2"})
    assert [(f.code, f.years, f.subsection, f.law_version) for f in findings] == [
        ("watch-list-before-law", (2002,), "22 U.S.C. 7107(b)(2)(A)", "tvpa-2000")
    ]


def test_tvpra_2003_had_no_time_limit(build_record: Builder) -> None:
    runs, findings = _audit(build_record, dict.fromkeys(range(2004, 2009), "2WL") | {2009: "2"})
    assert findings == []
    assert runs[0].length == 5 and runs[0].counted_years == () and runs[0].outcome == "upgraded"


def test_tvpra_2008_counts_from_2009_and_allows_two_waiver_years(build_record: Builder) -> None:
    runs, findings = _audit(build_record, dict.fromkeys(range(2007, 2013), "2WL") | {2013: "2"})
    assert findings == []
    assert runs[0].counted_years == (2009, 2010, 2011, 2012)
    assert runs[0].waiver_years == (2011, 2012)


def test_tvpra_2008_fifth_counted_year_is_beyond_the_waiver(build_record: Builder) -> None:
    _, findings = _audit(build_record, dict.fromkeys(range(2009, 2014), "2WL") | {2014: "3"})
    assert [(f.code, f.years, f.rule, f.subsection, f.law_version, f.certain) for f in findings] == [
        (
            "watch-list-beyond-waiver",
            (2013,),
            "waiver_max_years",
            "22 U.S.C. 7107(b)(2)(D)(ii)",
            "tvpra-2008",
            True,
        )
    ]


def test_automatic_downgrade_is_recognised(build_record: Builder) -> None:
    runs, findings = _audit(build_record, {2010: "2", 2011: "2WL", 2012: "2WL", 2013: "3"})
    assert findings == []
    assert runs[0].automatic_downgrade_year == 2013 and runs[0].outcome == "downgraded-automatically"


def test_tvpa_2017_allows_one_waiver_year(build_record: Builder) -> None:
    runs, findings = _audit(build_record, {2019: "2WL", 2020: "2WL", 2021: "2WL", 2022: "3"})
    assert findings == [] and runs[0].waiver_years == (2021,)
    _, findings = _audit(build_record, {2019: "2WL", 2020: "2WL", 2021: "2WL", 2022: "2WL", 2023: "2"})
    assert [(f.code, f.years, f.law_version) for f in findings] == [
        ("watch-list-beyond-waiver", (2022,), "ndaa-2021")
    ]


def test_a_run_across_a_law_change_is_judged_year_by_year(build_record: Builder) -> None:
    # 2016-2018: year 4 (2018) is the second waiver year, allowed under tvpra-2008; 2019 is year 5:
    # beyond the waiver under fd-tvpra-2018, in force for the 2019 report.
    _, findings = _audit(build_record, dict.fromkeys(range(2015, 2020), "2WL") | {2020: "3"})
    assert [(f.code, f.years, f.law_version) for f in findings] == [
        ("watch-list-beyond-waiver", (2019,), "fd-tvpra-2018")
    ]


def test_reinstated_after_an_automatic_downgrade_only_one_year(build_record: Builder) -> None:
    tiers = {2019: "2WL", 2020: "2WL", 2021: "3", 2022: "2WL", 2023: "2WL", 2024: "2"}
    _, findings = _audit(build_record, tiers)
    assert [(f.code, f.years, f.subsection) for f in findings] == [
        ("watch-list-after-downgrade", (2023,), "22 U.S.C. 7107(b)(2)(F)")
    ]
    _, findings = _audit(build_record, {**tiers, 2023: "2"})
    assert findings == []


def test_a_gap_makes_a_finding_uncertain_and_names_the_unknown_year(build_record: Builder) -> None:
    tiers = {2014: "2", 2015: "2WL", 2016: "2WL", 2018: "2WL", 2019: "2WL", 2020: "2"}
    runs, findings = _audit(build_record, tiers, incomplete=(2017,))
    assert [f.certain for f in findings] == [False]
    assert findings[0].years == (2019,) and findings[0].unknown_years == (2017,)
    assert "2017" in findings[0].message
    assert runs[1].length_is_minimum and "2017 is unknown" in runs[1].notes[0]


def test_limits_come_from_the_law_files(build_record: Builder, tmp_path: Path) -> None:
    directory = tmp_path / "versions"
    shutil.copytree(VERSIONS_DIR, directory)
    path = directory / "tvpra-2008.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["parameters"]["waiver_max_years"]["value"] = 3
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    record = build_record({"Alpha": dict.fromkeys(range(2009, 2014), "2WL") | {2014: "3"}})
    assert watchlist_audit(record).findings
    assert watchlist_audit(record, load_law_versions(directory)).findings == []


def test_real_record_macau_runs(real_record: TierRecord) -> None:
    report = watchlist_audit(real_record)
    macau = {run.start: run for run in report.runs if run.iso3 == "MAC"}
    assert macau[2020].automatic_downgrade_year == 2022 and macau[2020].next_tier is Tier.TIER_3
    assert macau[2017].length_is_minimum and macau[2017].outcome == "upgraded"
    assert not [f for f in report.findings if f.iso3 == "MAC"]


def test_real_record_findings_name_rule_and_subsection(real_record: TierRecord) -> None:
    report = watchlist_audit(real_record)
    assert report.findings
    for finding in report.findings:
        assert finding.subsection.startswith("22 U.S.C. 7107(b)(2)")
        assert finding.years and finding.jurisdiction and finding.rule
        assert finding.certain or finding.unknown_years or finding.reading


def test_real_record_no_certain_finding_rests_on_a_disputed_reading(real_record: TierRecord) -> None:
    report = watchlist_audit(real_record)
    under = {name: watchlist_audit(real_record, reading=name) for name in report.readings}
    for finding in report.findings:
        held = {
            name
            for name, each in under.items()
            if any(
                f.iso3 == finding.iso3 and f.years == finding.years and f.code == finding.code
                for f in each.findings
            )
        }
        assert set(finding.readings) == held, finding
        if finding.certain:
            assert held == set(report.readings), finding
    disputed = {(f.iso3, f.years): f.reading for f in report.findings if f.strength is Strength.DISPUTED}
    assert disputed[("GMB", (2021,))] == "literal"
    assert disputed[("GNQ", (2021, 2022))] == "literal"


def test_real_record_the_gambia_2019_is_a_tier_3_on_the_merits(real_record: TierRecord) -> None:
    gambia = {run.start: run for run in watchlist_audit(real_record).runs if run.iso3 == "GMB"}
    assert gambia[2017].outcome == "downgraded-on-the-merits"
    assert gambia[2017].automatic_downgrade_year is None


def test_an_uncertain_finding_names_every_unknown_year_it_rests_on(build_record: Builder) -> None:
    # 2022 breaks (F) only if 2018 was on the Watch List (so that 2019 was an automatic downgrade) and
    # 2021 was too (so that 2022 is the third year of the run after it): both years are named.
    tiers = {2016: "2", 2017: "2WL", 2019: "3", 2020: "2WL", 2022: "2WL", 2023: "2"}
    _, findings = _audit(build_record, tiers, incomplete=(2018, 2021))
    limit = [f for f in findings if f.code == "watch-list-after-downgrade" and 2022 in f.years]
    assert limit and limit[0].strength is Strength.UNCERTAIN
    assert limit[0].unknown_years == (2018, 2021)
