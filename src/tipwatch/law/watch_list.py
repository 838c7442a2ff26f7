"""The Watch List rules of 22 U.S.C. 7107(b)(2)(D)-(F) over a jurisdiction's tiers by report year: one
implementation shared by the assessment engine (``tipwatch.assess.placement``) and the Watch List audit
(``tipwatch.history.audit``), so that the same facts give the same answer in both.

- :func:`counted_run_before` — the consecutive counted Watch List years just before a report year.
- :func:`tier3_basis` — whether a Tier 3 placement was an automatic downgrade ((D)(i) forced it after an
  exhausted run) or, as the report states, a placement on the merits.
- :func:`downgrade_before` — the earlier Tier 3 placement that, under a named reading of (F), limits a
  Watch List run that starts in a given year to one consecutive year (``None`` when (F) does not apply).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from tipwatch.evidence.vocabulary import Tier
from tipwatch.law.readings import Reading
from tipwatch.law.versions import LawVersion

LawLookup = Callable[[int], LawVersion]


class Tier3Basis(StrEnum):
    """Why a Tier 3 placement was made, as far as the record tells."""

    AUTOMATIC = "automatic-downgrade"  # (D)(i) forced it after the counted Watch List years
    MERITS = "merits"  # the report states the government was not making significant efforts
    NOT_AFTER_WATCH_LIST = "not-after-watch-list"  # no exhausted Watch List run right before it


@dataclass(frozen=True, slots=True)
class PriorDowngrade:
    """An earlier Tier 3 placement that (F) looks back to, under one reading."""

    year: int
    run: tuple[int, ...]  # the counted Watch List years right before it
    basis: Tier3Basis
    reading: str


def counted_run_before(tiers: Mapping[int, object], year: int, law: LawVersion) -> tuple[int, ...]:
    """The consecutive Watch List years just before ``year`` that count under (D)(i) of ``law`` (years
    after December 23, 2008), oldest first."""
    first = law.parameters.watch_list_years_counted_from.value
    if first is None:
        return ()
    years: list[int] = []
    before = year - 1
    while tiers.get(before) is Tier.WATCH_LIST and before >= first:
        years.append(before)
        before -= 1
    return tuple(reversed(years))


def tier3_basis(
    tiers: Mapping[int, object], year: int, law_for: LawLookup, merits: frozenset[int] = frozenset()
) -> Tier3Basis:
    """The basis of the Tier 3 placement in ``year``: on the merits where the report says so (``merits``
    holds the years it does); else an automatic downgrade when the law then in force counted enough
    consecutive Watch List years right before it; else not after a Watch List run."""
    law = law_for(year)
    limit = law.parameters.automatic_downgrade_after_years.value
    if limit is None or len(counted_run_before(tiers, year, law)) < limit:
        return Tier3Basis.NOT_AFTER_WATCH_LIST
    return Tier3Basis.MERITS if year in merits else Tier3Basis.AUTOMATIC


def downgrade_before(
    tiers: Mapping[int, object],
    run_start: int,
    reading: Reading,
    law: LawVersion,
    law_for: LawLookup,
    merits: frozenset[int] = frozenset(),
) -> PriorDowngrade | None:
    """The latest Tier 3 placement before a Watch List run starting in ``run_start`` after which (F), as
    ``reading`` reads it, limits the run to the years (F) allows; ``None`` when ``law`` (the version in
    force for the Watch List year judged) has no (F) or no earlier Tier 3 placement qualifies.

    Under every reading the Tier 3 placement must follow at least as many consecutive counted Watch
    List years as (D)(i) of ``law`` requires ((F)(i)(I)). A reading may further require that it was an
    automatic downgrade (not on the merits), that it was placed in a report governed by (F) itself
    (``law_for`` gives the version of each earlier year), and that the run follows its Tier 3 years
    directly."""
    if law.parameters.max_watch_list_years_after_downgrade.value is None:
        return None
    limit = law.parameters.automatic_downgrade_after_years.value or 0
    for year in sorted((y for y, t in tiers.items() if t is Tier.TIER_3 and y < run_start), reverse=True):
        if reading.reinstated_directly and any(
            tiers.get(between) is not Tier.TIER_3 for between in range(year, run_start)
        ):
            return None  # an earlier Tier 3 lies before a year that was not Tier 3
        run = counted_run_before(tiers, year, law)
        if not run or len(run) < limit:
            continue
        basis = Tier3Basis.MERITS if year in merits else Tier3Basis.AUTOMATIC
        if reading.downgrade_must_be_automatic and basis is Tier3Basis.MERITS:
            continue
        if (
            reading.downgrade_under_limit_law_only
            and law_for(year).parameters.max_watch_list_years_after_downgrade.value is None
        ):
            continue
        return PriorDowngrade(year, run, basis, reading.name)
    return None
