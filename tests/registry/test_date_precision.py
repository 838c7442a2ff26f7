"""Date precision (issue 15, item 7): CTDC's single years of registration import as year-level dates that
calendar-year statistics count; a month, quarter or reporting period covering part of such a year
reports the victims as not placeable; a band of years stays undated and the import warns with a problem
code; the precision survives export and import and migration 0005 adds it to stored rows as ``day``.
The CTDC rows are from the bundled IOM/CTDC synthetic sample (see tests/data/ctdc/SOURCES.md)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.evidence.precision import DatePrecision, overlapping, placeable_in, span_end, span_start
from tipwatch.problems import InputError
from tipwatch.registry import repository
from tipwatch.registry.interchange import Format, export, import_files
from tipwatch.registry.models import Person
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.reply_queries import reply_records
from tipwatch.registry.stats import DateRange, compute_statistics, identified_within, victims_only
from tipwatch.registry.trends import monthly_series, registry_facts
from tipwatch.store import Database, open_database
from tipwatch.store.migrate import downgrade, head_revision, stored_revision, upgrade

from .conftest import rec, row_counts

runner = CliRunner()
CTDC = Path(__file__).resolve().parents[1] / "data" / "ctdc" / "CTDC_VPsynthetic_condensed.csv"
KINDS = list(PeriodKind)


def ctdc_slice(folder: Path, every: int = 40) -> tuple[Path, Counter[str]]:
    """Every ``every``-th row of the bundled sample (all its kinds of yearRegister), and their count by
    yearRegister."""
    lines = CTDC.read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *lines[1::every]]
    path = folder / "ctdc-slice.csv"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return path, Counter(row["yearRegister"] for row in csv.DictReader(kept))


# The rule, on its own ---------------------------------------------------------------------------------

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def _period(kind: PeriodKind, day: date) -> Period:
    return Period.containing(day, kind)


@given(days, st.sampled_from(list(DatePrecision)), days, st.integers(0, 3000))
def test_a_date_counts_where_its_whole_span_lies_and_is_unplaceable_where_part_of_it_does(
    known: date, precision: DatePrecision, start: date, length: int
) -> None:
    stored = span_start(known, precision)
    end = start + timedelta(days=length)
    whole, near = placeable_in(start, end, precision), overlapping(start, end, precision)
    counted = not whole.empty and whole.first <= stored <= whole.last
    touches = near.first <= stored <= near.last
    first, last = stored, span_end(stored, precision)
    assert counted == (start <= first and last <= end)
    assert touches == (first <= end and start <= last)
    if precision is DatePrecision.DAY:
        assert counted == touches == (start <= stored <= end)  # day-level dates: as before


@given(days, st.sampled_from(KINDS))
def test_a_year_level_date_counts_in_a_calendar_year_only(known: date, kind: PeriodKind) -> None:
    stored = span_start(known, DatePrecision.YEAR)
    period = _period(kind, known)
    whole = placeable_in(period.start, period.end, DatePrecision.YEAR)
    counted = not whole.empty and whole.first <= stored <= whole.last
    assert counted == (kind is PeriodKind.YEAR)


# CTDC import and statistics ---------------------------------------------------------------------------


def test_ctdc_years_count_in_calendar_years_and_are_unplaceable_in_reporting_periods(
    database: Database, tmp_path: Path
) -> None:
    path, years = ctdc_slice(tmp_path)
    assert years["2019"] and years["2020"] and years["2014-2018"] and years[""]  # the slice has each kind
    report = import_files(database, [path], "importer", Format.CTDC)
    for year in (2019, 2020):
        statistics = compute_statistics(database, Period.parse(str(year)))
        assert statistics.victims.identified.current == years[str(year)] > 0
        assert statistics.not_placeable["victims"].current == 0
    reporting = compute_statistics(database, Period.parse("RP2020"))  # 2019-04-01 .. 2020-03-31
    assert reporting.victims.identified.current == 0
    assert reporting.not_placeable["victims"].current == years["2019"] + years["2020"]
    assert reporting.not_placeable["victims"].previous == years["2019"]  # RP2019 covers part of 2019
    month = compute_statistics(database, Period.parse("2019-05"))
    assert (month.victims.identified.current, month.not_placeable["victims"].current) == (0, years["2019"])
    undated = sum(count for year, count in years.items() if not year.isdigit())
    assert [(p.code, p.severity) for p in report.warnings] == [("undated-victims", "warning")]
    assert report.warnings[0].message.startswith(f"{undated:,} of the {sum(years.values()):,} victims")
    assert any(
        f"{years['2019'] + years['2020']:,} victims have an identification date" in n for n in report.notes
    )


def test_a_span_of_years_counts_every_year_level_date_it_covers(database: Database, tmp_path: Path) -> None:
    path, years = ctdc_slice(tmp_path)
    import_files(database, [path], "importer", Format.CTDC)
    with database.engine.connect() as connection:

        def counted(span: DateRange) -> int:
            query = select(func.count()).where(victims_only(), identified_within(span))
            return int(connection.execute(query).scalar_one())

        assert counted(DateRange(date(2015, 1, 1), date(2020, 12, 31))) == years["2019"] + years["2020"]
        assert counted(DateRange(date(2019, 1, 1), date(2020, 12, 30))) == years["2019"]


def test_registry_stats_of_the_bundled_ctdc_sample(tmp_path: Path) -> None:
    """The whole sample through the CLI: a calendar year has victims, a reporting period says how many
    it cannot place, and the import warns about the undated ones (before: zeros everywhere, no word)."""
    db = f"sqlite:///{tmp_path / 'ctdc.db'}"
    with CTDC.open(encoding="utf-8") as handle:
        years = Counter(row["yearRegister"] for row in csv.DictReader(handle))
    imported = runner.invoke(app, ["registry", "import", "--format", "ctdc", str(CTDC), "--db", db, "--json"])
    assert imported.exit_code == 0, imported.output
    (warning,) = json.loads(imported.output)["warnings"]
    undated = sum(count for year, count in years.items() if not year.isdigit())
    assert warning["code"] == "undated-victims" and warning["message"].startswith(f"{undated:,} of the")
    year = runner.invoke(app, ["registry", "stats", "--period", "2019", "--db", db, "--json"])
    assert json.loads(year.output)["victims"]["identified"]["current"] == years["2019"] > 0
    shown = runner.invoke(
        app, ["registry", "stats", "--period", "RP2020", "--db", db], env={"COLUMNS": "200"}
    )
    assert shown.exit_code == 0, shown.output
    unplaced = years["2019"] + years["2020"]
    assert f"{unplaced:,} victims are dated only to the year" in shown.output
    assert "not_placeable.victims" in shown.output


def test_a_year_level_date_is_the_first_of_january(database: Database) -> None:
    repository.add(database, [rec("cases", case_id="C1")], "clerk")
    with pytest.raises(ValueError, match=r"first day of its year \(2019-01-01\)"):
        rec(
            "persons",
            person_id="V1",
            case_id="C1",
            role="victim",
            identified_on="2019-05-03",
            identified_on_precision="year",
        )
    repository.add(
        database,
        [
            rec(
                "persons",
                person_id="V1",
                case_id="C1",
                role="victim",
                identified_on="2019-01-01",
                identified_on_precision="year",
            )
        ],
        "clerk",
    )
    with pytest.raises(InputError) as caught:  # a day given to a year-level record, precision unchanged
        repository.update(database, "persons", "V1", {"identified_on": "2019-05-03"}, "clerk")
    assert caught.value.problems[0].location.field == "identified_on"
    repository.update(
        database, "persons", "V1", {"identified_on": "2019-05-03", "identified_on_precision": "day"}, "clerk"
    )
    assert repository.show(database, "persons", "V1")["identified_on_precision"] == "day"


# Round trip and migration -----------------------------------------------------------------------------


@pytest.mark.parametrize("target", ["registry.json", "csv-folder"])
def test_export_then_import_keeps_the_precision(database: Database, tmp_path: Path, target: str) -> None:
    path, _ = ctdc_slice(tmp_path, every=400)
    import_files(database, [path], "importer", Format.CTDC)
    out = tmp_path / target
    export(database, out, Format.REGISTRY)
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    import_files(fresh, [out], "importer")
    before = repository.list_records(database, "persons", limit=None)
    assert Counter(p["identified_on_precision"] for p in before)["year"] > 0
    assert repository.list_records(fresh, "persons", limit=None) == before
    for period in ("2019", "RP2020"):
        assert compute_statistics(fresh, Period.parse(period)) == compute_statistics(
            database, Period.parse(period)
        )
    fresh.dispose()


def test_an_htcds_export_keeps_the_precision_of_identification_dates(
    database: Database, tmp_path: Path
) -> None:
    """HTCDS has no precision of its own: tipwatch's ``tw_IdentifiedOnPrecision`` carries it, so a
    year-level date does not come back as a day."""
    path, _ = ctdc_slice(tmp_path, every=400)
    import_files(database, [path], "importer", Format.CTDC)
    out = tmp_path / "cases.csv"
    export(database, out, Format.HTCDS)
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    import_files(fresh, [out], "importer", Format.HTCDS)

    def dated(db: Database) -> Counter[tuple[str | None, str]]:
        persons = repository.list_records(db, "persons", limit=None)
        return Counter((p["identified_on"], p["identified_on_precision"]) for p in persons)

    assert dated(fresh) == dated(database)
    assert any(precision == "year" for _, precision in dated(fresh))
    fresh.dispose()


def test_migration_0005_adds_the_precision_as_day_and_removes_it(database: Database) -> None:
    repository.add(
        database,
        [
            rec("cases", case_id="C1"),
            rec("persons", person_id="V1", case_id="C1", role="victim", identified_on="2024-05-03"),
        ],
        "clerk",
    )

    def columns() -> set[str]:
        return {c["name"] for c in inspect(database.engine).get_columns("registry_persons")}

    downgrade(database, "0004_accounts_hardening")
    assert "identified_on_precision" not in columns() and row_counts(database)["persons"] == 1
    upgrade(database)
    assert stored_revision(database) == head_revision()
    with database.engine.connect() as connection:
        stored = connection.execute(text("SELECT identified_on_precision FROM registry_persons")).scalars()
        assert list(stored) == ["day"]
    assert compute_statistics(database, Period.parse("2024-05")).victims.identified.current == 1
    assert set(RECORD_TYPES["persons"].model_fields) >= {"identified_on", "identified_on_precision"}
    assert Person.__table__.c.identified_on_precision.server_default is not None  # type: ignore[attr-defined]


def test_year_level_dates_stay_out_of_months_and_count_once_their_year_is_over(
    database: Database, tmp_path: Path
) -> None:
    path, years = ctdc_slice(tmp_path)
    import_files(database, [path], "importer", Format.CTDC)
    series = monthly_series(database, Period.parse("2019"), months=12)
    assert sum(point.victims_identified for point in series) == 0  # no January full of a year's victims
    assert registry_facts(database, date(2019, 6, 30)).victims_ever == 0  # 2019 was not over
    facts = registry_facts(database, date(2019, 12, 31))
    # the last day a victim may have been identified: "no victim since ..." starts after the whole year
    assert (facts.victims_ever, facts.last_victim_identified_on) == (years["2019"], date(2019, 12, 31))
    with Session(database.engine) as session:
        events = reply_records(session).events
    assert not events  # a reporting period cannot place a year: left out, as undated victims are
