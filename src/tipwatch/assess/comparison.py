"""Increasing efforts compared to the previous reporting period (22 U.S.C. 7107(b)(2)(A)(iii)(II),
7106(b)(11)).

The current period counts what was recorded: an unknown current figure is no recorded effort (0), as
Tier 1 and Tier 2 rest only on concrete actions recorded in the period. The previous figure may be
exact or a lower bound. A measure rose when the current figure exceeds every value the previous one
can have, fell when it is below the previous lower bound, and is undecided otherwise; an undecided
measure takes the direction the source states, if any (``previous_period.compared``). Efforts increased
when the rises outnumber the falls by the policy's ``min_net_increase``; with no decided measure at all
the answer is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipwatch.assess.policy import Policy
from tipwatch.evidence.facts import Count
from tipwatch.evidence.model import ByType, Evidence
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem

CURRENT = {
    "investigations": "prosecution.investigations",
    "prosecutions": "prosecution.prosecutions",
    "convictions": "prosecution.convictions",
    "victims_identified": "protection.victims_identified",
    "victims_served": "protection.victims_served",
}


@dataclass(frozen=True)
class MeasureChange:
    measure: str
    current: int
    previous: str
    direction: str  # "rose", "fell", "same" or "undecided"


def _current(evidence: Evidence, measure: str) -> int:
    section, name = CURRENT[measure].split(".")
    node = getattr(getattr(evidence, section), name)
    value = node.lower_bound if isinstance(node, ByType | Count) else None
    return value or 0


def compare(evidence: Evidence, policy: Policy) -> tuple[bool | None, list[MeasureChange]]:
    """Whether efforts increased, and how each measure moved."""
    unknown = [m for m in policy.increasing_efforts.measures if m not in CURRENT]
    if unknown:
        raise InputError(
            f"policy {policy.label}: unknown increasing-efforts measure(s)",
            [
                Problem(
                    ProblemCode.UNKNOWN_MEASURE,
                    f"received {m!r}; expected one of {', '.join(CURRENT)}",
                    location=Location(path="increasing_efforts.measures", field="measures"),
                )
                for m in unknown
            ],
        )
    changes = []
    stated = {c.measure: c.direction for c in evidence.previous_period.compared}
    for measure in policy.increasing_efforts.measures:
        previous: Count | None = getattr(evidence.previous_period, measure)
        current = _current(evidence, measure)
        low = previous.lower_bound if previous else None
        high = previous.value if previous else None
        if low is None:
            direction, shown = "undecided", "unknown"
        else:
            shown = str(high) if high is not None else f"at least {low}"
            if high is not None and current > high:
                direction = "rose"
            elif current < low:
                direction = "fell"
            elif high is not None and current == high:
                direction = "same"
            else:
                direction = "undecided"
        if direction == "undecided" and measure in stated:
            direction, shown = stated[measure], f"{shown} (stated: {stated[measure]})"
        changes.append(MeasureChange(measure, current, shown, direction))
    decided = [c for c in changes if c.direction != "undecided"]
    if not decided:
        return None, changes
    net = sum(c.direction == "rose" for c in decided) - sum(c.direction == "fell" for c in decided)
    return net >= policy.increasing_efforts.min_net_increase, changes
