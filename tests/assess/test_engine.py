from __future__ import annotations

from pathlib import Path

from tipwatch.assess import Status, assess
from tipwatch.assess.examples import example_path
from tipwatch.assess.policy import DEFAULT_POLICY
from tipwatch.evidence import Evidence, load_evidence
from tipwatch.law import Cited, law_version
from tipwatch.reports.assessment import render_assessment


def test_the_law_version_decides_which_criteria_are_evaluated() -> None:
    law = law_version("ndaa-2021")
    fewer = law.parameters.model_copy(
        update={
            "minimum_standard_criteria": Cited[list[str]](
                value=["7106(b)(1)", "7106(b)(2)", "7106(b)(3)"],
                reference="22 U.S.C. 7106(b)",
                act="Pub. L. 106-386, sec. 108(b)",
            )
        }
    )
    trimmed = law.model_copy(update={"parameters": fewer})
    evidence = load_evidence(example_path("macau-2021"))
    rules = {f.rule for f in assess(evidence, trimmed).findings if f.rule.startswith("7106(b)")}
    assert rules == {"7106(b)(1)", "7106(b)(2)", "7106(b)(3)"}
    full = {f.rule for f in assess(evidence).findings if f.rule.startswith("7106(b)")}
    assert len(full) == 12


def test_trace_is_ordered_and_names_the_rules_it_applies() -> None:
    result = assess(load_evidence(example_path("macau-2022")))
    rules = [step.rule for step in result.trace]
    assert rules[0] == "7107(b)(1)"
    assert rules.index("7107(b)(1)(A)") < rules.index("7107(b)(1)(B)") < rules.index("7107(b)(2)(D)(i)")
    assert rules[-1] == "7107(b)(1)(H)"


def test_findings_cite_the_source_sentence() -> None:
    result = assess(load_evidence(example_path("macau-2020")))
    enforcement = result.finding("law-enforcement")
    assert enforcement is not None and enforcement.status is Status.PARTLY_MET
    quotes = [s.quote for c in enforcement.evidence for s in c.sources]
    assert "convicting three sex traffickers" in quotes


def test_html_escapes_evidence_text() -> None:
    evidence = Evidence.model_validate(
        {
            "jurisdiction": "<script>alert(1)</script>",
            "report_year": 2023,
            "protection": {"victims_identified": 2},
        }
    )
    html = render_assessment(assess(evidence), "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_a_policy_with_unknown_rules_is_rejected_with_its_location(tmp_path: Path) -> None:
    import pytest

    from tipwatch.assess.policy import DEFAULT_POLICY, load_policy
    from tipwatch.problems import InputError

    bad = tmp_path / "bad.yaml"
    bad.write_text(DEFAULT_POLICY.read_text().replace('"7106(b)(12)": 0.5', '"7106(b)(13)": 0.5'))
    with pytest.raises(InputError) as info:
        load_policy(bad)
    assert "7106(b)(13)" in str(info.value) and str(bad) in str(info.value)


def test_complicity_outcomes_decide_the_criterion() -> None:
    base = {"jurisdiction": "X", "report_year": 2023}
    convicted = Evidence.model_validate(
        {
            **base,
            "prosecution": {
                "complicity_cases": [{"description": "a police officer", "outcome": "convicted"}]
            },
        }
    )
    alleged = Evidence.model_validate(
        {
            **base,
            "prosecution": {"complicity_cases": [{"description": "a police officer", "outcome": "alleged"}]},
        }
    )
    assert assess(convicted).finding("official-complicity").status is Status.MET  # type: ignore[union-attr]
    # An allegation nobody acted on is no concrete action (7107(b)(1)(A)-(B), 7102(5)): rubric-2026 gives
    # it no credit; rubric-2024 kept its partial credit and still does.
    assert assess(alleged).finding("official-complicity").status is Status.UNKNOWN  # type: ignore[union-attr]
    old = DEFAULT_POLICY.with_name("rubric-2024.yaml")
    assert assess(alleged, policy=old).finding("official-complicity").status is Status.PARTLY_MET  # type: ignore[union-attr]
