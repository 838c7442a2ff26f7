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
    assert "empty.txt" in result.stderr and "empty-file" in result.stderr
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


CONTRADICTED = (
    "MACAU: Tier 2 Watch List\n\nThe Government of Macau does not fully meet the minimum standards for the elimination "
    "of trafficking but is making significant efforts to do so. Therefore Macau remained on Tier 2 Watch List for the "
    "fourth consecutive year.\n"
)


def test_read_cross_checks_against_the_bundled_tier_record(tmp_path: Path) -> None:
    path = tmp_path / "macau-2022.txt"
    path.write_text(CONTRADICTED, encoding="utf-8")
    result = runner.invoke(app, ["read", str(path), "--json"])
    assert result.exit_code == 0, result.output
    warnings = json.loads(result.stdout)["warnings"]
    assert [w["code"] for w in warnings] == ["tier-mismatch", "streak-mismatch"]
    assert "tip_tiers.csv" in warnings[0]["message"] and "macau-2022.txt" in warnings[0]["message"]
    assert "Tier 3 for Macau in 2022" in warnings[0]["message"]
    assert "tier-mismatch" in result.stderr
    quiet = runner.invoke(app, ["read", str(path), "--json", "--no-check"])
    assert json.loads(quiet.stdout)["warnings"] == []


def test_the_dev_set_agrees_with_the_tier_record() -> None:
    result = runner.invoke(app, ["read", str(DEV), "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 31
    assert [w for r in rows for w in r["warnings"] if w["severity"] == "warning"] == []


def test_read_evidence_writes_a_loadable_partial_evidence_file(tmp_path: Path) -> None:
    from tipwatch.evidence import load_evidence

    out = tmp_path / "evidence.yaml"
    result = runner.invoke(app, ["read", str(DEV / "macau-2021.txt"), "--evidence", "-o", str(out)])
    assert result.exit_code == 0, result.output
    evidence = load_evidence(out)
    assert (evidence.jurisdiction, evidence.report_year) == ("Macau", 2021)
    convictions = evidence.prosecution.convictions
    assert convictions is not None and convictions.total is not None and convictions.total.value == 0
    source = convictions.total.source
    assert source is not None and source.document == str(DEV / "macau-2021.txt")
    assert source.quote is not None and "convict any traffickers" in source.quote
    assert source.page is not None and source.page.startswith("characters ")
    assert [(p.report_year, str(p.tier)) for p in evidence.prior_placements] == [(2020, "2WL")]
    assert evidence.protection.victims_identified is not None


def test_read_evidence_for_several_needs_a_folder_and_writes_one_file_each(tmp_path: Path) -> None:
    files = [str(DEV / "chad-2020.txt"), str(DEV / "nicaragua-2022.txt")]
    refused = runner.invoke(app, ["read", *files, "--evidence", "-o", str(tmp_path / "one.yaml")])
    assert refused.exit_code == 2 and not (tmp_path / "one.yaml").exists()
    result = runner.invoke(app, ["read", *files, "--evidence", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "chad-2020.evidence.yaml",
        "nicaragua-2022.evidence.yaml",
    ]


def test_read_evidence_without_a_year_fails_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "narrative.txt"
    path.write_text(CONTRADICTED, encoding="utf-8")
    out = tmp_path / "evidence.yaml"
    result = runner.invoke(app, ["read", str(path), "--evidence", "-o", str(out)])
    assert result.exit_code == 2
    assert "missing-identity" in result.stderr and "--year" in result.stderr
    assert not out.exists()


def test_read_eval_scores_an_unreadable_item_as_all_null(tmp_path: Path) -> None:
    shutil.copy(DEV / "kenya-2021.txt", tmp_path / "kenya-2021.txt")
    shutil.copy(DEV / "kenya-2021.json", tmp_path / "kenya-2021.json")
    (tmp_path / "broken-2020.txt").write_text("", encoding="utf-8")
    shutil.copy(DEV / "libya-2022.json", tmp_path / "broken-2020.json")
    result = runner.invoke(app, ["read-eval", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["items"] == 2
    assert data["failures"] == ["broken-2020.txt: broken-2020.txt: empty input"]
    assert data["fields"]["tier"]["right"] == 1


def test_read_a_many_country_pdf_prints_json_lines(tmp_path: Path) -> None:
    import random

    from bench.synthetic_narratives import build_report_pdf, synthetic_narrative

    rng = random.Random(11)
    planted = [synthetic_narrative(rng, words_target=250, name=name) for name in ("Benin", "Nepal", "Chile")]
    pdf = build_report_pdf(tmp_path / "report.pdf", planted, year=2024)
    result = runner.invoke(app, ["read", str(pdf), "--json", "--no-check"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["file"] for r in rows] == [f"{pdf}#BENIN", f"{pdf}#NEPAL", f"{pdf}#CHILE"]
    assert [(r["jurisdiction"], r["tier"], r["report_year"]) for r in rows] == [
        (p.name, p.facts["tier"], 2024) for p in planted
    ]


def test_read_glob_prints_one_summary_line_per_narrative() -> None:
    result = runner.invoke(app, ["read", str(DEV / "macau-202*.txt"), "--no-check"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert lines[1].endswith(
        "macau-2021.txt: Macau 2021 tier=2WL movement=remained investigations=0 prosecutions=0 convictions=0 victims=0"
    )


def test_json_lines_of_the_dev_set_equal_the_gold_annotations() -> None:
    result = runner.invoke(app, ["read", str(DEV), "--json", "--no-check"])
    assert result.exit_code == 0, result.output
    for row in map(json.loads, result.stdout.splitlines()):
        gold = json.loads((DEV / Path(row["file"]).with_suffix(".json").name).read_text(encoding="utf-8"))
        assert {k: row[k] for k in SCHEMA_KEYS} == {k: gold[k] for k in SCHEMA_KEYS}, row["file"]
        for name in ("consecutive_year_claims", "since_year_claims"):
            assert [s["text"] for s in row["spans"].get(name, [])] == [c["text"] for c in row[name]]
