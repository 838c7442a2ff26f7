"""Import and export in three vocabularies: the registry's own (``registry``), IOM's Human Trafficking
Case Data Standard v2.0 (``htcds``) and the victim-level condensed columns of IOM's Counter-Trafficking
Data Collaborative (``ctdc``). Imports are all or nothing: every file is read and every row validated
first, every problem reported; only a clean import is written, in one transaction. A big import into a
SQLite file is written while it is read, by another process, in a transaction committed only after
every check has passed (:class:`~tipwatch.registry.writer.StreamedWrite`)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem, Severity
from tipwatch.registry import ctdc, htcds
from tipwatch.registry.format import Format
from tipwatch.registry.integrity import Batch, check_batch
from tipwatch.registry.native import (
    MAX_PROBLEMS,
    RowSink,
    export_native_csv,
    export_native_json,
    read_native_csv,
    read_native_json,
    table_for_file,
)
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.repository import batch_audits, refuse_problems, write
from tipwatch.registry.writer import StreamedWrite
from tipwatch.store import Database
from tipwatch.store.audit import checked_actor
from tipwatch.store.private_files import private_file, private_folder

Progress = Callable[[str, int], None]


@dataclass
class ImportReport:
    rows: int
    written: dict[str, int]
    notes: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Problems that did not stop the import (``undated-victims``); each is also in ``notes``."""


def read_files(
    paths: Sequence[Path],
    format: Format,
    *,
    table: str | None = None,
    drop_personal: bool = False,
    sink: RowSink | None = None,
) -> tuple[Batch, list[Problem], list[str]]:
    """Read and validate every file; returns the batch, every problem, and notes on what did not map.
    Registry CSV files also send their rows to ``sink`` as they are read (see :func:`read_native_csv`)."""
    batch = Batch()
    problems: list[Problem] = []
    notes: list[str] = []
    for path in paths:
        is_json = path.suffix.lower() == ".json"
        if format is Format.REGISTRY:
            (
                read_native_json(path, batch, problems)
                if is_json
                else read_native_csv(path, table, batch, problems, sink)
            )
        elif format is Format.HTCDS:
            notes += htcds.read(path, batch, problems, drop_personal=drop_personal)
        else:
            notes += ctdc.read(path, batch, problems)
    return batch, problems, notes


def import_files(
    db: Database,
    paths: Sequence[Path],
    actor: str,
    format: Format = Format.REGISTRY,
    *,
    table: str | None = None,
    drop_personal: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files whole or not at all; raises :class:`InputError` with every problem found."""
    with collection_paused():
        return _import_files(
            db, paths, actor, format, table=table, drop_personal=drop_personal, progress=progress
        )


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a bulk import: everything it allocates stays alive
    until the import ends, so each collection would walk millions of objects for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


STREAM_BYTES = 4 * 1024 * 1024
"""Registry CSV files of at least this size in all are imported into a SQLite file by a
:class:`StreamedWrite`: the rows are inserted by another process while they are read and checked."""


def _streamed(
    db: Database, paths: Sequence[Path], format: Format, actor: str, progress: Progress | None
) -> StreamedWrite | None:
    url = db.engine.url
    if (
        db.engine.dialect.name != "sqlite"
        or format is not Format.REGISTRY
        or not url.database
        or url.database == ":memory:"
        or url.query
        or any(path.suffix.lower() == ".json" for path in paths)
    ):
        return None
    try:
        size = sum(path.stat().st_size for path in paths)
    except OSError:
        return None  # the reader reports it
    return StreamedWrite(url.database, db.engine.dialect, actor, progress) if size >= STREAM_BYTES else None


def _table_order(path: Path, table: str | None) -> int:
    return list(RECORD_TYPES).index(table_for_file(path, table))


def _import_files(
    db: Database,
    paths: Sequence[Path],
    actor: str,
    format: Format,
    *,
    table: str | None,
    drop_personal: bool,
    progress: Progress | None,
) -> ImportReport:
    actor = checked_actor(actor)
    paths = expand_folders(paths, format, table)
    stream = _streamed(db, paths, format, actor, progress)
    with stream or nullcontext():
        if stream is not None:  # tables in the order they are written: references point backwards
            paths = sorted(paths, key=lambda path: _table_order(path, table))
        batch, problems, notes = read_files(
            paths, format, table=table, drop_personal=drop_personal, sink=stream
        )
        if problems and len(problems) < MAX_PROBLEMS:
            with db.engine.connect() as connection:
                problems += check_batch(connection, batch)
        if problems:
            problems.sort(key=lambda p: (p.location.file or "", p.location.line or 0, p.location.path or ""))
            more = " (stopped after the first 1000)" if len(problems) >= MAX_PROBLEMS else ""
            raise InputError(
                f"{len(problems)} problem(s) in {', '.join(map(str, paths))}{more}; nothing was imported",
                problems,
            )
        if not len(batch):
            raise InputError(f"{', '.join(map(str, paths))}: no records to import")
        warnings, dating = undated_victims(batch)
        notes += [f"warning: {problem.message} [{problem.code}]" for problem in warnings] + dating
        source = f"{format.value}:{', '.join(path.name for path in paths)}"
        if stream is not None and stream.ready(batch):
            with db.engine.connect() as connection:
                refuse_problems(check_batch(connection, batch))
            stream.commit(batch_audits(batch, actor, source))
            return ImportReport(rows=len(batch), written=batch.counts(), notes=notes, warnings=warnings)
        if stream is not None:
            stream.close()  # its write lock is released before this process writes
            if stream.lost:
                notes.append(f"{stream.lost}; the import was written by this process instead")
        written = write(db, batch, actor, source=source, progress=progress)
    return ImportReport(rows=len(batch), written=written, notes=notes, warnings=warnings)


def undated_victims(batch: Batch) -> tuple[list[Problem], list[str]]:
    """A warning (``undated-victims``) when imported victims have no identification date, so that they
    fall outside every period, and a note on those dated to the year only: calendar years count them,
    months, quarters and reporting periods show them as not placeable."""
    rows = batch.rows("persons")
    if rows is None:
        return [], []
    columns = rows.columns
    victims = [
        (day, getattr(precision, "value", precision))
        for role, day, precision in zip(
            columns["role"], columns["identified_on"], columns["identified_on_precision"], strict=True
        )
        if getattr(role, "value", role) == "victim"
    ]
    undated = sum(day is None for day, _ in victims)
    coarse = sum(day is not None and precision != "day" for day, precision in victims)
    notes = []
    if coarse:
        notes.append(
            f"{coarse:,} victims have an identification date known only to the year (or month): calendar-"
            "year statistics count them; a month, quarter or reporting period shows them as not placeable"
        )
    if not undated:
        return [], notes
    message = (
        f"{undated:,} of the {len(victims):,} victims imported have no identification date, so they fall "
        "outside every period: registry stats, review and publish leave them out"
    )
    return [Problem(ProblemCode.UNDATED_VICTIMS, message, Severity.WARNING)], notes


def expand_folders(paths: Sequence[Path], format: Format, table: str | None) -> list[Path]:
    """Each registry folder as the files ``registry export FOLDER`` writes: ``<table>.csv`` for each
    table it holds, in the order tables are written. A folder holding other files, or none of these, is
    an :class:`InputError` (nothing is imported); any other path is kept for its reader to judge."""
    expanded: list[Path] = []
    for path in paths:
        if format is not Format.REGISTRY or not path.is_dir():
            expanded.append(path)
            continue
        if table is not None:
            raise _folder_problem(
                path, "--table names the table of one CSV file; give the file, not a folder"
            )
        files = [path / f"{name}.csv" for name in RECORD_TYPES if (path / f"{name}.csv").is_file()]
        others = sorted(p.name for p in path.iterdir() if p not in files and not p.name.startswith("."))
        if others:
            raise _folder_problem(
                path,
                f"holds {', '.join(others[:5])}{' …' if len(others) > 5 else ''}, which are not registry "
                f"tables; a registry folder holds only {', '.join(f'{n}.csv' for n in RECORD_TYPES)}",
            )
        if not files:
            raise _folder_problem(
                path,
                f"holds no registry CSV file; expected some of {', '.join(f'{n}.csv' for n in RECORD_TYPES)}",
            )
        expanded += files
    return expanded


def _folder_problem(path: Path, message: str) -> InputError:
    return InputError(
        f"{path}: {message}",
        [Problem(ProblemCode.NOT_A_REGISTRY_FOLDER, message, location=Location(str(path)))],
    )


def export(
    db: Database, target: Path, format: Format = Format.REGISTRY, *, progress: Progress | None = None
) -> dict[str, int]:
    """Export the registry (not deleted records). ``registry``: a ``.json`` file or a folder of CSV files;
    ``htcds``: a ``.csv`` or ``.json`` file of victims; ``ctdc``: a ``.csv`` file of victims. Files are
    created 0600 and a folder 0700: they hold victims' records."""
    if format is Format.REGISTRY and target.suffix.lower() != ".json":
        private_folder(target)
        for name in RECORD_TYPES:
            private_file(target / f"{name}.csv")
    else:
        private_file(target)
    with db.engine.connect() as connection:
        if format is Format.REGISTRY:
            if target.suffix.lower() == ".json":
                return export_native_json(connection, target, progress=progress)
            return export_native_csv(connection, target, progress=progress)
        if format is Format.HTCDS:
            return {"persons": htcds.export(connection, target)}
        return {"persons": ctdc.export(connection, target)}
