"""The differencing attack of issue 16, as a test: a viewer fetches every period of every granularity
that the API and pages offer over a synthetic registry, and an exact-interval audit of everything
fetched together — with every relation a reader knows within a period and across periods (a quarter is
the sum of its months) — must find no withheld cell narrowed below its interval in its own release."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from tipwatch.disclosure.cross_audit import Artefact, audit_outputs
from tipwatch.disclosure.model import Relation, strongest_relation
from tipwatch.disclosure.policy import Calendar, DisclosurePolicy
from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.http import Settings, create_app
from tipwatch.registry.stats import compute_statistics
from tipwatch.registry.synth import SynthOptions, load
from tipwatch.review.public_statistics import PeriodFigures, period_release
from tipwatch.services.review import public_statistics as gather_public_statistics
from tipwatch.store import Database, open_database

K = 5
FIRST, LAST = 2022, 2024


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('differencing') / 'synth.db'}"
    db = open_database(url)
    load(db, SynthOptions(victims=250, seed=11, start=date(FIRST, 1, 1), end=date(LAST, 12, 31)), "tests")
    db.dispose()
    yield url


def every_period() -> list[Period]:
    """Every month, quarter, year and reporting period of the registry's span."""
    periods = [Period.month(year, month) for year in range(FIRST, LAST + 1) for month in range(1, 13)]
    periods += [Period(PeriodKind.QUARTER, year, q) for year in range(FIRST, LAST + 1) for q in range(1, 5)]
    periods += [Period(PeriodKind.YEAR, year) for year in range(FIRST, LAST + 1)]
    periods += [Period(PeriodKind.REPORTING_PERIOD, year) for year in range(FIRST, LAST + 2)]
    return periods


def reader_relations(db: Database, period: Period) -> tuple[Relation, ...]:
    """The relations a reader knows among one period's published statistics (strongest kind)."""
    statistics = compute_statistics(db, period)
    return period_release(PeriodFigures(str(period), statistics)).relations


def time_relations(
    fetched: dict[str, dict[str, int | str]], truth: dict[str, dict[str, int]]
) -> list[Relation]:
    """Every fetched period that is the union of other fetched periods, path by path (the strongest
    kind of relation the true counts satisfy: a reader of the definitions knows at most that much)."""
    relations: list[Relation] = []
    periods = {name: Period.parse(name) for name in fetched}
    for name, period in periods.items():
        for kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
            parts = [
                p
                for p in periods.values()
                if p.kind is kind and p.start >= period.start and p.end <= period.end
            ]
            if kind is period.kind or sum(p.days for p in parts) != period.days:
                continue
            for path, total in truth[name].items():
                counts = [truth[str(p)].get(path) for p in parts]
                if any(c is None for c in counts):
                    continue
                strongest = strongest_relation(total, [int(c or 0) for c in counts])
                if strongest is not None:
                    relations.append(
                        Relation(f"{name}:{path}", tuple(f"{p}:{path}" for p in parts), strongest)
                    )
    return relations


def fetch_everything(client: TestClient) -> tuple[dict[str, dict[str, int | str]], list[str]]:
    """What an anonymous reader gets for every period: the released tables (this period and the one
    before), and which periods the review pages refuse."""
    fetched: dict[str, dict[str, int | str]] = {}
    refused: list[str] = []
    for period in every_period():
        answer = client.get(f"/api/statistics/public?period={period}")
        review = client.get(f"/api/review?period={period}&audience=public&format=md")
        page = client.get(f"/review?period={period}")
        if answer.status_code == 400:
            assert answer.json()["errors"][0]["code"] == "period-not-released"
            assert review.status_code == 400 and page.status_code == 400, str(period)
            refused.append(str(period))
            continue
        assert answer.status_code == 200 and review.status_code == 200 and page.status_code == 200
        table = answer.json()
        for side, name in (("current", table["period"]), ("previous", table["previous_period"])):
            values = {row["path"]: row[side] for row in table["statistics"] if row[side] is not None}
            known = fetched.setdefault(name, values)
            # a breakdown lists the categories of both periods shown, so one side may add zero rows
            assert all(known.get(path, 0) == value for path, value in values.items()), f"{name} two ways"
            known |= values
    return fetched, refused


def test_a_viewer_who_fetches_every_period_narrows_no_withheld_cell(synthetic: str) -> None:
    app = create_app(Settings(database_url=synthetic, anonymous_rate=10_000))  # every period, one viewer
    db: Database = app.state.database
    with TestClient(app, base_url="https://testserver") as client:
        fetched, refused = fetch_everything(client)
    assert len(refused) == 36 + 12 + 3  # months, quarters, years: not in the calendar
    assert set(fetched) == {f"RP{year}" for year in range(FIRST - 1, LAST + 2)}
    truth = {name: _truth(db, Period.parse(name)) for name in fetched}
    artefacts = [
        Artefact(
            name,
            {f"{name}:{path}": v for path, v in values.items()},
            reader_relations(db, Period.parse(name)),
        )
        for name, values in fetched.items()
    ]
    artefacts.append(Artefact("time", {}, tuple(time_relations(fetched, truth))))
    assert sum(isinstance(v, str) for a in artefacts for v in a.values.values()) > 20  # something is hidden
    assert audit_outputs(artefacts, K) == []
    db.dispose()


def test_the_same_audit_catches_the_attack_on_overlapping_releases(synthetic: str) -> None:
    """The teeth of the test above: months and quarters each protected on their own — what the API
    served before the calendar — are caught recovering cells by difference."""
    db = open_database(synthetic)
    fetched: dict[str, dict[str, int | str]] = {}
    artefacts = []
    for calendar, periods in (
        (Calendar.MONTH, [Period.month(2023, m) for m in range(1, 13)]),
        (Calendar.QUARTER, [Period(PeriodKind.QUARTER, 2023, q) for q in range(1, 5)]),
    ):
        for period in periods:
            public = gather_public_statistics(db, period, DisclosurePolicy(K, calendar), trend_periods=0)
            values = {row.path: row.current for row in public.rows if row.current is not None}
            fetched[str(period)] = values
            artefacts.append(
                Artefact(
                    str(period), {f"{period}:{p}": v for p, v in values.items()}, reader_relations(db, period)
                )
            )
    truth = {name: _truth(db, Period.parse(name)) for name in fetched}
    artefacts.append(Artefact("time", {}, tuple(time_relations(fetched, truth))))
    findings = audit_outputs(artefacts, K)
    db.dispose()
    assert findings, "months and quarters released side by side must be caught"
    assert any("exactly" in f.problem or "narrowed" in f.problem for f in findings)


def _truth(db: Database, period: Period) -> dict[str, int]:
    release = period_release(PeriodFigures(str(period), compute_statistics(db, period)))
    return {key.split(":", 1)[1]: value for key, value in release.cells.items()}
