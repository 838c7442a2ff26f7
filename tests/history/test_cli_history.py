"""The history commands through Typer's runner, on each test's own default database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipwatch.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _json(*args: str) -> object:
    code, output = _run(*args, "--json")
    assert code == 0, output
    return json.loads(output)


def test_history_is_the_same_for_three_spellings() -> None:
    outputs = [_run("history", name, "--json") for name in ("Macao", "MAC", "macau")]
    assert {code for code, _ in outputs} == {0}
    assert outputs[0][1] == outputs[1][1] == outputs[2][1]
    rows = json.loads(outputs[0][1])
    assert {row["report_year"]: row["tier"] for row in rows if row["report_year"] >= 2017} == {
        2017: "2WL",
        2018: "2WL",
        2019: "2",
        2020: "2WL",
        2021: "2WL",
        2022: "3",
        2023: "3",
        2024: "3",
        2025: "3",
    }
    assert rows[0]["movement"] is None and {"jurisdiction", "iso3", "report_year", "tier", "movement"} <= set(
        rows[0]
    )
    assert {row["movement"] for row in rows} <= {"upgraded", "downgraded", "remained", None}


def test_history_table_shows_the_gap() -> None:
    code, output = _run("history", "Macau")
    assert code == 0 and "2016" in output and "unknown" in output


def test_unknown_name_exits_2_with_suggestions() -> None:
    code, output = _run("history", "Phillipines", "--json")
    assert code == 2 and "Did you mean: Philippines" in output


def test_tiers_of_one_year() -> None:
    data = _json("tiers", "--year", "2022", "--tier", "3")
    assert len(data["placements"]) == 22 and {p["tier"] for p in data["placements"]} == {"3"}  # type: ignore[index]
    code, output = _run("tiers", "--year", "2022", "--tier", "4")
    assert code == 2 and "unknown tier" in output
    code, output = _run("tiers", "--year", "1990")
    assert code == 2 and "no placements for report year 1990" in output


def test_overview_says_how_complete_a_year_is() -> None:
    code, output = _run("overview")
    assert code == 0 and "TIP Report 2025" in output and "INCOMPLETE" not in output
    latest = _json("overview")
    assert latest["report_year"] == 2025 and latest["incomplete"] is False  # type: ignore[index]
    assert latest["held"] == latest["published_total"] == 188  # type: ignore[index]
    code, output = _run("overview", "--year", "2024")
    assert code == 0 and "INCOMPLETE" in output
    data = _json("overview", "--year", "2024")
    assert data["incomplete"] is True and data["held"] == 185 and "Libya" in data["completeness"]  # type: ignore[index, operator]
    data = _json("overview", "--year", "2023")
    assert data["incomplete"] is False and data["held"] == 188  # type: ignore[index]


def test_streaks_transitions_coverage() -> None:
    streaks = _json("streaks", "--tier", "3", "--min", "15", "--current")
    assert streaks and all(s["length"] >= 15 and s["tier"] == "3" for s in streaks)  # type: ignore[union-attr, index]
    matrix = _json("transitions", "--from", "2020", "--to", "2023")
    assert matrix["counts"]["2WL"]["3"] == 14  # type: ignore[index]
    code, output = _run("transitions", "--from", "2023", "--to", "2020")
    assert code == 2 and "invalid-year-range" in output
    coverage = _json("coverage")
    assert [row["report_year"] for row in coverage if row["complete"] == "no"] == [
        2016,
        2017,
        2019,
        2024,
    ]  # type: ignore[union-attr, index]


def test_watchlist_audit_findings_name_jurisdiction_years_rule_and_subsection() -> None:
    data = _json("watchlist-audit")
    findings = data["findings"]  # type: ignore[index]
    assert findings
    for finding in findings:
        assert {"jurisdiction", "years", "rule", "subsection"} <= set(finding)
    gambia = _json("watchlist-audit", "--jurisdiction", "Gambia")
    assert [(f["years"], f["subsection"], f["strength"], f["reading"]) for f in gambia["findings"]] == [  # type: ignore[index]
        ([2021], "22 U.S.C. 7107(b)(2)(F)", "disputed", "literal")
    ]
    assert (
        _json("watchlist-audit", "--jurisdiction", "Gambia", "--reading", "department-practice")["findings"]
        == []
    )  # type: ignore[index]
    assert _run("watchlist-audit", "--jurisdiction", "Gambia", "--strict")[0] == 0
    assert _run("watchlist-audit", "--jurisdiction", "Gambia", "--strict", "--reading", "literal")[0] == 1
    assert _run("watchlist-audit", "--reading", "no-such-reading")[0] == 2
    assert _run("watchlist-audit", "--jurisdiction", "Macau", "--strict")[0] == 0


def test_load_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'load.db'}"
    first = _json("load", "--db", url)
    second = _json("load", "--db", url)
    assert [r["changed"] for r in first] == [True, True]  # type: ignore[union-attr, index]
    assert [r["changed"] for r in second] == [False, False]  # type: ignore[union-attr, index]
    assert first[0]["rows"] == 4014  # type: ignore[index]


def test_stats_mark_suppressed_cells() -> None:
    data = _json("stats", "Philippines")
    years = {row["year"]: row for row in data["years"]}  # type: ignore[index]
    assert years[2019]["prosecuted"]["value"] == 741 and years[2019]["covering_report_year"] == 2020
    suppressed = [
        row["prosecuted"] for row in years.values() if row["prosecuted"] and row["prosecuted"]["suppressed"]
    ]
    assert suppressed and all(c["value"] is None and (c["low"], c["high"]) == (1, 4) for c in suppressed)


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_chart_writes_a_file(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"chart{suffix}"
    code, output = _run("chart", "Macau", "Hong Kong", "Taiwan", "-o", str(out))
    assert code == 0, output
    head = out.read_bytes()[:200]
    assert (b"<svg" in head or b"<?xml" in head) if suffix == ".svg" else head.startswith(b"\x89PNG")


def test_chart_with_statistics_and_bad_output(tmp_path: Path) -> None:
    out = tmp_path / "stats.svg"
    assert _run("chart", "Philippines", "-o", str(out), "--stats")[0] == 0
    assert "detected victims" in out.read_text(encoding="utf-8")
    code, output = _run("chart", "Macau", "-o", str(tmp_path / "chart.pdf"))
    assert code == 2 and "unsupported-format" in output and not (tmp_path / "chart.pdf").exists()


def test_a_bad_tier_file_loads_nothing_and_reports_every_row(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bad.db'}"
    assert _run("load", "--db", url)[0] == 0
    before = _run("history", "Macau", "--json", "--db", url)[1]
    bad = tmp_path / "tiers.csv"
    bad.write_text(
        "jurisdiction,iso3,report_year,tier,source\nMacau,MAC,2022,2,x\nMacau,MAC,2023,9,x\nAtlantis,ATL,2023,2,x\n",
        encoding="utf-8",
    )
    code, output = _run("load", "--tiers", str(bad), "--db", url)
    assert code == 2
    assert f"{bad}:3: field 'tier'" in output and f"{bad}:4: field 'iso3'" in output
    assert _run("history", "Macau", "--json", "--db", url)[1] == before


def test_a_good_tier_file_replaces_the_record(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'small.db'}"
    small = tmp_path / "tiers.csv"
    small.write_text(
        "jurisdiction,iso3,report_year,tier,source\nMacau,MAC,2022,3,x\nMacau,MAC,2023,3,x\n",
        encoding="utf-8",
    )
    sample = Path(__file__).resolve().parents[1] / "data" / "history" / "glotip_sample.csv"
    assert _run("load", "--tiers", str(small), "--glotip", str(sample), "--db", url)[0] == 0
    rows = _json("history", "MAC", "--db", url)
    assert [(r["report_year"], r["movement"]) for r in rows] == [(2022, None), (2023, "remained")]  # type: ignore[union-attr, index]


def test_stats_say_plainly_when_glotip_has_nothing() -> None:
    code, output = _run("stats", "Taiwan")
    assert code == 0 and "has no all-sexes, all-ages figures for Taiwan" in output
    assert _json("stats", "TWN")["years"] == []  # type: ignore[index]
