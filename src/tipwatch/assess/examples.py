"""The worked examples bundled with tipwatch: evidence files built from public report text."""

from __future__ import annotations

from pathlib import Path

from tipwatch.problems import NotFoundError

EXAMPLES_DIR = Path(__file__).resolve().parents[1] / "data" / "examples"


def example_files() -> list[Path]:
    """Every bundled example evidence file, sorted by name."""
    return sorted(EXAMPLES_DIR.glob("*/*-[0-9][0-9][0-9][0-9].yaml"))


def example_path(name: str) -> Path:
    """The bundled example called ``name`` (e.g. ``macau-2022``)."""
    for path in example_files():
        if path.stem == name:
            return path
    raise NotFoundError(f"no bundled example {name!r}", [p.stem for p in example_files()])
