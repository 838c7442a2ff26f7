"""Read CSV files so that every problem names file, line and column: malformed rows (wrong number of
fields, unclosed quotes), a truncated last line, unknown and missing columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]


def open_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: not UTF-8 text",
            [
                Problem(
                    ProblemCode.NOT_UTF_8,
                    f"byte {exc.start} is not UTF-8; save the file as UTF-8",
                    location=Location(str(path)),
                )
            ],
        ) from exc


_OTHER_LINE_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029")


def csv_lines(text: str) -> list[str]:
    """The lines of a CSV text, ends kept, broken only at CR, LF and CRLF (``str.splitlines`` would also
    break at characters such as U+0085 or U+2028, which a cell may hold)."""
    if any(mark in text for mark in _OTHER_LINE_BREAKS):
        return io.StringIO(text, newline="").readlines()
    return text.splitlines(keepends=True)  # the same lines, faster


def read_csv(
    path: Path,
    *,
    known: set[str],
    required: set[str],
    problems: list[Problem],
) -> Iterator[CsvRow]:
    """Yield the rows of ``path`` as column -> text (empty cells left out). Problems are appended to
    ``problems``; rows that cannot be read are skipped after their problem is recorded."""
    text = open_text(path)
    source = str(path)
    reader = csv.reader(csv_lines(text), strict=True)
    try:
        header = next(reader)
    except StopIteration:
        problems.append(
            Problem(
                ProblemCode.EMPTY_FILE,
                "the file is empty; expected a header row",
                location=Location(source, 1),
            )
        )
        return
    except csv.Error as exc:
        problems.append(Problem(ProblemCode.MALFORMED_CSV, f"header: {exc}", location=Location(source, 1)))
        return
    header = [name.strip() for name in header]
    unknown = [name for name in header if name not in known]
    for name in unknown:
        problems.append(
            Problem(
                ProblemCode.UNKNOWN_COLUMN,
                f"column {name!r} is not a field of this table; expected some of: {', '.join(sorted(known))}",
                location=Location(source, 1, field=name),
            )
        )
    for name in sorted(required - set(header)):
        problems.append(
            Problem(
                ProblemCode.MISSING_COLUMN,
                f"required column {name!r} is missing",
                location=Location(source, 1, field=name),
            )
        )
    duplicates = {name for name in header if header.count(name) > 1}
    for name in sorted(duplicates):
        problems.append(
            Problem(
                ProblemCode.DUPLICATE_COLUMN,
                f"column {name!r} appears more than once",
                location=Location(source, 1, field=name),
            )
        )
    if unknown or required - set(header) or duplicates:
        return
    width = len(header)
    ends_with_newline = text.endswith(("\n", "\r"))
    last_line = text.count("\n") + (0 if ends_with_newline else 1)
    line = 1
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(
                Problem(
                    ProblemCode.MALFORMED_CSV,
                    f"{exc}; check the quoting of this row",
                    location=Location(source, reader.line_num),
                )
            )
            return
        line = reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip() and width > 1):
            continue
        if len(fields) != width:
            truncated = line >= last_line and not ends_with_newline and len(fields) < width
            problems.append(
                Problem(
                    ProblemCode.TRUNCATED_FILE if truncated else ProblemCode.MALFORMED_ROW,
                    (
                        f"the last row has {len(fields)} of {width} fields and no line end: the file was cut "
                        "short; export it again"
                        if truncated
                        else f"row has {len(fields)} fields, the header has {width}; check commas and quotes"
                    ),
                    location=Location(source, line),
                )
            )
            continue
        yield CsvRow(line, {name: value for name, value in zip(header, fields, strict=True) if value != ""})


def write_csv(path: Path, columns: list[str], rows: Iterator[dict[str, object]]) -> int:
    """Write rows (lists joined with ';', booleans as true/false, None as empty); returns the count."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(column)) for column in columns])
            count += 1
    return count


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)
