"""Every finding code the engine produces, and every key of the JSON output, is documented in
docs/assess.md (STYLE.md, rule 12)."""

from __future__ import annotations

from pathlib import Path

from tipwatch.assess import assess
from tipwatch.assess.criteria import CRITERIA
from tipwatch.assess.examples import example_files
from tipwatch.evidence import load_evidence

DOC = (Path(__file__).resolve().parents[2] / "docs" / "assess.md").read_text(encoding="utf-8")
SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"


def _scenario_codes() -> set[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("statute_scenarios", SCENARIOS / "test_statute.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    codes: set[str] = set()
    for case in module.CASES:
        for version, year in case["runs"]:
            codes |= {f.code for f in assess(module._evidence(case, year), law_version=version).findings}
    return codes


def test_every_finding_code_is_documented() -> None:
    codes = {c.code for c in CRITERIA} | _scenario_codes()
    for path in example_files():
        codes |= {f.code for f in assess(load_evidence(path)).findings}
    assert len(codes) > 20
    missing = sorted(code for code in codes if f"`{code}`" not in DOC)
    assert not missing, f"document these finding codes in docs/assess.md: {missing}"


def test_json_keys_are_documented() -> None:
    result = assess(load_evidence(example_files()[0]))
    for key in result.to_json_data():
        assert f"`{key}`" in DOC, key
