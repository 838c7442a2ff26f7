"""``tipwatch read`` and ``tipwatch read-eval`` end to end (Typer's runner, real files)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from tipwatch.cli import app

DEV = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"
SCHEMA_KEYS = [
    "jurisdiction", "report_year", "tier", "movement", "fully_meets_minimum_standards", "making_significant_efforts",
    "investigations", "prosecutions", "convictions", "victims_identified", "consecutive_year_claims", "since_year_claims",
]  # fmt: skip
runner = CliRunner()


def test_read_one_file_json_is_one_object_in_the_annotation_schema() -> None:
    result = runner.invoke(app, ["read", str(DEV / "macau-2021.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [k for k in data if k in SCHEMA_KEYS] == SCHEMA_KEYS
    gold = json.loads((DEV / "macau-2021.json").read_text(encoding="utf-8"))
    for key in SCHEMA_KEYS[:10]:
        assert data[key] == gold[key], key
    assert [c["years"] for c in data["consecutive_year_claims"]] == [2, 2]
    span = data["spans"]["victims_identified"]
    text = (DEV / "macau-2021.txt").read_text(encoding="utf-8")
    assert text[span["start"] : span["end"]] == span["text"]
    assert span["text"] in span["sentence"]
    assert data["recommendations"][0].startswith("Significantly increase proactive victim identification")


def test_read_several_files_json_lines_with_file_key() -> None:
    files = [str(DEV / "chad-2020.txt"), str(DEV / "libya-2022.txt")]
    result = runner.invoke(app, ["read", *files, "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["file"], r["tier"]) for r in rows] == [(files[0], "2WL"), (files[1], "special")]


def test_read_batch_with_a_bad_file_goes_on_and_exits_2(tmp_path: Path) -> None:
    shutil.copy(DEV / "cuba-2018.txt", tmp_path / "cuba-2018.txt")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["read", str(tmp_path), "--json"])
    assert result.exit_code == 2
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["jurisdiction"] for r in rows] == ["Cuba"]
    assert "empty.txt" in result.stderr and "empty-input" in result.stderr
    assert "1 file(s) failed" in result.stderr


def test_read_table_output_and_overrides() -> None:
    result = runner.invoke(
        app, ["read", str(DEV / "gabon-2010.txt"), "--year", "2011", "--jurisdiction", "Gabonese Republic"]
    )
    assert result.exit_code == 0, result.output
    assert "Gabonese Republic" in result.stdout and "2011" in result.stdout and "2WL" in result.stdout


def test_read_eval_scores_the_dev_set() -> None:
    result = runner.invoke(app, ["read-eval", str(DEV), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["items"] == 31
    for name in ("tier", "movement", "fully_meets_minimum_standards", "making_significant_efforts"):
        assert data["fields"][name]["accuracy"] == 1.0
    for name in ("investigations", "prosecutions", "convictions", "victims_identified"):
        assert data["fields"][name]["accuracy"] >= 0.95
    assert data["spans_supported"][0] == data["spans_supported"][1]


def test_read_eval_lists_mismatches_with_context(tmp_path: Path) -> None:
    shutil.copy(DEV / "macau-2020.txt", tmp_path / "macau-2020.txt")
    gold = json.loads((DEV / "macau-2020.json").read_text(encoding="utf-8"))
    gold["convictions"] = 4  # a deliberately wrong gold value
    (tmp_path / "macau-2020.json").write_text(json.dumps(gold), encoding="utf-8")
    result = runner.invoke(app, ["read-eval", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "convictions: expected 4, got 3" in result.stdout
    assert "convicting three sex traffickers" in result.stdout


def test_read_eval_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    result = runner.invoke(app, ["read-eval", str(tmp_path)])
    assert result.exit_code == 2
    assert "no-gold-files" in result.stderr
