"""Bounded load test of the JSON API on loopback: 50 concurrent clients against the history and the
statistics endpoints over a 100,000-victim synthetic registry, reporting p50/p95 latency. The headline is
the strict figure: p95 at 50 clients that each send the next request as soon as the previous answer
arrives (back to back), with PASS/FAIL against ``TARGET_P95_MS`` (50 ms).

The server runs in its own process (uvicorn, 127.0.0.1 only). Each endpoint gets a paced phase (each
of the 50 clients sends one request every ``BENCH_API_INTERVAL`` s, default 0.5: 100 requests/s
offered) and a back-to-back phase (each client sends its next request as soon as an answer arrives), so
both the latency users see under load and the strict figure are printed. A last phase sends 45 MB anonymous bodies to ``POST /api/assess``
back to back (declared by Content-Length, then chunked) during a paced load, and checks that each is
refused with 413 at once and that the others' p95 does not move (``BENCH_API_BIG_BODY_MB``). Every phase
is bounded in time and in request count; the whole
run stays under 60 s of load. Environment: ``BENCH_API_VICTIMS`` (default 100000),
``BENCH_API_SECONDS`` (paced phase per endpoint, at most 20), ``BENCH_API_CLIENTS`` (default 50)."""

from __future__ import annotations

import asyncio
import contextlib
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
    create_user(db, "bench-analyst", "loopback load generator", Role.ANALYST, actor="bench")
    db.dispose()
    return _token(url)


def _token(url: str) -> str:
    from tipwatch.accounts.tokens import issue_token
    from tipwatch.store import open_database

    db = open_database(url)
    token = issue_token(db, "bench-analyst", "bench", actor="bench-analyst").token
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


BIG_BODY_BYTES = int(os.environ.get("BENCH_API_BIG_BODY_MB", "45")) * 1024 * 1024
BIG_BODY_SECONDS = 8.0
BIG_BODY_MAX_SENDS = 200
CHUNK = b"x" * (1024 * 1024)


async def _send_big_body(port: int, chunked: bool) -> tuple[int, float, int]:
    """POST a ``BIG_BODY_BYTES`` anonymous body to /api/assess, declared by Content-Length or chunked,
    writing it while reading the answer. Returns (status, seconds to the answer, bytes written)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    framing = "Transfer-Encoding: chunked" if chunked else f"Content-Length: {BIG_BODY_BYTES}"
    head = (
        f"POST /api/assess HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"
    )
    started = time.perf_counter()
    writer.write(head.encode("latin-1"))
    sent = 0

    async def write_body() -> None:
        nonlocal sent
        while sent < BIG_BODY_BYTES:
            piece = CHUNK[: BIG_BODY_BYTES - sent]
            writer.write(b"%x\r\n%s\r\n" % (len(piece), piece) if chunked else piece)
            await writer.drain()
            sent += len(piece)
        if chunked:
            writer.write(b"0\r\n\r\n")
            await writer.drain()

    sender = asyncio.create_task(write_body())
    try:
        answer = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=60)
        status = int(answer.split(b" ", 2)[1])
    except (asyncio.IncompleteReadError, ConnectionError, TimeoutError):
        status = 0
    elapsed = time.perf_counter() - started
    sender.cancel()
    with contextlib.suppress(asyncio.CancelledError, ConnectionError):
        await sender
    writer.close()
    return status, elapsed, sent


async def _load_with_big_bodies(
    port: int, path: str, headers: dict[str, str], chunked: bool
) -> tuple[list[float], int, list[tuple[int, float, int]]]:
    """The paced load on ``path`` while one connection sends 45 MB bodies back to back."""
    sends: list[tuple[int, float, int]] = []
    stop = time.monotonic() + BIG_BODY_SECONDS

    async def attacker() -> None:
        await asyncio.sleep(0.5)
        while time.monotonic() < stop - 0.5 and len(sends) < BIG_BODY_MAX_SENDS:
            sends.append(await _send_big_body(port, chunked))

    load = asyncio.create_task(_load(port, path, headers, BIG_BODY_SECONDS, INTERVAL))
    await attacker()
    latencies, failures = await load
    return latencies, failures, sends


def _big_body_phase(port: int, headers: dict[str, str]) -> list[str]:
    """Issue 16, item 2: a 45 MB anonymous body is refused at once and the others do not notice."""
    path = "/api/history/Macau"
    megabytes = BIG_BODY_BYTES // (1024 * 1024)
    print(f"big bodies: {megabytes} MB anonymous POST /api/assess, back to back, during paced GET {path}")
    latencies, failures = asyncio.run(_load(port, path, headers, BIG_BODY_SECONDS, INTERVAL))
    quiet = _report("big-body", "paced, no big body", latencies, failures, BIG_BODY_SECONDS)
    verdicts = []
    for chunked in (False, True):
        framing = "chunked" if chunked else "Content-Length"
        latencies, failures, sends = asyncio.run(_load_with_big_bodies(port, path, headers, chunked))
        loud = _report("big-body", f"paced, {framing} bodies", latencies, failures, BIG_BODY_SECONDS)
        answered = sum(status == 413 for status, _, _ in sends)
        closed = sum(status == 0 for status, _, _ in sends)  # the 413 lost to the reset of a closed socket
        slowest = max(elapsed for _, elapsed, _ in sends) * 1000
        most = max(sent for _, _, sent in sends) / (1024 * 1024)
        print(
            f"  {framing} bodies: {len(sends)} sent; {answered} answered 413, {closed} cut off by the server "
            f"closing the connection; slowest {slowest:.1f} ms; at most {most:.1f} MB written before that"
        )
        refused = answered + closed == len(sends) and answered > 0
        passed = refused and slowest < 1000 and loud < max(2 * quiet, quiet + 20) and not failures
        verdicts.append(
            f"  big body ({framing:<14}) refused within {slowest:6.1f} ms; p95 {quiet:.1f} -> {loud:.1f} ms  "
            f"{'PASS' if passed else 'FAIL'} (413 or closed within 1 s; p95 at most doubled or +20 ms)"
        )
    return verdicts


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
            verdicts += _big_body_phase(port, headers)
            print("verdict:")
            print("\n".join(verdicts))
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
