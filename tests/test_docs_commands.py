"""Every ``tipwatch`` command named in the README and docs/ exists (issue 15, item 9: the docs named
``tipwatch audit`` and ``tipwatch what-if``, which do not)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from tipwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
NAMED = re.compile(r"(?:^\s*\$\s+|`)tipwatch\s+(?P<words>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)", re.MULTILINE)


def _named() -> list[tuple[str, str]]:
    return sorted(
        {
            (path.name, match.group("words"))
            for path in DOCS
            for match in NAMED.finditer(path.read_text("utf-8"))
        }
    )


def _exists(words: str) -> bool:
    command: Any = typer.main.get_command(app)
    for word in words.split():
        if not hasattr(command, "commands"):
            return True  # the rest are arguments
        found = command.commands.get(word)
        if found is None:
            return False
        command = found
    return True


def test_the_docs_name_commands() -> None:
    assert len(_named()) > 20


@pytest.mark.parametrize(("doc", "words"), _named())
def test_every_command_in_the_docs_exists(doc: str, words: str) -> None:
    assert _exists(words), f"{doc} names 'tipwatch {words}', which is not a command"
