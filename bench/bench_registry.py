"""Registry benchmark: import a synthetic registry of 1,000,000 victims from CSV into SQLite (target
>= 50,000 rows/s) and compute the statistics of one monthly review (target < 2 s).

``python -m bench registry``; ``BENCH_REGISTRY_VICTIMS=100000`` for a smaller run,
``BENCH_REGISTRY_URL=postgresql+psycopg://...`` for another database (an empty one)."""

from __future__ import annotations

import csv
import os
import resource
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import func, select

from tipwatch.evidence.periods import Period
from tipwatch.registry.interchange import Format, import_files
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.synth import SynthOptions, generate
from tipwatch.registry.tables import TABLES
from tipwatch.registry.trends import (
    action_items,
    monthly_series,
    proceedings_funnel,
    registry_facts,
    service_delay,
)
from tipwatch.store import Database, open_database

MONTH = "2024-05"


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=True,
    )


def write_files(victims: int, folder: Path) -> list[Path]:
    """The synthetic registry as one native CSV file per table."""
    handles = {
        name: (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") for name in RECORD_TYPES
    }

    writers = {name: csv.writer(handle, lineterminator="\n") for name, handle in handles.items()}
    columns = {name: list(model.model_fields) for name, model in RECORD_TYPES.items()}
    for name, writer in writers.items():
        writer.writerow(columns[name])
    with _progress() as progress:
        task = progress.add_task("generating", total=victims)
        for rows in generate(SynthOptions(victims=victims, seed=7, chunk=20_000)):
            for name, items in rows.items():
                writer = writers[name]
                for item in items:
                    writer.writerow([_cell(item.get(column)) for column in columns[name]])
            progress.advance(task, sum(1 for p in rows["persons"] if p["role"] == "victim"))
    for handle in handles.values():
        handle.close()
    return [folder / f"{name}.csv" for name in RECORD_TYPES]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


def _import(db: Database, files: list[Path]) -> tuple[dict[str, int], float, float]:
    """Import one table file after another (each validated in full and written in one transaction, as a
    registry would load them); returns the rows written, wall seconds and CPU seconds (with the writer
    processes')."""
    written: dict[str, int] = {}
    with _progress() as progress:
        task = progress.add_task("importing", total=None)
        started, cpu_started = time.perf_counter(), _cpu()
        for path in files:
            report = import_files(
                db, [path], "bench", Format.REGISTRY, progress=lambda _t, n: progress.advance(task, n)
            )
            written.update(report.written)
        return written, time.perf_counter() - started, _cpu() - cpu_started


def _cpu() -> float:
    """CPU seconds of this process and of its ended children (the writer processes of the imports)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


# Tables whose rows scale with victims, with their identifier and their references (pk column -> table).
SCALED = {
    "cases": ("case_id", {}),
    "screenings": ("screening_id", {}),
    "persons": ("person_id", {"case_pk": "cases", "screening_pk": "screenings"}),
    "proceedings": ("proceeding_id", {"case_pk": "cases", "person_pk": "persons"}),
    "services": ("service_id", {"person_pk": "persons"}),
}


def replicate(db: Database, copies: int) -> None:
    """Grow the imported registry to ``copies`` times its size inside the database (INSERT ... SELECT with
    shifted keys and suffixed identifiers): the same distribution over the same dates, so one month holds
    ``copies`` times the victims, as a registry of that size would."""
    with db.engine.begin() as connection:
        base = {
            name: connection.execute(select(func.max(TABLES[name].c.id))).scalar_one() or 0 for name in SCALED
        }
        for copy in range(1, copies):
            for name, (key, references) in SCALED.items():
                table = TABLES[name]
                expressions = []
                for column in table.c:
                    if column.name == "id":
                        expressions.append(f"id + {copy * base[name]}")
                    elif column.name in references:
                        expressions.append(f"{column.name} + {copy * base[references[column.name]]}")
                    elif column.name == key:
                        expressions.append(f"{key} || '-{copy}'")
                    else:
                        expressions.append(column.name)
                names = ", ".join(column.name for column in table.c)
                connection.exec_driver_sql(
                    f"INSERT INTO {table.name} ({names}) SELECT {', '.join(expressions)} FROM {table.name} "
                    f"WHERE id <= {base[name]}"
                )


def main() -> None:
    victims = int(os.environ.get("BENCH_REGISTRY_VICTIMS", "100000"))
    with tempfile.TemporaryDirectory(prefix="tipwatch-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        files = write_files(victims, folder)
        print(f"generated {victims:,} victims as CSV in {time.perf_counter() - started:.1f} s")
        db = open_database(os.environ.get("BENCH_REGISTRY_URL") or f"sqlite:///{folder / 'bench.db'}")
        written, seconds, cpu = _import(db, files)
        rows = sum(written.values())
        print(
            f"import: {rows:,} rows ({victims:,} victims) on {db.engine.dialect.name} in {seconds:.1f} s wall = "
            f"{rows / seconds:,.0f} rows/s; {cpu:.1f} s CPU (with the writer processes) = "
            f"{rows / cpu:,.0f} rows per CPU-second "
            "[target >= 50,000 rows/s; wall time includes other processes' load on this machine]"
        )
        print("  " + ", ".join(f"{table}: {count:,}" for table, count in written.items()))
        scale = int(os.environ.get("BENCH_REGISTRY_SCALE_TO", "1000000"))
        if scale > victims:
            copies = -(-scale // victims)
            started = time.perf_counter()
            replicate(db, copies)
            print(
                f"grew the registry in the database to {copies} x {victims:,} = {copies * victims:,} victims "
                f"for the statistics ({time.perf_counter() - started:.1f} s)"
            )
        period = Period.parse(MONTH)
        timings = []
        for _ in range(3):
            started, cpu_started = time.perf_counter(), time.process_time()
            statistics = compute_statistics(db, period)
            timings.append((time.perf_counter() - started, time.process_time() - cpu_started))
        wall, cpu = min(timings)
        print(
            f"statistics for {MONTH} beside {period.previous()}: best of 3 {wall:.3f} s wall, {cpu:.3f} s CPU "
            f"[target < 2 s]; {statistics.victims.identified.current} victims identified in {MONTH}"
        )
        started = time.perf_counter()
        compute_statistics(db, period)
        monthly_series(db, period, 24)
        proceedings_funnel(db, period)
        service_delay(db, period)
        registry_facts(db, period.end)
        action_items(db, min(period.end, date.today()))
        print(
            "whole monthly review data (statistics, 24-month series, funnel, service delay, facts, "
            f"action items): {time.perf_counter() - started:.3f} s wall"
        )
        db.dispose()


if __name__ == "__main__":
    main()
