"""What-if: the smallest changes of evidence that would move the placement up one tier, and the adverse
findings that would move it down. Each candidate evidence is assessed by the same engine."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tipwatch.assess.engine import assess
from tipwatch.assess.levers import Lever, improving_levers, worsening_levers
from tipwatch.assess.policy import Policy, load_policy
from tipwatch.evidence.model import Evidence
from tipwatch.evidence.vocabulary import Tier
from tipwatch.law import LawVersion, law_for_report_year
from tipwatch.law import law_version as find_law


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    code: str
    description: str
    path: str
    value: Any


class Option(BaseModel):
    """A set of changes and the tier they lead to."""

    model_config = ConfigDict(frozen=True)

    changes: list[Change]
    tier: Tier
    search: str = Field(
        default="smallest",
        description="'smallest': no smaller set of changes does it; 'irreducible': found beyond max_changes "
        "by dropping changes from the full set while the tier holds, so none can be left out.",
    )


class WhatIf(BaseModel):
    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    report_year: int
    tier: Tier
    up: list[Option]
    down: list[Option]
    max_changes: int
    law_version: str
    policy_version: str


def _changed(evidence: Evidence, levers: tuple[Lever, ...]) -> Evidence:
    data = evidence.model_dump(mode="json", exclude_none=True)
    for lever in levers:
        lever.apply(data)
    return Evidence.model_validate(data)


def _irreducible(
    evidence: Evidence, levers: list[Lever], rank: int, law: LawVersion, rubric: Policy
) -> Option | None:
    """All improving changes at once, then drop each change the improvement does not need."""
    by_path = {lever.path: lever for lever in levers}  # one change per path: the last (largest) one
    chosen = list(by_path.values())
    best = assess(_changed(evidence, tuple(chosen)), law, rubric).tier
    if best.rank is None or best.rank >= rank:
        return None
    for lever in list(chosen):
        trial = [kept for kept in chosen if kept is not lever]
        tier = assess(_changed(evidence, tuple(trial)), law, rubric).tier
        if tier.rank is not None and tier.rank < rank:
            chosen, best = trial, tier
    return _option(tuple(chosen), best, "irreducible")


def _option(levers: tuple[Lever, ...], tier: Tier, search: str = "smallest") -> Option:
    return Option(
        search=search,
        changes=[
            Change(code=lever.code, description=lever.description, path=lever.path, value=lever.value)
            for lever in levers
        ],
        tier=tier,
    )


def what_if(
    evidence: Evidence,
    law_version: LawVersion | str | None = None,
    policy: Policy | Path | str | None = None,
    max_changes: int = 2,
) -> WhatIf:
    """Smallest sets (up to ``max_changes``) of improving changes that lift the tier by at least one, and
    the single adverse findings that lower it."""
    law = (
        law_version
        if isinstance(law_version, LawVersion)
        else (find_law(law_version) if law_version else law_for_report_year(evidence.report_year))
    )
    rubric = policy if isinstance(policy, Policy) else load_policy(policy)
    current = assess(evidence, law, rubric)
    rank = current.tier.rank
    up: list[Option] = []
    if rank is not None and rank > 0:
        levers = improving_levers(evidence)
        found: list[frozenset[str]] = []
        for size in range(1, max_changes + 1):
            for combination in itertools.combinations(levers, size):
                codes = frozenset(lever.code for lever in combination)
                if len({lever.path for lever in combination}) < size or any(f <= codes for f in found):
                    continue
                tier = assess(_changed(evidence, combination), law, rubric).tier
                if tier.rank is not None and tier.rank < rank:
                    found.append(codes)
                    up.append(_option(combination, tier))
            if up:
                break
        if not up and (fallback := _irreducible(evidence, levers, rank, law, rubric)) is not None:
            up.append(fallback)
    down: list[Option] = []
    if rank is not None and rank < 3:
        for lever in worsening_levers(evidence):
            tier = assess(_changed(evidence, (lever,)), law, rubric).tier
            if tier.rank is not None and tier.rank > rank:
                down.append(_option((lever,), tier))
    return WhatIf(
        jurisdiction=evidence.jurisdiction,
        report_year=evidence.report_year,
        tier=current.tier,
        up=up,
        down=down,
        max_changes=max_changes,
        law_version=law.id,
        policy_version=rubric.label,
    )
