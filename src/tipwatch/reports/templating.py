"""The Jinja environment report templates are rendered in."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined


def report_environment(folder: Path, *, html: bool) -> Environment:
    """Templates from ``folder``: an undefined name is an error, values are escaped when ``html``, and a
    template's trailing newline is kept."""
    return Environment(
        loader=FileSystemLoader(folder),
        undefined=StrictUndefined,
        autoescape=html,
        keep_trailing_newline=True,
    )
