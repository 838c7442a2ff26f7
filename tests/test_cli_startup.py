"""``tipwatch --help`` and ``tipwatch history X`` start fast because ``import tipwatch.cli`` loads only
Typer, Rich and the command modules: every heavy import happens inside the command that needs it.
Checked on the import graph, in a fresh interpreter (the test process has imported everything)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

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


def _modules_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


def _roots(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_importing_the_cli_loads_nothing_heavy() -> None:
    loaded = _modules_after("import tipwatch.cli")
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
