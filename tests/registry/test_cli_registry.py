"""The ``tipwatch registry`` commands, run through Typer's runner on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tipwatch.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_add_show_list_delete_and_audit(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert run("registry", "init", "--db", db)[0] == 0
    code, _ = run(
        "registry", "add", "cases", "case_id=MO-1", "opened_on=2024-05-02", "--actor", "alice", "--db", db
    )
    assert code == 0
    code, output = run(
        "registry",
        "add",
        "persons",
        "person_id=V-1",
        "case_id=MO-1",
        "role=victim",
        "gender=feminine",
        "age=16",
        "exploitation=sexual;forced_labour",
        "identified_on=2024-05-03",
        "--actor",
        "alice",
        "--db",
        db,
    )
    assert code == 0, output
    code, output = run("registry", "show", "persons", "V-1", "--json", "--db", db)
    shown = json.loads(output)
    assert (shown["age_group"], shown["exploitation"], shown["created_by"]) == (
        "child",
        ["sexual", "forced_labour"],
        "alice",
    )
    code, output = run("registry", "list", "persons", "--json", "--db", db)
    assert [p["person_id"] for p in json.loads(output)] == ["V-1"]
    assert (
        run("registry", "delete", "cases", "MO-1", "--reason", "test", "--actor", "bob", "--db", db)[0] == 0
    )
    assert json.loads(run("registry", "list", "persons", "--json", "--db", db)[1]) == []
    audit = json.loads(run("registry", "audit", "--json", "--db", db)[1])
    assert [(e["actor"], e["action"]) for e in audit] == [
        ("bob", "delete"),
        ("alice", "create"),
        ("alice", "create"),
    ]


def test_bad_record_exits_2_with_field_errors(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code, output = run(
        "registry",
        "add",
        "persons",
        "person_id=V-1",
        "case_id=NOPE",
        "role=victim",
        "gender=female",
        "--db",
        db,
    )
    assert code == 2
    assert "field 'gender'" in output and "unknown-value" in output
    code, output = run(
        "registry", "add", "persons", "person_id=V-1", "case_id=NOPE", "role=victim", "--db", db
    )
    assert code == 2 and "unknown-reference" in output and "'NOPE'" in output
    code, output = run("registry", "show", "plans", "X", "--db", db)
    assert code == 2 and "no registry table 'plans'" in output


def test_synth_import_export_and_stats(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    code, output = run("registry", "synth", "--victims", "400", "--seed", "5", "--db", db)
    assert code == 0 and "persons" in output
    stats = json.loads(run("registry", "stats", "--period", "RP2024", "--json", "--db", db)[1])
    assert stats["period"] == "RP2024" and stats["previous_period"] == "RP2023"
    assert stats["victims"]["identified"]["current"] > 0
    identified = stats["victims"]["identified"]
    assert identified["change"] == identified["current"] - identified["previous"]
    assert sum(f["current"] for f in stats["victims"]["by_sex"].values()) == identified["current"]
    code, output = run("registry", "stats", "--period", "2024-05", "--db", db)
    assert code == 0 and "victims.identified" in output
    assert run("registry", "export", str(tmp_path / "out.json"), "--db", db)[0] == 0
    other = f"sqlite:///{tmp_path / 'other.db'}"
    code, output = run(
        "registry", "import", str(tmp_path / "out.json"), "--json", "--actor", "carol", "--db", other
    )
    assert code == 0, output
    assert json.loads(output)["written"]["persons"] >= 400
    again = json.loads(run("registry", "stats", "--period", "RP2024", "--json", "--db", other)[1])
    assert again == stats
    code, output = run("registry", "import", str(tmp_path / "out.json"), "--db", other)
    assert code == 2 and "duplicate-identifier" in output and "nothing was written" in output


def test_bad_period_is_explained(tmp_path: Path) -> None:
    code, output = run("registry", "stats", "--period", "May 2024", "--db", f"sqlite:///{tmp_path / 'r.db'}")
    assert code == 2 and "RP2024" in output
