"""Export and import in the registry's own format, HTCDS v2.0 and CTDC round-trip what maps; the real
CTDC synthetic sample (IOM/CTDC, see tests/data/ctdc/SOURCES.md) imports with its counts intact."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tipwatch.evidence.periods import Period
from tipwatch.problems import InputError
from tipwatch.registry import repository
from tipwatch.registry.interchange import Format, export, import_files
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.stats import compute_statistics
from tipwatch.store import Database, open_database

from .conftest import rec, row_counts

CTDC_SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ctdc" / "CTDC_VPsynthetic_condensed.csv"


def everything(db: Database) -> dict[str, list[dict[str, object]]]:
    return {name: repository.list_records(db, name, limit=None) for name in RECORD_TYPES}


@pytest.mark.parametrize("target", ["registry.json", "csv-folder"])
def test_registry_format_round_trips_every_table(
    small_registry: Database, tmp_path: Path, target: str
) -> None:
    path = tmp_path / target
    counts = export(small_registry, path, Format.REGISTRY)
    assert counts["persons"] == 10 and counts["proceedings"] == 11
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    files = [path] if path.suffix == ".json" else [path / f"{name}.csv" for name in RECORD_TYPES]
    report = import_files(fresh, files, "importer")
    assert report.written == {name: n for name, n in counts.items() if n}
    assert everything(fresh) == everything(small_registry)
    assert compute_statistics(fresh, Period.parse("2024-05")) == compute_statistics(
        small_registry, Period.parse("2024-05")
    )


def test_htcds_round_trip_keeps_what_maps(small_registry: Database, tmp_path: Path) -> None:
    sheet = tmp_path / "htcds.csv"
    assert export(small_registry, sheet, Format.HTCDS) == {"persons": 5}
    with sheet.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    v1 = next(row for row in rows if row["tw_PersonId"] == "V1")
    assert (v1["prs_Gender"], v1["vic_TypeOfExploitation"], v1["cas_Status"]) == (
        "Feminine",
        "Sexual exploitation",
        "Active",
    )
    assert v1["vic_TraffickingStatus"] == "Actual victim of trafficking" and v1["prs_FirstName"] == ""
    fresh = open_database(f"sqlite:///{tmp_path / 'fresh.db'}")
    import_files(fresh, [sheet], "importer", Format.HTCDS)
    victims = {p["person_id"]: p for p in repository.list_records(fresh, "persons", limit=None)}
    original = {
        p["person_id"]: p
        for p in repository.list_records(small_registry, "persons", limit=None)
        if p["role"] == "victim"
    }
    assert victims.keys() == original.keys()
    for key, person in original.items():
        assert {k: v for k, v in victims[key].items() if k != "screening_id"} == {
            k: v for k, v in person.items() if k != "screening_id"
        }


def test_htcds_sheet_with_labels_names_and_birthdate(database: Database, tmp_path: Path) -> None:
    sheet = tmp_path / "case-sheet.csv"
    sheet.write_text(
        "cas_CaseOwner,prs_FirstName,prs_Birthdate,prs_Gender,prs_Citizenship,vic_TraffickingStatus,"
        "vic_TypeOfExploitation,vic_MethodsOfControl,vic_LocationOfExploitation,cas_Status,cas_IncomingReferralDate\n"
        "Police,Maria,2000-07-01,Feminine,Philippines,Actual victim of trafficking,Forced begging,"
        "Debt bondage ;Withholds documents,Macao,Active,2024-05-02\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        import_files(database, [sheet], "importer", Format.HTCDS)
    assert caught.value.problems[0].code == "personal-data" and row_counts(database)["persons"] == 0
    report = import_files(database, [sheet], "importer", Format.HTCDS, drop_personal=True)
    person = repository.list_records(database, "persons")[0]
    assert (
        person["age"],
        person["age_group"],
        person["citizenship"],
        person["location_of_exploitation"],
    ) == (23, "adult", "PH", "MO")
    assert person["exploitation"] == ["other"] and person["methods_of_control"] == [
        "debt_bondage",
        "withholds_documents",
    ]
    assert any("prs_FirstName not stored" in note for note in report.notes)
    assert any("Forced begging" in note for note in report.notes)


@pytest.mark.slow
def test_the_real_ctdc_sample_imports_with_its_counts(database: Database, tmp_path: Path) -> None:
    with CTDC_SAMPLE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    report = import_files(database, [CTDC_SAMPLE], "importer", Format.CTDC)
    assert report.written == {"cases": len(rows), "persons": len(rows)} and len(rows) > 21000
    assert any(note.startswith("UN_COO_Region not stored") for note in report.notes)
    out = tmp_path / "ctdc.csv"
    export(database, out, Format.CTDC)
    with out.open(encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    for column in ("gender", "majorityStatus", "isForcedLabour", "isSexualExploit"):
        assert Counter(r[column] for r in exported) == Counter(r[column] for r in rows), column


def test_ctdc_unknown_values_are_refused(database: Database, tmp_path: Path) -> None:
    path = tmp_path / "ctdc.csv"
    path.write_text(
        "gender,majorityStatus,isForcedLabour\nFemale,Adult,1\nWoman,Adult,yes\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        import_files(database, [path], "importer", Format.CTDC)
    assert [(p.code, p.location.line, p.location.field) for p in caught.value.problems] == [
        ("unknown-value", 3, "gender"),
        ("unknown-value", 3, "isForcedLabour"),
    ]
    assert row_counts(database)["cases"] == 0


identifiers = st.from_regex(r"[A-Z][A-Z0-9-]{0,10}", fullmatch=True)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["feminine", "masculine", None]),
            st.integers(0, 110) | st.none(),
            st.sets(st.sampled_from(["sexual", "forced_labour", "forced_criminality", "other"])),
            st.dates(
                min_value=__import__("datetime").date(2000, 1, 1),
                max_value=__import__("datetime").date(2025, 1, 1),
            ),
            st.sampled_from(["MO", "PH", "VN", None]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_registry_json_round_trip_of_any_victims(
    tmp_path_factory: pytest.TempPathFactory, victims: list
) -> None:  # type: ignore[type-arg]
    folder = tmp_path_factory.mktemp("round")
    db = open_database(f"sqlite:///{folder / 'a.db'}")
    records = [rec("cases", case_id="K", opened_on="2000-01-01")]
    for number, (gender, age, forms, day, country) in enumerate(victims):
        records.append(
            rec(
                "persons",
                person_id=f"V{number}",
                case_id="K",
                role="victim",
                gender=gender,
                age=age,
                exploitation=sorted(forms),
                identified_on=day,
                citizenship=country,
            )
        )
    repository.add(db, records, "prop")
    export(db, folder / "out.json")
    again = open_database(f"sqlite:///{folder / 'b.db'}")
    import_files(again, [folder / "out.json"], "prop")
    assert everything(again) == everything(db)
    assert json.loads((folder / "out.json").read_text())["format"] == "tipwatch-registry"


HTCDS_WORKBOOK = Path(__file__).resolve().parents[1] / "data" / "htcds" / "htcds-case-sheet-v2.0.xlsx"


def fill_case_sheet(target: Path, rows: dict[int, dict[str, str | int]]) -> None:
    """A copy of the real HTCDS toolkit workbook with rows of its Case Sheet filled in (inline strings,
    numbers for dates as Excel stores them)."""
    import re
    import zipfile

    with zipfile.ZipFile(HTCDS_WORKBOOK) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                for number, cells in rows.items():
                    xml = "".join(
                        f'<c r="{column}{number}"><v>{value}</v></c>'
                        if isinstance(value, int)
                        else f'<c r="{column}{number}" t="inlineStr"><is><t>{value}</t></is></c>'
                        for column, value in cells.items()
                    )
                    text = re.sub(
                        rf'<row r="{number}"[^>]*>.*?</row>',
                        f'<row r="{number}">{xml}</row>',
                        text,
                        flags=re.S,
                    )
                data = text.encode("utf-8")
            out.writestr(item, data)


def test_a_filled_htcds_workbook_imports_as_it_is(database: Database, tmp_path: Path) -> None:
    workbook = tmp_path / "filled.xlsx"
    fill_case_sheet(
        workbook,
        {
            3: {
                "A": 1,
                "B": "Police",
                "G": 36708,
                "H": "Feminine",
                "I": "Viet Nam",
                "S": "Actual victim of trafficking",
                "W": "Debt bondage ",
                "X": "Sexual exploitation",
                "AA": "MO",
                "AB": "Active",
                "AD": 45414,
            },
            4: {
                "A": 2,
                "B": "Police",
                "H": "Masculine",
                "X": "Forced labour",
                "AB": "Follow up",
                "AD": 45420,
            },
        },
    )
    report = import_files(database, [workbook], "importer", Format.HTCDS)
    assert report.written == {"cases": 2, "persons": 2}
    first, second = repository.list_records(database, "persons")
    assert (first["gender"], first["citizenship"], first["age"], first["exploitation"]) == (
        "feminine",
        "VN",
        23,
        ["sexual"],
    )
    assert first["methods_of_control"] == ["debt_bondage"] and first["location_of_exploitation"] == "MO"
    assert (second["gender"], second["exploitation"]) == ("masculine", ["forced_labour"])
    case = repository.show(database, "cases", first["case_id"])
    assert (str(case["opened_on"]), case["status"], case["case_owner"]) == ("2024-05-02", "active", "Police")


def test_a_workbook_with_bad_values_names_the_row(database: Database, tmp_path: Path) -> None:
    workbook = tmp_path / "bad.xlsx"
    fill_case_sheet(
        workbook, {3: {"A": 1, "H": "Woman", "AD": 45414}, 4: {"A": 2, "D": "Maria", "AD": 45414}}
    )
    with pytest.raises(InputError) as caught:
        import_files(database, [workbook], "importer", Format.HTCDS)
    assert [(p.code, p.location.line, p.location.field) for p in caught.value.problems] == [
        ("unknown-value", 3, "gender"),
        ("personal-data", 4, "prs_FirstName"),
    ]
    assert row_counts(database)["cases"] == 0
