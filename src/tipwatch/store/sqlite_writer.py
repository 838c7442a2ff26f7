"""A SQLite write transaction in a process of its own, fed statements through a pipe.

A bulk import has two halves of about equal cost: reading and checking the rows (Python) and inserting
them (SQLite). In one process they run one after the other — a thread would not overlap them, since the
sqlite3 module holds the interpreter lock while it binds each row. Here the inserting runs in a child
process while the parent goes on reading and checking; on a machine with two cores the import takes about
as long as the slower half.

The child takes the database's write lock at once (``BEGIN IMMEDIATE``, so nothing else can write while
the parent checks what it read) and commits only when the parent says so. Anything else — an error in a
statement, a rollback, the parent going away — rolls the transaction back: nothing is half-written. An
error in a statement sent without waiting is raised in the parent at its next call that waits
(:meth:`RemoteTransaction.query` or :meth:`RemoteTransaction.commit`), as the same exception."""

from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

from tipwatch.store.database import bind_none_quickly, configure_sqlite

Message = tuple[str, Any, Any]
PYTHON = sys.executable
"""The interpreter that runs the child."""


_CHILD_CODE = (
    "import ast, sys; sys.path[:0] = ast.literal_eval(sys.argv[1]); "
    "from tipwatch.store.sqlite_writer import main; main(sys.argv[2:])"
)


def child_path() -> list[str]:
    """The parent's import path without the current directory (the empty entry, relative entries and the
    directory itself, which ``python -m`` puts first), which ``-I`` keeps out of the child."""
    here = Path.cwd().resolve()
    return [e for e in sys.path if e and Path(e).is_absolute() and Path(e).resolve() != here]


class WriterGone(RuntimeError):
    """The child process ended without being told to (it could not start, or it crashed)."""


def defer_indexes_of_empty(connection: Any, table: str) -> list[str]:
    """If ``table`` is empty, drop its secondary indexes (``connection``: a DB-API connection to SQLite,
    in a transaction) and return the statements that create them again: building an index once after a
    big load of rows is much cheaper than keeping it up to date row by row. Unique constraints stay
    (their automatic indexes have no SQL), so duplicates are still refused while the rows go in; a
    rollback restores the indexes."""
    if connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
        return []
    found = connection.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for name, _ in found:
        connection.execute(f'DROP INDEX "{name}"')
    return [str(statement) for _, statement in found]


def _run(connection: sqlite3.Connection, message: Message, deferred: list[str]) -> Any:
    kind, first, second = message
    if kind == "insert":  # a table's rows column by column (what pickles fastest), made into rows here
        connection.executemany(first, zip(*second, strict=True))
    elif kind == "defer-indexes":
        deferred += defer_indexes_of_empty(connection, first)
    elif kind in ("build-indexes", "commit"):
        for statement in deferred:
            connection.execute(statement)
        deferred.clear()
        if kind == "commit":
            connection.execute("COMMIT")
    else:  # execute, query
        return connection.execute(first, second).fetchall()
    return None


def _serve(path: str, pipe: Connection) -> None:
    """The child: run what the pipe brings inside one transaction; reply to what waits for a reply."""
    bind_none_quickly()
    connection = sqlite3.connect(path, isolation_level=None)
    failure: BaseException | None = None
    deferred: list[str] = []  # the statements of indexes to build again after the rows
    try:
        try:
            configure_sqlite(connection)
            connection.execute("BEGIN IMMEDIATE")
            pipe.send(("begun", None))
        except sqlite3.Error as error:
            failure = error
            pipe.send(("failed", error))
        while True:
            message = pipe.recv()
            if message[0] == "rollback":
                return
            result = None
            if failure is None:
                try:
                    result = _run(connection, message, deferred)
                except Exception as error:  # kept for the parent's next call that waits
                    failure = error
            if message[0] in ("query", "commit"):
                pipe.send(("failed", failure) if failure else ("done", result))
                if failure or message[0] == "commit":
                    return
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the parent went away: the transaction rolls back below
    finally:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        connection.close()
        pipe.close()


class RemoteTransaction:
    """One write transaction on the SQLite file at ``path``, run by a child process. Use as a context
    manager: leaving it without :meth:`commit` rolls back."""

    def __init__(self, path: str) -> None:
        # A fresh interpreter running this module: a forked child could inherit locks held by the parent's
        # other threads (a web server's), and multiprocessing's spawn would import the caller's __main__.
        # It starts isolated (``-I``: no current directory or script folder on its path, no PYTHON*
        # variables, no user site), so a ``concurrent.py`` beside the imported file is never run; it
        # finds this package through ``-c`` code that puts the parent's own path entries in place.
        self._pipe, child = multiprocessing.Pipe()
        self._process = subprocess.Popen(
            [PYTHON, "-I", "-c", _CHILD_CODE, repr(child_path()), str(child.fileno()), path],
            pass_fds=(child.fileno(),),
        )
        child.close()
        self._begun = False
        self._open = True

    def __enter__(self) -> RemoteTransaction:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def _send(self, message: Message) -> None:
        try:
            self._pipe.send(message)
        except (BrokenPipeError, ConnectionResetError):
            self._raise_exit()

    def _receive(self) -> Any:
        try:
            kind, value = self._pipe.recv()
        except (EOFError, ConnectionResetError):
            self._raise_exit()
        if kind == "failed":
            self._open = False
            raise value
        return value

    def _raise_exit(self) -> NoReturn:
        self._open = False
        raise WriterGone(f"the SQLite writer process ended unexpectedly (exit code {self._process.wait()})")

    def begin(self) -> None:
        """Wait until the child holds the write lock (or raise why it could not take it)."""
        if not self._begun:
            self._receive()
            self._begun = True

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> None:
        """Run one statement; an error comes back at the next call that waits."""
        self._send(("execute", sql, tuple(parameters)))

    def insert(self, sql: str, columns: Sequence[Sequence[Any]]) -> None:
        """Run ``sql`` for each row of ``columns`` (the values column by column)."""
        self._send(("insert", sql, columns))

    def defer_indexes(self, table: str) -> None:
        """If ``table`` is empty, drop its secondary indexes, to build them again after its rows."""
        self._send(("defer-indexes", table, None))

    def build_indexes(self) -> None:
        """Build the deferred indexes now (else the commit does)."""
        self._send(("build-indexes", None, None))

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
        """Run one statement and return its rows (after everything sent before it)."""
        self.begin()
        self._send(("query", sql, tuple(parameters)))
        return list(self._receive())

    def commit(self) -> None:
        """Build the deferred indexes and commit; raises the first error of any statement sent."""
        self.begin()
        self._send(("commit", None, None))
        self._receive()
        self._open = False
        self.close()

    def close(self) -> None:
        """Roll back unless committed, and end the child."""
        if self._open:
            self._open = False
            with suppress(OSError):  # the child has ended already
                self._pipe.send(("rollback", None, None))
        self._pipe.close()
        try:
            self._process.wait(30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()


def main(arguments: list[str]) -> None:
    """The child's entry point: ``<pipe file descriptor> <database path>``."""
    _serve(arguments[1], Connection(int(arguments[0])))
