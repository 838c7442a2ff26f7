"""Findings in the TIP Report's language, computed from the registry's own facts.

The report judges a government by sentences such as "did not report identifying any victims for the
fifth consecutive year", "has not convicted a trafficker since 2019" and "has never identified a victim
of forced labour". The coordinating body should read the same sentences about its own record first, each
with a stable kebab-case ``code`` and the figures behind it, so a plenary can check them.

A finding's text is a template over its figures: :meth:`Finding.text` fills it in, and for outside
readers (``k`` given) every count from 1 to k-1 reads "fewer than k" (see :mod:`.disclosure`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from tipwatch.evidence.periods import Period, PeriodKind
from tipwatch.review.statistics import ActionItemView, PeriodStatistics, RegistryFacts

_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]


def ordinal(n: int) -> str:
    """``5`` -> ``fifth``; past twenty, ``21st``, ``22nd``…"""
    if 1 <= n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class FindingKind(StrEnum):
    CONCERN = "concern"
    PROGRESS = "progress"
    NOTE = "note"


Figure = int | str | None


class Finding(BaseModel):
    """One conclusion: ``template`` uses ``{name}`` for each of ``figures``."""

    model_config = ConfigDict(frozen=True)

    code: str
    kind: FindingKind
    template: str
    figures: dict[str, Figure]
    counts: tuple[str, ...] = ()
    sources: dict[str, str] = {}
    """Statistics of the period the finding states or whose value decides it: name -> ``current:<path>``
    or ``previous:<path>``."""
    decided_by: tuple[str, ...] = ()
    """The ``sources`` whose exact value decides whether the finding is made at all (a public output
    makes it only when they are published as numbers)."""

    def text(self, k: int | None = None) -> str:
        """The sentence; with ``k``, counts from 1 to k-1 read "fewer than k" and a suppression marker
        (a figure replaced by its published value) reads "fewer than k" or "an undisclosed number of"."""
        values: dict[str, int | str] = {}
        for name, value in self.figures.items():
            if k is not None and name in self.counts and isinstance(value, int) and 0 < value < k:
                values[name] = f"fewer than {k}"
            elif k is not None and name in self.counts and isinstance(value, str):
                values[name] = f"fewer than {k}" if value == f"<{k}" else "an undisclosed number of"
            else:
                values[name] = "unknown" if value is None else value
        sentence = self.template.format(**values)
        return sentence[:1].upper() + sentence[1:]


def last_completed_reporting_year(as_of: date) -> int:
    """The report year of the last reporting period (April–March) that ended on or before ``as_of``."""
    return as_of.year if as_of >= date(as_of.year, 3, 31) else as_of.year - 1


def registry_findings(facts: RegistryFacts) -> list[Finding]:
    """Findings over the whole record, as of ``facts.as_of``."""
    return [
        *_victim_findings(facts),
        *_conviction_findings(facts),
        *_prosecution_findings(facts),
        *_forced_labour_findings(facts),
    ]


def _victim_findings(facts: RegistryFacts) -> list[Finding]:
    if facts.victims_ever == 0 or facts.last_victim_identified_on is None:
        return [
            Finding(
                code="no-victims-ever",
                kind=FindingKind.CONCERN,
                template="The registry records no victim identified, as of {as_of}.",
                figures={"as_of": facts.as_of.isoformat()},
            )
        ]
    last_year = Period.containing(facts.last_victim_identified_on, PeriodKind.REPORTING_PERIOD).year
    streak = last_completed_reporting_year(facts.as_of) - last_year
    if streak <= 0:
        return []
    return [
        Finding(
            code="no-victims-consecutive-years",
            kind=FindingKind.CONCERN,
            template=(
                "For the {ordinal} consecutive year the registry records no victim identified "
                "(reporting periods RP{first} to RP{last}; the last victim was identified on {last_on})."
            ),
            figures={
                "years": streak,
                "ordinal": ordinal(streak),
                "first": last_year + 1,
                "last": last_year + streak,
                "last_on": facts.last_victim_identified_on.isoformat(),
            },
        )
    ]


def _conviction_findings(facts: RegistryFacts) -> list[Finding]:
    if facts.convictions_ever == 0 or facts.last_conviction_on is None:
        return [
            Finding(
                code="no-convictions-ever",
                kind=FindingKind.CONCERN,
                template="The registry records no trafficking conviction, as of {as_of}.",
                figures={"as_of": facts.as_of.isoformat()},
            )
        ]
    year = facts.last_conviction_on.year
    if year >= facts.as_of.year:
        return [
            Finding(
                code="convictions-this-year",
                kind=FindingKind.PROGRESS,
                template="The last trafficking conviction was recorded on {last_on}.",
                figures={"last_on": facts.last_conviction_on.isoformat()},
            )
        ]
    return [
        Finding(
            code="no-convictions-since",
            kind=FindingKind.CONCERN,
            template="No convictions since {year}: the last trafficking conviction was recorded on {last_on}.",
            figures={"year": year, "last_on": facts.last_conviction_on.isoformat()},
        )
    ]


def _prosecution_findings(facts: RegistryFacts) -> list[Finding]:
    if facts.prosecutions_ever == 0 or facts.last_prosecution_on is None:
        return [
            Finding(
                code="no-prosecutions-ever",
                kind=FindingKind.CONCERN,
                template="The registry records no trafficking prosecution, as of {as_of}.",
                figures={"as_of": facts.as_of.isoformat()},
            )
        ]
    year = facts.last_prosecution_on.year
    if year >= facts.as_of.year:
        return []
    return [
        Finding(
            code="no-prosecutions-since",
            kind=FindingKind.CONCERN,
            template="No prosecutions initiated since {year}: the last was on {last_on}.",
            figures={"year": year, "last_on": facts.last_prosecution_on.isoformat()},
        )
    ]


def _forced_labour_findings(facts: RegistryFacts) -> list[Finding]:
    if facts.forced_labour_victims_ever == 0:
        return [
            Finding(
                code="no-forced-labour-victim-ever",
                kind=FindingKind.CONCERN,
                template="No victim of forced labour has ever been identified.",
                figures={"forced_labour_victims_ever": 0},
                counts=("forced_labour_victims_ever",),
            )
        ]
    return [
        Finding(
            code="forced-labour-victims-identified",
            kind=FindingKind.NOTE,
            template="Victims of forced labour identified since records began: {forced_labour_victims_ever}.",
            figures={"forced_labour_victims_ever": facts.forced_labour_victims_ever},
            counts=("forced_labour_victims_ever",),
        )
    ]


def period_findings(
    statistics: PeriodStatistics, action_items: Sequence[ActionItemView] = ()
) -> list[Finding]:
    """Findings about one period: change in victims identified, screenings, complicity, and the action
    items still open at the end of the period (``action_items``, as the registry lists them)."""
    found = [*_victims_change(statistics), *_screenings_and_complicity(statistics)]
    overdue = [item for item in action_items if item.overdue]
    if overdue:
        found.append(
            Finding(
                code="overdue-action-items",
                kind=FindingKind.CONCERN,
                template="Action items overdue: {overdue} of {open} open; the oldest was due on {oldest}.",
                figures={
                    "overdue": len(overdue),
                    "open": len(action_items),
                    "oldest": min(item.due_on for item in overdue).isoformat(),
                },
            )
        )
    return found


def _victims_change(statistics: PeriodStatistics) -> list[Finding]:
    victims = statistics.victims.identified
    if victims.current is None or victims.previous is None:
        return []
    return [
        Finding(
            code="victims-identified-in-period",
            kind=FindingKind.NOTE,
            template="Victims identified in {period}: {current}, against {previous} in {previous_period}.",
            figures={
                "current": victims.current,
                "previous": victims.previous,
                "period": statistics.period,
                "previous_period": statistics.previous_period,
            },
            counts=("current", "previous"),
            sources={"current": "current:victims.identified", "previous": "previous:victims.identified"},
        )
    ]


def _screenings_and_complicity(statistics: PeriodStatistics) -> list[Finding]:
    found: list[Finding] = []
    screened = statistics.screenings.persons_screened.current
    if screened and statistics.screenings.victims_found.current == 0:
        found.append(
            Finding(
                code="screenings-found-no-victims",
                kind=FindingKind.CONCERN,
                template="Screenings of {screened} persons in {period} identified no victims.",
                figures={"screened": screened, "period": statistics.period},
                counts=("screened",),
                sources={
                    "screened": "current:screenings.persons_screened",
                    "found": "current:screenings.victims_found",
                },
                decided_by=("screened", "found"),
            )
        )
    complicity = statistics.official_complicity
    if complicity.cases.current and not complicity.officials_prosecuted.current:
        found.append(
            Finding(
                code="complicity-not-prosecuted",
                kind=FindingKind.CONCERN,
                template=(
                    "Cases of suspected official complicity opened in {period}: {cases}; "
                    "no official was prosecuted."
                ),
                figures={"cases": complicity.cases.current, "period": statistics.period},
                counts=("cases",),
                sources={
                    "cases": "current:official_complicity.cases",
                    "prosecuted": "current:official_complicity.officials_prosecuted",
                },
                decided_by=("cases", "prosecuted"),
            )
        )
    return found
