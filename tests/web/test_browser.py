"""Real headless Chromium (Debian's, driven by Playwright) against a real uvicorn server on 127.0.0.1:
the public walk from the overview to a jurisdiction to its assessment; a case officer adding a case with
a victim and a prosecution and seeing the statistics change; a viewer kept away from personal records.
Screenshots are saved under ``test-artifacts/``."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from tipwatch.accounts import Role
from tipwatch.accounts.users import create_user
from tipwatch.http import Settings, create_app

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = os.environ.get("TIPWATCH_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server on loopback with Secure cookies (browsers keep them on http://127.0.0.1)."""
    database = tmp_path_factory.mktemp("browser") / "tipwatch.db"
    app = create_app(Settings(database_url=f"sqlite:///{database}"))
    create_user(app.state.database, "carla", PASSWORD, Role.CASE_OFFICER, actor="tests")
    create_user(app.state.database, "vera", PASSWORD, Role.VIEWER, actor="tests")
    port = _free_port()
    uv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start within 30 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)
    app.state.database.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            raise RuntimeError(f"CI must provide Chromium at {CHROMIUM} (see .ci/run)")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.expected_errors = []  # statuses a test provokes on purpose, e.g. "403"
    yield tab
    context.close()
    unexpected = [e for e in errors if not any(f"status of {code}" in e for code in tab.expected_errors)]
    assert not unexpected, f"browser errors: {unexpected}"
    foreign = [url for url in requests if not url.startswith(server)]
    assert not foreign, f"the page loaded from elsewhere: {foreign}"


def _shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _log_in(page: Any, username: str) -> None:
    page.goto("/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert username in page.inner_text("header .who")


def test_overview_to_jurisdiction_to_assessment(page: Any) -> None:
    page.goto("/")
    page.click("#overview-link")
    assert page.locator("#placements tbody tr").count() > 50
    _shot(page, "01-overview")
    page.select_option("#tier-filter", "3")
    visible = page.locator("#placements tbody tr:visible")
    assert visible.count() > 5
    assert all(row == "3" for row in visible.evaluate_all("rows => rows.map(r => r.dataset.tier)"))
    page.select_option("#tier-filter", "")
    page.fill("#placement-search", "maca")
    assert page.locator("#placements tbody tr:visible").count() == 1
    page.click("#placements tbody tr:visible a")
    assert page.inner_text("h1").startswith("Macau")
    assert page.locator("#tier-chart svg circle").count() >= 10
    assert "Tier 3" in page.inner_text("#history")
    assert page.locator("#narrative-facts tbody tr").count() >= 3
    _shot(page, "02-jurisdiction-macau")
    page.click("#assessment-link")
    assert "Macau, 2024 report" in page.inner_text("h1")
    findings = page.inner_text("#findings")
    assert "7106" in findings and "“" in findings
    assert page.locator("#trace li").count() >= 3
    _shot(page, "03-assessment-macau-2024")


def _figure(page: Any, name: str) -> str:
    return str(page.inner_text(f'#statistics tr[data-figure="{name}"] td:nth-child(2)')).strip()


def _add(
    page: Any, table: str, values: dict[str, str], selects: dict[str, str | list[str]] | None = None
) -> None:
    page.goto(f"/registry/{table}/new")
    for name, value in values.items():
        page.fill(f"#record-form [name={name}]", value)
    for name, choice in (selects or {}).items():
        page.select_option(f"#record-form [name={name}]", choice)
    page.click("#record-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#record").count() == 1, page.inner_text("main")


def test_case_officer_adds_a_case_with_a_victim_and_a_prosecution(page: Any) -> None:
    _log_in(page, "carla")
    page.goto("/statistics?period=2024-05")
    victims_before = int(_figure(page, "victims · identified"))
    prosecutions_before = int(_figure(page, "prosecutions · persons"))
    _add(
        page,
        "cases",
        {"case_id": "WEB-1", "opened_on": "2024-05-02", "case_owner": "<script>alert(1)</script>"},
    )
    _add(
        page,
        "persons",
        {"person_id": "WEB-V1", "case_id": "WEB-1", "age": "24", "identified_on": "2024-05-06"},
        {"role": "victim", "gender": "feminine", "exploitation": ["forced_labour"]},
    )
    _add(page, "persons", {"person_id": "WEB-S1", "case_id": "WEB-1"}, {"role": "suspect"})
    _add(
        page,
        "proceedings",
        {"proceeding_id": "WEB-P1", "case_id": "WEB-1", "person_id": "WEB-S1", "occurred_on": "2024-05-20"},
        {"event": "prosecution_initiated"},
    )
    _shot(page, "04-registry-proceeding-added")
    page.goto("/registry/cases")
    assert "<script>alert(1)</script>" in page.inner_text("#records")
    page.goto("/statistics?period=2024-05")
    assert int(_figure(page, "victims · identified")) == victims_before + 1
    assert int(_figure(page, "prosecutions · persons")) == prosecutions_before + 1
    _shot(page, "05-statistics-changed")
    page.goto("/registry")
    assert "carla" in page.inner_text("#audit")


def test_a_viewer_cannot_reach_personal_records(page: Any, server: str) -> None:
    page.expected_errors.append("403")
    _log_in(page, "vera")
    assert page.locator("nav a[href='/registry']").count() == 0
    response = page.goto("/registry/persons")
    assert response.status == 403
    assert "may not do this" in page.inner_text("#error-message")
    _shot(page, "06-viewer-refused")
    api = page.goto("/api/registry/persons")
    assert api.status == 403 and "WEB-V1" not in page.content()
    assert page.goto("/statistics?period=2024-05").status == 403
