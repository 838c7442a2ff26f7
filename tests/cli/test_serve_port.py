"""``serve`` on a port it cannot use says so before it prints any address (issue 15, items 3 and 5)."""

from __future__ import annotations

import socket
from pathlib import Path

from typer.testing import CliRunner

from tipwatch.cli import app

runner = CliRunner()


def test_a_busy_port_is_refused_before_any_address_is_printed(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    assert result.exit_code == 2
    assert f"127.0.0.1:{port}" in result.output and "--port" in result.output
    assert "dashboard" not in result.output and "setup?token" not in result.output
    assert "Traceback" not in result.output


def test_make_run_takes_a_port() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    assert "PORT ?=" in makefile and "--port $(PORT)" in makefile
