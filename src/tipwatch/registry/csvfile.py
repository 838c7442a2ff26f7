"""Read CSV files so that every problem names file, line and column: malformed rows (wrong number of
fields, unclosed quotes), a truncated last line, unknown and missing columns."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tipwatch.inputfile import csv_error, read_input_text
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import Location, Problem
from tipwatch.registry.records import join_list


@dataclass(frozen=True)
class CsvRow:
    line: int
    values: dict[str, str]


def open_text(path: Path) -> str:
    """The text of a CSV file, read by the one reader (:mod:`tipwatch.inputfile`)."""
    return read_input_text(path, expected="a CSV file")


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
        problems.extend(csv_error(exc, source, 1).problems)
        return
    header = [name.strip() for name in header]
    header_problems = _header_problems(header, known, required, source)
    if header_problems:
        problems.extend(header_problems)
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
            problems.extend(csv_error(exc, source, reader.line_num).problems)
            return
        line = reader.line_num
        if not fields or (len(fields) == 1 and not fields[0].strip() and width > 1):
            continue
        if len(fields) != width:
            problems.append(
                _width_problem(len(fields), width, Location(source, line), line >= last_line, text)
            )
            continue
        yield CsvRow(
            line,
            {name: unguard_formula(value) for name, value in zip(header, fields, strict=True) if value != ""},
        )


def _header_problems(header: list[str], known: set[str], required: set[str], source: str) -> list[Problem]:
    """Unknown, missing and repeated columns of the header row."""
    problems = [
        Problem(
            ProblemCode.UNKNOWN_COLUMN,
            f"column {name!r} is not a field of this table; expected some of: {', '.join(sorted(known))}",
            location=Location(source, 1, field=name),
        )
        for name in header
        if name not in known
    ]
    problems += [
        Problem(
            ProblemCode.MISSING_COLUMN,
            f"required column {name!r} is missing",
            location=Location(source, 1, field=name),
        )
        for name in sorted(required - set(header))
    ]
    problems += [
        Problem(
            ProblemCode.DUPLICATE_COLUMN,
            f"column {name!r} appears more than once",
            location=Location(source, 1, field=name),
        )
        for name in sorted({name for name in header if header.count(name) > 1})
    ]
    return problems


def _width_problem(got: int, width: int, location: Location, on_last_line: bool, text: str) -> Problem:
    """A row with the wrong number of fields: a file cut short when it is the last, unended, short row."""
    if on_last_line and not text.endswith(("\n", "\r")) and got < width:
        return Problem(
            ProblemCode.TRUNCATED_FILE,
            f"the last row has {got} of {width} fields and no line end: the file was cut short; export it again",
            location=location,
        )
    return Problem(
        ProblemCode.MALFORMED_ROW,
        f"row has {got} fields, the header has {width}; check commas and quotes",
        location=location,
    )


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
        return guard_formula(join_list(value))
    if isinstance(value, str):
        return guard_formula(value)
    return str(value)


_FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""A cell a spreadsheet reads as a formula (OWASP "CSV injection"), after any apostrophes."""


def guard_formula(text: str) -> str:
    """A text cell a spreadsheet will not run: one that starts like a formula, after any apostrophes,
    gets one more leading ``'`` (so that :func:`unguard_formula` gives every text back as it was)."""
    return "'" + text if _FORMULA.match(text) else text


def unguard_formula(text: str) -> str:
    """The text :func:`guard_formula` was given."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text
