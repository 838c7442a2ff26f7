"""The bulk reader (the fast path of a big CSV import) against the records' pydantic models: every row it
accepts, the model accepts with the same values; every row it refuses goes to the model, so a file's
import reads exactly as if every row had been validated one record at a time."""

from __future__ import annotations

import csv
import io
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from tipwatch.problems import Location, Problem
from tipwatch.registry.bulk import INVALID, compiled, read_rows
from tipwatch.registry.csvfile import read_csv, unguard_formula
from tipwatch.registry.integrity import Batch
from tipwatch.registry.native import read_native_csv, validate_into
from tipwatch.registry.records import RECORD_TYPES, Record, field_type

# Texts a cell may hold: good values of every kind and the near misses a person or a spreadsheet makes.
TEXTS = [
    *["", " ", "x", "X-1", "C-000001", "P-1", " P-1", "P-1 ", "p.1:2/3-4", "-P", "P" * 64, "P" * 65],
    *["2024-05-01", "2024-5-1", "20240501", "2024-02-30", "1949-12-31", "1950-01-01", "2999-01-01"],
    *["2024-05-01T00:00:00", " 2024-05-01", "２０２４-05-01"],
    *["MO", "mo", "VN", " VN", "XK", "ZZ", "Macao"],
    *[
        "0",
        "1",
        "17",
        "18",
        "110",
        "111",
        "-1",
        "007",
        "1.0",
        "1e3",
        " 5",
        "٣",
        "1_000",
        "999999999999",
        "2024",
        "2000",
    ],
    *["true", "false", "True", "yes", "no", "1 ", "t"],
    *["victim", "suspect", "witness", "Victim", "feminine", "adult", "child", "actual", "possible"],
    *["sexual", "forced_labour", "sexual;forced_labour", "sexual;", ";sexual", "sexual; forced_labour"],
    *["threats", "debt_bondage;threats", "investigation_opened", "prosecution_initiated", "conviction"],
    *["sentence", "appeal", "acquittal", "shelter", "medical", "open", "done", "in_progress", "internal"],
    *["tip_report", "labour_inspection", "victims_identified", "no_indicators", "active", "closed"],
    *["NGO shelter", "a" * 200, "a" * 201, "text\u00a0", "\u2003text", "café", "ok\x1f", "b" * 4000],
    *["Ann;Bo", "Ann; Bo", "withholding_of_wages;retention_of_identity_documents"],
]


CODES = sorted(
    {
        str(member.value)
        for model in RECORD_TYPES.values()
        for info in model.model_fields.values()
        for kind in [field_type(info)[0], *getattr(field_type(info)[0], "__args__", ())]
        if isinstance(kind, type) and issubclass(kind, Enum)
        for member in kind
    }
)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@st.composite
def table_rows(draw: st.DrawFn) -> tuple[type[Record], list[str], list[list[str]]]:
    model = draw(st.sampled_from(list(RECORD_TYPES.values())))
    fields = list(model.model_fields)
    required = [name for name, info in model.model_fields.items() if info.is_required()]
    optional = [name for name in fields if name not in required]
    header = required + draw(st.lists(st.sampled_from(optional), unique=True))
    table = compiled(model)
    good, mixed = [], []
    for name in header:
        convert, _ = table.converters[table.names.index(name)]
        # Texts this field's converter takes, so that many rows take the fast path; and near misses
        taken = st.sampled_from(
            [text for text in TEXTS + CODES if text and convert(text) is not INVALID] or TEXTS
        )
        good.append(taken)
        mixed.append(st.one_of(taken, st.sampled_from(TEXTS), st.text(max_size=12)))
    row = st.one_of(st.tuples(*good), st.tuples(*mixed)).map(list)
    rows = draw(st.lists(row, max_size=8))
    return model, header, rows


@given(table_rows())
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_row_the_bulk_reader_accepts_the_model_accepts_alike(
    case: tuple[type[Record], list[str], list[list[str]]],
) -> None:
    model, header, rows = case
    text = _csv(header, rows)
    bulk = read_rows(model, text)
    if bulk is None:  # not a plain file (a cell held a line break or quote the writer escaped)
        return
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]  # the cells as the file holds them
    # ... read as the CSV reader reads them: a formula guard ("'=") taken off, as for every import
    assert len(bulk) == len(rows)
    event(f"rows the fast path took: {min(len(rows) - len(bulk.refused), 3)}+")
    for index, row in enumerate(rows):
        cells = {name: unguard_formula(value) for name, value in zip(header, row, strict=True) if value != ""}
        if index in bulk.refused:
            assert bulk.refused[index] == cells
            continue
        record = model.model_validate(cells)  # raises if the bulk reader accepted what the model refuses
        got = {name: column[index] for name, column in bulk.columns.items()}
        assert got == record.__dict__
        assert {name: type(value) for name, value in got.items()} == {
            name: type(value) for name, value in record.__dict__.items()
        }


def test_the_fast_path_takes_a_typical_row_and_refuses_a_near_miss() -> None:
    """Guards the property above against a reader that refuses everything (which would pass it)."""
    model = RECORD_TYPES["persons"]
    header = ["person_id", "case_id", "role", "gender", "citizenship", "age", "identified_on", "exploitation"]
    good = ["P-1", "C-1", "victim", "feminine", "VN", "23", "2024-05-01", "sexual;forced_labour"]
    near = ["P-2", "C-1", "victim", "feminine", "vn", "23", "2024-05-01", "sexual"]
    bulk = read_rows(model, _csv(header, [good, near]))
    assert bulk is not None
    assert list(bulk.refused) == [1]
    assert bulk.columns["age_group"][0] == "adult"
    assert bulk.columns["exploitation"][0] == ["sexual", "forced_labour"]
    assert model.model_validate(bulk.refused[1]).citizenship == "VN"  # the model still takes it


def test_every_field_of_every_table_has_a_bulk_converter() -> None:
    for model in RECORD_TYPES.values():
        table = compiled(model)
        assert table.names == tuple(model.model_fields)


@given(table_rows())
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_a_file_reads_the_same_through_either_reader(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[type[Record], list[str], list[list[str]]]
) -> None:
    """The whole file: the batch and the problems of the native reader equal those of validating each
    row with the model (what the careful reader does)."""
    model, header, rows = case
    path = tmp_path_factory.mktemp("bulk") / f"{model.table}.csv"
    path.write_text(_csv(header, rows), encoding="utf-8")
    fast, fast_problems = Batch(), list[Problem]()
    read_native_csv(path, None, fast, fast_problems)
    slow, slow_problems = _careful(path, model)
    assert fast_problems == slow_problems
    assert _table(fast, model.table) == _table(slow, model.table)


def _careful(path: Path, model: type[Record]) -> tuple[Batch, list[Problem]]:
    """``path`` read by the careful reader, each row validated by the model (the reference path)."""
    batch, problems = Batch(), list[Problem]()
    fields = model.model_fields
    required = {name for name, info in fields.items() if info.is_required()}
    for row in read_csv(path, known=set(fields), required=required, problems=problems):
        validate_into(batch, model, row.values, Location(str(path), row.line), problems)
    return batch, problems


def _table(batch: Batch, table: str) -> dict[str, Any]:
    rows = batch.rows(table)
    if rows is None:
        return {}
    return {"columns": rows.columns, "where": [rows.location(i) for i in range(len(rows))]}


def test_a_refused_row_reports_exactly_what_the_model_reports(tmp_path: Path) -> None:
    path = tmp_path / "persons.csv"
    path.write_text("person_id,case_id,role,age\nP-1,C-1,victim,200\nP-2,C-1,boss,20\n", encoding="utf-8")
    batch, problems = Batch(), list[Problem]()
    read_native_csv(path, None, batch, problems)
    expected = []
    for line, cells in (
        (2, {"person_id": "P-1", "case_id": "C-1", "role": "victim", "age": "200"}),
        (3, {"person_id": "P-2", "case_id": "C-1", "role": "boss", "age": "20"}),
    ):
        with pytest.raises(ValidationError):
            RECORD_TYPES["persons"].model_validate(cells)
        validate_into(Batch(), RECORD_TYPES["persons"], cells, Location(str(path), line), expected)
    assert problems == expected and len(problems) == 2
    assert [p.location.line for p in problems] == [2, 3]
    assert [p.location.field for p in problems] == ["age", "role"]
    assert batch.rows("persons") is None


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\x1c", "\x0c"])
def test_a_cell_may_hold_characters_that_python_counts_as_line_breaks(tmp_path: Path, separator: str) -> None:
    """Only CR and LF end a CSV line: a provider named with U+0085 or U+2028 is one cell of one row."""
    path = tmp_path / "cases.csv"
    path.write_text(f"case_id,case_owner\nC-1,Unit{separator}A\nC-2,B\n", encoding="utf-8")
    bulk = read_rows(RECORD_TYPES["cases"], path.read_text(encoding="utf-8"))
    assert bulk is not None and len(bulk) == 2
    batch, problems = _careful(path, RECORD_TYPES["cases"])
    assert problems == []
    rows = batch.rows("cases")
    assert rows is not None and rows.keys == ["C-1", "C-2"]
    assert [rows.location(i).line for i in range(2)] == [2, 3]
