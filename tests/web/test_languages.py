"""The dashboard in Macao's official languages: each page's own words follow the browser's
Accept-Language (Babel's negotiation, English by default), ?lang= overrides it, and the JSON API answers
the same whatever the language."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tipwatch.accounts import Role
from tipwatch.http.web.language import preferred_locales
from tipwatch.store import Database

from .conftest import Accounts

_spec = importlib.util.spec_from_file_location(
    "registries", Path(__file__).resolve().parents[1] / "review" / "registries.py"
)
assert _spec and _spec.loader
registries = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(registries)

PORTUGUESE_NAVIGATION = ('<a href="/overview">Panorama</a>', '<a href="/assessments">Avaliações</a>')


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("pt-PT,pt;q=0.9,en;q=0.8", ["pt_PT", "pt", "en"]),
        ("zh-MO", ["zh_Hant"]),
        ("zh-Hant-TW, en;q=0.1", ["zh_Hant", "en"]),
        ("en;q=0.2, pt", ["pt", "en"]),
        ("fr;q=0, pt;q=oops, *, !!, en", ["en"]),
        ("", []),
    ],
)
def test_accept_language_is_read_in_order_of_preference(header: str, expected: list[str]) -> None:
    assert preferred_locales(header) == expected


def test_home_page_in_portuguese_with_the_header_and_english_without(client: TestClient) -> None:
    portuguese = client.get("/", headers={"Accept-Language": "pt-PT,pt;q=0.9,en;q=0.5"})
    assert '<html lang="pt">' in portuguese.text
    for link in PORTUGUESE_NAVIGATION:
        assert link in portuguese.text
    assert "Registo de casos" not in portuguese.text  # a viewer's home: no registry card
    assert "Avaliação e acompanhamento abertos" in portuguese.text
    assert "Accept-Language" in portuguese.headers["vary"]
    english = client.get("/")
    assert '<html lang="en">' in english.text
    assert '<a href="/overview">Overview</a>' in english.text and "Panorama" not in english.text


def test_negotiation_and_the_lang_parameter(client: TestClient) -> None:
    chinese = client.get("/", headers={"Accept-Language": "zh-MO,zh;q=0.9"}).text
    assert '<html lang="zh-Hant">' in chinese and '<a href="/overview">概覽</a>' in chinese
    # no Simplified Chinese catalogue: the next language the browser accepts
    simplified = client.get("/", headers={"Accept-Language": "zh-CN,pt;q=0.8"}).text
    assert '<html lang="pt">' in simplified
    unknown = client.get("/", headers={"Accept-Language": "de-DE,fr;q=0.9"}).text
    assert '<html lang="en">' in unknown
    overridden = client.get("/?lang=en", headers={"Accept-Language": "pt"}).text
    assert '<html lang="en">' in overridden
    asked = client.get("/?lang=zh-Hant").text
    assert '<html lang="zh-Hant">' in asked and '<strong lang="zh-Hant">繁體中文</strong>' in asked
    assert 'href="?lang=pt"' in asked  # the same page in the other languages
    assert '<html lang="en">' in client.get("/?lang=xx").text


def test_review_page_in_chinese_and_its_download_in_the_same_language(client: TestClient) -> None:
    page = client.get("/review?period=RP2025", headers={"Accept-Language": "zh-Hant"})
    assert page.status_code == 200
    for heading in ("<h2>下載</h2>", "<h2>結論</h2>", "<h2>數字</h2>", "<th>部分</th>"):
        assert heading in page.text
    assert "公開檢討：1 至 4 的數目顯示為 &lt;5" in page.text
    assert "<td>調查</td><td>案件</td>" in page.text
    link = "/api/review?period=RP2025&amp;audience=public&amp;format=html&amp;lang=zh-Hant"
    assert link in page.text
    assert 'href="?period=RP2025&amp;lang=pt"' in page.text  # switching language keeps the period
    asked = client.get("/review?period=RP2025&k=2&lang=pt").text
    assert 'href="?period=RP2025&amp;lang=en"' in asked and "k=2" not in asked  # and repeats nothing else
    report = client.get(link.replace("&amp;", "&"))
    assert report.status_code == 200 and "<h2>結論</h2>" in report.text


def test_json_answers_do_not_depend_on_the_language(client: TestClient) -> None:
    for url in ("/api/statistics/public?period=RP2025", "/api/overview?year=2022"):
        english = client.get(url).json()
        assert client.get(url, headers={"Accept-Language": "zh-Hant"}).json() == english
        assert client.get(url + "&lang=pt").json() == english


def test_reply_pages_in_portuguese(client: TestClient, accounts: Accounts) -> None:
    headers = {**accounts.headers(Role.VIEWER), "Accept-Language": "pt"}
    reply = client.get("/reply", headers=headers).text
    assert "<h1>Direito de resposta</h1>" in reply and "Verificar as afirmações" in reply
    figures = client.get("/reply/figures", headers=headers).text
    assert "<h1>Direito de resposta com base em números publicados</h1>" in figures
    assert '<option value="pt" selected>' in figures  # the brief's language follows the page's
    assert "Confrontar as afirmações com os números" in figures


def test_internal_review_page_in_portuguese_keeps_records_as_entered(
    client: TestClient, accounts: Accounts, app_db: Database
) -> None:
    registries.macao_like(app_db)
    headers = {**accounts.headers(Role.ANALYST), "Accept-Language": "pt-PT"}
    page = client.get("/review?period=2024-05", headers=headers).text
    assert "<h2>Ações (2 em aberto, 1 em atraso)</h2>" in page
    assert "Revisão interna: todos os números" in page
    assert "<td>Train labour inspectors in the ILO indicators</td>" in page  # as recorded
    assert "<td>31/01/2024</td><td>em aberto (em atraso)</td>" in page  # the day per locale
