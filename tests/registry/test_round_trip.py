"""Export then import is the identity (issue 15, items 8, 12, 13): a folder written by ``registry export``
imports as it is; list items holding ';' (or a backslash) and texts that start like a spreadsheet formula
come back unchanged, in every table; identifiers with '/' are refused on the way in; exported text cells
never start like a formula."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any, get_args, get_origin

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import StringConstraints
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.registry import repository
from tipwatch.registry.interchange import export, import_files
from tipwatch.registry.records import RECORD_TYPES, Record, field_type
from tipwatch.store import open_database

from .conftest import small_records

runner = CliRunner()
TRICKY = [";", "\\", "\\;", "=", "+", "-", "@", "'", "''=", ";;", ",", '"', "[x]"]


def _is_text(annotation: Any, metadata: tuple[Any, ...]) -> bool:
    constraints = [m for m in metadata if isinstance(m, StringConstraints)]
    if get_origin(annotation) is not None and get_args(annotation):
        constraints += [
            m for m in getattr(annotation, "__metadata__", ()) if isinstance(m, StringConstraints)
        ]
    return annotation is str and bool(constraints) and constraints[0].pattern is None


def _text_fields(model: type[Record]) -> dict[str, bool]:
    """Free-text fields of ``model``: name -> whether it is a list."""
    fields: dict[str, bool] = {}
    for name, info in model.model_fields.items():
        annotation, metadata = field_type(info)
        if get_origin(annotation) is list:
            (inner,) = get_args(annotation)
            if get_origin(inner) is not None and _is_text(*get_args(inner)[:1], tuple(inner.__metadata__)):
                fields[name] = True
        elif _is_text(annotation, metadata):
            fields[name] = False
    return fields


TEXT_FIELDS = {table: _text_fields(model) for table, model in RECORD_TYPES.items()}
texts = (
    st.lists(
        st.sampled_from(TRICKY) | st.text(alphabet="ab ;\\=-'", min_size=1, max_size=6),
        min_size=1,
        max_size=4,
    )
    .map("".join)
    .filter(lambda text: text.strip() == text and bool(text))
)


def test_every_table_but_persons_has_free_text() -> None:
    assert {table for table, fields in TEXT_FIELDS.items() if fields} == set(RECORD_TYPES) - {"persons"}
    assert TEXT_FIELDS["meetings"] == {"attendees": True, "decisions": True}


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_csv_folder_export_then_import_is_the_identity(data: st.DataObject) -> None:
    records = []
    for record in small_records():
        values = record.model_dump()
        for name, is_list in TEXT_FIELDS[record.table].items():
            values[name] = data.draw(st.lists(texts, min_size=1, max_size=3) if is_list else texts)
        records.append(type(record).model_validate(values))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source, target = (
            open_database(f"sqlite:///{root / 'a.db'}"),
            open_database(f"sqlite:///{root / 'b.db'}"),
        )
        try:
            repository.add(source, records, "tester")
            export(source, root / "export")
            import_files(target, [root / "export"], "tester")
            for table in RECORD_TYPES:
                assert repository.list_records(target, table, limit=None) == repository.list_records(
                    source, table, limit=None
                ), table
        finally:
            source.dispose()
            target.dispose()


def test_the_cli_imports_the_folder_it_exported(tmp_path: Path) -> None:
    first, second = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    assert runner.invoke(app, ["registry", "synth", "--victims", "5", "--db", first]).exit_code == 0
    assert runner.invoke(app, ["registry", "export", str(tmp_path / "out"), "--db", first]).exit_code == 0
    result = runner.invoke(app, ["registry", "import", str(tmp_path / "out"), "--db", second])
    assert result.exit_code == 0, result.output
    (tmp_path / "out" / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(
        app, ["registry", "import", str(tmp_path / "out"), "--db", f"sqlite:///{tmp_path / 'c.db'}"]
    )
    assert result.exit_code == 2 and "notes.txt" in result.output


def test_an_identifier_with_a_slash_is_refused(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    result = runner.invoke(app, ["registry", "add", "cases", "case_id=MO/1", "--db", db])
    assert result.exit_code == 2 and "case_id" in result.output
    csv_file = tmp_path / "cases.csv"
    csv_file.write_text("case_id\nMO-1\nMO/2\n", encoding="utf-8")
    result = runner.invoke(app, ["registry", "import", str(csv_file), "--db", db])
    assert result.exit_code == 2 and f"{csv_file}:3" in result.output


def test_exported_text_cells_never_start_like_a_formula(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'r.db'}")
    owner = '=HYPERLINK("https://e.x","click")'
    try:
        repository.add(
            db,
            [
                RECORD_TYPES["cases"].model_validate({"case_id": "C1", "case_owner": owner}),
                RECORD_TYPES["cases"].model_validate({"case_id": "C2", "case_owner": "@SUM(A1)"}),
            ],
            "tester",
        )
        export(db, tmp_path / "out")
    finally:
        db.dispose()
    with (tmp_path / "out" / "cases.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            assert not row["case_owner"].startswith(("=", "+", "-", "@")), row
