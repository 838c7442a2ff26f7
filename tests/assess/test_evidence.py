from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tipwatch.evidence import Evidence, dump_evidence, evidence_schema, load_evidence, loads_evidence
from tipwatch.problems import InputError

FULL = """\
jurisdiction: Exampleland
report_year: 2021
prior_placements:
  - {report_year: 2020, tier: 2WL, source: {document: TIP Report 2020}}
prosecution:
  investigations: {sex: 2, labour: {at_least: 1, source: {quote: "investigated labour cases"}}}
  convictions: 0
protection:
  victims_identified: {value: 0, source: {url: "https://example.org", date: 2021-06-30}}
  proactive_screening: false
commitments:
  - "draft a new action plan"
"""


def test_bare_values_and_full_facts_read_alike() -> None:
    evidence = loads_evidence(FULL)
    assert evidence.prosecution.investigations is not None
    assert evidence.prosecution.investigations.lower_bound == 3
    assert evidence.prosecution.investigations.exact_total is None
    assert evidence.prosecution.convictions is not None
    assert evidence.prosecution.convictions.exact_total == 0
    assert evidence.protection.victims_identified is not None
    assert evidence.protection.victims_identified.total is not None
    assert str(evidence.protection.victims_identified.total.source.date) == "2021-06-30"  # type: ignore[union-attr]
    assert evidence.commitments[0].description == "draft a new action plan"
    assert evidence.reporting_period.start.isoformat() == "2020-04-01"


def test_unknown_is_not_zero() -> None:
    evidence = loads_evidence("jurisdiction: X\nreport_year: 2020\nprosecution: {convictions: null}\n")
    assert evidence.prosecution.convictions is None
    zero = loads_evidence("jurisdiction: X\nreport_year: 2020\nprosecution: {convictions: 0}\n")
    assert zero.prosecution.convictions is not None and zero.prosecution.convictions.exact_total == 0


def test_only_jurisdiction_and_year_are_required() -> None:
    with pytest.raises(InputError) as info:
        loads_evidence("prosecution: {}\n", "e.yaml")
    codes = sorted((p.code, p.location.path) for p in info.value.problems)
    assert codes == [("missing-field", "jurisdiction"), ("missing-field", "report_year")]


def test_every_problem_is_reported_with_line_and_path(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "jurisdiction: X\nreport_year: 2020\nprosecution:\n  convictions: -1\n  bogus: 2\nprotection:\n"
        "  proactive_screening: maybe\n"
    )
    with pytest.raises(InputError) as info:
        load_evidence(path)
    found = {(p.location.path, p.location.line) for p in info.value.problems}
    assert ("prosecution.convictions.total.value", 4) in found
    assert ("prosecution.bogus", 5) in found
    assert ("protection.proactive_screening.value", 7) in found
    assert all(p.location.file == str(path) for p in info.value.problems)


def test_prior_placements_must_be_earlier() -> None:
    with pytest.raises(InputError):
        loads_evidence(
            "jurisdiction: X\nreport_year: 2020\nprior_placements: [{report_year: 2020, tier: '3'}]\n"
        )


def test_schema_describes_the_sections() -> None:
    schema = evidence_schema()
    assert schema["required"] == ["jurisdiction", "report_year"]
    assert {"prosecution", "protection", "prevention", "commitments", "policy_or_pattern"} <= set(
        schema["properties"]
    )


def test_dump_round_trips(tmp_path: Path) -> None:
    evidence = loads_evidence(FULL)
    path = tmp_path / "out.yaml"
    dump_evidence(evidence, path)
    assert load_evidence(path) == evidence


counts = st.one_of(st.none(), st.integers(min_value=0, max_value=10_000))


@settings(max_examples=60, deadline=None)
@given(
    investigations=counts,
    convictions=counts,
    screening=st.one_of(st.none(), st.booleans()),
    year=st.integers(min_value=2001, max_value=2100),
    name=st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""),
)
def test_round_trip_property(
    tmp_path_factory: pytest.TempPathFactory,
    investigations: int | None,
    convictions: int | None,
    screening: bool | None,
    year: int,
    name: str,
) -> None:
    evidence = Evidence.model_validate(
        {
            "jurisdiction": name,
            "report_year": year,
            "prosecution": {"investigations": investigations, "convictions": convictions},
            "protection": {"proactive_screening": screening},
        }
    )
    path = tmp_path_factory.mktemp("rt") / "e.yaml"
    dump_evidence(evidence, path)
    assert load_evidence(path) == evidence


def test_json_evidence_files_load_and_report_lines(tmp_path: Path) -> None:
    import json

    from tipwatch.evidence import evidence_to_data

    evidence = loads_evidence(FULL)
    good = tmp_path / "e.json"
    good.write_text(json.dumps(evidence_to_data(evidence), indent=2))
    assert load_evidence(good) == evidence
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "jurisdiction": "X",\n  "report_year": 2020,\n  "protection": {"shelters": -2}\n}\n')
    with pytest.raises(InputError) as info:
        load_evidence(bad)
    [problem] = info.value.problems
    assert (problem.location.line, problem.location.path) == (4, "protection.shelters.value")
