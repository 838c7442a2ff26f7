"""The victim-level condensed columns of IOM's Counter-Trafficking Data Collaborative (CTDC), as in its
Global Victim-Perpetrator Synthetic Dataset. One row is one victim; the registry makes a case for each.

What maps: ``gender`` (Female/Male), ``majorityStatus`` (Adult/Minor), ``isForcedLabour``,
``isSexualExploit``, and ``yearRegister`` where it is one year (``2019``): the victim's identification date
is then that year, stored as its 1st of January with precision ``year`` (calendar-year statistics count
it; months, quarters and reporting periods cannot place it, see :mod:`tipwatch.evidence.precision`). What
does not, and is reported: ``yearRegister`` as a band of years (``2014-2018``: no date is stored, so no
period counts the victim), the UN regions of origin and exploitation (the registry records countries),
and the ``IP_*`` perpetrator columns. A blank cell means "not recorded", never "no".
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from tipwatch.evidence.precision import DatePrecision
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import Location, Problem
from tipwatch.registry.csvfile import read_csv, write_csv
from tipwatch.registry.integrity import Batch
from tipwatch.registry.native import validate_into
from tipwatch.registry.reading import iter_records
from tipwatch.registry.records import CaseRecord, PersonRecord
from tipwatch.registry.tables import TABLES

COLUMNS = (
    "yearRegister",
    "gender",
    "majorityStatus",
    "isForcedLabour",
    "isSexualExploit",
    "UN_COO_Region",
    "UN_COE_Region",
    "IP_Exploiter",
    "IP_Gender",
    "IP_ageBroad",
    "IP_citizen_UNRegion",
    "IP_Relation",
    "IP_PayMoney",
    "IP_RecruiterBroker",
    "IP_TransactionProcess",
    "IP_ControlAbuseKidnap",
)
NOT_STORED = COLUMNS[5:]
GENDER = {"Female": "feminine", "Male": "masculine"}
MAJORITY = {"Adult": "adult", "Minor": "child"}
YEAR_BANDS = ((2005, 2013), (2014, 2018), (2019, 2019), (2020, 2020), (2021, 2022))


def _coded(
    mapping: dict[str, str], column: str, value: str | None, location: Location, problems: list[Problem]
) -> str | None:
    if value is None:
        return None
    if value not in mapping:
        problems.append(
            Problem(
                ProblemCode.UNKNOWN_VALUE,
                f"{column}: received {value!r}; expected one of {', '.join(mapping)} or blank",
                location=Location(location.file, location.line, field=column),
            )
        )
    return mapping.get(value)


def _flag(column: str, value: str | None, location: Location, problems: list[Problem]) -> bool:
    if value not in (None, "1", "0"):
        problems.append(
            Problem(
                ProblemCode.UNKNOWN_VALUE,
                f"{column}: received {value!r}; expected 1, 0 or blank",
                location=Location(location.file, location.line, field=column),
            )
        )
    return value == "1"


def _registered(value: str | None, location: Location, problems: list[Problem]) -> tuple[date | None, bool]:
    """``yearRegister`` as a year-level date (its 1st of January), or None and whether it was a band."""
    if value is None:
        return None, False
    first, _, last = value.partition("-")
    if first.isdigit() and len(first) == 4 and (not last or (last.isdigit() and len(last) == 4)):
        if not last or last == first:
            return date(int(first), 1, 1), False
        if int(last) > int(first):
            return None, True
    problems.append(
        Problem(
            ProblemCode.INVALID_VALUE,
            f"yearRegister: received {value!r}; expected a year (2019), a band of years (2014-2018) or blank",
            location=Location(location.file, location.line, field="yearRegister"),
        )
    )
    return None, False


def read(path: Path, batch: Batch, problems: list[Problem], prefix: str | None = None) -> list[str]:
    """Read a CTDC condensed CSV; one case and one victim per row, identifiers ``CTDC-<file>-<line>``."""
    source = str(path)
    stem = prefix or path.stem
    notes: Counter[str] = Counter()
    for row in read_csv(path, known=set(COLUMNS), required={"gender", "majorityStatus"}, problems=problems):
        values = row.values
        location = Location(source, row.line)
        before = len(problems)
        gender = _coded(GENDER, "gender", values.get("gender"), location, problems)
        age_group = _coded(MAJORITY, "majorityStatus", values.get("majorityStatus"), location, problems)
        forms = [
            form
            for form, column in (("forced_labour", "isForcedLabour"), ("sexual", "isSexualExploit"))
            if _flag(column, values.get(column), location, problems)
        ]
        registered, band = _registered(values.get("yearRegister"), location, problems)
        notes.update(f"{column} not stored" for column in NOT_STORED if column in values)
        if band:
            notes["yearRegister a band of years (such as 2014-2018), not stored as a date"] += 1
        if len(problems) > before:
            continue
        case_id = f"CTDC-{stem}-{row.line}"
        case: dict[str, Any] = {"case_id": case_id, "status": "closed"}
        person: dict[str, Any] = {
            "person_id": f"{case_id}-V1",
            "case_id": case_id,
            "role": "victim",
            "trafficking_status": "actual",
            "gender": gender,
            "age_group": age_group,
            "exploitation": forms,
            "identified_on": registered,
            "identified_on_precision": DatePrecision.YEAR if registered else DatePrecision.DAY,
        }
        validate_into(batch, CaseRecord, case, location, problems)
        validate_into(batch, PersonRecord, person, location, problems)
    return [f"{text} ({count} row(s))" for text, count in sorted(notes.items())]


def year_band(year: int | None) -> str | None:
    if year is None:
        return None
    for first, last in YEAR_BANDS:
        if first <= year <= last:
            return str(first) if first == last else f"{first}-{last}"
    return str(year)


def export_rows(connection: Connection) -> Any:
    genders = {value: label for label, value in GENDER.items()}
    majority = {value: label for label, value in MAJORITY.items()}
    for person in iter_records(connection, "persons", where=TABLES["persons"].c.role == "victim"):
        identified = person["identified_on"]
        yield {
            "yearRegister": year_band(identified.year if identified else None),
            "gender": genders.get(person["gender"] or ""),
            "majorityStatus": majority.get(person["age_group"] or ""),
            "isForcedLabour": "1" if "forced_labour" in person["exploitation"] else None,
            "isSexualExploit": "1" if "sexual" in person["exploitation"] else None,
        }


def export(connection: Connection, path: Path) -> int:
    """Victims as CTDC condensed rows; the region and perpetrator columns are left blank."""
    return write_csv(path, list(COLUMNS), export_rows(connection))
