"""IOM's Human Trafficking Case Data Standard v2.0 (CC BY 4.0): the columns of the HTCDS toolkit's
``Case Sheet`` (one row per case with its person) and the labels of its ``validation`` sheet, plus
``tw_*`` columns for what HTCDS has no field for (pseudonymous identifiers, dates, age, complicity).

What maps: case owner, status, referring organisation and incoming referral date; gender, citizenship;
trafficking status and deciding organisation; method and location of recruitment; methods of control;
type of exploitation; location of exploitation. What does not, and is reported: names and contact
details (refused unless ``drop_personal``: the registry stores none), birth date (turned into an age, then
discarded), consent, forced-labour industry, type of sex exploitation, outgoing referrals, closure reason.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from tipwatch.inputfile import check_field_sizes, json_error_text, read_input_text
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import Location, Problem
from tipwatch.registry.csvfile import CsvRow, read_csv, write_csv
from tipwatch.registry.htcds_vocabulary import (
    ALL_COLUMNS,
    COLUMNS,
    DATE_COLUMNS,
    EXPORT_LABELS,
    LOSSY,
    NOT_STORED,
    PERSONAL,
)
from tipwatch.registry.htcds_vocabulary import (
    coded as _coded,
)
from tipwatch.registry.htcds_vocabulary import (
    country_code as _country,
)
from tipwatch.registry.integrity import Batch
from tipwatch.registry.native import validate_into
from tipwatch.registry.reading import iter_records
from tipwatch.registry.records import CaseRecord, PersonRecord
from tipwatch.registry.tables import TABLES
from tipwatch.registry.xlsx import read_case_sheet


def _age(birthdate: str, on: str | None) -> int | None:
    try:
        born = date.fromisoformat(birthdate)
        when = date.fromisoformat(on) if on else date.today()
    except ValueError:
        return None
    return when.year - born.year - ((when.month, when.day) < (born.month, born.day))


def _records(
    values: dict[str, str], line: int, stem: str, notes: Counter[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    case_id = values.get("tw_CaseId") or f"HTCDS-{stem}-{line}"
    identified = values.get("tw_IdentifiedOn")
    opened = values.get("tw_CaseOpenedOn") or values.get("cas_IncomingReferralDate") or identified
    case: dict[str, Any] = {"case_id": case_id, "opened_on": opened}
    for column, name in (
        ("cas_CaseOwner", "case_owner"),
        ("cas_ReferringOrganisation", "referring_organisation"),
    ):
        if column in values:
            case[name] = values[column]
    if "cas_Status" in values:
        case["status"] = _coded("status", values["cas_Status"])
    if "cas_IncomingReferralDate" in values:
        case["incoming_referral_date"] = values["cas_IncomingReferralDate"]
    if "tw_OfficialComplicity" in values:
        case["official_complicity"] = values["tw_OfficialComplicity"]
    return case, _person(values, case_id, opened, notes)


def _person(values: dict[str, str], case_id: str, opened: str | None, notes: Counter[str]) -> dict[str, Any]:
    """The victim record of an HTCDS row; lossy labels and a birth date turned into an age go to ``notes``."""
    identified = values.get("tw_IdentifiedOn")
    person: dict[str, Any] = {
        "person_id": values.get("tw_PersonId") or f"{case_id}-V1",
        "case_id": case_id,
        "role": "victim",
    }
    simple = {
        "prs_Gender": "gender",
        "vic_TraffickingStatus": "trafficking_status",
        "vic_TraffickinStatusDecisionMakingOrg": "decision_making_organisation",
        "vic_MethodOfRecruitment": "method_of_recruitment",
    }
    for column, name in simple.items():
        if column in values:
            person[name] = _coded(name, values[column])
    for column, name in (
        ("prs_Citizenship", "citizenship"),
        ("vic_LocationOfRecruitment", "location_of_recruitment"),
        ("vic_LocationOfExploitation", "location_of_exploitation"),
    ):
        if column in values:
            person[name] = _country(values[column])
    for column, name in (
        ("vic_MethodsOfControl", "methods_of_control"),
        ("vic_TypeOfExploitation", "exploitation"),
    ):
        if column in values:
            labels = [part.strip() for part in values[column].split(";") if part.strip()]
            notes.update(
                f"{column} {label!r} recorded as {_coded(name, label)!r}"
                for label in labels
                if label in LOSSY
            )
            person[name] = sorted({_coded(name, label) for label in labels})
    if identified:
        person["identified_on"] = identified
    if "tw_IdentifiedOnPrecision" in values:
        person["identified_on_precision"] = values["tw_IdentifiedOnPrecision"].strip().casefold()
    if "tw_Age" in values:
        person["age"] = values["tw_Age"]
    elif "prs_Birthdate" in values:
        age = _age(values["prs_Birthdate"], identified or opened)
        person["age"] = age if age is not None else values["prs_Birthdate"]
        notes["prs_Birthdate turned into age at identification; the birth date is not stored"] += 1
    if "tw_AgeGroup" in values:
        person["age_group"] = values["tw_AgeGroup"].casefold()
    return person


def _rows(path: Path, problems: list[Problem]) -> Iterator[CsvRow]:
    """Rows of the Case Sheet of an HTCDS toolkit workbook (.xlsx), of a CSV Case Sheet, or of a JSON list of objects with the same keys (``line`` = position)."""
    if path.suffix.lower() == ".xlsx":
        for row in read_case_sheet(path, DATE_COLUMNS):
            unknown = sorted(set(row.values) - ALL_COLUMNS)
            if unknown:
                problems.append(
                    Problem(
                        ProblemCode.UNKNOWN_COLUMN,
                        f"{', '.join(unknown)} are not HTCDS columns",
                        location=Location(str(path), row.line, field=unknown[0]),
                    )
                )
                continue
            yield row
        return
    if path.suffix.lower() != ".json":
        yield from read_csv(path, known=ALL_COLUMNS, required=set(), problems=problems)
        return
    try:
        data = json.loads(read_input_text(path, expected="an HTCDS .csv or .json file"))
        check_field_sizes(data, str(path))
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(
                ProblemCode.INVALID_SYNTAX,
                f"{json_error_text(exc)}; the file may be cut short",
                location=Location(str(path), exc.lineno),
            )
        )
        return
    if not isinstance(data, list):
        problems.append(
            Problem(
                ProblemCode.WRONG_FORMAT,
                "expected a JSON list of HTCDS rows",
                location=Location(str(path), 1),
            )
        )
        return
    for position, item in enumerate(data, start=1):
        unknown = sorted(set(item) - ALL_COLUMNS) if isinstance(item, dict) else ["(not an object)"]
        if unknown:
            problems.append(
                Problem(
                    ProblemCode.UNKNOWN_COLUMN,
                    f"row {position}: {', '.join(unknown)} are not HTCDS columns",
                    location=Location(str(path), path=f"[{position - 1}]"),
                )
            )
            continue
        yield CsvRow(
            position, {key: _text(value) for key, value in item.items() if value not in (None, "", [])}
        )


def _text(value: Any) -> str:
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)


def read(path: Path, batch: Batch, problems: list[Problem], *, drop_personal: bool = False) -> list[str]:
    """Read an HTCDS Case Sheet saved as CSV; returns notes on what was not stored."""
    source = str(path)
    notes: Counter[str] = Counter()
    cases_seen: dict[str, dict[str, Any]] = {}
    for row in _rows(path, problems):
        values = row.values
        personal = [column for column in PERSONAL if column in values]
        if personal and not drop_personal:
            problems.append(
                Problem(
                    ProblemCode.PERSONAL_DATA,
                    f"{', '.join(personal)} hold names or contact details, which the registry does not store; "
                    "blank these columns or pass --drop-personal",
                    location=Location(source, row.line, field=personal[0]),
                )
            )
            continue
        notes.update(f"{column} not stored" for column in personal + [c for c in NOT_STORED if c in values])
        case, person = _records(values, row.line, path.stem, notes)
        location = Location(source, row.line)
        if case["case_id"] not in cases_seen:
            cases_seen[case["case_id"]] = case
            validate_into(batch, CaseRecord, case, location, problems)
        validate_into(batch, PersonRecord, person, location, problems)
    return [f"{text} ({count} row(s))" for text, count in sorted(notes.items())]


def export_rows(connection: Connection) -> Any:
    C = TABLES["cases"]
    cases = {row.case_id: row for row in connection.execute(C.select())}
    for person in iter_records(connection, "persons", where=TABLES["persons"].c.role == "victim"):
        case = cases[person["case_id"]]
        yield {
            "cas_CaseOwner": case.case_owner,
            "prs_Gender": EXPORT_LABELS["gender"].get(person["gender"] or ""),
            "prs_Citizenship": person["citizenship"],
            "vic_TraffickingStatus": EXPORT_LABELS["trafficking_status"].get(
                person["trafficking_status"] or ""
            ),
            "vic_TraffickinStatusDecisionMakingOrg": EXPORT_LABELS["decision_making_organisation"].get(
                person["decision_making_organisation"] or ""
            ),
            "vic_MethodOfRecruitment": EXPORT_LABELS["method_of_recruitment"].get(
                person["method_of_recruitment"] or ""
            ),
            "vic_LocationOfRecruitment": person["location_of_recruitment"],
            "vic_MethodsOfControl": [
                EXPORT_LABELS["methods_of_control"][v] for v in person["methods_of_control"]
            ],
            "vic_TypeOfExploitation": sorted(
                {EXPORT_LABELS["exploitation"][v] for v in person["exploitation"]}
            ),
            "vic_LocationOfExploitation": person["location_of_exploitation"],
            "cas_Status": EXPORT_LABELS["status"][case.status],
            "cas_ReferringOrganisation": case.referring_organisation,
            "cas_IncomingReferralDate": case.incoming_referral_date,
            "tw_CaseId": case.case_id,
            "tw_PersonId": person["person_id"],
            "tw_CaseOpenedOn": case.opened_on,
            "tw_IdentifiedOn": person["identified_on"],
            "tw_IdentifiedOnPrecision": person["identified_on_precision"],
            "tw_Age": person["age"],
            "tw_AgeGroup": person["age_group"],
            "tw_OfficialComplicity": case.official_complicity,
        }


def export(connection: Connection, path: Path) -> int:
    """Write victims as an HTCDS Case Sheet CSV (``.csv``) or a JSON list of rows (``.json``)."""
    if path.suffix.lower() == ".json":
        rows = [{k: v for k, v in row.items() if v not in (None, [])} for row in export_rows(connection)]
        path.write_text(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
        return len(rows)
    return write_csv(path, list(COLUMNS), export_rows(connection))
