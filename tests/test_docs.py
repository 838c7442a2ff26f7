"""Docs are tested: every command of the CLI is documented in README.md or docs/*.md (STYLE.md, rule 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from tipwatch.cli import app

ROOT = Path(__file__).resolve().parents[1]


def _commands(command: Any, prefix: str) -> list[str]:
    # Typer vendors its own click, so groups are recognised by their `commands`, not by class.
    if hasattr(command, "commands"):
        found: list[str] = []
        for name, sub in command.commands.items():
            if not sub.hidden:
                found += _commands(sub, f"{prefix} {name}")
        return found
    return [prefix]


def _documentation() -> str:
    texts = [(ROOT / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs").glob("*.md"))]
    return "\n".join(texts)


def test_every_command_is_documented() -> None:
    docs = _documentation()
    commands = _commands(typer.main.get_command(app), "tipwatch")
    assert len(commands) >= 2
    undocumented = [c for c in commands if c not in docs]
    assert not undocumented, f"document these commands in README.md or docs/*.md: {undocumented}"


def test_readme_gives_exactly_the_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("\n## ", 1)[0]
    commands = [line.strip().split("#")[0].strip() for line in setup.splitlines() if line.startswith("    ")]
    assert [c for c in commands if c] == ["make run", "make test"]
