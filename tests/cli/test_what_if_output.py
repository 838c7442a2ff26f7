"""``assess --what-if`` prints the few smallest options each way and counts the rest; ``--all`` prints
every one (issue 15, item 9: it printed 77)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.cli.assess import WHAT_IF_SHOWN

runner = CliRunner()


def _options(output: str) -> int:
    return sum(line.startswith(("up to ", "down to ")) for line in output.splitlines())


def test_what_if_shows_a_few_and_all_shows_every_one() -> None:
    listed = json.loads(runner.invoke(app, ["assess", "example:macau-2024", "--what-if", "--json"]).output)
    total = len(listed["what_if"]["up"]) + len(listed["what_if"]["down"])
    assert total > 2 * WHAT_IF_SHOWN
    short = runner.invoke(app, ["assess", "example:macau-2024", "--what-if"])
    assert short.exit_code == 0
    shown = _options(short.output)
    assert shown <= 2 * WHAT_IF_SHOWN
    assert f"and {total - shown} larger option(s)" in short.output
    every = runner.invoke(app, ["assess", "example:macau-2024", "--what-if", "--all"])
    assert _options(every.output) == total
