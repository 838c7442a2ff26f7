"""The Macau dossier's 2022 year: no copy of the 2022 narrative is stored, so its claims come from an
annotation of the report's sentences as two Macao news sites quote them (tests/data/narratives/quoted,
with its README). Against the government's own 2021 figures, each verdict states its window."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.reply.figures_check import FigureVerdict
from tipwatch.services.reply_figures import EXAMPLE_FIGURES

QUOTED = Path(__file__).resolve().parents[1] / "data" / "narratives" / "quoted" / "macau-2022.json"


def brief() -> dict[str, Any]:
    result = CliRunner().invoke(
        app,
        [
            *("reply", "--figures", str(EXAMPLE_FIGURES), "--narrative", str(QUOTED)),
            *("--report-year", "2022", "--format", "json"),
        ],
    )
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def claim(data: dict[str, Any], kind: str, measure: str) -> dict[str, Any]:
    [found] = [
        c for c in data["claims"] if c["claim"]["kind"] == kind and c["claim"]["measures"] == [measure]
    ]
    return found


def test_the_2022_claims_are_found() -> None:
    data = brief()
    assert [
        c["claim"]["kind"]
        + ("" if c["claim"]["kind"] == "placement" else ":" + ",".join(c["claim"]["measures"]))
        for c in data["claims"]
    ] == [
        "placement",
        "count:investigations",
        "count:prosecutions",
        "count:victims_identified",
        "consecutive-years:victims_identified,victims_served,prosecutions",
        "since-year:prosecutions",
        "since-year:convictions",
    ]


def test_no_conviction_since_2019_against_the_2021_guilty_verdict_states_both_windows() -> None:
    checks = claim(brief(), "since-year", "convictions")["figures"]
    assert [c["figure"]["line"] for c in checks] == [5, 14]
    for check in checks:
        assert check["verdict"] == FigureVerdict.CONTRADICTS
        assert "window 2020-01-01 .. 2022-03-31" in check["condition"]
        assert "window 2019-04-01 .. 2022-03-31" in check["condition"]
        assert "whatever its day" in check["condition"]


def test_no_prosecution_in_the_period_against_the_2021_charge_states_the_day_that_decides() -> None:
    [check] = claim(brief(), "count", "prosecutions")["figures"]
    assert check["verdict"] == FigureVerdict.COMPATIBLE_ONLY_IF
    assert "contradicts the claim if it fell within 2021-04-01 .. 2021-12-31" in check["condition"]
    assert "a case referred to prosecutors is not a prosecution" in json.dumps(
        claim(brief(), "count", "prosecutions")["not_counted"]
    )
