"""Synthetic governance records for :mod:`tipwatch.registry.synth`: TIP Report recommendations each June
with action items (some done on time, some overdue), and a plenary meeting every month."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from tipwatch.registry.vocabulary import ActionStatus

Rows = dict[str, list[dict[str, Any]]]


def governance(rng: random.Random, start: date, end: date, prefix: str) -> Rows:
    """Recommendations with action items, and monthly plenary meetings, over the span."""
    rows: Rows = {"recommendations": [], "action_items": [], "meetings": []}
    today = min(end, date.today())
    texts = (
        "Increase efforts to proactively identify victims among migrant workers and in the entertainment industry.",
        "Vigorously investigate and prosecute trafficking crimes, including forced labour, and seek adequate sentences.",
        "Screen for trafficking indicators among persons arrested for crimes committed in online scam operations.",
        "Train officials on victim-centred, trauma-informed procedures.",
        "Provide victims with residence permits and access to employment during proceedings.",
    )
    action_number = 0
    for year in range(start.year + 1, end.year + 1):
        issued = date(year, 6, 25)
        if issued > today:
            break
        for number, text in enumerate(rng.sample(texts, 3), start=1):
            recommendation_id = f"{prefix}-R{year}-{number}"
            rows["recommendations"].append(
                {
                    "recommendation_id": recommendation_id,
                    "source": "tip_report",
                    "report_year": year,
                    "issued_on": issued,
                    "text": text,
                }
            )
            for _ in range(rng.randrange(1, 3)):
                action_number += 1
                due = issued + timedelta(days=rng.randrange(60, 400))
                done = due <= today and rng.random() < 0.6
                completed = min(today, due - timedelta(days=rng.randrange(-60, 60))) if done else None
                rows["action_items"].append(
                    {
                        "action_id": f"{prefix}-A{action_number:05d}",
                        "recommendation_id": recommendation_id,
                        "description": f"Plan and report on: {text.lower()}",
                        "owner": rng.choice(
                            [
                                "Judiciary Police",
                                "Labour Affairs Bureau",
                                "Social Welfare Bureau",
                                "Public Prosecutions Office",
                            ]
                        ),
                        "due_on": due,
                        "status": ActionStatus.DONE.value
                        if done
                        else rng.choice([ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value]),
                        "completed_on": max(completed, issued) if completed else None,
                    }
                )
    rows["meetings"] = _meetings(rng, start, today, prefix)
    return rows


def _meetings(rng: random.Random, start: date, today: date, prefix: str) -> list[dict[str, Any]]:
    """A plenary meeting every month from the start, each on a day of its month (none after today)."""
    meetings: list[dict[str, Any]] = []
    month = date(start.year, start.month, 1)
    while month <= today:
        meetings.append(
            {
                "meeting_id": f"{prefix}-M{month:%Y%m}",
                "held_on": month + timedelta(days=rng.randrange(5, 25)),
                "attendees": [
                    "Security Affairs Bureau",
                    "Judiciary Police",
                    "Social Welfare Bureau",
                    "Labour Affairs Bureau",
                ],
                "decisions": ["Reviewed the month's cases and referrals."],
            }
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return [m for m in meetings if m["held_on"] <= today]
