"""The ``tipwatch`` command line: thin adapters over the Python API, one module per area.

Each area module defines ``register(app)`` and adds its commands; this module only assembles them, adds
the options of ``tipwatch`` itself (``--version``, ``--debug``) and turns tipwatch's own errors into
one-line messages with the right exit status (see :mod:`.common`).

Importing this package must stay cheap (``tipwatch --help`` starts in well under a second): an area
module imports at its top only what its commands' signatures need, and each command imports the rest
inside its body. tests/test_cli_startup.py checks the import graph.
"""

from __future__ import annotations

from typing import Annotated

import typer

from tipwatch.cli import assess, history, law, reader, registry, reply, review, serve
from tipwatch.cli.common import DEBUG_ENV, Invocation, run_app, show_version

app = typer.Typer(
    name="tipwatch",
    help="Open, evidence-based assessment and monitoring of government efforts against trafficking in persons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
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


for module in (history, law, assess, reader, registry, review, reply, serve):
    module.register(app)


def main() -> None:
    run_app(app)
