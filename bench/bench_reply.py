"""How fast is the right of reply? A registry of 2,000 cases (6,000 victims, 4,000 suspects, their
proceedings and services over ten years) written through the registry's repository on SQLite, then the
2023 Macau narrative answered against it: reading the registry's events, checking every claim,
reassessing with the engine, and rendering the brief."""

from __future__ import annotations

import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tipwatch.disclosure.policy import Audience, DisclosurePolicy
from tipwatch.disclosure.published import Disclosure
from tipwatch.registry.reply_queries import reply_records
from tipwatch.registry.repository import add, parse_record
from tipwatch.reply.brief import build_reply
from tipwatch.reply.narrative import load_narrative
from tipwatch.reports.reply import BriefFormat, render_brief
from tipwatch.services.reply import reply_brief
from tipwatch.store import open_database

CASES = 2000
NARRATIVE = Path(__file__).resolve().parents[1] / "tests" / "data" / "reply" / "macau-2023.json"


def _registry(seed: int = 7) -> list[Any]:
    rng = random.Random(seed)
    start = date(2014, 1, 1)
    records: list[Any] = []
    for number in range(CASES):
        opened = start + timedelta(days=rng.randrange(3650))
        case_id = f"C-{number:05d}"
        records.append(parse_record("cases", {"case_id": case_id, "opened_on": opened}))
        for v in range(3):
            victim = f"V-{number:05d}-{v}"
            forms = ["forced_labour"] if rng.random() < 0.2 else ["sexual"]
            identified = opened + timedelta(days=rng.randrange(30))
            records.append(
                parse_record(
                    "persons",
                    {
                        "person_id": victim,
                        "case_id": case_id,
                        "role": "victim",
                        "trafficking_status": "actual",
                        "identified_on": identified,
                        "exploitation": forms,
                    },
                )
            )
            served = identified + timedelta(days=rng.randrange(20))
            service = {"service_id": f"S-{victim}", "person_id": victim, "service": "shelter"}
            records.append(
                parse_record(
                    "services", {**service, "provider": "IAS", "referred_on": served, "started_on": served}
                )
            )
        day = opened + timedelta(days=10)
        records.append(
            parse_record(
                "proceedings",
                {
                    "proceeding_id": f"P-{number:05d}-i",
                    "case_id": case_id,
                    "event": "investigation_opened",
                    "occurred_on": day,
                },
            )
        )
        for s in range(2):
            suspect = f"X-{number:05d}-{s}"
            records.append(
                parse_record("persons", {"person_id": suspect, "case_id": case_id, "role": "suspect"})
            )
            for event, later in (("prosecution_initiated", 90), ("conviction", 400)):
                if rng.random() < 0.6:
                    records.append(
                        parse_record(
                            "proceedings",
                            {
                                "proceeding_id": f"P-{suspect}-{event}",
                                "case_id": case_id,
                                "person_id": suspect,
                                "event": event,
                                "occurred_on": day + timedelta(days=later + s),
                            },
                        )
                    )
                else:
                    break
    return records


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(f"sqlite:///{folder}/bench.db")
        records = _registry()
        began = time.perf_counter()
        add(database, records, actor="bench")
        print(f"registry: {len(records)} records written in {time.perf_counter() - began:.1f} s")
        narrative = load_narrative(NARRATIVE)
        runs = 5
        began = time.perf_counter()
        for _ in range(runs):
            with database.session() as session:
                events = reply_records(session, until=date(2023, 3, 31))
        read = (time.perf_counter() - began) / runs
        print(f"read the registry's events up to RP2023: {len(events.events)} events in {read * 1000:.0f} ms")
        began = time.perf_counter()
        for _ in range(runs):
            build_reply(narrative.fields, events, 2023, Disclosure(Audience.INTERNAL), text=narrative.text)
        print(f"check every claim (no reassessment): {(time.perf_counter() - began) / runs * 1000:.1f} ms")
        policy = DisclosurePolicy()
        for audience in Audience:
            began = time.perf_counter()
            for _ in range(runs):
                disclosure = Disclosure(audience, policy)
                brief = reply_brief(database, narrative, 2023, disclosure, actor="bench")
                render_brief(brief, BriefFormat.HTML)
            took = (time.perf_counter() - began) / runs
            what = "read, check, reassess, render HTML" + (
                "; the released periods gathered and protected" if audience is Audience.PUBLIC else ""
            )
            print(f"whole {audience.value} brief ({what}): {took * 1000:.0f} ms")
        database.dispose()
