"""``tipwatch reply``, ``/api/reply`` and ``/reply``: the right of reply. A narrative's claims beside the
registry's records for the same period, read in one snapshot, each with a verdict, and the placement
reassessed with the registry's figures. An internal brief names records, so it is written to the
registry's audit log. A public brief takes every figure from the periods the publisher's policy
releases (:func:`tipwatch.services.review.published_figures_in`, read in the same snapshot), as every
public output shows them."""

from __future__ import annotations

import getpass
from dataclasses import replace
from datetime import date

from sqlalchemy.orm import Session

from tipwatch.disclosure.published import Disclosure
from tipwatch.evidence import ReportingPeriod
from tipwatch.registry.reply_queries import reply_records
from tipwatch.reply.brief import ReplyBrief, build_reply
from tipwatch.reply.engine import engine_assessor
from tipwatch.reply.narrative import NarrativeInput
from tipwatch.services.review import published_figures_in
from tipwatch.store import Database
from tipwatch.store.audit import audit

AUDIT_ACTION = "reply_brief_internal"
"""The audit-log action of an internal brief, which names records."""


def reply_brief(
    database: Database,
    narrative: NarrativeInput,
    report_year: int,
    disclosure: Disclosure,
    *,
    covers_from: date | None = None,
    actor: str | None = None,
) -> ReplyBrief:
    """The right of reply for a narrative against the registry. An internal brief names records, so it
    is written to the registry's audit log under ``actor`` (default: the operating-system user). A
    public brief draws its figures from the released periods of ``disclosure.policy`` over the
    registry's coverage up to the end of the reporting period."""
    period = ReportingPeriod(report_year)
    with database.snapshot() as connection, Session(bind=connection) as session:
        records = reply_records(session, covers_from, until=period.end)
        if disclosure.public:
            start = min(records.covers_from or period.start, period.start)
            published = published_figures_in(connection, disclosure.policy, start, period.end)
            disclosure = replace(disclosure, published=published)
    brief = build_reply(
        narrative.facts,
        records,
        report_year,
        disclosure,
        text=narrative.text,
        quotes=narrative.quotes,
        assessor=engine_assessor(report_year),
        source=narrative.source,
    )
    if not disclosure.public:
        named = sorted({record for check in brief.checks for record in check.records})
        with database.engine.begin() as connection:
            audit(
                connection,
                actor or f"cli:{getpass.getuser()}",
                AUDIT_ACTION,
                "reply",
                f"RP{report_year}",
                {"narrative": narrative.source, "records_named": named},
            )
    return brief
