"""A big import into a SQLite file is written by another process while it is read and checked: it must
write exactly what the one-process import writes, and on any problem leave the database as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tipwatch.problems import InputError
from tipwatch.registry import bulk, interchange, repository
from tipwatch.registry.interchange import Format, export, import_files
from tipwatch.registry.reading import iter_records
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.synth import SynthOptions, load
from tipwatch.registry.writer import StreamedWrite
from tipwatch.store import Database, open_database, sqlite_writer
from tipwatch.store.sqlite_writer import RemoteTransaction

from .conftest import row_counts


@pytest.fixture
def registry_files(tmp_path: Path) -> list[Path]:
    """A synthetic registry exported as the registry's CSV files (one per table)."""
    source = open_database(f"sqlite:///{tmp_path / 'source.db'}")
    load(source, SynthOptions(victims=300, seed=11), "synth")
    export(source, tmp_path / "csv")
    source.dispose()
    return [tmp_path / "csv" / f"{name}.csv" for name in RECORD_TYPES]


def contents(db: Database) -> dict[str, Any]:
    """Every record and every audit entry (without its time), as read back."""
    with db.engine.connect() as connection:
        records = {name: list(iter_records(connection, name, tracking=True)) for name in RECORD_TYPES}
    for rows in records.values():
        for row in rows:
            row.pop("created_at")
    audits = [
        {key: entry[key] for key in ("actor", "action", "entity", "entity_id", "detail")}
        for entry in repository.audit_log(db, limit=100)
    ]
    return {"records": records, "audit": sorted(audits, key=lambda entry: str(entry))}


def imported(path: Path, files: list[Path], monkeypatch: pytest.MonkeyPatch, *, streamed: bool) -> Database:
    monkeypatch.setattr(interchange, "STREAM_BYTES", 0 if streamed else 10**12)
    commits: list[int] = []
    real_commit = StreamedWrite.commit

    def counted(self: StreamedWrite, audits: list[dict[str, Any]]) -> None:
        commits.append(len(audits))
        real_commit(self, audits)

    monkeypatch.setattr(StreamedWrite, "commit", counted)
    db = open_database(f"sqlite:///{path}")
    for file in files:
        import_files(db, [file], "importer", Format.REGISTRY)
    assert len(commits) == (len(files) if streamed else 0)
    return db


def test_a_streamed_import_writes_what_the_one_process_import_writes(
    registry_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 97)  # many chunks per file
    one = imported(tmp_path / "one.db", registry_files, monkeypatch, streamed=False)
    streamed = imported(tmp_path / "streamed.db", registry_files, monkeypatch, streamed=True)
    expected, got = contents(one), contents(streamed)
    assert sum(len(rows) for rows in expected["records"].values()) > 1000
    assert got == expected
    one.dispose()
    streamed.dispose()


def test_files_given_in_any_order_are_streamed_in_the_order_of_their_references(
    registry_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interchange, "STREAM_BYTES", 0)
    db = open_database(f"sqlite:///{tmp_path / 'all.db'}")
    report = import_files(db, list(reversed(registry_files)), "importer", Format.REGISTRY)
    assert report.written == {name: count for name, count in row_counts(db).items() if name != "audit"}
    assert report.written["proceedings"] > 0 and report.written["services"] > 0
    db.dispose()


def test_a_streamed_import_with_a_late_problem_writes_nothing_and_keeps_the_indexes(
    registry_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interchange, "STREAM_BYTES", 0)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 50)
    db = open_database(f"sqlite:///{tmp_path / 'late.db'}")
    by_table = dict(zip(RECORD_TYPES, registry_files, strict=True))
    import_files(db, [by_table["cases"], by_table["screenings"]], "importer", Format.REGISTRY)
    cases = row_counts(db)["cases"]

    def indexes() -> list[str]:
        with db.engine.connect() as connection:
            query = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registry_persons'"
            return sorted(row[0] for row in connection.exec_driver_sql(query))

    before = indexes()
    persons = by_table["persons"]
    lines = persons.read_text(encoding="utf-8").splitlines(keepends=True)
    last = max(index for index, line in enumerate(lines) if ",victim," in line)  # a late line
    assert last > len(lines) - 10
    lines[last] = lines[last].replace(",victim,", ",victim_x,")
    bad = tmp_path / "persons.csv"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_files(db, [bad], "importer", Format.REGISTRY)
    assert [(p.code, p.location.line, p.location.field) for p in caught.value.problems] == [
        ("unknown-value", last + 1, "role")
    ]
    assert row_counts(db)["persons"] == 0 and row_counts(db)["cases"] == cases
    assert indexes() == before and len(before) > 1
    import_files(db, [persons], "importer", Format.REGISTRY)  # the write lock was let go
    assert row_counts(db)["persons"] == len(lines) - 1
    db.dispose()


def test_a_file_the_fast_reader_gives_up_on_half_way_is_read_carefully_and_written_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks already sent are discarded when a later line needs the careful reader (a quoted line
    break in a cell); the import is then written by this process, exactly once."""
    monkeypatch.setattr(interchange, "STREAM_BYTES", 0)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 2)
    rows = [f"K{i},2024-05-01,active,\n" for i in range(7)] + ['K7,2024-05-01,active,"two\nlines"\n']
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,opened_on,status,referring_organisation\n" + "".join(rows), encoding="utf-8")
    db = open_database(f"sqlite:///{tmp_path / 'careful.db'}")
    report = import_files(db, [cases], "importer", Format.REGISTRY)
    assert report.written == {"cases": 8} and row_counts(db)["cases"] == 8
    with db.engine.connect() as connection:
        notes = {row["case_id"]: row["referring_organisation"] for row in iter_records(connection, "cases")}
    assert notes["K7"] == "two\nlines" and notes["K0"] is None
    db.dispose()


def test_a_remote_transaction_raises_a_statement_error_at_commit_and_writes_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "remote.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
    with RemoteTransaction(str(path)) as remote:
        remote.insert("INSERT INTO t (k, v) VALUES (?, ?)", [["a", "b"], [1, 2]])
        assert remote.query("SELECT count(*) FROM t") == [(2,)]  # its own rows, before the commit
        remote.insert("INSERT INTO t (k, v) VALUES (?, ?)", [["c", "a"], [3, 4]])  # 'a' again
        remote.insert("INSERT INTO t (k, v) VALUES (?, ?)", [["d"], [5]])
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            remote.commit()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_a_remote_transaction_holds_the_write_lock_until_it_ends(tmp_path: Path) -> None:
    path = tmp_path / "lock.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
    other = sqlite3.connect(path, timeout=0.1)
    with RemoteTransaction(str(path)) as remote:
        remote.begin()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("INSERT INTO t VALUES ('x')")
        remote.insert("INSERT INTO t VALUES (?)", [["y"]])
    # left without a commit: rolled back, and the lock let go
    other.execute("INSERT INTO t VALUES ('x')")
    other.commit()
    assert other.execute("SELECT k FROM t").fetchall() == [("x",)]
    other.close()
    with RemoteTransaction(str(path)) as remote:
        remote.insert("INSERT INTO t VALUES (?)", [["z"]])
        remote.commit()
    with sqlite3.connect(path) as connection:
        assert sorted(connection.execute("SELECT k FROM t").fetchall()) == [("x",), ("z",)]


def test_a_writer_process_that_cannot_start_leaves_the_import_to_this_process(
    registry_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(interchange, "STREAM_BYTES", 0)
    monkeypatch.setattr(sqlite_writer, "PYTHON", shutil.which("false") or "/bin/false")
    db = open_database(f"sqlite:///{tmp_path / 'fallback.db'}")
    cases = registry_files[0]
    report = import_files(db, [cases], "importer", Format.REGISTRY)
    assert report.written == {"cases": row_counts(db)["cases"]} and row_counts(db)["cases"] > 100
    assert any("writer process ended unexpectedly" in note for note in report.notes)
    db.dispose()


def test_a_streamed_import_into_a_table_that_has_rows_keeps_its_indexes_as_they_are(
    registry_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only an empty table has its indexes built after its rows; a second file into the same table goes
    through the live indexes, and duplicates against the stored rows are refused."""
    monkeypatch.setattr(interchange, "STREAM_BYTES", 0)
    lines = registry_files[0].read_text(encoding="utf-8").splitlines(keepends=True)  # cases
    half = len(lines) // 2
    first, second = tmp_path / "first" / "cases.csv", tmp_path / "second" / "cases.csv"
    for path, rows in ((first, lines[1:half]), (second, lines[half:])):
        path.parent.mkdir()
        path.write_text(lines[0] + "".join(rows), encoding="utf-8")
    db = open_database(f"sqlite:///{tmp_path / 'two.db'}")

    def indexes() -> list[str]:
        with db.engine.connect() as connection:
            query = "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'registry_cases'"
            return sorted(str(row[0]) for row in connection.exec_driver_sql(query))

    before = indexes()
    import_files(db, [first], "importer", Format.REGISTRY)
    import_files(db, [second], "importer", Format.REGISTRY)
    assert row_counts(db)["cases"] == len(lines) - 1 and indexes() == before
    with pytest.raises(InputError) as caught:
        import_files(db, [second], "importer", Format.REGISTRY)
    assert {p.code for p in caught.value.problems} == {"duplicate-identifier"}
    assert row_counts(db)["cases"] == len(lines) - 1
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    db.dispose()


def test_the_writer_process_does_not_run_python_files_from_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16, item 5: a ``concurrent.py`` (or any module name) beside the imported file is not run."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    marker = tmp_path / "ran"
    for name in ("concurrent", "sqlite3", "tipwatch", "multiprocessing", "ast"):
        (folder / f"{name}.py").write_text(f"open({str(marker)!r}, 'a').write({name!r})\n")
    path = tmp_path / "isolated.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE t (k TEXT PRIMARY KEY)")
    monkeypatch.chdir(folder)
    monkeypatch.setenv("PYTHONPATH", str(folder))
    monkeypatch.setenv("PYTHONSTARTUP", str(folder / "concurrent.py"))
    with RemoteTransaction(str(path)) as remote:
        remote.insert("INSERT INTO t VALUES (?)", [["a"]])
        remote.commit()
    assert not marker.exists(), marker.read_text()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT k FROM t").fetchall() == [("a",)]
