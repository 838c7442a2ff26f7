"""Issue 16, item 2: one anonymous request cannot stall the server. Bodies have a cap, checked before
they are read; uploads are counted as they stream; anonymous expensive answers are cached per registry
version and their computations rate-limited per address."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.testclient import TestClient

from tipwatch.accounts import Role
from tipwatch.disclosure.policy import Calendar, DisclosurePolicy
from tipwatch.http import Settings, create_app
from tipwatch.http.offloop import OFF_LOOP_BYTES, OffLoopRoute
from tipwatch.registry.synth import SynthOptions, load

from .conftest import Accounts

MiB = 1024 * 1024


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        piece = min(size, total - sent)
        sent += piece
        yield b" " * piece


def test_a_declared_body_over_the_cap_is_refused_before_it_is_read(client: TestClient) -> None:
    consumed = 0

    def body() -> Iterator[bytes]:
        nonlocal consumed
        for chunk in _chunks(45 * MiB):
            consumed += len(chunk)
            yield chunk

    headers = {"content-type": "application/json", "content-length": str(45 * MiB)}
    response = client.post("/api/assess", content=body(), headers=headers)
    assert response.status_code == 413 and response.json()["status"] == 413
    assert "at most 1,048,576" in response.json()["error"]
    assert consumed < 2 * MiB  # the server answered without waiting for the rest


def test_a_streamed_body_is_cut_at_the_cap(client: TestClient) -> None:
    response = client.post(
        "/api/assess", content=_chunks(3 * MiB), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413 and "1,048,576" in response.json()["error"]


def test_uploads_have_their_own_cap(database_url: str) -> None:
    app = create_app(Settings(database_url=database_url, max_upload_bytes=2 * MiB))
    client = TestClient(app, base_url="https://testserver")
    small = client.post(
        "/api/read/file", files={"file": ("n.txt", b"Macau is a special administrative region.")}
    )
    assert small.status_code == 400 and "not a TIP country narrative" in small.text  # read, then judged
    big = client.post("/api/read/file", files={"file": ("n.txt", b"a" * (3 * MiB))})
    assert big.status_code == 413
    json_body = client.post("/api/read", json={"text": "a" * (MiB + 10)})
    assert json_body.status_code == 413  # not an upload path: the general cap
    app.state.database.dispose()


def test_anonymous_public_answers_are_cached_per_registry_version_and_rate_limited(
    database_url: str, accounts: Accounts
) -> None:
    monthly = DisclosurePolicy(calendar=Calendar.MONTH)  # a publisher releasing months: May and June
    app = create_app(Settings(database_url=database_url, anonymous_rate=1, disclosure=monthly))
    db = app.state.database  # one computation a minute per address
    load(db, SynthOptions(victims=40, seed=5), "synth")

    def client_at(address: str) -> TestClient:
        return TestClient(app, base_url="https://testserver", client=(address, 5000))

    anonymous = client_at("192.0.2.1")
    may, june = "/api/statistics/public?period=2024-05", "/api/statistics/public?period=2024-06"
    first = anonymous.get(may)
    assert first.status_code == 200
    for _ in range(10):  # the same answer again and again: from the cache, never limited
        again = anonymous.get(may)
        assert again.status_code == 200 and again.content == first.content
    limited = anonymous.get(june)  # a second computation within the minute waits
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    assert client_at("192.0.2.2").get(june).status_code == 200  # another address has its own budget
    assert anonymous.get(june).status_code == 200  # and what it computed is everyone's now
    logged_in = accounts.headers(Role.ANALYST)  # credentials pass straight through, never limited here
    assert all(anonymous.get(p, headers=logged_in).status_code == 200 for p in (may, june, may))
    load(db, SynthOptions(victims=5, seed=6, prefix="W"), "synth")  # a new registry version: a miss
    assert anonymous.get(may).status_code == 429
    fresh = client_at("192.0.2.3").get(may)
    assert fresh.status_code == 200
    app.state.database.dispose()


def test_big_json_bodies_are_parsed_off_the_event_loop(client: TestClient) -> None:
    router = APIRouter(route_class=OffLoopRoute)

    @router.post("/echo")
    def echo(body: dict[str, str], request: Request) -> dict[str, object]:
        return {"off_loop": getattr(request, "parsed_off_loop", None), "size": len(body["text"])}

    probe = FastAPI()
    probe.include_router(router)
    small, big = "a" * 100, "a" * (OFF_LOOP_BYTES + 1)
    with TestClient(probe) as local:
        assert local.post("/echo", json={"text": small}).json() == {"off_loop": False, "size": 100}
        assert local.post("/echo", json={"text": big}).json() == {"off_loop": True, "size": len(big)}
    routes: list[Any] = []

    def walk(found: list[Any]) -> None:  # included routers nest (see test_security._routes)
        for route in found:
            routes.append(route)
            if hasattr(route, "original_router"):
                walk(route.original_router.routes)

    walk(client.app.routes)  # type: ignore[attr-defined]
    wanted = ("/api/assess", "/api/what-if", "/api/read")
    public_json_posts = [route for route in routes if getattr(route, "path", "") in wanted]
    assert len(public_json_posts) == 3 and all(isinstance(r, OffLoopRoute) for r in public_json_posts)
    read = client.post("/api/read", json={"text": "Macau " * 20_000})
    assert read.status_code in (200, 400) and read.status_code != 413
