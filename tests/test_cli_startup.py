"""``tipwatch --help`` and ``tipwatch history X`` start fast because ``import tipwatch.cli`` loads only
Typer, Rich and the command modules: every heavy import happens inside the command that needs it.
Checked on the import graph, in a fresh interpreter (the test process has imported everything)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.store import sqlite_reading

HEAVY = {
    "matplotlib": "charts (tipwatch chart, review)",
    "weasyprint": "PDF (review --format pdf)",
    "fastapi": "the web app (tipwatch serve)",
    "starlette": "the web app (tipwatch serve)",
    "uvicorn": "the web server (tipwatch serve)",
    "jinja2": "templates (review, reply, assess --format)",
    "alembic": "migrations (only a database behind the latest one)",
    "sqlalchemy": "the database (commands that open it)",
    "pydantic": "evidence, law and record models",
    "numpy": "charts",
    "yaml": "data files",
}
"""What ``import tipwatch.cli`` must not load, and who needs it."""

ORM_MODELS = {
    "tipwatch.store.tier_tables",
    "tipwatch.store.models",
    "tipwatch.registry.models",
    "tipwatch.registry.tables",
    "tipwatch.accounts.models",
}


PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tipwatch"


def _pydantic_modules() -> set[str]:
    """Every tipwatch module that imports pydantic at its top (it defines models or validates with it)."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(name.split(".")[0] == "pydantic" for name in names):
                relative = path.relative_to(PACKAGE.parent).with_suffix("")
                parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
                found.add(".".join(parts))
    return found


def _modules_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def _roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_importing_the_cli_loads_nothing_heavy() -> None:
    loaded = _modules_after("from tipwatch.cli import app")
    heavy = sorted(_roots(loaded) & set(HEAVY))
    assert not heavy, "import tipwatch.cli loads " + ", ".join(f"{h} ({HEAVY[h]})" for h in heavy)
    assert not loaded & ORM_MODELS, f"import tipwatch.cli loads table models: {sorted(loaded & ORM_MODELS)}"
    assert "tipwatch.cli.history" in loaded, "the probe must see the command modules"


def test_help_builds_every_command_without_anything_heavy() -> None:
    loaded = _modules_after(
        "import typer\nfrom tipwatch.cli import app\ntyper.main.get_command(app)\n"
        "from tipwatch.cli import registry, serve, assess, law"
    )
    assert not _roots(loaded) & set(HEAVY)


def test_every_command_is_mapped_to_the_area_that_registers_it() -> None:
    """``tipwatch COMMAND`` assembles only COMMAND's area: the map must name every command, rightly."""
    import typer

    from tipwatch.cli import AREAS, COMMAND_AREAS, build_app

    registered: dict[str, str] = {}
    for area in AREAS:
        group = typer.main.get_group(build_app((area,)))
        registered |= dict.fromkeys(group.commands, area)
    assert registered == COMMAND_AREAS


def test_a_command_assembles_only_its_own_area(tmp_path: Path) -> None:
    """The entry point, run as ``tipwatch history --help``, imports no other area's command module; a
    command it does not know gets every area (so the error lists them all)."""
    code = "import sys\nsys.argv = {argv!r}\nfrom tipwatch.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass"
    loaded = _modules_after(code.format(argv=["tipwatch", "--debug", "history", "--help"]))
    others = {
        f"tipwatch.cli.{area}" for area in ("assess", "reader", "registry", "review", "reply", "serve", "law")
    }
    assert "tipwatch.cli.history" in loaded
    assert not loaded & others, sorted(loaded & others)
    unknown = _modules_after(code.format(argv=["tipwatch", "no-such-command"]))
    assert others <= unknown


def test_history_loads_only_the_tier_tables(sqlite_url: str) -> None:
    """On a database at the latest migration (a new one is first migrated, which loads every model)."""
    from tipwatch.store import open_database

    open_database(sqlite_url).dispose()
    loaded = _modules_after(
        "from typer.testing import CliRunner\nfrom tipwatch.cli import app\n"
        f"result = CliRunner().invoke(app, ['history', 'Macau', '--db', {sqlite_url!r}])\n"
        "assert result.exit_code == 0, result.output"
    )
    assert "tipwatch.store.tier_tables" in loaded
    assert not loaded & (ORM_MODELS - {"tipwatch.store.tier_tables"})
    assert not _roots(loaded) & {"matplotlib", "weasyprint", "fastapi", "uvicorn", "jinja2", "alembic"}


def test_history_on_a_sqlite_file_loads_no_sqlalchemy_and_no_models(sqlite_url: str) -> None:
    """A SQLite file at the latest migration holding a record is read through sqlite3: no SQLAlchemy, no
    table model, no tipwatch module that builds pydantic models. (pydantic itself is loaded by Typer,
    which coerces every parameter value through a pydantic TypeAdapter.)"""
    first = CliRunner().invoke(app, ["history", "Macau", "--db", sqlite_url])
    assert first.exit_code == 0, first.output  # migrates and loads the bundled record
    loaded = _modules_after(
        "from typer.testing import CliRunner\nfrom tipwatch.cli import app\n"
        f"result = CliRunner().invoke(app, ['history', 'Macau', '--db', {sqlite_url!r}])\n"
        "assert result.exit_code == 0, result.output"
    )
    assert "tipwatch.store.sqlite_reading" in loaded
    assert not _roots(loaded) & (set(HEAVY) - {"pydantic"})
    assert "pycountry" not in _roots(loaded)  # the record's own spelling needs no alias table
    assert not loaded & ORM_MODELS
    models = sorted(loaded & _pydantic_modules())
    assert not models, f"tipwatch history loads modules with pydantic models: {models}"


READ_ONLY_COMMANDS = [
    ["history", "Macau"],
    ["history", "MAC", "--json"],
    ["history", "Serbia and Montenegro"],
    ["history", "Phillipines"],
    ["overview"],
    ["overview", "--year", "2016", "--json"],
    ["tiers", "--year", "2024", "--tier", "2WL"],
    ["tiers", "--year", "2003", "--json"],
    ["streaks", "--min", "8", "--current"],
    ["transitions", "--from", "2010", "--to", "2020"],
    ["coverage", "--json"],
    ["watchlist-audit", "--jurisdiction", "Macau"],
    ["watchlist-audit", "--json"],
]
"""The history commands that only read the stored tier record, with options that reach its parts."""


def _outputs(url: str, *, through_sqlite3: bool) -> list[tuple[int, str]]:
    """Exit status and output of every read-only command on ``url``, read through sqlite3 (checked to
    apply) or through the store (sqlite3's reading turned off)."""
    runner = CliRunner()
    if through_sqlite3:
        assert sqlite_reading.stored_record(url) is not None, "sqlite3's reading must apply here"
        results = [runner.invoke(app, [*command, "--db", url]) for command in READ_ONLY_COMMANDS]
    else:
        with mock.patch.object(sqlite_reading, "stored_record", return_value=None):
            results = [runner.invoke(app, [*command, "--db", url]) for command in READ_ONLY_COMMANDS]
    return [(result.exit_code, result.output) for result in results]


def _loaded(url: str) -> str:
    result = CliRunner().invoke(app, ["load", "--db", url])
    assert result.exit_code == 0, result.output
    return url


def test_the_sqlite_reading_prints_what_the_store_prints(sqlite_url: str) -> None:
    """The same commands on the same SQLite file, read through sqlite3 and through SQLAlchemy."""
    _loaded(sqlite_url)
    fast = _outputs(sqlite_url, through_sqlite3=True)
    assert fast == _outputs(sqlite_url, through_sqlite3=False)
    assert {code for code, _ in fast} == {0, 2}  # "Phillipines" is not found, with suggestions


@pytest.mark.postgres
def test_sqlite_read_through_sqlite3_prints_what_postgresql_prints(
    sqlite_url: str, postgres_database_url: str
) -> None:
    """The same record loaded into SQLite (read through sqlite3) and PostgreSQL (always the store)."""
    assert sqlite_reading.stored_record(postgres_database_url) is None
    fast = _outputs(_loaded(sqlite_url), through_sqlite3=True)
    assert fast == _outputs(_loaded(postgres_database_url), through_sqlite3=False)


@pytest.mark.parametrize("module", ["tipwatch.registry.records", "tipwatch.reports.review"])
def test_the_names_the_cli_offers_are_the_library_s(module: str) -> None:
    """The CLI names tables and formats from light modules; they must be the ones the library uses."""
    from tipwatch.cli.registry import TABLES
    from tipwatch.disclosure.audience import Audience
    from tipwatch.reports.formats import ReviewFormat

    if module == "tipwatch.registry.records":
        from tipwatch.registry.records import RECORD_TYPES

        assert tuple(RECORD_TYPES) == TABLES
    else:
        from tipwatch.reports import review

        assert review.Audience is Audience and review.ReviewFormat is ReviewFormat
