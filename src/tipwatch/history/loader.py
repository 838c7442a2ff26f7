"""Read and validate the tier record CSV: every bad row is reported with file, line and field, and a
file with any error loads nothing."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

import pycountry

from tipwatch.datafile import read_text_file
from tipwatch.evidence import Tier
from tipwatch.history.record import Placement, TierRecord, YearCoverage
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

COLUMNS = ("jurisdiction", "iso3", "report_year", "tier", "source")
FIRST_REPORT_YEAR = 2001
#: ISO codes that are not current ISO 3166-1 but that the record uses (see the data's SOURCES.md).
NON_STANDARD_CODES = {
    "XKX": "Kosovo (user-assigned code)",
    "ANT": "Netherlands Antilles (withdrawn 2010)",
    "SCG": "Serbia and Montenegro (withdrawn 2006; one ranked entity in the 2003-2006 reports)",
}
_ISO3 = re.compile(r"^[A-Z]{3}$")
_TIERS = {tier.value for tier in Tier}


def _known_iso3(code: str) -> bool:
    return code in NON_STANDARD_CODES or pycountry.countries.get(alpha_3=code) is not None


def _check_row(
    row: dict[str, str], line: int, source: str, last_year: int
) -> tuple[Placement | None, list[Problem]]:
    problems: list[Problem] = []

    def problem(code: str, field: str, message: str) -> None:
        problems.append(Problem(code, message, location=Location(source, line, field=field)))

    name = (row.get("jurisdiction") or "").strip()
    iso3 = (row.get("iso3") or "").strip()
    year_text = (row.get("report_year") or "").strip()
    tier_text = (row.get("tier") or "").strip()
    if not name:
        problem(
            ProblemCode.MISSING_VALUE,
            "jurisdiction",
            "jurisdiction is empty; give the name as the report spells it",
        )
    if not _ISO3.match(iso3):
        problem(
            ProblemCode.INVALID_ISO3,
            "iso3",
            f"received {iso3!r}; expected three capital letters (ISO 3166-1 alpha-3)",
        )
    elif not _known_iso3(iso3):
        problem(
            ProblemCode.UNKNOWN_ISO3,
            "iso3",
            f"received {iso3!r}, which is not an ISO 3166-1 alpha-3 code; fix the code "
            f"(non-standard codes accepted: {', '.join(NON_STANDARD_CODES)})",
        )
    year: int | None = None
    if not year_text.isdigit():
        problem(
            ProblemCode.INVALID_YEAR, "report_year", f"received {year_text!r}; expected a year such as 2019"
        )
    else:
        year = int(year_text)
        if not FIRST_REPORT_YEAR <= year <= last_year:
            problem(
                ProblemCode.YEAR_OUT_OF_RANGE,
                "report_year",
                f"received {year}; expected a report year from {FIRST_REPORT_YEAR} (the first TIP Report) to {last_year}",
            )
    if tier_text not in _TIERS:
        problem(
            ProblemCode.UNKNOWN_TIER,
            "tier",
            f"received {tier_text!r}; expected one of {', '.join(sorted(_TIERS))}",
        )
    if problems or year is None:
        return None, problems
    return Placement(name, iso3, year, Tier(tier_text), (row.get("source") or "").strip()), problems


def parse_tier_csv(text: str, source: str, last_year: int | None = None) -> tuple[Placement, ...]:
    """Every placement in a tier CSV, or :class:`InputError` listing every problem in the file."""
    last_year = last_year or date.today().year
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    missing = [c for c in COLUMNS[:4] if c not in header]
    if missing:
        raise InputError(
            f"{source}: not a tier record",
            [
                Problem(
                    ProblemCode.MISSING_COLUMN,
                    f"the header lacks {', '.join(missing)}; expected columns {', '.join(COLUMNS)}",
                    location=Location(source, 1, field=missing[0]),
                )
            ],
        )
    placements: list[Placement] = []
    problems: list[Problem] = []
    first_line: dict[tuple[str, int], int] = {}
    names_of: dict[str, tuple[str, int]] = {}
    for row in reader:
        line = reader.line_num
        placement, row_problems = _check_row(row, line, source, last_year)
        problems += row_problems
        if placement is None:
            continue
        key = (placement.iso3, placement.report_year)
        if key in first_line:
            problems.append(
                Problem(
                    ProblemCode.DUPLICATE_PLACEMENT,
                    f"{placement.jurisdiction} ({placement.iso3}) {placement.report_year} is already placed on "
                    f"line {first_line[key]}; keep one row per jurisdiction and report year",
                    location=Location(source, line, field="report_year"),
                )
            )
            continue
        first_line[key] = line
        known = names_of.setdefault(placement.iso3, (placement.jurisdiction, line))
        if known[0] != placement.jurisdiction:
            problems.append(
                Problem(
                    ProblemCode.INCONSISTENT_NAME,
                    f"{placement.iso3} is {placement.jurisdiction!r} here but {known[0]!r} on line {known[1]}; "
                    "use one spelling per jurisdiction",
                    location=Location(source, line, field="jurisdiction"),
                )
            )
            continue
        placements.append(placement)
    if problems:
        raise InputError(f"{source}: {len(problems)} problem(s); nothing was loaded", problems)
    if not placements:
        raise InputError(
            f"{source}: no placements",
            [Problem(ProblemCode.EMPTY_FILE, "the file has no rows", location=Location(source))],
        )
    return tuple(placements)


def parse_coverage_csv(text: str, source: str) -> tuple[YearCoverage, ...]:
    """The per-year completeness table (``published_totals.csv``)."""
    rows: list[YearCoverage] = []
    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        year, total, complete = (
            row.get("report_year", ""),
            row.get("published_total", ""),
            row.get("complete", ""),
        )
        if (
            not year.isdigit()
            or (total and not total.isdigit())
            or complete not in {"yes", "near", "no", "unverified"}
        ):
            problems.append(
                Problem(
                    ProblemCode.INVALID_COVERAGE_ROW,
                    f"expected report_year, complete (yes/near/no/unverified), published_total (a count or empty); received {row}",
                    location=Location(source, reader.line_num),
                )
            )
            continue
        rows.append(YearCoverage(int(year), complete, int(total) if total else None, row.get("note", "")))
    if problems:
        raise InputError(f"{source}: {len(problems)} problem(s)", problems)
    return tuple(rows)


def load_record_file(path: Path, coverage: tuple[YearCoverage, ...] | None = None) -> TierRecord:
    """A tier record from a CSV file; the bundled coverage table unless one is given."""
    text = read_text_file(path)
    return TierRecord(parse_tier_csv(text, str(path)), bundled_coverage() if coverage is None else coverage)


def _bundled_text(name: str) -> tuple[str, str]:
    resource = resources.files("tipwatch") / "data" / "tiers" / name
    return resource.read_text(encoding="utf-8"), f"tipwatch/data/tiers/{name}"


@cache
def bundled_coverage() -> tuple[YearCoverage, ...]:
    return parse_coverage_csv(*_bundled_text("published_totals.csv"))


@cache
def load_bundled_record() -> TierRecord:
    """The tier record bundled with tipwatch (TIP Reports 2001-2025)."""
    return TierRecord(parse_tier_csv(*_bundled_text("tip_tiers.csv")), bundled_coverage())
