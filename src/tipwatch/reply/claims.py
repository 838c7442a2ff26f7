"""The claims of a TIP narrative that the right of reply checks, taken from the reader's fields.

A claim is one statement of the report about the reporting period or the years before it: the placement
and its movement, a count ("initiated one prosecution"), "for the Nth consecutive year …", "since YEAR …"
and "never …". Each keeps its exact quote (and text span when the narrative text is at hand) and says
what it is about: which registry measure, and whether it asserts an absence ("did not identify any").

The reader (issue 4) fills the fields of the annotation schema (``data/narratives/README.md``); this
module takes them as a plain mapping in that schema, so it works on the reader's output, on the gold
annotations and on hand-written test data alike. "Never" statements are not in the schema: they are found
here in the narrative text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeGuard

from tipwatch.evidence import Movement, Tier
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem


class ClaimKind(StrEnum):
    PLACEMENT = "placement"
    COUNT = "count"
    CONSECUTIVE_YEARS = "consecutive-years"
    SINCE_YEAR = "since-year"
    NEVER = "never"


class Measure(StrEnum):
    """What the registry can count for a period."""

    INVESTIGATIONS = "investigations"
    PROSECUTIONS = "prosecutions"
    CONVICTIONS = "convictions"
    VICTIMS_IDENTIFIED = "victims_identified"
    VICTIMS_SERVED = "victims_served"
    FORCED_LABOUR_VICTIMS_IDENTIFIED = "forced_labour_victims_identified"

    @property
    def label(self) -> str:
        return {
            "investigations": "investigations opened",
            "prosecutions": "prosecutions initiated",
            "convictions": "persons convicted",
            "victims_identified": "victims identified",
            "victims_served": "victims provided services",
            "forced_labour_victims_identified": "victims of forced labour identified",
        }[self.value]

    @property
    def statistic_path(self) -> str:
        """The public statistic that counts the same thing for a period (what a public brief shows)."""
        return {
            "investigations": "investigations.cases",
            "prosecutions": "prosecutions.persons",
            "convictions": "convictions.persons",
            "victims_identified": "victims.identified",
            "victims_served": "services.victims_served",
            "forced_labour_victims_identified": "victims.by_exploitation.forced_labour",
        }[self.value]


COUNT_FIELDS: tuple[Measure, ...] = (
    Measure.INVESTIGATIONS,
    Measure.PROSECUTIONS,
    Measure.CONVICTIONS,
    Measure.VICTIMS_IDENTIFIED,
)
REASSESSED: tuple[Measure, ...] = (*COUNT_FIELDS, Measure.VICTIMS_SERVED)
"""The counts the reassessment takes from the registry, for the period and the one before it."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement of the narrative. ``measures`` is empty when the registry records nothing it is
    about; ``negative`` means it asserts that something did not happen."""

    kind: ClaimKind
    text: str
    measures: tuple[Measure, ...] = ()
    negative: bool = False
    value: int | None = None
    years: int | None = None
    since_year: int | None = None
    first: bool = False
    tier: Tier | None = None
    movement: Movement | None = None
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "text": self.text,
            "measures": [str(m) for m in self.measures],
            "negative": self.negative,
            "value": self.value,
            "years": self.years,
            "since_year": self.since_year,
            "first": self.first,
            "tier": str(self.tier) if self.tier else None,
            "movement": str(self.movement) if self.movement else None,
            "span": list(self.span) if self.span else None,
        }


_NEGATION = re.compile(r"\b(not|no|never|none|nor|zero|any)\b|n't\b", re.IGNORECASE)
_PLACEMENT_WORDS = re.compile(r"\b(tier|watch list|special case)\b", re.IGNORECASE)
_NEVER_CLAUSE = re.compile(r"\b(?:(?:has|have|had)\s+)?never\b[^.;]*", re.IGNORECASE)


def measures_in(text: str) -> tuple[Measure, ...]:
    """The registry measures a statement is about, from its verbs and nouns."""
    lowered = text.lower()
    found: list[Measure] = []
    victims = "victim" in lowered
    if victims and "identif" in lowered:
        forced = "forced labo" in lowered
        found.append(Measure.FORCED_LABOUR_VICTIMS_IDENTIFIED if forced else Measure.VICTIMS_IDENTIFIED)
    if victims and re.search(r"\b(services?|assistance|assist|protection|shelter|care)\b", lowered):
        found.append(Measure.VICTIMS_SERVED)
    if "convict" in lowered:
        found.append(Measure.CONVICTIONS)
    if "prosecut" in lowered:
        found.append(Measure.PROSECUTIONS)
    if "investigat" in lowered:
        found.append(Measure.INVESTIGATIONS)
    return tuple(found)


def is_negative(text: str) -> bool:
    return _NEGATION.search(text) is not None


def find_span(text: str | None, quote: str) -> tuple[int, int] | None:
    if not text or not quote:
        return None
    start = text.find(quote)
    return None if start < 0 else (start, start + len(quote))


def never_claims(text: str) -> list[Claim]:
    """'has never identified a victim of forced labor …' statements found in the narrative text."""
    claims: list[Claim] = []
    for match in _NEVER_CLAUSE.finditer(text):
        quote = match.group(0).strip()
        start = text.find(quote, match.start())
        claims.append(
            Claim(
                ClaimKind.NEVER,
                quote,
                measures=measures_in(quote),
                negative=True,
                span=(start, start + len(quote)),
            )
        )
    return claims


def _count_claim(measure: Measure, value: int, quotes: Mapping[str, str], text: str | None) -> Claim:
    quote = quotes.get(str(measure), "")
    return Claim(
        ClaimKind.COUNT,
        quote or f"{measure.label}: {value}",
        measures=(measure,),
        negative=value == 0,
        value=value,
        span=find_span(text, quote),
    )


@dataclass(frozen=True, slots=True)
class Stated:
    """A "for the Nth consecutive year" (``number`` = N) or "since YEAR" (``number`` = YEAR) statement."""

    text: str
    number: int


@dataclass(frozen=True, slots=True)
class NarrativeFacts:
    """What a narrative states that the reply checks, typed: its placement, its counts and its
    "consecutive year" and "since" statements. The reader's :class:`~tipwatch.reader.Narrative` gives
    them directly (:func:`tipwatch.reply.narrative.facts_of`); annotation-schema JSON is checked once, at
    that boundary (:func:`facts_from_fields`)."""

    jurisdiction: str | None = None
    report_year: int | None = None
    tier: Tier | None = None
    movement: Movement | None = None
    counts: Mapping[Measure, int] = field(default_factory=dict)
    consecutive_year_claims: tuple[Stated, ...] = ()
    since_year_claims: tuple[Stated, ...] = ()

    def schema_fields(self) -> dict[str, object]:
        """The facts in the annotation schema's names and value forms (what an assessor reads)."""
        return {
            "jurisdiction": self.jurisdiction,
            "report_year": self.report_year,
            "tier": str(self.tier) if self.tier else None,
            "movement": str(self.movement) if self.movement else None,
            **{str(measure): value for measure, value in self.counts.items()},
            "consecutive_year_claims": [
                {"text": c.text, "years": c.number} for c in self.consecutive_year_claims
            ],
            "since_year_claims": [{"text": c.text, "year": c.number} for c in self.since_year_claims],
        }


def narrative_claims(
    facts: NarrativeFacts, text: str | None = None, quotes: Mapping[str, str] | None = None
) -> list[Claim]:
    """Every checkable claim of a narrative. ``text`` is the narrative, for spans and "never"
    statements; ``quotes`` maps a count field to the sentence it came from."""
    quotes = quotes or {}
    claims: list[Claim] = []
    if facts.tier is not None:
        label = facts.tier.label + (f" ({facts.movement})" if facts.movement else "")
        claims.append(Claim(ClaimKind.PLACEMENT, label, tier=facts.tier, movement=facts.movement))
    for measure in COUNT_FIELDS:
        value = facts.counts.get(measure)
        if value is not None:
            claims.append(_count_claim(measure, value, quotes, text))
    for stated in facts.consecutive_year_claims:
        placement = _PLACEMENT_WORDS.search(stated.text) is not None
        claims.append(
            Claim(
                ClaimKind.CONSECUTIVE_YEARS,
                stated.text,
                measures=() if placement else measures_in(stated.text),
                negative=is_negative(stated.text),
                years=stated.number,
                span=find_span(text, stated.text),
            )
        )
    for stated in facts.since_year_claims:
        claims.append(
            Claim(
                ClaimKind.SINCE_YEAR,
                stated.text,
                measures=measures_in(stated.text),
                negative=is_negative(stated.text),
                since_year=stated.number,
                first=re.search(r"\bfirst\b", stated.text, re.IGNORECASE) is not None,
                span=find_span(text, stated.text),
            )
        )
    if text:
        claims.extend(never_claims(text))
    return claims


def claims_from_fields(
    fields: Mapping[str, Any],
    text: str | None = None,
    quotes: Mapping[str, str] | None = None,
    source: str | None = None,
) -> list[Claim]:
    """Every checkable claim in a narrative's fields (annotation schema, checked here: see
    :func:`facts_from_fields`). ``text`` and ``quotes`` as for :func:`narrative_claims`."""
    return narrative_claims(facts_from_fields(fields, source), text, quotes)


def facts_from_fields(fields: Mapping[str, Any], source: str | None = None) -> NarrativeFacts:
    """A narrative's facts from annotation-schema fields (parsed JSON: anything may be anywhere); raise
    :class:`InputError` naming every bad field."""
    problems: list[Problem] = []
    tier = _tier(fields, source, problems)
    movement = _movement(fields, source, problems)
    report_year = _report_year(fields, source, problems)
    counts = _counts(fields, source, problems)
    consecutive = _stated(fields, "consecutive_year_claims", "years", source, problems)
    since = _stated(fields, "since_year_claims", "year", source, problems)
    if problems:
        raise InputError("the narrative's fields cannot be checked", problems)
    jurisdiction = fields.get("jurisdiction")
    return NarrativeFacts(
        str(jurisdiction) if jurisdiction else None,
        report_year,
        tier,
        movement,
        counts,
        consecutive,
        since,
    )


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _counts(fields: Mapping[str, object], source: str | None, problems: list[Problem]) -> dict[Measure, int]:
    counts: dict[Measure, int] = {}
    for measure in COUNT_FIELDS:
        value = fields.get(str(measure))
        if value is None:
            continue
        if _whole(value) and value >= 0:
            counts[measure] = value
            continue
        problems.append(_bad(source, str(measure), f"received {value!r}; expected a whole number >= 0"))
    return counts


_STATED_CHECKS: dict[str, tuple[Callable[[int], bool], str]] = {
    "years": (lambda n: n >= 1, "expected N >= 1"),
    "year": (lambda n: 1900 <= n <= 2100, "expected a year"),
}


def _stated(
    fields: Mapping[str, object], name: str, key: str, source: str | None, problems: list[Problem]
) -> tuple[Stated, ...]:
    """The "consecutive year" (``key`` "years") or "since" (``key`` "year") statements."""
    valid, expected = _STATED_CHECKS[key]
    stated: list[Stated] = []
    for index, item in enumerate(_items(fields, name, source, problems)):
        number: object = item.get(key)
        if _whole(number) and valid(number):
            stated.append(Stated(str(item.get("text", "")), number))
            continue
        problems.append(_bad(source, f"{name}[{index}].{key}", f"received {number!r}; {expected}"))
    return tuple(stated)


def _report_year(fields: Mapping[str, object], source: str | None, problems: list[Problem]) -> int | None:
    raw = fields.get("report_year")
    if raw is None:
        return None
    if _whole(raw):
        return raw
    problems.append(_bad(source, "report_year", f"received {raw!r}; expected a report year such as 2024"))
    return None


def _bad(source: str | None, path: str, message: str) -> Problem:
    return Problem(
        ProblemCode.BAD_NARRATIVE_FIELD, message, location=Location(file=source, path=path, field=path)
    )


def _items(
    fields: Mapping[str, Any], name: str, source: str | None, problems: list[Problem]
) -> Sequence[Mapping[str, Any]]:
    items = fields.get(name) or []
    if not isinstance(items, list) or not all(isinstance(item, Mapping) for item in items):
        problems.append(_bad(source, name, f"received {items!r}; expected a list of objects"))
        return []
    return items


def _tier(fields: Mapping[str, Any], source: str | None, problems: list[Problem]) -> Tier | None:
    raw = fields.get("tier")
    if raw is None:
        return None
    try:
        return Tier.parse(str(raw))
    except InputError:
        problems.append(_bad(source, "tier", f"received {raw!r}; expected one of 1, 2, 2WL, 3, special"))
        return None


def _movement(fields: Mapping[str, Any], source: str | None, problems: list[Problem]) -> Movement | None:
    raw = fields.get("movement")
    if raw is None:
        return None
    try:
        return Movement(str(raw))
    except ValueError:
        problems.append(
            _bad(source, "movement", f"received {raw!r}; expected upgraded, downgraded or remained")
        )
        return None
