"""The dashboard page ``/reply/figures``: upload a figures file and a narrative, read the brief and its
timeline; any logged-in account; bad files named; everything escaped; the upload capped."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tipwatch.accounts import Role
from tipwatch.accounts.tokens import issue_token
from tipwatch.accounts.users import create_user
from tipwatch.http import Settings, create_app
from tipwatch.services.reply_figures import EXAMPLE_FIGURES

TESTS = Path(__file__).resolve().parents[1]
NARRATIVE = (TESTS / "data" / "narratives" / "dev" / "macau-2024.json").read_text(encoding="utf-8")
MACAU = EXAMPLE_FIGURES.read_bytes()


@pytest.fixture
def served(database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    app = create_app(Settings(database_url=database_url, setup_token="setup-secret", max_body_bytes=64_000))
    db = app.state.database
    create_user(db, "viewer", "correct horse battery", Role.VIEWER, actor="tests")
    headers = {"Authorization": f"Bearer {issue_token(db, 'viewer', 'tests', actor='viewer').token}"}
    with TestClient(app, base_url="https://testserver") as client:
        yield client, headers
    db.dispose()


def submit(client: TestClient, headers: dict[str, str], figures: bytes, **form: str) -> Any:
    data = {"report_year": "2024", "lang": "en", "narrative": NARRATIVE, **form}
    files = {"figures": ("macau.csv", figures, "text/csv")}
    return client.post("/reply/figures", data=data, files=files, headers=headers)


def test_a_viewer_gets_the_brief_and_its_timeline(served: Any) -> None:
    client, headers = served
    page = client.get("/reply/figures", headers=headers)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.text
    shown = submit(client, headers, MACAU)
    assert shown.status_code == 200, shown.text
    assert "Right of reply from published figures: Macau, 2024 TIP Report" in shown.text
    assert '<span class="verdict compatible-only-if">compatible only if …</span>' in shown.text
    [uri] = re.findall(r'id="timeline" alt="Timeline" src="data:image/svg\+xml;base64,([^"]+)"', shown.text)
    svg = base64.b64decode(uri).decode("utf-8")
    dated = sum(1 for line in MACAU.decode().splitlines()[1:] if line and not line.startswith("unknown,"))
    assert len(re.findall(r'<g id="figure-\d+">', svg)) == dated
    # counts 1 window each, two "since" claims 2 each (no "never": pasted JSON carries no text)
    assert len(re.findall(r'<g id="claim-[\d-]+">', svg)) == 6


def test_the_brief_in_chinese(served: Any) -> None:
    client, headers = served
    shown = submit(client, headers, MACAU, lang="zh-Hant")
    assert shown.status_code == 200 and "<h2>摘要</h2>" in shown.text and 'lang="zh-Hant"' in shown.text


def test_a_bad_file_is_named_and_nothing_from_it_runs(served: Any) -> None:
    client, headers = served
    bad = (TESTS / "data" / "figures" / "reversed-range.csv").read_bytes()
    refused = submit(client, headers, bad)
    assert refused.status_code == 400
    assert "macau.csv:3" in refused.text and "write the earlier date first" in refused.text
    header = MACAU.decode().splitlines()[0]
    hostile = (
        f"{header}\n2021,,convictions,,1,<b>bold</b>,https://example.org/<x>,,"
        '"<script>alert(1)</script> found guilty",en\n'
    )
    shown = submit(client, headers, hostile.encode())
    assert shown.status_code == 200, shown.text
    assert "<script>alert(1)" not in shown.text and "&lt;script&gt;alert(1)" in shown.text
    assert "<b>bold</b>" not in shown.text
    not_utf8 = submit(client, headers, "period\n2021,é".encode("latin-1"))
    assert not_utf8.status_code == 400 and "not UTF-8" in not_utf8.text


def test_the_upload_is_capped_and_the_page_needs_a_login(served: Any) -> None:
    client, headers = served
    too_big = submit(client, headers, MACAU + b"#" * 100_000)
    assert too_big.status_code == 413
    for method in ("GET", "POST"):
        anonymous = client.request(method, "/reply/figures", follow_redirects=False)
        assert anonymous.status_code in (401, 403) or (
            anonymous.status_code == 303 and anonymous.headers["location"].startswith("/login")
        )
