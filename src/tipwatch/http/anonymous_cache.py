"""Expensive answers to anonymous callers are cached per registry version and rate-limited (issue 16,
item 2). Public statistics and public reviews (HTML, Markdown, PDF) take seconds on a big registry; an
anonymous caller gets the same answer for the same URL until the registry changes, so the answer is
computed once per registry version and day and then served from memory.

A cache miss costs its address one unit of ``Settings.anonymous_rate`` per minute (a token bucket, so a
short burst is allowed); past it the answer is 429 with ``Retry-After``. At most ``ANONYMOUS_WORKERS``
anonymous computations run at once, so anonymous callers never hold more than that many of the server's
threads. Requests with a bearer token or a session cookie pass straight through: their answers may
depend on who asks. Answers that set a cookie or are not 200 are never cached."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tipwatch.http.auth import SESSION_COOKIE
from tipwatch.http.client_address import client_address, parse_proxies
from tipwatch.http.settings import Settings
from tipwatch.http.state import statistics_answers

EXPENSIVE_PATHS = frozenset({"/api/statistics/public", "/api/review", "/review"})
CACHE_SIZE = 256
ANONYMOUS_WORKERS = 2
MAX_ADDRESSES = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class _Answer:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


@dataclass
class _State:
    answers: OrderedDict[tuple[str, str, int, str], _Answer] = field(default_factory=OrderedDict)
    buckets: OrderedDict[str, _Bucket] = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)


def is_anonymous(scope: Scope) -> bool:
    headers = dict(scope.get("headers") or [])
    if headers.get(b"authorization"):
        return False
    return f"{SESSION_COOKIE}=".encode() not in headers.get(b"cookie", b"")


class AnonymousCache:
    """A pure ASGI middleware: cache and rate-limit anonymous GETs of ``EXPENSIVE_PATHS``."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.rate = max(1, settings.anonymous_rate)
        self.proxies = parse_proxies(settings.trusted_proxies)
        self.state = _State()
        self.workers: asyncio.Semaphore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") not in ("GET", "HEAD")
            or scope.get("path") not in EXPENSIVE_PATHS
            or not is_anonymous(scope)
        ):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        version = await run_in_threadpool(statistics_answers(request).current_version)
        key = (
            str(scope["method"]),
            f"{scope['path']}?{'&'.join(sorted(request.url.query.split('&')))}",
            version,
            datetime.now(UTC).date().isoformat(),  # a period left out of the URL defaults to today's
        )
        if await self._replay(key, send):
            return
        wait = self._spend(client_address(request, self.proxies))
        if wait:
            await _too_many(send, wait)
            return
        if self.workers is None:
            self.workers = asyncio.Semaphore(ANONYMOUS_WORKERS)
        async with self.workers:
            if await self._replay(key, send):  # computed meanwhile by a request that waited before this one
                return
            await self._compute(scope, receive, send, key)

    async def _replay(self, key: tuple[str, str, int, str], send: Send) -> bool:
        with self.state.lock:
            answer = self.state.answers.get(key)
            if answer is not None:
                self.state.answers.move_to_end(key)
        if answer is None:
            return False
        await send({"type": "http.response.start", "status": answer.status, "headers": answer.headers})
        await send({"type": "http.response.body", "body": answer.body})
        return True

    async def _compute(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[str, str, int, str]
    ) -> None:
        start: Message | None = None
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        if start is None or start["status"] != 200:
            return
        headers = [(bytes(name), bytes(value)) for name, value in start.get("headers", [])]
        minted_cookie = (scope.get("state") or {}).get("new_csrf_cookie")  # a page's CSRF cookie
        if minted_cookie is not None or any(name.lower() == b"set-cookie" for name, _ in headers):
            return
        with self.state.lock:
            self.state.answers[key] = _Answer(200, headers, b"".join(parts))
            while len(self.state.answers) > CACHE_SIZE:
                self.state.answers.popitem(last=False)

    def _spend(self, address: str) -> int:
        """Take one unit from the address's bucket; the seconds to wait if it is empty (else 0)."""
        now = time.monotonic()
        per_second = self.rate / 60
        with self.state.lock:
            bucket = self.state.buckets.pop(address, None) or _Bucket(float(self.rate), now)
            bucket.tokens = min(float(self.rate), bucket.tokens + (now - bucket.at) * per_second)
            bucket.at = now
            self.state.buckets[address] = bucket
            while len(self.state.buckets) > MAX_ADDRESSES:
                self.state.buckets.popitem(last=False)
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0
            return int((1 - bucket.tokens) / per_second) + 1


async def _too_many(send: Send, wait: int) -> None:
    body = (
        b'{"ok": false, "error": "too many uncached requests from this address; try again in '
        + str(wait).encode()
        + b' seconds", "errors": [], "status": 429}'
    )
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(wait).encode()),
    ]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
