"""Import and export in three vocabularies: the registry's own (``registry``), IOM's Human Trafficking
Case Data Standard v2.0 (``htcds``) and the victim-level condensed columns of IOM's Counter-Trafficking
Data Collaborative (``ctdc``). Imports are all or nothing: every file is read and every row validated
first, every problem reported; only a clean import is written, in one transaction."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from tipwatch.problems import InputError, Problem
from tipwatch.registry import ctdc, htcds
from tipwatch.registry.integrity import Batch, check_batch
from tipwatch.registry.native import (
    MAX_PROBLEMS,
    export_native_csv,
    export_native_json,
    read_native_csv,
    read_native_json,
)
from tipwatch.registry.repository import write
from tipwatch.store import Database

Progress = Callable[[str, int], None]


class Format(StrEnum):
    REGISTRY = "registry"
    HTCDS = "htcds"
    CTDC = "ctdc"


@dataclass
class ImportReport:
    rows: int
    written: dict[str, int]
    notes: list[str] = field(default_factory=list)


def read_files(
    paths: Sequence[Path], format: Format, *, table: str | None = None, drop_personal: bool = False
) -> tuple[Batch, list[Problem], list[str]]:
    """Read and validate every file; returns the batch, every problem, and notes on what did not map."""
    batch = Batch()
    problems: list[Problem] = []
    notes: list[str] = []
    for path in paths:
        is_json = path.suffix.lower() == ".json"
        if format is Format.REGISTRY:
            (
                read_native_json(path, batch, problems)
                if is_json
                else read_native_csv(path, table, batch, problems)
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
    batch, problems, notes = read_files(paths, format, table=table, drop_personal=drop_personal)
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
    source = ", ".join(path.name for path in paths)
    written = write(db, batch, actor, source=f"{format.value}:{source}", progress=progress)
    return ImportReport(rows=len(batch), written=written, notes=notes)


def export(
    db: Database, target: Path, format: Format = Format.REGISTRY, *, progress: Progress | None = None
) -> dict[str, int]:
    """Export the registry (not deleted records). ``registry``: a ``.json`` file or a folder of CSV files;
    ``htcds``: a ``.csv`` or ``.json`` file of victims; ``ctdc``: a ``.csv`` file of victims."""
    with db.engine.connect() as connection:
        if format is Format.REGISTRY:
            if target.suffix.lower() == ".json":
                return export_native_json(connection, target, progress=progress)
            return export_native_csv(connection, target, progress=progress)
        if format is Format.HTCDS:
            return {"persons": htcds.export(connection, target)}
        return {"persons": ctdc.export(connection, target)}
