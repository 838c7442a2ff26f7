"""Calibration against published placements: the figure and table documented in docs/assess.md are the
ones the engine produces, the evidence cannot read its answer, and the published tiers are the record's."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tipwatch.assess.calibration import CALIBRATION_DIR, calibrate
from tipwatch.cli import app
from tipwatch.evidence import load_evidence
from tipwatch.problems import InputError

DOC = (Path(__file__).resolve().parents[2] / "docs" / "assess.md").read_text(encoding="utf-8")
DEV = Path(__file__).resolve().parents[1] / "data" / "narratives" / "dev"


def test_documented_agreement_is_the_engines() -> None:
    result = calibrate()
    found = re.search(r"\*\*Exact-tier agreement: (\d+) of (\d+) \(([\d.]+)%\)\*\* under `([^`]+)`", DOC)
    assert found, "docs/assess.md must state the calibration figure"
    agreed, total, percent, policy = found.groups()
    assert (result.agreed, len(result.rows), result.policy_version) == (int(agreed), int(total), policy)
    assert f"{100 * result.agreement:.1f}" == percent
    shown = f"exact-tier agreement: {result.agreed}/{len(result.rows)} ({result.agreement:.1%})"
    assert shown in DOC, "the example output in docs/assess.md must be the command's"
    assert len(result.rows) >= 20
    assert all(row.jurisdiction != "Macau" for row in result.rows)


def test_documented_table_is_the_engines() -> None:
    for row in calibrate().rows:
        line = f"| {row.jurisdiction} | {row.report_year} | {row.published} | {row.engine} | "
        verdict = "agree" if row.agrees else "miss"
        assert line + verdict in DOC, f"docs/assess.md lacks or misstates: {line}{verdict}"


def test_every_miss_is_explained() -> None:
    for row in calibrate().rows:
        if not row.agrees:
            cells = next(
                line
                for line in DOC.splitlines()
                if line.startswith(f"| {row.jurisdiction} | {row.report_year} |")
            )
            assert len(cells.split("|")[6].strip()) > 20, (
                f"explain the miss of {row.jurisdiction} {row.report_year}"
            )


def test_published_tiers_are_the_bundled_record() -> None:
    from tipwatch.history import load_bundled_record

    record = load_bundled_record()
    for row in calibrate().rows:
        assert record.placement(row.jurisdiction, row.report_year) == row.published


FULL = "full narrative (stored page)"
SOURCES = (CALIBRATION_DIR / "SOURCES.md").read_text(encoding="utf-8")


def _sources(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if isinstance(node.get("quote"), str) else []
        return found + [s for value in node.values() for s in _sources(value)]
    if isinstance(node, list):
        return [s for value in node for s in _sources(value)]
    return []


def test_every_quote_is_in_its_narrative() -> None:
    """A quote from the stored excerpt is in it; a quote completed from the full narrative names a page
    SOURCES.md lists for its file, and is a short sentence, not a copied section."""
    empty = {"nigeria-2012", "papua-new-guinea-2016"}  # excerpts that are the trafficking profile only
    for path in sorted(CALIBRATION_DIR.glob("*.yaml")):
        evidence = load_evidence(path)
        excerpt = DEV / f"{path.stem}.txt"  # files built from the full narrative alone have none
        text = excerpt.read_text(encoding="utf-8") if excerpt.exists() else ""
        sources = _sources(evidence.model_dump(mode="json"))
        assert bool(sources) is (path.stem not in empty), path.name
        for source in sources:
            if source["document"] == FULL:
                line = next((x for x in SOURCES.splitlines() if x.startswith(f"- `{path.name}`: ")), "")
                assert source["url"] in line, (path.name, source["url"], "list the page in SOURCES.md")
                assert len(source["quote"]) <= 200, (path.name, source["quote"])
            else:
                assert source["quote"] in text, (path.name, source["quote"])


def test_counts_agree_with_the_gold_annotations() -> None:
    """Hand-checked: every count of the dev set's gold annotation is the evidence file's count."""
    import json

    annotated = [p for p in sorted(CALIBRATION_DIR.glob("*.yaml")) if (DEV / f"{p.stem}.json").exists()]
    assert len(annotated) >= 23
    for path in annotated:
        gold = json.loads((DEV / f"{path.stem}.json").read_text(encoding="utf-8"))
        evidence = load_evidence(path)
        for section, name in [
            ("prosecution", "investigations"),
            ("prosecution", "prosecutions"),
            ("prosecution", "convictions"),
            ("protection", "victims_identified"),
        ]:
            count = getattr(getattr(evidence, section), name)
            if gold[name] is not None:
                assert count is not None and count.lower_bound == gold[name], (path.name, name)


def test_evidence_that_states_its_placement_is_refused(tmp_path: Path) -> None:
    shutil.copytree(CALIBRATION_DIR, tmp_path / "set")
    leaky = tmp_path / "set" / "kenya-2021.yaml"
    leaky.write_text(
        leaky.read_text(encoding="utf-8") + "notes: the government is making significant efforts\n"
    )
    with pytest.raises(InputError) as info:
        calibrate(tmp_path / "set")
    assert any(p.code == "placement-in-evidence" and "kenya-2021.yaml" in str(p) for p in info.value.problems)


def test_cli_prints_the_table_and_refuses_a_bad_set(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["calibrate"])
    assert out.exit_code == 0 and "exact-tier agreement:" in out.stdout
    as_json = runner.invoke(app, ["calibrate", "--json"])
    assert as_json.exit_code == 0 and '"agreement"' in as_json.stdout
    bad = runner.invoke(app, ["calibrate", "--set", str(tmp_path)])
    assert bad.exit_code == 2 and "published.csv" in bad.output


def test_a_bad_index_names_file_line_and_field(tmp_path: Path) -> None:
    (tmp_path / "published.csv").write_text("file,jurisdiction,year\nx.yaml,X,2020\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        calibrate(tmp_path)
    assert {p.code for p in info.value.problems} == {"bad-calibration-index"}
    assert any(p.location.field == "report_year" for p in info.value.problems)
    (tmp_path / "published.csv").write_text(
        "file,jurisdiction,report_year,tier\nx.yaml,X,2020,4\ny.yaml,Y,2020,2\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        calibrate(tmp_path)
    codes = [(p.code, p.location.line) for p in info.value.problems]
    assert ("bad-calibration-row", 2) in codes and any(code != "bad-calibration-row" for code, _ in codes)
