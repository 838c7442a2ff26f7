"""What every command shares: the ``--db``, ``--json`` and ``--debug`` options, output, and the error
boundary. Exit status: 0 ok, 1 findings of error level, 2 bad usage or input."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tipwatch.cli.cells import cell
from tipwatch.problems import InputError, TipwatchError

DEBUG_ENV = "TIPWATCH_DEBUG"

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="SQLAlchemy database URL. Default: $TIPWATCH_DATABASE_URL, else a SQLite file in the user data dir.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
ACTOR_ENV = "TIPWATCH_ACTOR"
ActorOption = Annotated[
    str | None,
    typer.Option(
        "--actor", help="Who makes the change (audit log). Default: $TIPWATCH_ACTOR, else the login name."
    ),
]


def actor_of(actor: str | None) -> str:
    """Who a command's change is recorded as made by."""
    return actor or os.environ.get(ACTOR_ENV) or getpass.getuser()


# No markup and no emoji codes: text from data prints exactly as stored (styling is built as Text, see
# cells.py), so a stored "[link=…]" or "[urgent]" can neither vanish nor become live.
console = Console(highlight=False, markup=False, emoji=False)
error_console = Console(stderr=True, highlight=False, markup=False, emoji=False)


def print_audit(entries: list[dict[str, Any]], *, json_output: bool) -> None:
    """Audit-log entries as JSON or a table (the detail cut to 60 characters)."""
    if json_output:
        print_json(entries)
        return
    grid = Table("at", "actor", "action", "entity", "id", "detail")
    for entry in entries:
        grid.add_row(
            cell(str(entry["at"])[:19]),
            cell(entry["actor"]),
            cell(entry["action"]),
            cell(entry["entity"]),
            cell(entry["entity_id"]),
            cell(entry["detail"][:60]),
        )
    console.print(grid)


def print_json(data: Any) -> None:
    """Print JSON to stdout (snake_case keys, UTF-8, stable order as given)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_lines(rows: Any) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def _error_line(message: str) -> None:
    text = Text("error: ", style="bold red")
    text.append(message)
    error_console.print(text, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a one-line error and return the Exit to raise: ``raise fail("...")``."""
    _error_line(message)
    return typer.Exit(code)


PROBLEMS_PER_CODE = 5
"""How many problems of one code are printed before the rest are counted (``--json`` lists all)."""


def report_error(exc: TipwatchError) -> int:
    """Print a tipwatch error (and its problems: the first few of each code, then how many more) to
    stderr; return the exit status."""
    if isinstance(exc, InputError):
        _error_line(exc.summary)
        shown: dict[str, int] = {}
        for problem in exc.problems:
            shown[problem.code] = shown.get(problem.code, 0) + 1
            if shown[problem.code] <= PROBLEMS_PER_CODE:
                error_console.print(Text(f"  {problem}"), soft_wrap=True)
        for code, count in shown.items():
            if count > PROBLEMS_PER_CODE:
                more = count - PROBLEMS_PER_CODE
                error_console.print(
                    Text(f"  … and {more:,} more {code} problem(s) like these; fix them and run it again"),
                    soft_wrap=True,
                )
    else:
        _error_line(str(exc))
    return exc.exit_code


def _busy(exc: Exception) -> TipwatchError | None:
    """A locked database (SQLAlchemy's or the driver's error) as the DatabaseBusy error it stands for."""
    if not type(exc).__module__.startswith(("sqlalchemy", "sqlite3")):
        return None
    from tipwatch.store.database import busy_error

    return busy_error(exc)


def run_app(app: Callable[..., Any]) -> None:
    """Run the Typer app; tipwatch errors become one-line messages unless ``--debug`` is given."""
    debug = "--debug" in sys.argv or bool(os.environ.get(DEBUG_ENV))
    if "--debug" in sys.argv:
        sys.argv.remove("--debug")
    try:
        app()
    except TipwatchError as exc:
        if debug:
            raise
        sys.exit(report_error(exc))
    except Exception as exc:
        busy = _busy(exc)
        if busy is None or debug:
            raise
        sys.exit(report_error(busy))


def guarded(function: Callable[..., Any]) -> Callable[..., Any]:
    """For use inside commands run by Typer's test runner: same error handling as :func:`run_app`."""
    import functools

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TipwatchError as exc:
            if os.environ.get(DEBUG_ENV):
                raise
            raise typer.Exit(report_error(exc)) from exc
        except Exception as exc:
            busy = _busy(exc)
            if busy is None or os.environ.get(DEBUG_ENV):
                raise
            raise typer.Exit(report_error(busy)) from exc

    return wrapper
