"""The right of reply from published figures: every claim of a narrative, each with every figure whose
window overlaps the claim's and that figure's own verdict (:mod:`.figures_check`), the figures that
disagree among themselves side by side, and the figures no claim could use. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tipwatch.evidence import ReportingPeriod
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.reply.claims import Claim, ClaimKind, claims_from_fields
from tipwatch.reply.figures import FiguresFile, OfficialFigure
from tipwatch.reply.figures_check import (
    FigureCheck,
    FigureVerdict,
    check_figure,
    claim_assertions,
    disagreements,
)


@dataclass(frozen=True, slots=True)
class ClaimFigures:
    """One claim, the windows it speaks about, and each figure set against it. ``not_counted`` are
    figures of a metric easily taken for the claim's (a case referred is not a prosecution)."""

    claim: Claim
    windows: tuple[str, ...]
    checks: tuple[FigureCheck, ...]
    not_counted: tuple[OfficialFigure, ...]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "claim": self.claim.to_dict(),
            "windows": list(self.windows),
            "figures": [check.to_dict() for check in self.checks],
            "not_counted": [{"mapping": f.metric.mapping, "figure": f.to_dict()} for f in self.not_counted],
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class FiguresBrief:
    jurisdiction: str | None
    report_year: int
    source: str | None
    figures_source: str
    claims: tuple[ClaimFigures, ...]
    disagreements: tuple[tuple[OfficialFigure, ...], ...]
    undated: tuple[OfficialFigure, ...]
    figures: tuple[OfficialFigure, ...] = ()
    """Every figure of the file, dated or not (the timeline draws the dated ones)."""

    @property
    def period(self) -> ReportingPeriod:
        return ReportingPeriod(self.report_year)

    def summary(self) -> dict[str, int]:
        """How many claim-figure pairs reached each verdict, and claims no figure bears on."""
        counts = {
            str(v): sum(1 for c in self.claims for k in c.checks if k.verdict is v) for v in FigureVerdict
        }
        counts["claims_without_figures"] = sum(1 for c in self.claims if not c.checks)
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": "figures",
            "jurisdiction": self.jurisdiction,
            "report_year": self.report_year,
            "reporting_period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat()},
            "source": self.source,
            "figures_source": self.figures_source,
            "summary": self.summary(),
            "claims": [claim.to_dict() for claim in self.claims],
            "disagreements": [[f.to_dict() for f in group] for group in self.disagreements],
            "undated_figures": [f.to_dict() for f in self.undated],
        }


def claim_figures(claim: Claim, figures: FiguresFile, report_year: int) -> ClaimFigures:
    assertions = claim_assertions(claim, report_year)
    windows = tuple(dict.fromkeys(f"{w.reading}: {w.label}" for a in assertions for w in a.windows))
    checks = [
        check
        for assertion in assertions
        for figure in figures.figures
        if (check := check_figure(claim, assertion, figure)) is not None
    ]
    not_counted = tuple(
        f
        for f in figures.figures
        if f.metric.not_same_as in claim.measures
        and f.period is not None
        and any(f.period.start <= w.end and f.period.end >= w.start for a in assertions for w in a.windows)
    )
    return ClaimFigures(claim, windows, tuple(checks), not_counted, _note(claim, assertions, checks))


NOTE_PLACEMENT = (
    "a placement is the report's judgment under 22 U.S.C. 7107, not a figure a government publishes; "
    "compare it with the government's own statement of it"
)
NOTE_NO_MEASURE = "the claim counts nothing a figures file's metrics bear on"
NOTE_NO_WINDOW = (
    "figures can test that something did or did not happen in a window, not this kind of statement"
)
NOTE_NO_FIGURE = (
    "no figure of a metric that bears on this claim has a period overlapping its window: not verifiable"
)
NOTES = (NOTE_PLACEMENT, NOTE_NO_MEASURE, NOTE_NO_WINDOW, NOTE_NO_FIGURE)
"""Every note a claim can carry (fixed sentences: a translated brief translates them)."""


def _note(claim: Claim, assertions: tuple[Any, ...], checks: list[FigureCheck]) -> str:
    if claim.kind is ClaimKind.PLACEMENT:
        return NOTE_PLACEMENT
    if not claim.measures:
        return NOTE_NO_MEASURE
    if not assertions:
        return NOTE_NO_WINDOW
    if not checks:
        return NOTE_NO_FIGURE
    return ""


def build_figures_reply(
    fields: Mapping[str, Any],
    figures: FiguresFile,
    report_year: int,
    *,
    text: str | None = None,
    quotes: Mapping[str, str] | None = None,
    source: str | None = None,
) -> FiguresBrief:
    """Every claim of a narrative (annotation-schema fields) set against the figures."""
    stated = fields.get("report_year")
    if stated is not None and stated != report_year:
        raise InputError(
            f"the narrative is for report year {stated}, not {report_year}",
            [
                Problem(
                    ProblemCode.REPORT_YEAR_MISMATCH,
                    f"received a narrative for {stated} and --report-year {report_year}; "
                    "give the narrative of the report year you want to answer",
                    location=Location(file=source, field="report_year"),
                )
            ],
        )
    claims = claims_from_fields(fields, text=text, quotes=quotes, source=source)
    jurisdiction = fields.get("jurisdiction")
    return FiguresBrief(
        str(jurisdiction) if jurisdiction else None,
        report_year,
        source,
        figures.source,
        tuple(claim_figures(claim, figures, report_year) for claim in claims),
        tuple(disagreements(figures.figures)),
        tuple(f for f in figures.figures if f.period is None),
        figures.figures,
    )
