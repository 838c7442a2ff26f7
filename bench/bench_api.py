"""Bounded load test of the JSON API on loopback: 50 concurrent clients against the history and the
statistics endpoints over a 100,000-victim synthetic registry, reporting p50/p95 latency. The headline is
the strict figure: p95 at 50 clients that each send the next request as soon as the previous answer
arrives (back to back), with PASS/FAIL against ``TARGET_P95_MS`` (50 ms).

The server runs in its own process (uvicorn, 127.0.0.1 only). Each endpoint gets a paced phase (each
of the 50 clients sends one request every ``BENCH_API_INTERVAL`` s, default 0.5: 100 requests/s
offered) and a back-to-back phase (each client sends its next request as soon as an answer arrives), so
both the latency users see under load and the strict figure are printed. Every phase is bounded in time and in request count; the whole
run stays under 60 s of load. Environment: ``BENCH_API_VICTIMS`` (default 100000),
``BENCH_API_SECONDS`` (paced phase per endpoint, at most 20), ``BENCH_API_CLIENTS`` (default 50)."""

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

import httpx  # only to wait for the server to come up
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

VICTIMS = int(os.environ.get("BENCH_API_VICTIMS", "100000"))
SECONDS = min(float(os.environ.get("BENCH_API_SECONDS", "20")), 20.0)
SATURATION_SECONDS = 5.0
INTERVAL = float(os.environ.get("BENCH_API_INTERVAL", "0.5"))
CLIENTS = int(os.environ.get("BENCH_API_CLIENTS", "50"))
WORKERS = int(os.environ.get("BENCH_API_WORKERS", "1"))
MAX_REQUESTS = 200_000
TARGET_P95_MS = 50.0
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
    create_user(db, "bench-analyst", "bench passphrase", Role.ANALYST, actor="bench")
    db.dispose()
    return _token(url)


def _token(url: str) -> str:
    from tipwatch.accounts.tokens import issue_token
    from tipwatch.store import open_database

    db = open_database(url)
    token = issue_token(db, "bench-analyst", "bench", actor="bench").token
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
    """One uvicorn process as ``tipwatch serve`` runs it; with ``BENCH_API_WORKERS`` > 1, that many
    worker processes (for comparison only: each has its own caches)."""
    if WORKERS > 1:
        code = (
            "import uvicorn; uvicorn.run('bench.api_factory:app', factory=True, "
            f"workers={WORKERS}, host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
        )
    else:
        code = (
            "import uvicorn; from tipwatch.http import Settings, create_app; "
            f"uvicorn.run(create_app(Settings(database_url={url!r})), host='127.0.0.1', port={port}, "
            "log_level='warning', access_log=False)"
        )
    environment = {**os.environ, "BENCH_API_DATABASE_URL": url, "BENCH_API_SECRET": "bench-only-secret"}
    root = str(Path(__file__).resolve().parent.parent)
    server = subprocess.Popen([sys.executable, "-c", code], env=environment, cwd=root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/me", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the server did not start within 60 s")


class _Connection:
    """A minimal HTTP/1.1 keep-alive client over asyncio streams: the load generator shares two cores
    with the server, so it must cost as little as possible per request."""

    def __init__(self, port: int, headers: dict[str, str]) -> None:
        self.port = port
        self.extra = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\n{self.extra}\r\n"
        self.writer.write(request.encode("latin-1"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


async def _load(
    port: int, path: str, headers: dict[str, str], seconds: float, interval: float
) -> tuple[list[float], int]:
    """``CLIENTS`` clients, each on its own connection; with ``interval`` > 0 each client sends one request
    per interval (a paced load), with 0 each sends as fast as answers come (saturation)."""
    latencies: list[float] = []
    failures = 0
    connections = [_Connection(port, headers) for _ in range(CLIENTS)]
    for connection in connections[:5]:
        for _ in range(WARMUP // 5):
            await connection.get(path)
    stop = time.monotonic() + seconds

    async def one_client(index: int, connection: _Connection) -> None:
        nonlocal failures
        next_at = time.monotonic() + interval * index / CLIENTS
        while time.monotonic() < stop and len(latencies) < MAX_REQUESTS:
            if interval:
                await asyncio.sleep(max(0.0, next_at - time.monotonic()))
                next_at += interval
            started = time.perf_counter()
            status = await connection.get(path)
            latencies.append(time.perf_counter() - started)
            failures += status != 200

    await asyncio.gather(*(one_client(i, c) for i, c in enumerate(connections)))
    for connection in connections:
        connection.close()
    return latencies, failures


def _report(name: str, mode: str, latencies: list[float], failures: int, seconds: float) -> float:
    """Print one phase's line and return its p95 in ms."""
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000
    p95 = ordered[int(len(ordered) * 0.95)] * 1000
    rate = len(ordered) / seconds
    print(
        f"  {mode:<26} requests {len(ordered):>7,}  failures {failures}  "
        f"{rate:>6.0f} req/s  p50 {p50:6.1f} ms  p95 {p95:6.1f} ms"
    )
    return p95


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
            headers = {"Authorization": f"Bearer {token}"}
            print(
                f"load on 127.0.0.1: {CLIENTS} concurrent clients; paced = one request per client every "
                f"{INTERVAL:.2f} s for {SECONDS:.0f} s; back-to-back = each client sends again as soon as it "
                f"is answered, for {SATURATION_SECONDS:.0f} s; server worker processes: {WORKERS}"
            )
            endpoints = (("history", "/api/history/Macau"), ("statistics", "/api/statistics?period=2024-05"))
            verdicts: list[str] = []
            for name, path in endpoints:
                print(f"{name}: GET {path}")
                latencies, failures = asyncio.run(_load(port, path, headers, SATURATION_SECONDS, 0.0))
                p95 = _report(
                    name, f"back-to-back ({CLIENTS} clients)", latencies, failures, SATURATION_SECONDS
                )
                passed = p95 < TARGET_P95_MS and failures == 0
                latencies, failures = asyncio.run(_load(port, path, headers, SECONDS, INTERVAL))
                _report(name, f"paced ({CLIENTS / INTERVAL:.0f} req/s offered)", latencies, failures, SECONDS)
                verdicts.append(
                    f"  {name:<11} back-to-back p95 {p95:6.1f} ms  {'PASS' if passed else 'FAIL'} "
                    f"(p95 < {TARGET_P95_MS:.0f} ms at {CLIENTS} back-to-back clients)"
                )
            print("verdict:")
            print("\n".join(verdicts))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
