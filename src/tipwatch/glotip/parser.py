"""Read the UNODC GLOTIP country data CSV into figures; every bad row is reported with file, line and
field, and a file with any error yields nothing."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from tipwatch.glotip.values import Count, parse_count
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

COLUMNS = {
    "iso3": "Iso3_code",
    "country": "Country",
    "indicator": "Indicator",
    "dimension": "Dimension",
    "category": "Category",
    "sex": "Sex",
    "age": "Age",
    "year": "Year",
    "value": "txtVALUE",
}
BUNDLED = "glotip_2025-04-14.csv.gz"


@dataclass(frozen=True, slots=True)
class GlotipFigure:
    """One cell of the GLOTIP data: an indicator for one country, calendar year and breakdown. ``iso3``
    is empty for a place without an ISO code (Sark)."""

    iso3: str
    country: str
    indicator: str
    dimension: str
    category: str
    sex: str
    age: str
    year: int
    value: Count
    text: str

    @property
    def is_total(self) -> bool:
        return self.sex == "Total" and self.age == "Total"


def parse_glotip_csv(text: str, source: str) -> tuple[GlotipFigure, ...]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS.values() if column not in (reader.fieldnames or ())]
    if missing:
        raise InputError(
            f"{source}: not GLOTIP country data",
            [
                Problem(
                    ProblemCode.MISSING_COLUMN,
                    f"the header lacks {', '.join(missing)}; expected {', '.join(COLUMNS.values())}",
                    location=Location(source, 1, field=missing[0]),
                )
            ],
        )
    figures: list[GlotipFigure] = []
    problems: list[Problem] = []
    for row in reader:
        values = {key: (row.get(column) or "").strip() for key, column in COLUMNS.items()}
        result = _figure(values, source, reader.line_num)
        if isinstance(result, Problem):
            problems.append(result)
        else:
            figures.append(result)
    if problems:
        raise InputError(f"{source}: {len(problems)} problem(s); nothing was loaded", problems)
    return tuple(figures)


def _figure(values: dict[str, str], source: str, line: int) -> GlotipFigure | Problem:
    """One row's figure, or the first problem of the row (count, then year, then ISO code)."""
    try:
        count = parse_count(values["value"])
    except ValueError as exc:
        return Problem(
            ProblemCode.INVALID_COUNT,
            str(exc),
            location=Location(source, line, field=COLUMNS["value"]),
        )
    if not values["year"].isdigit():
        return Problem(
            ProblemCode.INVALID_YEAR,
            f"received {values['year']!r}; expected a calendar year such as 2019",
            location=Location(source, line, field=COLUMNS["year"]),
        )
    if len(values["iso3"]) not in (0, 3):  # Sark has no ISO code and an empty one in the export
        return Problem(
            ProblemCode.INVALID_ISO3,
            f"received {values['iso3']!r}; expected an ISO 3166-1 alpha-3 code (or empty for a place without one)",
            location=Location(source, line, field=COLUMNS["iso3"]),
        )
    return GlotipFigure(
        iso3=values["iso3"],
        country=values["country"],
        indicator=values["indicator"],
        dimension=values["dimension"],
        category=values["category"],
        sex=values["sex"],
        age=values["age"],
        year=int(values["year"]),
        value=count,
        text=values["value"],
    )


def load_glotip_file(path: Path) -> tuple[GlotipFigure, ...]:
    """GLOTIP figures from a CSV file (``.csv`` or gzip-compressed ``.csv.gz``)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    try:
        text = (gzip.decompress(raw) if path.suffix == ".gz" else raw).decode("utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        raise InputError(
            f"{path}: not UTF-8 CSV text",
            [
                Problem(
                    ProblemCode.NOT_UTF_8, f"{exc}; save the file as UTF-8 CSV", location=Location(str(path))
                )
            ],
        ) from exc
    return parse_glotip_csv(text, str(path))


@cache
def load_bundled_glotip() -> tuple[GlotipFigure, ...]:
    """The GLOTIP export of 14 April 2025 bundled with tipwatch."""
    data = (resources.files("tipwatch") / "data" / "glotip" / BUNDLED).read_bytes()
    return parse_glotip_csv(gzip.decompress(data).decode("utf-8"), f"tipwatch/data/glotip/{BUNDLED}")
