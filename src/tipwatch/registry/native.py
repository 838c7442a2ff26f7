"""The registry's own exchange format, in HTCDS field names where HTCDS has them: one CSV file per table
(named after it: ``cases.csv``, ``persons.csv``…; lists ';'-joined) or one JSON document
``{"format": "tipwatch-registry", "version": 1, "cases": [...], "persons": [...], ...}``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError
from sqlalchemy import Connection

from tipwatch.datafile import LineIndex, dotted, parse_data_text
from tipwatch.inputfile import check_field_sizes, json_error_text, read_input_text
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.registry.bulk import BulkRows, NotPlain, read_chunks
from tipwatch.registry.csvfile import open_text, read_csv, write_csv
from tipwatch.registry.integrity import Batch, TableRows
from tipwatch.registry.reading import iter_records
from tipwatch.registry.records import RECORD_TYPES, FieldError, Record

FORMAT_NAME = "tipwatch-registry"
FORMAT_VERSION = 1
LINE_INDEX_LIMIT = 100_000  # bytes: larger JSON files are located by path (persons[12]), not line
MAX_PROBLEMS = 1000


def field_problems(exc: ValidationError, location: Location, path_prefix: str = "") -> list[Problem]:
    problems = []
    for item in exc.errors(include_url=False):
        parts = [p for p in item["loc"] if isinstance(p, str | int)]
        field_name = next((str(p) for p in parts if isinstance(p, str)), None)
        received = item.get("input")
        shown = repr(received) if not isinstance(received, dict | list) else type(received).__name__
        if item["type"] == "missing":
            code, message = ProblemCode.MISSING_FIELD, f"{dotted(parts)}: required field is missing"
        elif item["type"] == "extra_forbidden":
            code, message = (
                ProblemCode.UNKNOWN_FIELD,
                f"{dotted(parts)}: not a field of this table; remove it or check its spelling",
            )
        elif isinstance((error := item.get("ctx", {}).get("error")), FieldError):
            code, field_name = ProblemCode.INVALID_VALUE, error.field_name
            message = f"{field_name}: {error}"
        else:
            code = (
                ProblemCode.UNKNOWN_VALUE
                if item["type"] in ("enum", "literal_error")
                else ProblemCode.INVALID_VALUE
            )
            where = f"{dotted(parts)}: " if parts else ""
            message = f"{where}{item['msg'].removeprefix('Value error, ')} (received {shown})"
        path = f"{path_prefix}.{dotted(parts)}" if path_prefix and parts else (path_prefix or None)
        problems.append(
            Problem(code, message, location=Location(location.file, location.line, path, field_name))
        )
    return problems


def validated(
    model: type[Record], data: dict[str, Any], location: Location, problems: list[Problem]
) -> Record | None:
    """The record of ``data``, or None with every problem appended to ``problems``."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(field_problems(exc, location, location.path or ""))
        return None


def validate_into(
    batch: Batch, model: type[Record], data: dict[str, Any], location: Location, problems: list[Problem]
) -> None:
    if (record := validated(model, data, location, problems)) is not None:
        batch.add(record, location)


def table_for_file(path: Path, table: str | None) -> str:
    name = table or path.stem.lower().replace("-", "_")
    if name not in RECORD_TYPES:
        raise InputError(
            f"{path}: cannot tell which table this file holds",
            [
                Problem(
                    ProblemCode.UNKNOWN_TABLE,
                    f"{name!r} is not a registry table; name the file after one ({', '.join(RECORD_TYPES)}) or pass --table",
                    location=Location(str(path)),
                )
            ],
        )
    return name


class RowSink(Protocol):
    """Where a big import's rows go as they are read (see :class:`tipwatch.registry.writer.StreamedWrite`)."""

    def add(self, rows: TableRows) -> None: ...

    def discard(self) -> None: ...


def read_native_csv(
    path: Path, table: str | None, batch: Batch, problems: list[Problem], sink: RowSink | None = None
) -> None:
    """Read a table's CSV file into ``batch``; each chunk of rows the bulk reader accepts also goes to
    ``sink`` while no problem has been found (and ``sink`` is told if the careful reader takes over)."""
    name = table_for_file(path, table)
    model = RECORD_TYPES[name]
    source = str(path)
    accepted: list[tuple[dict[str, list[Any]], list[Location | int]]] = []
    try:
        for chunk in read_chunks(model, open_text(path)):
            rows = _accepted(model, chunk, source, problems)
            if rows is None:
                return
            if rows[1]:
                accepted.append(rows)
                if sink is not None and not problems:
                    sink.add(TableRows(model, *rows))
    except NotPlain:
        if sink is not None:
            sink.discard()
        fields = model.model_fields
        required = {key for key, info in fields.items() if info.is_required()}
        for row in read_csv(path, known=set(fields), required=required, problems=problems):
            validate_into(batch, model, row.values, Location(source, row.line), problems)
            if len(problems) >= MAX_PROBLEMS:
                return
        return
    for columns, lines in accepted:
        batch.extend(name, columns, lines, source)


def _accepted(
    model: type[Record], bulk: BulkRows, source: str, problems: list[Problem]
) -> tuple[dict[str, list[Any]], list[Location | int]] | None:
    """A chunk's rows that stand, as columns, with their lines: the rows the bulk reader did not accept
    as they are go through the record's model (which accepts them or reports every problem), in their
    place. None once there are too many problems to go on."""
    columns = bulk.columns
    kept = list(range(len(bulk)))
    if bulk.refused:
        dropped: set[int] = set()
        for row, cells in bulk.refused.items():
            record = validated(model, cells, Location(source, bulk.first + row + 2), problems)
            if record is None:
                dropped.add(row)
                if len(problems) >= MAX_PROBLEMS:
                    return None
                continue
            for name, values in columns.items():
                values[row] = record.__dict__[name]
        if dropped:
            kept = [row for row in kept if row not in dropped]
            columns = {name: [values[row] for row in kept] for name, values in columns.items()}
    lines: list[Location | int] = [bulk.first + row + 2 for row in kept]
    return columns, lines


def read_native_json(path: Path, batch: Batch, problems: list[Problem]) -> None:
    source = str(path)
    text = read_input_text(path, expected="a registry .json file")
    if len(text) <= LINE_INDEX_LIMIT:
        data, index = parse_data_text(text, source)
    else:
        try:
            data, index = json.loads(text), LineIndex()
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    ProblemCode.INVALID_SYNTAX,
                    f"{json_error_text(exc)}; the file may be cut short",
                    location=Location(source, exc.lineno),
                )
            )
            return
    check_field_sizes(data, source, index.line_of)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        problems.append(
            Problem(
                ProblemCode.WRONG_FORMAT,
                f'expected a JSON object with "format": "{FORMAT_NAME}"; for HTCDS or CTDC files pass --format',
                location=Location(source, 1),
            )
        )
        return
    _read_tables(data, index, source, batch, problems)


def _read_tables(
    data: dict[str, Any], index: LineIndex, source: str, batch: Batch, problems: list[Problem]
) -> None:
    """Validate each table's records into ``batch``; unknown tables and non-list tables are problems."""
    for key in data:
        if key not in RECORD_TYPES and key not in ("format", "version", "exported_at"):
            problems.append(
                Problem(
                    ProblemCode.UNKNOWN_TABLE,
                    f"{key!r} is not a registry table",
                    location=Location(source, index.line_of([key]), key),
                )
            )
    for name, model in RECORD_TYPES.items():
        items = data.get(name) or []
        if not isinstance(items, list):
            problems.append(
                Problem(
                    ProblemCode.INVALID_VALUE,
                    f"{name} must be a list of records",
                    location=Location(source, index.line_of([name]), name),
                )
            )
            continue
        for position, item in enumerate(items):
            location = Location(source, index.line_of([name, position]), f"{name}[{position}]")
            if not isinstance(item, dict):
                problems.append(
                    Problem(
                        ProblemCode.INVALID_VALUE,
                        "expected an object with the record's fields",
                        location=location,
                    )
                )
                continue
            validate_into(batch, model, item, location, problems)
            if len(problems) >= MAX_PROBLEMS:
                return


def export_native_json(
    connection: Connection, path: Path, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    with path.open("w", encoding="utf-8") as handle:
        handle.write(f'{{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}')
        for name in RECORD_TYPES:
            handle.write(f',\n "{name}": [')
            count = 0
            for record in iter_records(connection, name):
                handle.write(
                    ("," if count else "") + "\n  " + json.dumps(record, ensure_ascii=False, default=str)
                )
                count += 1
            handle.write("\n ]" if count else "]")
            counts[name] = count
            if progress:
                progress(name, count)
        handle.write("\n}\n")
    return counts


def export_native_csv(
    connection: Connection, folder: Path, *, progress: Callable[[str, int], None] | None = None
) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, model in RECORD_TYPES.items():
        counts[name] = write_csv(
            folder / f"{name}.csv", list(model.model_fields), iter_records(connection, name)
        )
        if progress:
            progress(name, counts[name])
    return counts
