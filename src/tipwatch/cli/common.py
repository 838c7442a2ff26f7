"""What every command shares: the ``--db`` option and the one way to open the database, the output
options (``--json``, ``--format``, ``-o``), printing, and the error boundary (``--debug`` shows the
traceback instead). Exit status: 0 ok, 1 findings of error level, 2 bad usage or input.

This module is imported by every command module, so it imports nothing heavy: the store (SQLAlchemy)
is imported inside :func:`opened_database`, when a command asks for the database.
"""

from __future__ import annotations

import functools
import getpass
import inspect
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tipwatch.problems import InputError, TipwatchError

if TYPE_CHECKING:
    from tipwatch.store import Database

DEBUG_ENV = "TIPWATCH_DEBUG"
DEBUG_FLAG = "--debug"
ACTOR_ENV = "TIPWATCH_ACTOR"

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy database URL. Default: $TIPWATCH_DATABASE_URL, else a SQLite file in the user data dir.",
        show_default=False,
    ),
]
ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor", help="Who makes the change (audit log). Default: $TIPWATCH_ACTOR, else the login name."
    ),
]

Command = TypeVar("Command", bound=Callable[..., Any])


def output_options(
    *, format_help: str = "Output format.", output_help: str = "File to write."
) -> Callable[[Command], Command]:
    """The one set of output options, for every command that reports: ``--json`` binds to the parameter
    ``json_output``, ``--format`` to ``output_format`` and ``-o``/``--output`` to ``output``. A command
    declares the parameters it takes, with their types and defaults (an enum type gives the choices;
    no default makes the option required); this decorator gives them their command-line names and help.
    A command with none of the three is a mistake, reported when the module is imported."""
    options = {
        "json_output": typer.Option("--json", help="Print JSON instead of tables."),
        "output_format": typer.Option("--format", help=format_help),
        "output": typer.Option("-o", "--output", help=output_help),
    }

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        found = [name for name in options if name in signature.parameters]
        if not found:
            raise TypeError(f"{command.__name__} takes none of the output options {list(options)}")
        parameters = [
            p.replace(annotation=Annotated[p.annotation, options[p.name]]) if p.name in options else p
            for p in signature.parameters.values()
        ]
        setattr(command, "__signature__", signature.replace(parameters=parameters))  # noqa: B010
        return command

    return decorate


def actor_of(actor: str | None) -> str:
    """Who a command's change is recorded as made by."""
    return actor or os.environ.get(ACTOR_ENV) or getpass.getuser()


@contextmanager
def opened_database(db: str | None) -> Iterator[Database]:
    """The one way a command opens the database (``--db``, else the default URL): brought up to the
    latest migration, and its connections closed when the command is done with it."""
    from tipwatch.store import open_database

    database = open_database(db)
    try:
        yield database
    finally:
        database.dispose()


console = Console(highlight=False)
error_console = Console(stderr=True, highlight=False)


def print_audit(entries: list[dict[str, Any]], *, json_output: bool) -> None:
    """Audit-log entries as JSON or a table (the detail cut to 60 characters)."""
    if json_output:
        print_json(entries)
        return
    grid = Table("at", "actor", "action", "entity", "id", "detail")
    for entry in entries:
        grid.add_row(
            str(entry["at"])[:19],
            entry["actor"],
            entry["action"],
            entry["entity"],
            entry["entity_id"],
            entry["detail"][:60],
        )
    console.print(grid)


def print_json(data: Any) -> None:
    """Print JSON to stdout (snake_case keys, UTF-8, stable order as given)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _error_line(message: str) -> None:
    text = Text("error: ", style="bold red")
    text.append(message)
    error_console.print(text, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise: ``raise fail("...")``."""
    _error_line(message)
    return typer.Exit(code)


def report_error(exc: TipwatchError) -> int:
    """Print a tipwatch error (and every problem it carries) to stderr; return the exit status."""
    if isinstance(exc, InputError):
        _error_line(exc.summary)
        for problem in exc.problems:
            error_console.print(Text(f"  {problem}"), soft_wrap=True)
    else:
        _error_line(str(exc))
    return exc.exit_code


class Invocation:
    """What the options of ``tipwatch`` itself set for the command being run (the app's callback sets it
    on every invocation, before the command runs)."""

    debug = False


def debug_requested() -> bool:
    """True when ``--debug`` was given (to ``tipwatch`` or, moved there by :func:`run_app`, after the
    command) or ``$TIPWATCH_DEBUG`` is set."""
    return Invocation.debug or bool(os.environ.get(DEBUG_ENV))


def show_version(value: bool) -> None:
    """``--version``: print the version and stop."""
    if value:
        from tipwatch import __version__

        console.print(f"tipwatch {__version__}")
        raise typer.Exit()


def run_app(app: Callable[..., Any]) -> None:
    """Run the Typer app. ``--debug`` anywhere on the command line is moved to the front, where the
    app's own option takes it (``tipwatch history X --debug`` is ``tipwatch --debug history X``)."""
    arguments = sys.argv[1:]
    if DEBUG_FLAG in arguments[1:]:
        arguments.remove(DEBUG_FLAG)
        sys.argv[1:] = [DEBUG_FLAG, *arguments]
    try:
        app()
    except TipwatchError as exc:  # one raised outside a command (the commands are guarded)
        if DEBUG_FLAG in sys.argv or os.environ.get(DEBUG_ENV):
            raise
        sys.exit(report_error(exc))


def guarded(function: Command) -> Command:
    """The error boundary of a command: a tipwatch error becomes a one-line message and its exit status;
    with ``--debug`` (or ``$TIPWATCH_DEBUG``) it is raised, and Python prints the traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TipwatchError as exc:
            if debug_requested():
                raise
            raise typer.Exit(report_error(exc)) from exc

    return wrapper  # type: ignore[return-value]
