"""The ``tipwatch`` command line: thin adapters over the Python API, one module per area.

Each area module defines ``register(app)`` and adds its commands; this module only assembles them and
turns tipwatch's own errors into one-line messages with the right exit status (see :mod:`.common`).
"""

from __future__ import annotations

import typer

from tipwatch.cli import assess, history, law, reader, registry, reply, review, serve
from tipwatch.cli.common import run_app

app = typer.Typer(
    name="tipwatch",
    help="Open, evidence-based assessment and monitoring of government efforts against trafficking in persons.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (history, law, assess, reader, registry, review, reply, serve):
    module.register(app)


def main() -> None:
    run_app(app)
