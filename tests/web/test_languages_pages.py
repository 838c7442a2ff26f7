"""The rest of the dashboard in Portuguese and Traditional Chinese: on every page (overview, jurisdiction,
assessments, reader, statistics, registry, users, first-run setup) each heading, table head, label and
button the English page shows in its own words is translated (only data stays as it is: names, periods,
tier labels, identifiers); numbers and dates per locale; data still escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from fastapi import FastAPI
from fastapi.testclient import TestClient

import tipwatch
from tipwatch.accounts import Role
from tipwatch.http import Settings, create_app
from tipwatch.http.web.forms import describe
from tipwatch.http.web.vocabulary import FACTS, FIELDS, STATISTICS, TABLES
from tipwatch.reader import SCALAR_FIELDS
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.reports.i18n import CATALOGUES, catalogue_path

from .conftest import Accounts

LANGUAGES = {"pt": "pt-PT,pt;q=0.9", "zh-Hant": "zh-MO,zh;q=0.9"}
FIXED = {"h1", "h2", "h3", "th", "button", "label", "figcaption"}


class Headings(HTMLParser):
    """The text of each heading, table head, button, label (without its field) and caption."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, list[str]]] = []
        self.skip = 0
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("select", "textarea", "option", "svg"):
            self.skip += 1
        elif tag in FIXED:
            self.open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("select", "textarea", "option", "svg"):
            self.skip -= 1
        elif tag in FIXED and self.open and self.open[-1][0] == tag:
            text = " ".join("".join(self.open.pop()[1]).split())
            if text:
                self.found.append(text)

    def handle_data(self, data: str) -> None:
        if self.open and not self.skip:
            self.open[-1][1].append(data)


def headings(html: str) -> set[str]:
    parser = Headings()
    parser.feed(html)
    return set(parser.found)


def english_left(
    client: TestClient, url: str, headers: dict[str, str], data: set[str]
) -> dict[str, set[str]]:
    """Per language, the page's English headings it still shows, data (``data``) aside."""
    english = client.get(url, headers=headers)
    assert english.status_code == 200, english.text
    assert '<html lang="en">' in english.text
    left = {}
    for language, accept in LANGUAGES.items():
        page = client.get(url, headers={**headers, "Accept-Language": accept})
        assert page.status_code == 200 and f'<html lang="{language}">' in page.text
        left[language] = (headings(english.text) & headings(page.text)) - data
    return left


TIERS = {"Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"}


def test_overview_and_jurisdiction_pages(client: TestClient) -> None:
    assert english_left(client, "/overview?year=2022", {}, TIERS | {"2022"}) == {
        "pt": set(),
        "zh-Hant": set(),
    }
    data = {"Macau (MAC)", "Macao (MAC)", "2022", "2021"}
    assert english_left(client, "/jurisdictions/macao", {}, data) == {"pt": set(), "zh-Hant": set()}
    portuguese = client.get("/overview?year=2022", headers={"Accept-Language": "pt"}).text
    assert "<h1>Classificações por nível, Relatório TIP de 2022</h1>" in portuguese
    assert "<th>Jurisdição</th>" in portuguese and "O registo de 2022" in portuguese
    chinese = client.get("/jurisdictions/macao", headers={"Accept-Language": "zh-MO"}).text
    assert "<h2>級別走勢</h2>" in chinese and "<h2>從國家敘述擷取的事實</h2>" in chinese
    assert re.search(r"</span> 20\d\d–20\d\d: (至少)?\d+年", chinese)  # a streak, in Chinese words


def test_assessment_pages(client: TestClient) -> None:
    for url in ("/assessments", "/assessments/macau-2022"):
        assert english_left(client, url, {}, {"macau-2022"}) == {"pt": set(), "zh-Hant": set()}, url
    chinese = client.get("/assessments/macau-2022", headers={"Accept-Language": "zh-MO"}).text
    assert "<h2>甚麼會改變結果</h2>" in chinese and "<th>規則</th>" in chinese
    assert 'id="language-note">規則標題、理由、推理步驟及假設性改變均以英文陳述' in chinese
    english = client.get("/assessments/macau-2022").text
    assert "language-note" not in english
    period = re.search(r"reporting period (\d{4}-\d\d-\d\d) – (\d{4}-\d\d-\d\d)", english)
    assert period is not None
    portuguese = client.get("/assessments/macau-2022?lang=pt").text
    (year, month, day), end = period.group(1).split("-"), period.group(2)
    assert f"período do relatório {day}/{month}/{year} – " in portuguese  # days per locale
    assert f"período do relatório {period.group(1)}" not in portuguese and end in english


NARRATIVE = (
    "CHAD (Tier 2 Watch List)\n\nThe Government of Chad does not fully meet the minimum standards for the "
    "elimination of trafficking but is making significant efforts to do so. Officials investigated no "
    "trafficking crimes. Therefore Chad was downgraded to Tier 2 Watch List."
)


def test_reader_page_in_both_languages(client: TestClient) -> None:
    assert english_left(client, "/read", {}, set()) == {"pt": set(), "zh-Hant": set()}
    english = client.post("/read", data={"text": NARRATIVE}).text
    assert "<th>Fact</th>" in english
    for accept in LANGUAGES.values():
        page = client.post("/read", data={"text": NARRATIVE}, headers={"Accept-Language": accept}).text
        assert all(text.startswith("Chad, ") for text in headings(english) & headings(page)), accept
    chinese = client.post("/read?lang=zh-Hant", data={"text": NARRATIVE}).text
    assert "<td>變動</td><td>downgraded</td>" in chinese  # the fact's name translated, its value as read
    assert set(FACTS) == set(SCALAR_FIELDS)  # every fact the reader finds has its name


def test_statistics_page_with_figures_and_days_per_locale(client: TestClient, accounts: Accounts) -> None:
    analyst = accounts.headers(Role.ANALYST)
    assert english_left(client, "/statistics?period=2024-05", analyst, {"2024-05", "2024-04"}) == {
        "pt": set(),
        "zh-Hant": set(),
    }
    portuguese = client.get("/statistics?period=2024-05&lang=pt", headers=analyst).text
    assert "<h1>Estatísticas do registo, 2024-05</h1>" in portuguese
    assert "01/05/2024 – 31/05/2024, comparado com 2024-04 (01/04/2024 – 30/04/2024)" in portuguese
    chinese = client.get("/statistics?period=2024-05&lang=zh-Hant", headers=analyst).text
    assert "<p>2024年5月1日至2024年5月31日，與2024-04（2024年4月1日至2024年4月30日）比較。" in chinese
    assert (
        '<tr data-figure="victims · by_sex_and_age · girls"><td>受害人 · 按性別及年齡 · 女童</td>' in chinese
    )
    figures = re.findall(r'<tr data-figure="([^"]+)"><td>([^<]+)</td>', chinese)
    assert len(figures) > 50
    for name, label in figures:  # every word of every figure's name is translated
        assert set(name.split(" · ")) <= set(STATISTICS), name
        assert not re.search("[a-z]", label), label
    english = client.get("/statistics?period=2024-05", headers=analyst).text
    assert "<td>victims · by sex and age · girls</td>" in english


def test_registry_pages(client: TestClient, accounts: Accounts) -> None:
    officer = accounts.headers(Role.CASE_OFFICER)
    record = {"case_id": "C-7", "opened_on": "2024-05-02", "case_owner": "<b>unit</b>"}
    assert client.post("/api/registry/cases", json=record, headers=officer).status_code == 201
    urls = ["/registry", "/registry/cases", "/registry/cases/new", "/registry/cases/C-7"]
    for url in [*urls, "/registry/cases/C-7/edit"]:
        assert english_left(client, url, officer, set()) == {"pt": set(), "zh-Hant": set()}, url
    portuguese = client.get("/registry/cases/C-7", headers={**officer, "Accept-Language": "pt"}).text
    assert "<h1>Casos C-7</h1>" in portuguese and "&lt;b&gt;unit&lt;/b&gt;" in portuguese
    assert "Adicionar uma vítima" in portuguese and "<b>unit</b>" not in portuguese
    chinese = client.get("/registry/cases/C-7/edit?lang=zh-Hant", headers=officer).text
    assert "<h1>編輯記錄 C-7（案件）</h1>" in chinese
    english = client.get("/registry/cases/new", headers=officer).text
    assert "<h1>Add to cases</h1>" in english  # English names the table as it is spelt
    assert "<th>identificador do caso</th>" in portuguese
    form = client.get("/registry/cases/new?lang=pt", headers=officer).text
    assert "<label>identificador do caso *" in form and '<input name="case_id"' in form
    latest = client.get("/registry?lang=zh-Hant", headers=officer).text  # the audit log's times per locale
    assert re.search(r"<td>20\d\d年\d{1,2}月\d{1,2}日 \d\d:\d\d:\d\d</td><td>case-officer</td>", latest)
    assert set(TABLES) == set(RECORD_TYPES)  # every table has its heading
    assert {f.name for model in RECORD_TYPES.values() for f in describe(model)} <= set(FIELDS)


def test_users_page_and_its_times(client: TestClient, accounts: Accounts) -> None:
    admin = accounts.headers(Role.ADMINISTRATOR)
    usernames = {"administrator", "analyst", "case-officer", "viewer", "tests"}
    assert english_left(client, "/users", admin, usernames) == {"pt": set(), "zh-Hant": set()}
    english = client.get("/users", headers=admin).text
    created = re.search(r"<td>(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d)</td>", english)
    assert created is not None
    chinese = client.get("/users?lang=zh-Hant", headers=admin).text
    year, month, day, minute = created.groups()
    assert f"<td>{year}年{int(month)}月{int(day)}日 {minute}</td>" in chinese
    assert "<td>個案工作人員</td>" in chinese and "<h2>API權杖</h2>" in chinese


@pytest.fixture
def fresh_app(database_url: str) -> FastAPI:
    return create_app(Settings(database_url=database_url, setup_token="setup-secret"))


def test_first_run_setup_page(fresh_app: FastAPI) -> None:
    with TestClient(fresh_app, base_url="https://testserver") as client:
        url = "/setup?token=setup-secret"
        assert english_left(client, url, {}, set()) == {"pt": set(), "zh-Hant": set()}
        chinese = client.get(url, headers={"Accept-Language": "zh-MO"}).text
        assert "<h1>建立首位管理員</h1>" in chinese
        assert 'href="?token=setup-secret&amp;lang=pt"' in chinese  # the other languages keep the link
    fresh_app.state.database.dispose()


def test_the_catalogue_test_extracts_every_page() -> None:
    """Babel's extraction through babel.cfg (what the untranslated-message test checks) reaches every
    template and the words marked in http/web/vocabulary.py, and every one is in both catalogues."""
    package = Path(tipwatch.__file__).parent
    mapping = package / "reports" / "locale" / "babel.cfg"
    with mapping.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(mapping))
    found: dict[str, set[str]] = {}
    for file, _line, message, _comments, _context in extract_from_dir(
        str(package), method_map=method_map, options_map=options_map, keywords={"_": None, "N_": None}
    ):
        found.setdefault(file, set()).add(message if isinstance(message, str) else message[0])
    templates = {f"http/web/templates/{p.name}" for p in (package / "http/web/templates").glob("*.html")}
    assert templates <= set(found), templates - set(found)
    marked = set(found["http/web/vocabulary.py"])
    assert {*FIELDS.values(), *STATISTICS.values(), *TABLES.values(), *FACTS.values()} <= marked
    pages = set().union(*(messages for file, messages in found.items() if file.startswith("http/web/")))
    for language, locale in CATALOGUES.items():
        with catalogue_path(language, ".po").open("rb") as handle:
            translated = {m.id for m in read_po(handle, locale=locale) if m.id and m.string}
        assert not pages - translated, (language, sorted(pages - translated))
