"""What an assessment returns: the tier, both judgments, every finding and the ordered trace."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tipwatch.evidence.facts import Source
from tipwatch.evidence.vocabulary import Movement, Tier


class Status(StrEnum):
    """How a standard, criterion or statutory rule came out."""

    MET = "met"
    PARTLY_MET = "partly-met"
    NOT_MET = "not-met"
    UNKNOWN = "unknown"
    APPLIED = "applied"
    NOT_APPLIED = "not-applied"


class EvidenceCitation(BaseModel):
    """One evidence item a finding rests on: its path in the evidence file, its value and its source."""

    model_config = ConfigDict(frozen=True)

    path: str
    value: Any = None
    sources: list[Source] = Field(default_factory=list)


class Finding(BaseModel):
    """One conclusion, citing the rule (statute subsection) and the evidence it rests on."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    rule: str
    subsection: str
    area: str
    title: str
    status: Status
    reason: str
    recorded: list[str] = Field(default_factory=list, description="Signs of effort recorded.")
    absent: list[str] = Field(
        default_factory=list, description="Signs of effort recorded as absent, or against."
    )
    evidence: list[EvidenceCitation] = Field(default_factory=list)


class TraceStep(BaseModel):
    """One step of the reasoning, in the order taken."""

    model_config = ConfigDict(frozen=True)

    step: int
    rule: str
    subsection: str
    question: str
    inputs: dict[str, Any] = Field(default_factory=dict)
    result: str


class ReportingPeriodOut(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: str
    end: str


class Assessment(BaseModel):
    """The result of :func:`tipwatch.assess.assess`."""

    model_config = ConfigDict(frozen=True)

    jurisdiction: str
    report_year: int
    reporting_period: ReportingPeriodOut
    tier: Tier
    previous_tier: Tier | None
    movement: Movement | None
    fully_meets_minimum_standards: bool
    making_significant_efforts: bool
    increasing_efforts: bool | None
    score: float
    findings: list[Finding]
    trace: list[TraceStep]
    recommendations: list[str]
    law_version: str
    policy_version: str

    def finding(self, code: str) -> Finding | None:
        return next((f for f in self.findings if f.code == code), None)

    def to_json_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json")
