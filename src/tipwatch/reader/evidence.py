"""A partial evidence file from a narrative, for the assessment engine: the counts the narrative states
and the placements it implies for earlier years, every value citing the narrative (file, character span,
sentence) as its source. What the assessment decides — this year's tier, the two judgments — is not
evidence; it is kept in ``notes`` for comparison."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from tipwatch.evidence import ByType, Count, Evidence, PriorPlacement, Prosecution, Protection, Source, Tier
from tipwatch.evidence.model import PreviousPeriod
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reader.model import Fact, Narrative
from tipwatch.reader.placement import tier_from_words

_CLAIM_TIER = re.compile(
    r"\bremain(?:ed|s)?[\s\u00a0]+on[\s\u00a0]+(?P<tier>Tier[\s\u00a0]*2[\s\u00a0]+Watch[\s\u00a0]*List|Tier[\s\u00a0]*[123]\b)"
    r"|\b(?:is|remains)[\s\u00a0]+a[\s\u00a0]+(?P<special>Special[\s\u00a0]+Case)",
    re.IGNORECASE,
)


def _source(narrative: Narrative, fact: Fact) -> Source:
    span = fact.span
    where = (
        f"characters {span.start}-{span.end}: {span.text}"
        if span.start is not None
        else f"{span.source}: {span.text}"
    )
    return Source(document=narrative.file or "narrative", page=where, quote=span.sentence or span.text)


PROSECUTION_COUNTS = ("investigations", "prosecutions", "convictions")
PROTECTION_COUNTS = ("victims_identified", "victims_served")
PREVIOUS_COUNTS = (*PROSECUTION_COUNTS, *PROTECTION_COUNTS)
"""The counts a narrative states that the evidence holds: this period's under their field names, the
previous period's as ``previous_period.<name>``."""


def stated_evidence(
    jurisdiction: str,
    report_year: int,
    counts: Mapping[str, Count],
    *,
    prior_placements: Sequence[PriorPlacement] = (),
    sources: Sequence[Source] = (),
    notes: str | None = None,
) -> Evidence:
    """The one narrative → evidence conversion: the counts a narrative states (each :class:`Count` with
    its own source), the placements it implies for earlier years and its notes, as an evidence file.
    Used by :func:`narrative_evidence` and by the right of reply's reassessment, which puts the
    registry's or a claim's figures in place of the narrative's."""

    def total(name: str) -> ByType | None:
        count = counts.get(name)
        return None if count is None else ByType(total=count)

    return Evidence(
        jurisdiction=jurisdiction,
        report_year=report_year,
        sources=list(sources),
        prior_placements=list(prior_placements),
        prosecution=Prosecution(**{name: total(name) for name in PROSECUTION_COUNTS}),
        protection=Protection(
            victims_identified=total("victims_identified"), victims_served=counts.get("victims_served")
        ),
        previous_period=PreviousPeriod(
            **{name: counts.get(f"previous_period.{name}") for name in PREVIOUS_COUNTS}
        ),
        notes=notes,
    )


def _stated_counts(narrative: Narrative) -> dict[str, Count]:
    counts: dict[str, Count] = {}
    for name in (*PROSECUTION_COUNTS, "victims_identified"):
        fact = narrative.facts.get(name)
        if fact is not None and fact.value is not None:
            counts[name] = Count(
                value=fact.value, source=_source(narrative, fact), note="read by tipwatch read"
            )
    return counts


def implied_placements(
    year: int, tier: str | None, remained: str | None, streaks: Iterable[tuple[str, int]]
) -> tuple[list[PriorPlacement], list[str]]:
    """The placements a narrative implies for earlier years: last year's tier when it says it remained
    (``remained``: the words that say so), and every year of a "for the Nth consecutive year on Tier X"
    claim (``streaks``: each claim's text and number); with the words each rests on."""
    placements: dict[int, Tier] = {}
    cited: list[str] = []
    if remained is not None and tier is not None:
        placements[year - 1] = Tier(tier)
        cited.append(f"{year - 1}: “{remained}”")
    for text, number in streaks:
        found = _CLAIM_TIER.search(text)
        if not found:
            continue
        claimed = tier_from_words(found.group("tier") or found.group("special"))
        for earlier in range(year - number + 1, year):
            placements[earlier] = claimed
        cited.append(f"{year - number + 1}-{year - 1}: “{text}”")
    return [PriorPlacement(report_year=y, tier=t) for y, t in sorted(placements.items()) if y >= 2001], cited


def _prior_placements(narrative: Narrative, year: int) -> tuple[list[PriorPlacement], list[str]]:
    movement = narrative.facts.get("movement")
    return implied_placements(
        year,
        narrative.value("tier"),
        movement.span.text if movement is not None and movement.value == "remained" else None,
        [(claim.text, claim.number) for claim in narrative.consecutive_year_claims],
    )


def narrative_evidence(narrative: Narrative) -> Evidence:
    """The evidence a narrative gives; raises :class:`InputError` without a jurisdiction or year."""
    name, year = narrative.value("jurisdiction"), narrative.value("report_year")
    missing = [field for field, value in (("jurisdiction", name), ("report_year", year)) if value is None]
    if missing:
        raise InputError(
            f"{narrative.file or 'narrative'}: cannot write evidence without {' and '.join(missing)}",
            [
                Problem(
                    ProblemCode.MISSING_IDENTITY,
                    f"the text does not state the {field.replace('_', ' ')}; pass --{'year' if field == 'report_year' else 'jurisdiction'}",
                    location=Location(file=narrative.file, field=field),
                )
                for field in missing
            ],
        )
    placements, cited = _prior_placements(narrative, int(year))
    judged = {
        k: narrative.value(k)
        for k in ("tier", "movement", "fully_meets_minimum_standards", "making_significant_efforts")
    }
    notes = [f"Partial evidence read from {narrative.file or 'a narrative'} by tipwatch read."]
    notes.append(
        "The narrative's own conclusions (not evidence): " + ", ".join(f"{k}={v}" for k, v in judged.items())
    )
    if cited:
        notes.append("Prior placements from: " + "; ".join(cited))
    for claim in narrative.consecutive_year_claims + narrative.since_year_claims:
        notes.append(f"Claim: “{claim.text}”")
    return stated_evidence(
        str(name),
        int(year),
        _stated_counts(narrative),
        prior_placements=placements,
        sources=[Source(document=narrative.file or "narrative")],
        notes="\n".join(notes),
    )
