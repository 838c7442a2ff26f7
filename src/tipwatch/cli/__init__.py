"""The ``tipwatch`` command line: thin adapters over the Python API, one module per area.

Each area module defines ``register(app)`` and adds its commands; this module only assembles them, adds
the options of ``tipwatch`` itself (``--version``, ``--debug``) and turns tipwatch's own errors into
one-line messages with the right exit status (see :mod:`.common`).

Importing this package must stay cheap (``tipwatch --help`` starts in well under a second): an area
module imports at its top only what its commands' signatures need, and each command imports the rest
inside its body. ``tipwatch COMMAND`` assembles only the area that holds COMMAND (``COMMAND_AREAS``), so
``tipwatch history X`` never imports the assess, reply or review commands; ``--help``, an unknown command
and ``tipwatch.cli.app`` (what tests drive) get every area. tests/test_cli_startup.py checks both.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated

import typer

from tipwatch.cli.common import DEBUG_ENV, Invocation, run_app, show_version

AREAS = ("history", "law", "assess", "reader", "registry", "review", "reply", "serve")
"""The area modules under ``tipwatch.cli``, in the order ``--help`` lists their commands."""

COMMAND_AREAS = {
    **dict.fromkeys(
        ("load", "overview", "history", "tiers", "streaks", "transitions", "coverage", "watchlist-audit"),
        "history",
    ),
    **dict.fromkeys(("chart", "stats"), "history"),
    "law": "law",
    **dict.fromkeys(("assess", "calibrate", "evidence"), "assess"),
    **dict.fromkeys(("read", "read-eval"), "reader"),
    "registry": "registry",
    **dict.fromkeys(("review", "publish", "submission"), "review"),
    "reply": "reply",
    **dict.fromkeys(("serve", "users"), "serve"),
}
"""Each top-level command or group and the area module that registers it (a test checks it is exact)."""


def tipwatch_options(
    version: Annotated[
        bool,
        typer.Option("--version", is_eager=True, callback=show_version, help="Print the version and exit."),
    ] = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            envvar=DEBUG_ENV,
            help="Show the traceback of an error instead of a one-line message (also after the command).",
        ),
    ] = False,
) -> None:
    """Options of tipwatch itself, before the command."""
    Invocation.debug = debug


def build_app(areas: Sequence[str] = AREAS) -> typer.Typer:
    """The ``tipwatch`` app with the commands of ``areas``."""
    built = typer.Typer(
        name="tipwatch",
        help="Open, evidence-based assessment and monitoring of government efforts against trafficking in "
        "persons.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    built.callback()(tipwatch_options)
    for area in areas:
        importlib.import_module(f"tipwatch.cli.{area}").register(built)
    return built


def command_in(arguments: Sequence[str]) -> str | None:
    """The command named on a ``tipwatch`` command line (the first word that is not an option of tipwatch
    itself), or None."""
    return next((word for word in arguments if not word.startswith("-")), None)


def __getattr__(name: str) -> typer.Typer:
    """``tipwatch.cli.app``: every area, assembled on first use (PEP 562)."""
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    full = build_app()
    globals()["app"] = full
    return full


def main() -> None:
    """The ``tipwatch`` entry point: assembles only the area of the command given, or all of them."""
    area = COMMAND_AREAS.get(command_in(sys.argv[1:]) or "")
    run_app(build_app((area,) if area else AREAS))
