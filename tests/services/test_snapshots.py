"""Each use case reads the registry in one snapshot: one connection, one transaction. The connections are
counted with SQLAlchemy's pool events on the database the command opens, after its migrations ran."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlalchemy import event, insert, text
from typer.testing import CliRunner

import tipwatch.cli.registry
import tipwatch.cli.review
import tipwatch.store
from tipwatch.cli import app
from tipwatch.disclosure.policy import Calendar, DisclosurePolicy
from tipwatch.evidence.periods import Period
from tipwatch.registry.tables import AUDIT
from tipwatch.reports.review import Audience
from tipwatch.services.publish import publish
from tipwatch.services.review import review
from tipwatch.services.statistics import statistics
from tipwatch.services.submission import submission
from tipwatch.store import Database, open_database

_spec = importlib.util.spec_from_file_location(
    "registries", Path(__file__).parents[1] / "review" / "registries.py"
)
assert _spec and _spec.loader
registries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registries)

MAY = Period.parse("2024-05")
MONTHLY = DisclosurePolicy(calendar=Calendar.MONTH)
"""A publisher releasing months, so that May may be published."""
runner = CliRunner()


@contextmanager
def counted(database: Database) -> Iterator[dict[str, int]]:
    """How many connections are taken from the pool and how many transactions begin while inside."""
    counts = {"connections": 0, "transactions": 0}

    def checkout(*_: Any) -> None:
        counts["connections"] += 1

    def begin(*_: Any) -> None:
        counts["transactions"] += 1

    event.listen(database.engine.pool, "checkout", checkout)
    event.listen(database.engine, "begin", begin)
    try:
        yield counts
    finally:
        event.remove(database.engine.pool, "checkout", checkout)
        event.remove(database.engine, "begin", begin)


def counting_opener(counts: dict[str, int]) -> Callable[..., Database]:
    """``open_database`` that counts what happens on the database after it is opened and migrated."""

    def opener(url: str | None = None) -> Database:
        database = open_database(url)

        def checkout(*_: Any) -> None:
            counts["connections"] += 1

        def begin(*_: Any) -> None:
            counts["transactions"] += 1

        event.listen(database.engine.pool, "checkout", checkout)
        event.listen(database.engine, "begin", begin)
        return database

    return opener


def patch_open_database(
    monkeypatch: pytest.MonkeyPatch, command: ModuleType, opener: Callable[..., Database]
) -> None:
    """Where the command finds ``open_database``: its module's name, or the store's when imported late."""
    monkeypatch.setattr(tipwatch.store, "open_database", opener)
    monkeypatch.setattr(command, "open_database", opener, raising=False)


@pytest.mark.parametrize("audience", ["internal", "public"])
def test_the_review_command_reads_the_registry_in_one_transaction(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, audience: str
) -> None:
    """Before the use case had a home, an internal review took 6 connections and a public one 76, each
    its own snapshot; now both take one."""
    registries.busy_month(database)
    counts = {"connections": 0, "transactions": 0}
    patch_open_database(monkeypatch, tipwatch.cli.review, counting_opener(counts))
    output = tmp_path / "review.md"
    url = database.engine.url.render_as_string(hide_password=False)
    arguments = [
        "review",
        "--period",
        "2024-05",
        "--audience",
        audience,
        "--calendar",
        "month",
        "--format",
        "md",
    ]
    result = runner.invoke(app, [*arguments, "-o", str(output), "--db", url])
    assert result.exit_code == 0, result.output
    assert counts == {"connections": 1, "transactions": 1}
    assert output.read_text(encoding="utf-8").startswith("# Plenary review: 2024-05")


def test_the_registry_stats_command_reads_in_one_transaction(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    registries.busy_month(database)
    counts = {"connections": 0, "transactions": 0}
    patch_open_database(monkeypatch, tipwatch.cli.registry, counting_opener(counts))
    url = database.engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["registry", "stats", "--period", "2024-05", "--json", "--db", url])
    assert result.exit_code == 0, result.output
    assert counts == {"connections": 1, "transactions": 1}


USE_CASES: dict[str, Callable[[Database], object]] = {
    "internal review": lambda db: review(db, MAY),
    "public review": lambda db: review(db, MAY, Audience.PUBLIC, MONTHLY),
    "publish": lambda db: publish(db, MAY, MONTHLY),
    "statistics": lambda db: statistics(db, MAY),
    "submission": lambda db: submission(db, 2024, "Macau"),
}


@pytest.mark.parametrize("use_case", USE_CASES)
def test_every_use_case_reads_in_one_snapshot(database: Database, use_case: str) -> None:
    registries.macao_like(database)
    with counted(database) as counts:
        USE_CASES[use_case](database)
    assert counts == {"connections": 1, "transactions": 1}


def test_a_snapshot_does_not_see_a_write_made_while_it_reads(database: Database) -> None:
    registries.busy_month(database)
    count = text("SELECT count(*) FROM registry_audit_log")
    entry = {"at": datetime.now(UTC), "actor": "test", "action": "note", "entity": "t", "entity_id": "1"}
    with database.snapshot() as connection:
        before = connection.execute(count).scalar_one()
        with database.engine.begin() as writer:
            writer.execute(insert(AUDIT), {**entry, "detail": "{}"})
        assert connection.execute(count).scalar_one() == before
    with database.snapshot() as connection:
        assert connection.execute(count).scalar_one() == before + 1
