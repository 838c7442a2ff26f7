"""Invariants of the engine (hypothesis): more evidence of effort, all else equal, never lowers the tier;
results are deterministic; every finding cites a rule."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tipwatch.assess import assess
from tipwatch.assess.levers import ADVERSE, FLAGS
from tipwatch.evidence import Evidence

COUNT_PATHS = [
    "prosecution.investigations",
    "prosecution.prosecutions",
    "prosecution.convictions",
    "protection.victims_identified",
    "protection.victims_served",
    "protection.victims_referred",
]
MEASURES = ["investigations", "prosecutions", "convictions", "victims_identified", "victims_served"]
TIERS = ["1", "2", "2WL", "3", "special", None]

maybe_count = st.one_of(st.none(), st.integers(min_value=0, max_value=12))
maybe_flag = st.one_of(st.none(), st.booleans())


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


@st.composite
def evidence_data(draw: st.DrawFn) -> dict[str, Any]:
    year = draw(st.integers(min_value=2001, max_value=2026))
    data: dict[str, Any] = {"jurisdiction": "Propertyland", "report_year": year}
    for path in COUNT_PATHS:
        _set(data, path, draw(maybe_count))
    for path in [*FLAGS, *ADVERSE]:
        _set(data, path, draw(maybe_flag))
    data["previous_period"] = {m: draw(maybe_count) for m in MEASURES}
    data["prior_placements"] = [
        {"report_year": year - back, "tier": tier}
        for back in range(1, 6)
        if year - back >= 2001 and (tier := draw(st.sampled_from(TIERS))) is not None
    ]
    data["policy_or_pattern"] = {"present": draw(maybe_flag)}
    data["victim_estimate"] = {"very_significant": draw(maybe_flag)}
    data["watch_list_waiver"] = {
        "written_plan": draw(maybe_flag),
        "plan_would_be_significant": draw(maybe_flag),
        "sufficient_resources": draw(maybe_flag),
    }
    data["commitments"] = ["a future step"] * draw(st.integers(min_value=0, max_value=2))
    return data


@st.composite
def improved(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """The same evidence with more effort recorded: higher counts, positive facts recorded, adverse facts
    removed, a policy or pattern ended, grounds for a waiver."""
    better = copy.deepcopy(data)
    for path in COUNT_PATHS:
        if draw(st.booleans()):
            _set(better, path, (_get(better, path) or 0) + draw(st.integers(min_value=1, max_value=5)))
    for path in FLAGS:
        if draw(st.booleans()):
            _set(better, path, True)
    for path in ADVERSE:
        if draw(st.booleans()) and _get(better, path) is not False:
            _set(better, path, draw(st.sampled_from([False, None])) if _get(better, path) else False)
    if draw(st.booleans()):
        better["policy_or_pattern"] = {"present": False}
    if draw(st.booleans()):
        better["watch_list_waiver"] = dict.fromkeys(better["watch_list_waiver"], True)
    return better


def _rank(data: dict[str, Any]) -> int:
    rank = assess(Evidence.model_validate(data)).tier.rank
    assert rank is not None
    return rank


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_more_effort_never_lowers_the_tier(data: st.DataObject) -> None:
    base = data.draw(evidence_data())
    better = data.draw(improved(base))
    assert _rank(better) <= _rank(base)


@settings(max_examples=60, deadline=None)
@given(evidence_data())
def test_results_are_deterministic(data: dict[str, Any]) -> None:
    first = assess(Evidence.model_validate(data)).model_dump_json()
    second = assess(Evidence.model_validate(copy.deepcopy(data))).model_dump_json()
    assert first == second


@settings(max_examples=60, deadline=None)
@given(evidence_data())
def test_every_finding_cites_a_rule(data: dict[str, Any]) -> None:
    result = assess(Evidence.model_validate(data))
    assert result.findings
    for finding in result.findings:
        assert finding.rule and finding.subsection == f"22 U.S.C. {finding.rule}"
    assert [step.step for step in result.trace] == list(range(1, len(result.trace) + 1))
