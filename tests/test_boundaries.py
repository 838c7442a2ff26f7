"""The core (evidence, law, assess, history, reader, review) never imports SQLAlchemy, Typer, FastAPI,
Jinja or Rich; only adapters do (STYLE.md, rule 1)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tipwatch"
CORE = [
    "evidence",
    "law",
    "assess",
    "history",
    "reader",
    "review",
    "reply",
    "disclosure",
    "problems.py",
    "datafile.py",
    "inputfile.py",
]
FORBIDDEN = {
    "sqlalchemy",
    "alembic",
    "typer",
    "fastapi",
    "starlette",
    "jinja2",
    "rich",
    "uvicorn",
    "tipwatch.store",
    "tipwatch.registry",
    "tipwatch.cli",
    "tipwatch.http.api",
    "tipwatch.http.web",
    "tipwatch.accounts",
}


def _core_files() -> list[Path]:
    files: list[Path] = []
    for name in CORE:
        path = PACKAGE / name
        files += sorted(path.rglob("*.py")) if path.is_dir() else ([path] if path.exists() else [])
    return files


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_no_adapter_or_storage(path: Path) -> None:
    bad = {
        name
        for name in _imports(path)
        for forbidden in FORBIDDEN
        if name == forbidden or name.startswith(forbidden + ".")
    }
    assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_the_check_finds_core_modules() -> None:
    assert len(_core_files()) >= 5
