"""``load --tiers FILE`` with a subset of the stored record never removes rows silently (issue 15,
item 6): without ``--merge`` or ``--replace`` it loads nothing and says how many rows it would remove."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from typer.testing import CliRunner

from tipwatch.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def _history(db: str, name: str) -> list[dict[str, object]]:
    code, output = _run("history", name, "--json", "--db", db)
    assert code == 0, output
    rows: list[dict[str, object]] = json.loads(output)
    return rows


def test_a_subset_needs_merge_or_replace(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    assert _run("load", "--db", db)[0] == 0
    bundled = (resources.files("tipwatch") / "data" / "tiers" / "tip_tiers.csv").read_text(encoding="utf-8")
    header, *rows = bundled.splitlines()
    macau = [row for row in rows if ",MAC," in row]
    changed = [row.replace("heiss_kelley", "analyst_review") for row in macau]
    subset = tmp_path / "macau.csv"
    subset.write_text("\n".join([header, *changed]) + "\n", encoding="utf-8")
    stored = len(rows)
    before = _history(db, "Chad")

    code, output = _run("load", "--tiers", str(subset), "--db", db)
    assert code == 2
    assert f"would remove {stored - len(macau):,}" in output and "--merge" in output and "--replace" in output
    assert _history(db, "Chad") == before

    code, output = _run("load", "--tiers", str(subset), "--merge", "--db", db)
    assert code == 0, output
    assert _history(db, "Chad") == before
    assert {row["source"] for row in _history(db, "Macau")} >= {"analyst_review"}

    code, output = _run("load", "--tiers", str(subset), "--replace", "--json", "--db", db)
    assert code == 0, output
    assert json.loads(output)[0]["removed"] == stored - len(macau)
    assert _run("history", "Chad", "--db", db)[0] == 2
    assert _run("load", "--tiers", str(subset), "--merge", "--replace", "--db", db)[0] == 2


def test_a_file_holding_every_stored_row_loads_without_a_flag(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 't.db'}"
    assert _run("load", "--db", db)[0] == 0
    whole = tmp_path / "whole.csv"
    whole.write_bytes((resources.files("tipwatch") / "data" / "tiers" / "tip_tiers.csv").read_bytes())
    code, output = _run("load", "--tiers", str(whole), "--db", db)
    assert code == 0, output
