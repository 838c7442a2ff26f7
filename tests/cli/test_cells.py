"""Rich markup and emoji codes stored in data print exactly as stored in every table the CLI prints
(issue 15, item 1): an audit value never vanishes and ``[link=…]`` never becomes a live hyperlink."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from rich.text import Text
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.cli.cells import cell
from tipwatch.cli.common import console, error_console

runner = CliRunner()
MARKUP = "[urgent] [link=https://e.x]L[/link] :warning:"
OWNER = "[urgent] Judiciary Police"


@pytest.fixture(autouse=True)
def _wide_consoles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Wide enough that no cell wraps, so a value shows on one line as stored."""
    monkeypatch.setattr(console, "width", 400)
    monkeypatch.setattr(error_console, "width", 400)
    yield


def _run(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.output


def _no_live_markup(output: str) -> None:
    assert "\x1b]8;" not in output  # an OSC 8 hyperlink
    assert "⚠" not in output


def test_cell_is_literal_text() -> None:
    assert cell(MARKUP).plain == MARKUP
    assert cell(None).plain == ""
    assert cell(["a", "[b]"]).plain == "a;[b]"
    assert isinstance(cell(3), Text)


def test_registry_list_show_and_audit_print_stored_markup(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    _run("registry", "add", "cases", "case_id=MO-1", f"case_owner={OWNER}", "--db", db)
    _run("registry", "update", "cases", "MO-1", f"referring_organisation={MARKUP}", "--db", db)
    listed = _run("registry", "list", "cases", "--db", db)
    assert OWNER in listed
    shown = _run("registry", "show", "cases", "MO-1", "--db", db)
    assert OWNER in shown and MARKUP in shown
    _no_live_markup(shown)
    entries = json.loads(_run("registry", "audit", "--json", "--db", db))
    audit = _run("registry", "audit", "--db", db)
    for entry in entries:
        assert entry["detail"][:60] in audit
    assert any("[" in entry["detail"][:60] for entry in entries)
    _no_live_markup(audit)


def test_users_audit_prints_values_in_brackets(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    env = {"TIPWATCH_PASSWORD": "correct horse battery"}
    _run("users", "add", "ana", "--role", "analyst", "--db", db, env=env)
    _run("users", "token", "ana", "--name", "[b]api[/b]", "--db", db, env=env)
    _run("users", "deactivate", "ana", "--db", db)
    entries = json.loads(_run("users", "audit", "--json", "--db", db))
    audit = _run("users", "audit", "--db", db)
    assert entries
    for entry in entries:
        assert entry["detail"][:60] in audit
    assert any("[" in entry["detail"][:60] for entry in entries)


def test_history_prints_a_source_holding_markup(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.db'}"
    bundled = resources.files("tipwatch") / "data" / "tiers" / "tip_tiers.csv"
    rows = list(csv.DictReader(bundled.read_text(encoding="utf-8").splitlines()))
    for row in rows:
        if row["iso3"] == "MAC":
            row["source"] = MARKUP
    tiers = tmp_path / "tiers.csv"
    with tiers.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    _run("load", "--tiers", str(tiers), "--db", db, "--replace")
    output = _run("history", "Macau", "--db", db)
    assert MARKUP in output
    _no_live_markup(output)


def test_read_prints_markup_in_the_narrative_as_written(tmp_path: Path) -> None:
    narrative = tmp_path / "macau-2023 :warning:.txt"
    source = Path("tests/data/narratives/dev/macau-2023.txt").read_text(encoding="utf-8")
    marked = source.replace(
        "Significantly increase proactive", "[link=https://e.x]Significantly[/link] increase proactive", 1
    )
    narrative.write_text(marked, encoding="utf-8")
    output = _run("read", str(narrative), "--no-check")
    assert "macau-2023 :warning:.txt" in output
    assert "[link=https://e.x]Significantly[/link]" in output
    _no_live_markup(output)


def test_assess_prints_a_jurisdiction_holding_markup(tmp_path: Path) -> None:
    example = resources.files("tipwatch") / "data" / "examples" / "macau" / "macau-2023.yaml"
    text = example.read_text(encoding="utf-8").replace("jurisdiction: Macau", f'jurisdiction: "{OWNER}"', 1)
    evidence = tmp_path / "e.yaml"
    evidence.write_text(text, encoding="utf-8")
    output = _run("assess", str(evidence))
    assert f"{OWNER} 2023" in output


def test_styled_output_shows_no_markup_tags() -> None:
    for args in (
        ("overview",),
        ("history", "Macau"),
        ("law", "show"),
        ("coverage",),
        ("streaks", "--min", "9"),
    ):
        output = _run(*args)
        assert "[/" not in output and "[bold" not in output and "[dim" not in output, args


def test_registry_list_shows_whole_identifiers_at_80_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "width", 80)
    db = f"sqlite:///{tmp_path / 'w.db'}"
    long_id = "MO-2024-JUDICIARY-000001"
    _run(
        "registry",
        "add",
        "cases",
        f"case_id={long_id}",
        "opened_on=2024-05-02",
        f"case_owner={OWNER}",
        "--db",
        db,
    )
    assert long_id in _run("registry", "list", "cases", "--db", db)
    # an identifier a record refers to is shown whole too (the case of a person)
    _run("registry", "add", "persons", "person_id=V-1", f"case_id={long_id}", "role=victim", "--db", db)
    assert long_id in _run("registry", "list", "persons", "--db", db)
