from __future__ import annotations

import pytest

from tipwatch.assess import assess, what_if
from tipwatch.assess.examples import example_path
from tipwatch.assess.levers import improving_levers
from tipwatch.assess.what_if import _changed
from tipwatch.evidence import Evidence, load_evidence


def _rank(evidence: Evidence) -> int:
    rank = assess(evidence).tier.rank
    assert rank is not None
    return rank


@pytest.mark.parametrize("name", ["macau-2020", "macau-2022", "macau-2023"])
def test_each_option_moves_up_and_is_smallest(name: str) -> None:
    evidence = load_evidence(example_path(name))
    base = _rank(evidence)
    result = what_if(evidence)
    assert result.up
    levers = {lever.code: lever for lever in improving_levers(evidence)}
    smallest = [o for o in result.up if o.search == "smallest"]
    if not smallest:
        # rubric-2026: two single-case steps (a prosecution and a victim, from none) are no appreciable
        # progress, so Macau 2022 needs more than two changes; the irreducible set needs all of its own.
        [option] = result.up
        chosen = [levers[c.code] for c in option.changes]
        assert option.search == "irreducible" and _rank(_changed(evidence, tuple(chosen))) < base
        for left_out in chosen:
            assert _rank(_changed(evidence, tuple(x for x in chosen if x is not left_out))) >= base
        return
    size = len(smallest[0].changes)
    for option in smallest:
        assert len(option.changes) == size
        chosen = tuple(levers[c.code] for c in option.changes)
        assert _rank(_changed(evidence, chosen)) < base
    if size == 2:
        assert all(_rank(_changed(evidence, (lever,))) >= base for lever in levers.values())


def test_down_options_are_adverse_findings_that_lower_the_tier() -> None:
    evidence = load_evidence(example_path("macau-2019"))
    result = what_if(evidence)
    assert result.tier == "2" and result.down
    codes = {c.code for o in result.down for c in o.changes}
    assert "no-convictions" in codes
    assert all(o.tier.rank is not None and o.tier.rank > 1 for o in result.down)


def test_irreducible_fallback_when_two_changes_are_not_enough() -> None:
    evidence = load_evidence(example_path("macau-2019"))
    result = what_if(evidence, max_changes=1)
    [option] = result.up
    assert option.search == "irreducible" and option.tier == "1"
    levers = {lever.code: lever for lever in improving_levers(evidence)}
    chosen = [levers[c.code] for c in option.changes]
    assert _rank(_changed(evidence, tuple(chosen))) == 0
    for left_out in chosen:
        rest = tuple(lever for lever in chosen if lever is not left_out)
        assert _rank(_changed(evidence, rest)) > 0
