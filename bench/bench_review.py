"""Review benchmark: on a synthetic registry (``BENCH_REVIEW_VICTIMS``, default 100,000 victims, SQLite),
time the monthly plenary review (gathering, disclosure control, HTML/PDF/Markdown rendering), the public
statistics and the annual submission; then time disclosure control alone on growing linked tables.

``python -m bench review``; ``BENCH_REVIEW_URL=postgresql+psycopg://...`` for another (empty) database."""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tipwatch.disclosure.audit import exposed_cells
from tipwatch.disclosure.policy import Audience, DisclosurePolicy
from tipwatch.disclosure.rules import Release, one_way, protect, two_way
from tipwatch.evidence.periods import Period
from tipwatch.registry.synth import SynthOptions, load
from tipwatch.reports.review import ReviewFormat, render_review
from tipwatch.services.review import public_statistics as gather_public_statistics
from tipwatch.services.review import review as build_review
from tipwatch.services.submission import submission as build_submission
from tipwatch.store import open_database

MONTH = Period.parse("2024-05")
RELEASED = Period.parse("RP2025")
"""The released period (the default calendar: reporting periods) that holds MONTH."""


def timed(label: str, function: Callable[[], Any], repeat: int = 3) -> Any:
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    print(f"  {label}: best {best:.3f} s of {repeat}")
    return result


def linked_release(victims: int, countries: int, seed: int) -> Release:
    rng = random.Random(seed)
    people = [
        (
            f"C{min(int(rng.expovariate(0.3)), countries - 1):02d}",
            rng.choice(["female", "male", "unknown"]),
            rng.choice(["adult", "child"]),
        )
        for _ in range(victims)
    ]
    by_country_sex = Counter((c, s) for c, s, _ in people)
    by_sex_age = Counter((s, a) for _, s, a in people)
    cells = {
        (c, s): by_country_sex[(c, s)] for c in {p[0] for p in people} for s in ("female", "male", "unknown")
    }
    return Release.combine(
        [
            two_way("victims", "citizenship", "sex", cells),
            two_way(
                "victims",
                "sex",
                "age_group",
                {
                    (s, a): by_sex_age[(s, a)]
                    for s in ("female", "male", "unknown")
                    for a in ("adult", "child")
                },
            ),
            one_way(
                "victims", "age_group", {a: sum(1 for p in people if p[2] == a) for a in ("adult", "child")}
            ),
        ]
    )


def main() -> None:
    victims = int(os.environ.get("BENCH_REVIEW_VICTIMS", "100000"))
    with tempfile.TemporaryDirectory(prefix="tipwatch-bench-review-") as tmp:
        url = os.environ.get("BENCH_REVIEW_URL") or f"sqlite:///{Path(tmp) / 'review.db'}"
        db = open_database(url)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()
        ) as progress:
            task = progress.add_task("synthetic registry", total=victims)
            load(db, SynthOptions(victims=victims, seed=7), "bench", lambda n: progress.advance(task, n))
        print(f"monthly review of {MONTH} on {victims:,} synthetic victims ({db.engine.dialect.name}):")
        internal = timed(
            "gather internal review (statistics, series, findings, charts)", lambda: build_review(db, MONTH)
        )
        public = timed(
            f"gather public review of {RELEASED} (the same + disclosure control)",
            lambda: build_review(db, RELEASED, Audience.PUBLIC, DisclosurePolicy()),
        )
        for output_format in ReviewFormat:
            data = timed(
                f"render {output_format}", lambda f=output_format: render_review(internal, f), repeat=1
            )
            print(f"    {len(data):,} bytes")
        protected = timed(
            f"public statistics of {RELEASED}: 6 reporting periods gathered and protected "
            "(the API and tipwatch publish gather 2)",
            lambda: gather_public_statistics(db, RELEASED, DisclosurePolicy()),
            repeat=1,
        ).protected
        print(
            f"    {len(protected.values)} cells, {len(protected.relations)} relations, {len(protected.withheld())} withheld"
        )
        print(f"    public review rows: {len(public.rows)}; findings: {len(public.findings)}")
        timed(
            "annual submission RP2024 (data call, evidence, assessment)",
            lambda: build_submission(db, 2024, "Synthetic"),
        )
        db.dispose()
    print("disclosure control alone (citizenship x sex, sex x age, age: linked tables):")
    for countries, people in ((10, 200), (30, 1000), (60, 5000)):
        release = linked_release(people, countries, seed=countries)
        started = time.perf_counter()
        result = protect(release)
        protect_seconds = time.perf_counter() - started
        started = time.perf_counter()
        assert exposed_cells(result.relations, result.values, 5) == []
        audit_seconds = time.perf_counter() - started
        print(
            f"  {len(release.cells)} cells, {len(release.relations)} relations: protect {protect_seconds:.3f} s, "
            f"audit {audit_seconds:.3f} s, {len(result.withheld())} withheld"
        )
