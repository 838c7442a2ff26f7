"""What the reader returns: facts read from one narrative, each with the span of text it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tipwatch.problems import Problem

COUNT_FIELDS = ("investigations", "prosecutions", "convictions", "victims_identified")
SCALAR_FIELDS = (
    "jurisdiction",
    "report_year",
    "tier",
    "movement",
    "fully_meets_minimum_standards",
    "making_significant_efforts",
    *COUNT_FIELDS,
)
CLAIM_FIELDS = ("consecutive_year_claims", "since_year_claims")


@dataclass(frozen=True, slots=True)
class Span:
    """Where a value was read: character offsets ``[start, end)`` into the narrative text the reader
    returns, the exact text there, and the whole sentence around it. ``source`` is ``"text"`` for spans
    in the narrative and ``"file name"`` / ``"option"`` for values that came from elsewhere (then the
    offsets are None)."""

    start: int | None
    end: int | None
    text: str
    sentence: str
    source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "sentence": self.sentence,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A "for the Nth consecutive year" (``number`` = N) or "since YEAR" (``number`` = YEAR) phrase."""

    text: str
    number: int
    span: Span


@dataclass(frozen=True, slots=True)
class Fact:
    """One value with the span it was read from."""

    value: Any
    span: Span


@dataclass(slots=True)
class Narrative:
    """The facts read from one country narrative. ``text`` is the narrative as the reader saw it (after
    HTML/PDF extraction); every span's offsets point into it."""

    text: str
    file: str | None = None
    facts: dict[str, Fact] = field(default_factory=dict)
    consecutive_year_claims: list[Claim] = field(default_factory=list)
    since_year_claims: list[Claim] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def value(self, name: str) -> Any:
        fact = self.facts.get(name)
        return None if fact is None else fact.value

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        """The annotation schema's fields and value forms, then ``recommendations`` and ``spans``."""
        data: dict[str, Any] = {}
        if self.file is not None:
            data["file"] = self.file
        for name in SCALAR_FIELDS:
            data[name] = self.value(name)
        # claims exactly as in the schema ({"text", "years"} / {"text", "year"}); their spans, in the same
        # order, under "spans"
        data["consecutive_year_claims"] = [
            {"text": c.text, "years": c.number} for c in self.consecutive_year_claims
        ]
        data["since_year_claims"] = [{"text": c.text, "year": c.number} for c in self.since_year_claims]
        data["recommendations"] = list(self.recommendations)
        spans: dict[str, Any] = {
            name: fact.span.to_dict() for name, fact in self.facts.items() if fact.value is not None
        }
        for name in CLAIM_FIELDS:
            claims: list[Claim] = getattr(self, name)
            if claims:
                spans[name] = [c.span.to_dict() for c in claims]
        data["spans"] = spans
        data["warnings"] = [problem.to_dict() for problem in self.warnings]
        if with_text:
            data["text"] = self.text
        return data
