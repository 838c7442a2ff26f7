"""Bounded load test of the JSON API on loopback: 50 concurrent clients against the history and the
statistics endpoints over a 100,000-victim synthetic registry, reporting p50/p95 latency.

The server runs in its own process (uvicorn, 127.0.0.1 only); each client is a closed loop (send, wait
for the answer, send again). Every phase is bounded in time and in request count, and the whole run
stays under 60 s of load. Environment: ``BENCH_API_VICTIMS`` (default 100000), ``BENCH_API_SECONDS``
(per endpoint, default 15), ``BENCH_API_CLIENTS`` (default 50)."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

VICTIMS = int(os.environ.get("BENCH_API_VICTIMS", "100000"))
SECONDS = min(float(os.environ.get("BENCH_API_SECONDS", "15")), 25.0)
CLIENTS = int(os.environ.get("BENCH_API_CLIENTS", "50"))
MAX_REQUESTS = 200_000
WARMUP = 50


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(url: str) -> str:
    """Fill the registry with synthetic victims and return an analyst's API token."""
    from tipwatch.accounts import Role
    from tipwatch.accounts.users import create_user
    from tipwatch.registry.synth import SynthOptions, load
    from tipwatch.store import open_database
    from tipwatch.store.tier_repository import load_record

    db = open_database(url)
    load_record(db)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
    )
    with Progress(*columns) as progress:
        task = progress.add_task("synthetic registry (victims)", total=VICTIMS)
        started = time.perf_counter()
        load(
            db,
            SynthOptions(victims=VICTIMS, seed=7),
            actor="bench",
            progress=lambda n: progress.update(task, completed=n),
        )
        progress.update(task, completed=VICTIMS)
    print(f"registry: {VICTIMS:,} victims written in {time.perf_counter() - started:.1f} s")
    create_user(db, "bench-analyst", "bench passphrase", Role.ANALYST)
    db.dispose()
    return _token(url)


def _token(url: str) -> str:
    from tipwatch.accounts.tokens import issue_token
    from tipwatch.store import open_database

    db = open_database(url)
    token = issue_token(db, "bench-analyst", "bench").token
    db.dispose()
    return token


def _checkpoint(url: str) -> None:
    """Fold SQLite's write-ahead log into the file, so that copying the file copies everything."""
    from sqlalchemy import text

    from tipwatch.store import open_database

    db = open_database(url)
    with db.engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    db.dispose()


def _start_server(url: str, port: int) -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn; from tipwatch.api import Settings, create_app; "
        f"uvicorn.run(create_app(Settings(database_url={url!r})), host='127.0.0.1', port={port}, "
        "log_level='warning', access_log=False)"
    )
    server = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/me", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start within 60 s")


async def _load(base: str, path: str, headers: dict[str, str]) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = 0
    stop = time.monotonic() + SECONDS
    limits = httpx.Limits(max_connections=CLIENTS, max_keepalive_connections=CLIENTS)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=10) as client:
        for _ in range(WARMUP):
            await client.get(path)

        async def one_client() -> None:
            nonlocal failures
            while time.monotonic() < stop and len(latencies) < MAX_REQUESTS:
                started = time.perf_counter()
                response = await client.get(path)
                latencies.append(time.perf_counter() - started)
                failures += response.status_code != 200

        await asyncio.gather(*(one_client() for _ in range(CLIENTS)))
    return latencies, failures


def _report(name: str, path: str, latencies: list[float], failures: int) -> None:
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000
    p95 = ordered[int(len(ordered) * 0.95)] * 1000
    rate = len(ordered) / SECONDS
    print(
        f"{name:<11} {path:<34} requests {len(ordered):>7,}  failures {failures}  {rate:>7.0f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
    )


CACHE_DIR = Path(__file__).resolve().parent / "results"


def main() -> None:
    """The registry database is kept in bench/results/ (git-ignored) and reused by later runs."""
    CACHE_DIR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        cached = CACHE_DIR / f"api-{VICTIMS}.db"
        working = Path(folder) / "bench.db"
        url = f"sqlite:///{working}"
        if cached.exists():
            shutil.copyfile(cached, working)
            print(f"registry: {VICTIMS:,} victims reused from {cached.relative_to(CACHE_DIR.parent.parent)}")
            token = _token(url)
        else:
            token = _prepare(url)
            _checkpoint(url)
            shutil.copyfile(working, cached)
        port = _free_port()
        server = _start_server(url, port)
        try:
            base = f"http://127.0.0.1:{port}"
            headers = {"Authorization": f"Bearer {token}"}
            print(f"load: {CLIENTS} concurrent clients, {SECONDS:.0f} s per endpoint, loopback only")
            for name, path in (
                ("history", "/api/history/Macau"),
                ("statistics", "/api/statistics?period=2024-05"),
            ):
                latencies, failures = asyncio.run(_load(base, path, headers))
                _report(name, path, latencies, failures)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
