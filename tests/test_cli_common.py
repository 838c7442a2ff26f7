"""What every command shares (tipwatch.cli.common): --debug, --version, the one set of output options
and the error boundary."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tipwatch import __version__
from tipwatch.cli import app
from tipwatch.cli.common import output_options

OPTION_PARAMETERS = {"--json": "json_output", "--format": "output_format", "-o": "output"}
INTERCHANGE = {"tipwatch registry import", "tipwatch registry export"}
"""Their ``--format`` is the interchange format of the files read or written, not an output option."""


def _tipwatch(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The installed entry point's own path: main() and run_app(), in a fresh interpreter."""
    code = "from tipwatch.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=False
    )


def _commands(command: Any, prefix: str = "tipwatch") -> list[tuple[str, Any]]:
    if hasattr(command, "commands"):
        return [pair for name, sub in command.commands.items() for pair in _commands(sub, f"{prefix} {name}")]
    return [(prefix, command)]


def test_an_error_is_one_line_without_debug(sqlite_url: str) -> None:
    result = _tipwatch("history", "Nowhereland", "--db", sqlite_url)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("error: ") and "Nowhereland" in result.stderr


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_shows_the_traceback_before_or_after_the_command(sqlite_url: str, where: str) -> None:
    command = ["history", "Nowhereland", "--db", sqlite_url]
    result = _tipwatch(*(["--debug", *command] if where == "before" else [*command, "--debug"]))
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "NotFoundError" in result.stderr and "Nowhereland" in result.stderr


def test_debug_from_the_environment(sqlite_url: str) -> None:
    import os

    env = {**os.environ, "TIPWATCH_DEBUG": "1"}
    result = _tipwatch("history", "Nowhereland", "--db", sqlite_url, env=env)
    assert "Traceback (most recent call last)" in result.stderr


def test_debug_in_the_runner_raises_the_error() -> None:
    result = CliRunner().invoke(app, ["--debug", "law", "show", "no-such-version"])
    assert result.exit_code == 1
    assert type(result.exception).__name__ == "NotFoundError"
    plain = CliRunner().invoke(app, ["law", "show", "no-such-version"])
    assert plain.exit_code == 2
    assert plain.exception is None or isinstance(plain.exception, SystemExit)


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"tipwatch {__version__}"


def test_every_output_option_binds_to_one_parameter_name() -> None:
    """--json is json_output, --format is output_format and -o is output, in every command."""
    seen: set[str] = set()
    for name, command in _commands(typer.main.get_command(app)):
        for parameter in command.params:
            for option, expected in OPTION_PARAMETERS.items():
                if option in parameter.opts and not (option == "--format" and name in INTERCHANGE):
                    seen.add(option)
                    assert parameter.name == expected, f"{name}: {option} binds to {parameter.name}"
    assert seen == set(OPTION_PARAMETERS)


def test_output_options_refuses_a_command_without_them() -> None:
    def count(table: str) -> None:
        """Count a table."""

    with pytest.raises(TypeError, match="takes none of the output options"):
        output_options()(count)


def test_output_options_gives_the_parameters_their_names(tmp_path: Path) -> None:
    mini = typer.Typer()
    received: dict[str, object] = {}

    @mini.command()
    @output_options(output_help="Where.")
    def show(name: str, json_output: bool = False, output: Path | None = None) -> None:
        received.update(name=name, json_output=json_output, output=output)

    result = CliRunner().invoke(mini, ["x", "--json", "-o", str(tmp_path / "f")])
    assert result.exit_code == 0, result.output
    assert received == {"name": "x", "json_output": True, "output": tmp_path / "f"}
    assert "Where." in CliRunner().invoke(mini, ["--help"]).output


def test_the_submission_names_one_jurisdiction_by_default_in_the_cli_and_the_api(sqlite_url: str) -> None:
    from tipwatch.http import Settings, create_app

    command = typer.main.get_command(app).commands["submission"]
    cli_default = next(p.default for p in command.params if p.name == "jurisdiction")
    schema = create_app(Settings(database_url=sqlite_url)).openapi()
    parameters = schema["paths"]["/api/submission"]["get"]["parameters"]
    api_default = next(p["schema"]["default"] for p in parameters if p["name"] == "jurisdiction")
    assert cli_default == api_default == "Macau"
