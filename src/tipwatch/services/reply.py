"""``tipwatch reply``, ``/api/reply`` and ``/reply``: the right of reply. A narrative's claims beside the
registry's records for the same period, read in one snapshot, each with a verdict, and the placement
reassessed with the registry's figures. An internal brief names records, so it is written to the
registry's audit log."""

from __future__ import annotations

import getpass
from datetime import date

from sqlalchemy.orm import Session

from tipwatch.disclosure.reply_cells import Disclosure
from tipwatch.evidence import ReportingPeriod
from tipwatch.registry.reply_queries import reply_records
from tipwatch.reply.brief import ReplyBrief, build_reply
from tipwatch.reply.engine import engine_assessor
from tipwatch.reply.narrative import NarrativeInput
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
    is written to the registry's audit log under ``actor`` (default: the operating-system user)."""
    with database.snapshot() as connection, Session(bind=connection) as session:
        records = reply_records(session, covers_from, until=ReportingPeriod(report_year).end)
    brief = build_reply(
        narrative.fields,
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
