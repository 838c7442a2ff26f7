"""``Registry(db)`` mirrors the ``tipwatch registry`` verbs one to one, and each method does what its
command does, on each backend."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.evidence.periods import Period
from tipwatch.registry.facade import VERB_METHODS, Registry
from tipwatch.registry.interchange import Format
from tipwatch.store import Database

runner = CliRunner()


def test_every_registry_command_is_a_method_of_the_same_name_and_back() -> None:
    group = get_command(app).commands["registry"]  # type: ignore[attr-defined]
    verbs = {VERB_METHODS.get(name, name) for name in group.commands}
    methods = {
        name for name, _ in inspect.getmembers(Registry, inspect.isfunction) if not name.startswith("_")
    }
    assert verbs == methods


def test_the_facade_adds_shows_lists_updates_deletes_audits_and_counts(
    database: Database, tmp_path: Path
) -> None:
    registry = Registry(database)
    assert registry.init() == 8
    registry.add("cases", {"case_id": "MO-1", "opened_on": "2024-05-02"}, "alice")
    person = {"person_id": "V-1", "case_id": "MO-1", "role": "victim", "identified_on": "2024-05-03"}
    assert registry.add("persons", person, "alice").identifier == "V-1"
    assert registry.show("persons", "V-1")["created_by"] == "alice"
    assert [r["person_id"] for r in registry.list("persons")] == ["V-1"]
    registry.update("persons", "V-1", {"gender": "feminine"}, "bea")
    assert registry.show("persons", "V-1")["gender"] == "feminine"
    assert registry.stats(Period.parse("2024-05")).victims.identified.current == 1
    exported = tmp_path / "registry.json"
    counts = registry.export(exported, Format.REGISTRY)
    assert (counts["cases"], counts["persons"]) == (1, 1)
    assert [c["case_id"] for c in json.loads(exported.read_text(encoding="utf-8"))["cases"]] == ["MO-1"]
    assert registry.delete("cases", "MO-1", "carl", "entered twice") == 2
    assert registry.list("persons") == [] and len(registry.list("persons", include_deleted=True)) == 1
    assert [entry["actor"] for entry in registry.audit(limit=3)] == ["carl", "bea", "alice"]


def test_the_command_shows_what_the_method_returns(database: Database) -> None:
    registry = Registry(database)
    registry.add("cases", {"case_id": "MO-1", "opened_on": "2024-05-02"}, "alice")
    url = database.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["registry", "show", "cases", "MO-1", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(json.dumps(registry.show("cases", "MO-1"), default=str))
