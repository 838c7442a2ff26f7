"""Cross-checks of a narrative's statements against the tier record: the tier it states, its movement
("remained on", "was downgraded to") and tier streaks ("remained on Tier 2 Watch List for the fourth
consecutive year", "a Special Case for the seventh consecutive year"). Each inconsistency is a warning
that names both sources — the narrative's file and span, and the record.

The record is a parameter: any ``lookup(jurisdiction, report_year) -> Tier | None`` (for example
``tipwatch.history.load_bundled_record().placement``); a lookup that raises :class:`TipwatchError` for an
unknown jurisdiction gives one ``unknown-jurisdiction`` note instead of checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from tipwatch.evidence import Movement, Tier, movement_between
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import Location, Problem, Severity, TipwatchError
from tipwatch.reader.model import Narrative, Span
from tipwatch.reader.placement import tier_from_words

TierLookup = Callable[[str, int], Tier | None]
_CLAIM_TIER = re.compile(
    r"(?:remained|remains|remain|is|was|been)[\s\u00a0]+(?:on|a|placed[\s\u00a0]+on)[\s\u00a0]+(?:the[\s\u00a0]+)?"
    r"(?P<tier>Tier[\s\u00a0]*(?:2|II)[\s\u00a0]+Watch[\s\u00a0]*List|Tier[\s\u00a0]*(?:[123]|I{1,3})\b|Special[\s\u00a0]+Case)",
    re.IGNORECASE,
)


def lookup_from_mapping(record: Mapping[tuple[str, int], Tier | str]) -> TierLookup:
    """A lookup over ``{(jurisdiction, report_year): tier}``."""

    def lookup(jurisdiction: str, report_year: int) -> Tier | None:
        found = record.get((jurisdiction, report_year))
        return None if found is None else Tier(found)

    return lookup


def _where(narrative: Narrative, span: Span) -> str:
    return f"the narrative ({narrative.file or 'text'}) says “{span.text}”:"


def _warning(code: str, message: str, narrative: Narrative, field: str, span: Span) -> Problem:
    location = Location(
        file=narrative.file,
        field=field,
        span=(span.start, span.end) if span.start is not None and span.end is not None else None,
    )
    return Problem(code, message, Severity.WARNING, location)


def cross_check(
    narrative: Narrative, lookup: TierLookup, *, record_name: str = "the tier record"
) -> list[Problem]:
    """Warnings for every statement of ``narrative`` that the tier record contradicts."""
    name, year = narrative.value("jurisdiction"), narrative.value("report_year")
    if name is None or year is None:
        return []

    def record(report_year: int) -> Tier | None:
        return lookup(name, report_year)

    try:
        recorded = record(year)
    except TipwatchError as exc:
        return [
            Problem(
                ProblemCode.UNKNOWN_JURISDICTION,
                f"{name!r} is not in {record_name}: {exc}",
                Severity.INFO,
                Location(file=narrative.file, field="jurisdiction"),
            )
        ]
    problems, stated = _tier_problems(narrative, recorded, record_name)
    problems += _movement_problems(narrative, record, stated or recorded, record_name)
    problems += _streak_problems(narrative, record, record_name)
    return problems


def _tier_problems(
    narrative: Narrative, recorded: Tier | None, record_name: str
) -> tuple[list[Problem], Tier | None]:
    """The stated tier against the recorded one; also returns the stated tier."""
    tier_fact = narrative.facts.get("tier")
    stated = Tier(tier_fact.value) if tier_fact is not None else None
    if tier_fact is None or recorded is None or stated == recorded:
        return [], stated
    name, year = narrative.value("jurisdiction"), narrative.value("report_year")
    message = (
        f"{_where(narrative, tier_fact.span)} {stated.label if stated else '?'}; but {record_name} has "
        f"{recorded.label} for {name} in {year}"
    )
    return [_warning(ProblemCode.TIER_MISMATCH, message, narrative, "tier", tier_fact.span)], stated


def _movement_problems(
    narrative: Narrative, record: Callable[[int], Tier | None], current: Tier | None, record_name: str
) -> list[Problem]:
    """The stated movement (upgraded, downgraded, remained) against last year's recorded tier."""
    movement_fact = narrative.facts.get("movement")
    if movement_fact is None:
        return []
    name, year = narrative.value("jurisdiction"), narrative.value("report_year")
    previous = record(year - 1)
    expected = movement_between(previous, current) if current is not None else None
    if current is None or expected is None or expected == Movement(movement_fact.value):
        return []
    message = (
        f"{_where(narrative, movement_fact.span)} {name} {movement_fact.value}; but {record_name} has "
        f"{previous.label if previous else '?'} in {year - 1} and {current.label} in {year} ({expected})"
    )
    return [_warning(ProblemCode.MOVEMENT_MISMATCH, message, narrative, "movement", movement_fact.span)]


def _streak_problems(
    narrative: Narrative, record: Callable[[int], Tier | None], record_name: str
) -> list[Problem]:
    """Each "N consecutive years on Tier X" claim against the recorded years."""
    year = narrative.value("report_year")
    problems: list[Problem] = []
    for claim in narrative.consecutive_year_claims:
        found = _CLAIM_TIER.search(claim.text)
        if not found:
            continue
        claimed = tier_from_words(found.group("tier"))
        years = range(year - claim.number + 1, year + 1)
        differing = [(y, t) for y in years if (t := record(y)) is not None and t != claimed]
        if differing:
            listed = ", ".join(f"{t.label} in {y}" for y, t in differing)
            message = (
                f"{_where(narrative, claim.span)} {claimed.label} for {claim.number} consecutive years "
                f"({years.start}-{year}); but {record_name} has {listed}"
            )
            problems.append(
                _warning(
                    ProblemCode.STREAK_MISMATCH, message, narrative, "consecutive_year_claims", claim.span
                )
            )
    return problems
