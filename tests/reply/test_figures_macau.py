"""The Macau dossier: every Macau narrative in tests/data/narratives against the Macao SAR government's
own published figures (the bundled worked example), through the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.reply.figures_check import FigureVerdict
from tipwatch.reply.narrative import load_narrative
from tipwatch.services.reply_figures import EXAMPLE_FIGURES, figures_reply, load_figures

NARRATIVES = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"
runner = CliRunner()

CLAIMS = {
    2018: [
        "placement",
        "count:convictions",
        "consecutive-years:convictions",
        "consecutive-years:",
        "never:convictions",
    ],
    2019: [
        "placement",
        "count:investigations",
        "count:victims_identified",
        "since-year:convictions",
        "never:convictions",
    ],
    2020: ["placement", "count:investigations", "count:prosecutions", "count:convictions"],
    2021: [
        "placement",
        "count:investigations",
        "count:prosecutions",
        "count:convictions",
        "count:victims_identified",
        "consecutive-years:victims_identified,victims_served",
        "consecutive-years:",
        "never:forced_labour_victims_identified",
    ],
    2023: [
        "placement",
        "count:investigations",
        "count:prosecutions",
        "count:victims_identified",
        "consecutive-years:victims_identified,victims_served",
        "since-year:convictions",
        "never:forced_labour_victims_identified",
    ],
    2024: [
        "placement",
        "count:investigations",
        "count:prosecutions",
        "since-year:victims_identified,victims_served",
        "since-year:convictions",
        "never:forced_labour_victims_identified",
    ],
}
"""The claims found in each Macau narrative: kind and the measures they count (tests/data has no
2022 narrative: its year is in test_figures_macau_2022.py, from the sentences the press quotes)."""


def run(year: int, *args: str) -> Any:
    return runner.invoke(
        app,
        [
            "reply",
            "--figures",
            str(EXAMPLE_FIGURES),
            "--narrative",
            str(NARRATIVES / f"macau-{year}.json"),
            "--report-year",
            str(year),
            *args,
        ],
    )


def brief_json(year: int) -> dict[str, Any]:
    result = run(year, "--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def conviction_checks(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    [claim] = [
        c for c in data["claims"] if c["claim"]["kind"] == kind and c["claim"]["measures"] == ["convictions"]
    ]
    checks: list[dict[str, Any]] = claim["figures"]
    return checks


@pytest.mark.parametrize("year", sorted(CLAIMS))
def test_each_macau_narrative_yields_its_claims(year: int) -> None:
    data = brief_json(year)
    found = [
        c["claim"]["kind"]
        + ("" if c["claim"]["kind"] == "placement" else ":" + ",".join(c["claim"]["measures"]))
        for c in data["claims"]
    ]
    assert found == CLAIMS[year]
    assert data["mode"] == "figures" and data["jurisdiction"] == "Macau"


def test_2023_no_conviction_since_2019_against_the_2021_guilty_verdict() -> None:
    checks = conviction_checks(brief_json(2023), "since-year")
    assert [c["figure"]["line"] for c in checks] == [5, 14]
    for check in checks:
        assert check["verdict"] == FigureVerdict.CONTRADICTS
        assert "window 2020-01-01 .. 2023-03-31" in check["condition"]
        assert "window 2019-04-01 .. 2023-03-31" in check["condition"]
        assert "whatever its day" in check["condition"]
        assert "only none against some is compared" in check["mapping"]


def test_2024_no_conviction_since_2021_states_the_window_condition() -> None:
    checks = conviction_checks(brief_json(2024), "since-year")
    assert [c["figure"]["line"] for c in checks] == [5, 14]
    for check in checks:
        assert check["verdict"] == FigureVerdict.COMPATIBLE_ONLY_IF
        assert "contradicts the claim if it fell within 2021-04-01 .. 2021-12-31" in check["condition"]
        assert "the source dates it no closer than 2021" in check["condition"]


def test_2021_no_conviction_in_the_period_against_the_2021_guilty_verdict() -> None:
    checks = conviction_checks(brief_json(2021), "count")
    assert {c["verdict"] for c in checks} == {FigureVerdict.COMPATIBLE_ONLY_IF}
    assert all("if it fell within 2021-01-01 .. 2021-03-31" in c["condition"] for c in checks)


def test_referrals_are_shown_and_not_counted_as_prosecutions() -> None:
    data = brief_json(2023)
    [claim] = [c for c in data["claims"] if c["claim"]["measures"] == ["prosecutions"]]
    assert claim["figures"] == []
    assert [(n["figure"]["period"], n["figure"]["value"]) for n in claim["not_counted"]] == [
        ("2022", 1),
        ("2019-2023", 2),
    ]


def test_the_government_s_own_figures_that_disagree_are_listed_side_by_side() -> None:
    data = brief_json(2024)
    groups = {(g[0]["metric"], g[0]["period"]): [f["value"] for f in g] for g in data["disagreements"]}
    assert groups[("cases_investigated", "2014")] == [4, 5, 1]
    assert groups[("prosecutions", "2013")] == [3, 18]
    assert ("convictions", "2021") not in groups  # two channels, one value


def test_markdown_and_html() -> None:
    markdown = run(2024)
    assert markdown.exit_code == 0, markdown.output
    assert "# Right of reply from published figures: Macau, 2024 TIP Report" in markdown.stdout
    assert "**compatible only if …** (line 5, convictions)" in markdown.stdout
    html = run(2024, "--format", "html")
    assert html.exit_code == 0, html.output
    assert '<span class="verdict compatible-only-if">' in html.stdout
    assert "&lt;" not in html.stdout.split("<body>")[0]


def test_the_service_reads_the_same_figures() -> None:
    narrative = load_narrative(NARRATIVES / "macau-2023.json")
    result = figures_reply(narrative, load_figures(EXAMPLE_FIGURES), 2023)
    assert result.summary()["contradicts"] == 2
