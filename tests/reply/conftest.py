"""Registries for the right-of-reply tests, built in code through the registry's own repository (every
write checked and audited) on a real database: SQLite and PostgreSQL."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.registry.repository import add, parse_record
from tipwatch.store import Database

ACTOR = "test-builder"
MACAU_2024 = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev" / "macau-2024.json"


def invoke_macau_figures_reply(*args: str) -> Result:
    """``tipwatch reply --figures`` (the bundled Macau figures) on the 2024 Macau narrative, with ``args``."""
    from tipwatch.services.reply_figures import EXAMPLE_FIGURES

    arguments = ["reply", "--figures", str(EXAMPLE_FIGURES), "--narrative", str(MACAU_2024)]
    return CliRunner().invoke(app, [*arguments, "--report-year", "2024", *args])


def macau_figures_reply(*args: str) -> str:
    """What that command prints, once it has exited 0."""
    result = invoke_macau_figures_reply(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


@dataclass
class RegistryBuilder:
    """Adds cases, victims, suspects, proceedings and services, one checked write each."""

    database: Database
    _serial: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    def _add(self, table: str, data: dict[str, Any]) -> str:
        record = parse_record(table, data)
        add(self.database, [record], actor=ACTOR)
        return record.identifier

    def case(self, opened_on: date) -> str:
        return self._add("cases", {"case_id": f"CASE-{next(self._serial):04d}", "opened_on": opened_on})

    def person(self, case_id: str, role: str, identified_on: date | None = None, **profile: Any) -> str:
        data = {"person_id": f"P-{next(self._serial):05d}", "case_id": case_id, "role": role, **profile}
        if identified_on is not None:
            data["identified_on"] = identified_on
        return self._add("persons", data)

    def victim(self, case_id: str, identified_on: date, **profile: Any) -> str:
        profile.setdefault("trafficking_status", "actual")
        return self.person(case_id, "victim", identified_on, **profile)

    def proceeding(self, case_id: str, event: str, occurred_on: date, person_id: str | None = None) -> None:
        self._add(
            "proceedings",
            {
                "proceeding_id": f"PR-{next(self._serial):05d}",
                "case_id": case_id,
                "person_id": person_id,
                "event": event,
                "occurred_on": occurred_on,
            },
        )

    def service(self, person_id: str, started_on: date, service: str = "shelter") -> None:
        self._add(
            "services",
            {
                "service_id": f"SV-{next(self._serial):05d}",
                "person_id": person_id,
                "service": service,
                "provider": "Social Welfare Bureau",
                "referred_on": started_on,
                "started_on": started_on,
            },
        )


@pytest.fixture
def registry(database: Database) -> RegistryBuilder:
    return RegistryBuilder(database)
