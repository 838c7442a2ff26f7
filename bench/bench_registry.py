"""Registry benchmark: import a synthetic registry of 1,000,000 victims from CSV into SQLite (target
>= 50,000 rows/s) and compute the statistics of one monthly review (target < 2 s).

``python -m bench registry``; ``BENCH_REGISTRY_VICTIMS=100000`` for a smaller run,
``BENCH_REGISTRY_URL=postgresql+psycopg://...`` for another database (an empty one)."""

from __future__ import annotations

import csv
import os
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tipwatch.registry.interchange import Format, import_files
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.synth import SynthOptions, generate
from tipwatch.registry.trends import (
    action_items,
    monthly_series,
    proceedings_funnel,
    registry_facts,
    service_delay,
)
from tipwatch.review.periods import Period
from tipwatch.store import open_database

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


def main() -> None:
    victims = int(os.environ.get("BENCH_REGISTRY_VICTIMS", "1000000"))
    with tempfile.TemporaryDirectory(prefix="tipwatch-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        files = write_files(victims, folder)
        print(f"generated {victims:,} victims as CSV in {time.perf_counter() - started:.1f} s")
        url = os.environ.get("BENCH_REGISTRY_URL") or f"sqlite:///{folder / 'bench.db'}"
        db = open_database(url)
        with _progress() as progress:
            task = progress.add_task("importing", total=None)
            started = time.perf_counter()
            report = import_files(
                db, files, "bench", Format.REGISTRY, progress=lambda _t, n: progress.advance(task, n)
            )
            seconds = time.perf_counter() - started
        rows = report.rows
        print(
            f"import: {rows:,} rows ({victims:,} victims) in {seconds:.1f} s = {rows / seconds:,.0f} rows/s "
            f"({victims / seconds:,.0f} victims/s) on {db.engine.dialect.name} [target >= 50,000 rows/s]"
        )
        for table, count in report.written.items():
            print(f"  {table}: {count:,}")
        period = Period.parse(MONTH)
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            statistics = compute_statistics(db, period)
            timings.append(time.perf_counter() - started)
        print(
            f"statistics for {MONTH} beside {period.previous()}: best {min(timings):.3f} s of 3 [target < 2 s]; "
            f"{statistics.victims.identified.current} victims identified"
        )
        started = time.perf_counter()
        compute_statistics(db, period)
        monthly_series(db, period, 24)
        proceedings_funnel(db, period)
        service_delay(db, period)
        registry_facts(db, period.end)
        action_items(db, min(period.end, date.today()))
        print(
            f"whole monthly review data (statistics, 24-month series, funnel, service delay, facts, "
            f"action items): {time.perf_counter() - started:.3f} s"
        )
        db.dispose()


if __name__ == "__main__":
    main()
