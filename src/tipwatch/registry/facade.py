"""``Registry(db)``: the case registry as one object whose methods mirror the ``tipwatch registry`` verbs
one to one (sqlite-utils' way): ``Registry(db).import_files(...)`` is ``tipwatch registry import``,
``Registry(db).stats(period)`` is ``tipwatch registry stats``. The CLI commands parse their options, call
the method of the same name and render what it returns; library errors (:class:`InputError`,
:class:`NotFoundError`) become one-line CLI errors at the boundary."""

from __future__ import annotations

import builtins
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tipwatch.evidence.periods import Period
from tipwatch.registry import repository
from tipwatch.registry.format import Format
from tipwatch.registry.interchange import ImportReport, Progress, export, import_files
from tipwatch.registry.records import RECORD_TYPES, Record
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.synth import SynthOptions, load
from tipwatch.review.statistics import PeriodStatistics
from tipwatch.store import Database

#: CLI verb -> method, where the verb is a Python keyword.
VERB_METHODS = {"import": "import_files"}


class Registry:
    """The case registry in ``db``. Every write names its actor and appends to the audit log."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def init(self) -> int:
        """Create the registry's tables, or bring them up to date; the number of record tables."""
        from tipwatch.store.migrate import upgrade  # Alembic, only when asked for

        upgrade(self.db)
        return len(RECORD_TYPES)

    def add(self, table: str, fields: Mapping[str, Any], actor: str) -> Record:
        """Add one record, validated against the registry; the record added."""
        record = repository.parse_record(table, fields)
        repository.add(self.db, [record], actor)
        return record

    def update(self, table: str, identifier: str, changes: Mapping[str, Any], actor: str) -> dict[str, Any]:
        """Change fields of a record (a ``None`` clears one); validated like a new record, logged with the
        values before and after."""
        return repository.update(self.db, table, identifier, changes, actor)

    def import_files(
        self,
        paths: Sequence[Path],
        actor: str,
        format: Format = Format.REGISTRY,
        *,
        table: str | None = None,
        drop_personal: bool = False,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import files all or nothing: every bad row and field is reported and nothing is written."""
        return import_files(
            self.db, paths, actor, format, table=table, drop_personal=drop_personal, progress=progress
        )

    def export(self, target: Path, format: Format = Format.REGISTRY) -> dict[str, int]:
        """Export the records not deleted; the number written per table."""
        return export(self.db, target, format)

    def show(self, table: str, identifier: str) -> dict[str, Any]:
        """One record, with who created (and deleted) it."""
        return repository.show(self.db, table, identifier)

    def list(
        self, table: str, *, limit: int | None = 20, include_deleted: bool = False
    ) -> builtins.list[dict[str, Any]]:
        """Records of a table, oldest first."""
        return repository.list_records(self.db, table, limit=limit, include_deleted=include_deleted)

    def delete(self, table: str, identifier: str, actor: str, reason: str) -> int:
        """Mark a record deleted (a case with its persons, proceedings and services); nothing is erased.
        The number of records marked."""
        return repository.delete(self.db, table, identifier, actor, reason)

    def audit(self, *, limit: int = 20) -> builtins.list[dict[str, Any]]:
        """The registry's audit log, newest first: who changed what and when."""
        return repository.audit_log(self.db, limit=limit)

    def synth(
        self,
        victims: int,
        actor: str,
        *,
        seed: int = 1,
        prefix: str = "SYN",
        progress: Callable[[int], None] | None = None,
    ) -> dict[str, int]:
        """Generate a realistic synthetic registry (no real person), reproducible from ``seed``; the
        number of records written per table."""
        return load(self.db, SynthOptions(victims=victims, seed=seed, prefix=prefix), actor, progress)

    def stats(self, period: Period) -> PeriodStatistics:
        """The statistics of ``period`` beside the period before it, read in one snapshot."""
        return compute_statistics(self.db, period)
