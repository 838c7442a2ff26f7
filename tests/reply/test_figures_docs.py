"""docs/reply.md's Macau walk-through is real output: the command it shows, its output, the table of
every Macau year and the bad-file example are rerun here and must match (``year_row`` makes the
table's rows)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.reply.figures import METRICS

YEARS = (2018, 2019, 2020, 2021, 2022, 2023, 2024)
FIGURES = "src/tipwatch/data/figures/macau.csv"
WALK_THROUGH_YEAR = 2024


def command(year: int, *extra: str) -> list[str]:
    # 2022: no copy of the narrative is stored; its sentences as the press quotes them (see the folder's README)
    folder = "quoted" if year == 2022 else "dev"
    narrative = f"tests/data/narratives/{folder}/macau-{year}.json"
    return ["reply", "--figures", FIGURES, "--narrative", narrative, "--report-year", str(year), *extra]


def run(args: list[str]) -> str:
    result = CliRunner().invoke(app, args)
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    return str(result.stdout)


def year_row(year: int) -> str:
    data: dict[str, Any] = json.loads(run(command(year, "--format", "json")))
    s = data["summary"]
    decided = [
        f"{c['claim']['text']!r}: "
        + ", ".join(f"line {f['figure']['line']} {f['verdict']}" for f in c["figures"])
        for c in data["claims"]
        if c["figures"]
    ]
    return (
        f"| {year} | {len(data['claims'])} | {s['agrees']} | {s['contradicts']} | {s['compatible-only-if']} "
        f"| {s['not-verifiable']} | {s['claims_without_figures']} | {'; '.join(decided) or '—'} |"
    )


ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reply.md"


@pytest.fixture(autouse=True)
def _at_the_root(monkeypatch: Any) -> None:
    monkeypatch.chdir(ROOT)


def section() -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split("## From a government's published figures", 1)[1].split("\n## API", 1)[0]


def test_the_walk_through_shows_the_real_output_of_its_command() -> None:
    shown = section().split("    $ tipwatch " + " ".join(command(WALK_THROUGH_YEAR)) + "\n", 1)[1]
    block = shown.split("```text\n", 1)[1].split("```", 1)[0]
    assert block == run(command(WALK_THROUGH_YEAR))


@pytest.mark.parametrize("year", YEARS)
def test_the_table_row_of_each_year_is_real(year: int) -> None:
    assert year_row(year) in section()


def test_the_bad_file_example_is_real() -> None:
    args = command(2024)
    args[2] = "tests/data/figures/reversed-range.csv"
    result = subprocess.run(
        [str(Path(sys.executable).parent / "tipwatch"), *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 2
    shown = "\n".join("    " + line for line in result.stderr.rstrip().splitlines())
    assert "    $ tipwatch " + " ".join(args) + "\n" + shown + "\n" in section()


def test_every_metric_is_documented() -> None:
    assert all(f"`{name}`" in section() for name in METRICS)


CHART_ARGS = [
    *command(2024),
    "--format",
    "html",
    "-o",
    "macau-2024.html",
    "--chart",
    "docs/macau-2024-timeline.png",
]


def test_the_timeline_command_reproduces_the_committed_chart(tmp_path: Path) -> None:
    from matplotlib.image import imread
    from matplotlib.testing.compare import calculate_rms

    shown = (
        "    $ tipwatch "
        + " ".join(CHART_ARGS)
        + "\n    wrote macau-2024.html\n    wrote docs/macau-2024-timeline.png\n"
    )
    assert shown in section()
    assert "](macau-2024-timeline.png)" in section()
    args = [*CHART_ARGS[:-3], str(tmp_path / "macau-2024.html"), "--chart", str(tmp_path / "chart.png")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (
        "".join(result.stdout.split()) == f"wrote{tmp_path / 'macau-2024.html'}wrote{tmp_path / 'chart.png'}"
    )
    made, committed = imread(tmp_path / "chart.png"), imread(ROOT / "docs" / "macau-2024-timeline.png")
    assert made.shape == committed.shape, "rerun the command shown in docs/reply.md and commit the PNG"
    assert calculate_rms(made, committed) < 1.0, "rerun the command shown in docs/reply.md and commit the PNG"


def test_the_lang_example_is_real() -> None:
    args = [*command(2024), "--lang", "pt"]
    shown = section().split("    $ tipwatch " + " ".join(args) + "\n", 1)[1].split("    …\n", 1)[0]
    lines = [line[4:] for line in shown.splitlines()]
    assert lines == run(args).splitlines()[: len(lines)]
    assert len(lines) >= 9 and lines[0].startswith("# Direito de resposta")
