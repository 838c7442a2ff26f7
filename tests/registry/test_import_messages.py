"""Import messages (issue 15, items 7 and 10): repeated problems are grouped (the first few of each code
and a count), and imported victims that no period can count are warned about."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tipwatch.cli import app
from tipwatch.cli.common import PROBLEMS_PER_CODE

runner = CliRunner()
CTDC = Path(__file__).resolve().parents[1] / "data" / "ctdc" / "CTDC_VPsynthetic_condensed.csv"


def test_the_same_file_imported_twice_prints_a_few_problems_and_a_count(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id\n" + "".join(f"C-{n}\n" for n in range(300)), encoding="utf-8")
    assert runner.invoke(app, ["registry", "import", str(cases), "--db", db]).exit_code == 0
    again = runner.invoke(app, ["registry", "import", str(cases), "--db", db])
    assert again.exit_code == 2
    assert again.output.count("[duplicate-identifier]") == PROBLEMS_PER_CODE
    assert f"{300 - PROBLEMS_PER_CODE} more duplicate-identifier" in again.output
    assert len(again.output.splitlines()) < 20


def test_victims_without_a_date_are_warned_about(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'c.db'}"
    sample = tmp_path / "ctdc.csv"
    sample.write_text("\n".join(CTDC.read_text(encoding="utf-8").splitlines()[:41]) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["registry", "import", "--format", "ctdc", str(sample), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    notes = json.loads(result.output)["notes"]
    assert any(note.startswith("warning: 40 of the 40 victims") and "every period" in note for note in notes)


def test_dated_victims_bring_no_warning(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'd.db'}"
    (tmp_path / "cases.csv").write_text("case_id\nC-1\n", encoding="utf-8")
    (tmp_path / "persons.csv").write_text(
        "person_id,case_id,role,identified_on\nV-1,C-1,victim,2024-05-01\n", encoding="utf-8"
    )
    files = [str(tmp_path / "cases.csv"), str(tmp_path / "persons.csv")]
    result = runner.invoke(app, ["registry", "import", *files, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    assert not [note for note in json.loads(result.output)["notes"] if note.startswith("warning")]
