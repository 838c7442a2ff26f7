"""The annual submission: a reporting period's figures (April 1 – March 31) in the structure of the TIP
Report's data call, and the evidence file the assessment engine reads, so the coordinating body sees the
tier its own record points to before the report is written.

The data call asks governments for law enforcement (investigations, prosecutions, convictions, sentences,
official complicity), protection (victims identified, referred and served, screening) and prevention
(coordination, action on the report's recommendations) figures. :func:`data_call` lays the registry's
statistics out that way, each beside the previous reporting period; :func:`registry_evidence` turns
them into :class:`tipwatch.evidence.Evidence`, citing the registry as source. Facts a registry does not
hold (the law, prior tier placements, funding) come from an optional base evidence file:
:func:`merge_evidence` keeps them and lets the registry's counts win.

The submission carries exact figures: it goes from the body to the government's reply, not to the public.
Public figures go through :mod:`tipwatch.review.public_statistics`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict

from tipwatch.evidence import Evidence, evidence_to_data
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.review.findings import Finding
from tipwatch.review.statistics import Figure, PeriodStatistics

LABOUR_FORMS = ("forced_labour", "domestic_servitude", "forced_criminality", "child_soldiering")
LONG_SENTENCE_BANDS = ("1_to_5_years", "5_to_10_years", "10_years_or_more")


class RegistryRecordFacts(BaseModel):
    """What the submission needs beyond the period statistics: plenary meetings and screened groups."""

    model_config = ConfigDict(frozen=True)

    plenary_meetings: int
    previous_plenary_meetings: int
    screened_populations: list[str]


def _pair(figure: Figure) -> dict[str, int | None]:
    return {"current": figure.current, "previous": figure.previous}


def _breakdown(values: Mapping[str, Figure]) -> dict[str, dict[str, int | None]]:
    return {key: _pair(figure) for key, figure in values.items()}


def data_call(
    statistics: PeriodStatistics,
    record: RegistryRecordFacts,
    findings: Sequence[Finding],
    jurisdiction: str,
    report_year: int,
) -> dict[str, Any]:
    """The reporting period's figures in the data call's sections, each with the previous period's."""
    s = statistics
    return {
        "jurisdiction": jurisdiction,
        "report_year": report_year,
        "reporting_period": {"start": s.start.isoformat(), "end": s.end.isoformat(), "name": s.period},
        "previous_reporting_period": {
            "start": s.previous_start.isoformat(),
            "end": s.previous_end.isoformat(),
            "name": s.previous_period,
        },
        "law_enforcement": _law_enforcement(s),
        "protection": _protection(s, record),
        "prevention": {
            "plenary_meetings": {
                "current": record.plenary_meetings,
                "previous": record.previous_plenary_meetings,
            },
            "action_items_on_recommendations": {
                "total": _pair(s.recommendations.action_items),
                "done": _pair(s.recommendations.done),
                "open": _pair(s.recommendations.open),
                "overdue": _pair(s.recommendations.overdue),
                "completed_in_period": _pair(s.recommendations.completed_in_period),
            },
        },
        "findings": [{"code": f.code, "kind": str(f.kind), "text": f.text()} for f in findings],
    }


def _proceeding(s: PeriodStatistics, name: str) -> dict[str, object]:
    figures = getattr(s, name)
    return {
        "cases": _pair(figures.cases),
        "persons": _pair(figures.persons),
        "persons_by_form_of_exploitation": _breakdown(figures.by_exploitation),
    }


def _law_enforcement(s: PeriodStatistics) -> dict[str, object]:
    return {
        "investigations": _proceeding(s, "investigations"),
        "prosecutions": _proceeding(s, "prosecutions"),
        "convictions": _proceeding(s, "convictions"),
        "acquittals": _pair(s.acquittals),
        "sentences": {
            "total": _pair(s.sentences.total),
            "suspended": _pair(s.sentences.suspended),
            "by_length": _breakdown(s.sentences.by_length),
        },
        "official_complicity": {
            "cases": _pair(s.official_complicity.cases),
            "officials_prosecuted": _pair(s.official_complicity.officials_prosecuted),
            "officials_convicted": _pair(s.official_complicity.officials_convicted),
        },
    }


def _protection(s: PeriodStatistics, record: RegistryRecordFacts) -> dict[str, object]:
    return {
        "victims_identified": _pair(s.victims.identified),
        "victims_by_sex": _breakdown(s.victims.by_sex),
        "victims_by_age_group": _breakdown(s.victims.by_age_group),
        "victims_by_sex_and_age": _breakdown(s.victims.by_sex_and_age),
        "victims_by_citizenship": _breakdown(s.victims.by_citizenship),
        "victims_by_form_of_exploitation": _breakdown(s.victims.by_exploitation),
        "victims_referred": _pair(s.services.victims_referred),
        "referrals_by_service": _breakdown(s.services.referrals_by_service),
        "victims_served": _pair(s.services.victims_served),
        "services_delivered": _breakdown(s.services.delivered_by_service),
        "screenings": {
            "screenings": _pair(s.screenings.screenings),
            "persons_screened": _pair(s.screenings.persons_screened),
            "victims_found": _pair(s.screenings.victims_found),
            "populations": record.screened_populations,
        },
    }


def _count(value: int | None, source: dict[str, Any], note: str | None = None) -> dict[str, Any] | None:
    if value is None:
        return None
    fact: dict[str, Any] = {"value": value, "source": source}
    if note:
        fact["note"] = note
    return fact


def _by_type(total: int | None, by_form: Mapping[str, Figure], source: dict[str, Any]) -> dict[str, Any]:
    sex = by_form.get("sexual")
    labour = [by_form[f].current for f in LABOUR_FORMS if f in by_form]
    data: dict[str, Any] = {"total": _count(total, source)}
    if sex is not None:
        data["sex"] = _count(sex.current, source)
    if labour and all(v is not None for v in labour):
        data["labour"] = _count(
            sum(v for v in labour if v is not None),
            source,
            "forced labour, domestic servitude, forced criminality and child soldiering",
        )
    return {key: value for key, value in data.items() if value is not None}


def registry_evidence(
    statistics: PeriodStatistics,
    record: RegistryRecordFacts,
    jurisdiction: str,
    report_year: int,
) -> Evidence:
    """Evidence for the assessment engine from the registry's figures for the reporting period."""
    s = statistics
    source = {
        "document": f"Case registry of the coordinating body: statistics for {s.period} ({s.start} .. {s.end}), tipwatch submission",
        "date": s.end.isoformat(),
    }
    data: dict[str, Any] = {
        "jurisdiction": jurisdiction,
        "report_year": report_year,
        "sources": [source],
        "prosecution": _prosecution(s, source),
        "protection": _protection_evidence(s, record, source),
        "prevention": {
            "coordinating_body": {"value": record.plenary_meetings > 0, "source": source},
            "coordinating_body_meetings_per_year": _count(
                record.plenary_meetings, source, "plenary meetings recorded"
            ),
        },
        "previous_period": {
            "investigations": s.investigations.cases.previous,
            "prosecutions": s.prosecutions.persons.previous,
            "convictions": s.convictions.persons.previous,
            "victims_identified": s.victims.identified.previous,
            "victims_served": s.services.victims_served.previous,
        },
    }
    return Evidence.model_validate(_without_none(data))


def _prosecution(s: PeriodStatistics, source: dict[str, Any]) -> dict[str, object]:
    suspended = s.sentences.suspended.current
    total_sentences = s.sentences.total.current
    prison = None if suspended is None or total_sentences is None else total_sentences - suspended
    long_terms = sum(
        s.sentences.by_length[b].current or 0 for b in LONG_SENTENCE_BANDS if b in s.sentences.by_length
    )
    return {
        "investigations": {"total": _count(s.investigations.cases.current, source, "cases")},
        "prosecutions": _by_type(s.prosecutions.persons.current, s.prosecutions.by_exploitation, source),
        "convictions": _by_type(s.convictions.persons.current, s.convictions.by_exploitation, source),
        "sentences": {
            "prison": _count(prison, source),
            "suspended_or_fined_only": _count(suspended, source),
            "significant_prison_terms": {
                "value": bool(prison) and long_terms > 0,
                "source": source,
                "note": "at least one sentence served in prison and at least one of a year or more",
            }
            if total_sentences
            else None,
        },
        "data_provided": {"value": True, "source": source, "note": "figures submitted from the registry"},
    }


def _protection_evidence(
    s: PeriodStatistics, record: RegistryRecordFacts, source: dict[str, Any]
) -> dict[str, object]:
    screenings = s.screenings.screenings.current
    return {
        "victims_identified": _by_type(s.victims.identified.current, s.victims.by_exploitation, source),
        "victims_referred": _count(s.services.victims_referred.current, source),
        "victims_served": _count(s.services.victims_served.current, source),
        "proactive_screening": None
        if screenings is None
        else {"value": screenings > 0, "source": source, "note": f"{screenings} screenings recorded"},
        "screened_groups": record.screened_populations,
    }


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value]
    return value


def _deep_merge(base: Any, override: Any) -> Any:
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = _deep_merge(base.get(key), value) if key in base else value
        return merged
    return override


def merge_evidence(base: Evidence, registry: Evidence) -> Evidence:
    """The base file's facts with the registry's figures on top (same jurisdiction and report year)."""
    for name in ("jurisdiction", "report_year"):
        if getattr(base, name) != getattr(registry, name):
            raise InputError(
                "the base evidence is for another jurisdiction or report year",
                [
                    Problem(
                        ProblemCode.BASE_EVIDENCE_MISMATCH,
                        f"received {name} {getattr(base, name)!r}; expected {getattr(registry, name)!r} "
                        "as in the submission; pass the base file of the same jurisdiction and year",
                        location=Location(field=name),
                    )
                ],
            )
    merged = _deep_merge(evidence_to_data(base), evidence_to_data(registry))
    merged["sources"] = [
        *evidence_to_data(base).get("sources", []),
        *evidence_to_data(registry).get("sources", []),
    ]
    return Evidence.model_validate(merged)
