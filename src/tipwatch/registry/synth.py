"""A realistic synthetic registry, reproducible from a seed: cases with one to several victims and
suspects, victim profiles (mostly women and girls in sexual exploitation, a growing share of forced
criminality in online scam operations from 2021, forced labour), screenings that find some of them,
proceedings that thin out from report to conviction with dated steps in order, services after
identification, TIP Report and internal recommendations with action items, and monthly plenary meetings.

:func:`generate` yields records as plain dictionaries in the registry's exchange format, a chunk of
victims at a time; they go through the same validation and bulk writer as any import. No row is a real
person; identifiers start with ``SYN-``."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.registry.integrity import Batch
from tipwatch.registry.native import validate_into
from tipwatch.registry.records import RECORD_TYPES
from tipwatch.registry.repository import write
from tipwatch.registry.synth_governance import governance
from tipwatch.registry.synth_profile import CITIZENSHIPS, POPULATIONS, PROVIDERS, SETTINGS_WEIGHTS, STATUTE
from tipwatch.registry.tables import TABLES
from tipwatch.registry.vocabulary import (
    DecisionMakingOrganisation,
    Indicator,
    MethodOfControl,
    MethodOfRecruitment,
    Service,
)
from tipwatch.store import Database

Rows = dict[str, list[dict[str, Any]]]


@dataclass
class SynthOptions:
    victims: int
    seed: int = 1
    start: date = date(2014, 1, 1)
    end: date = date(2025, 12, 31)
    chunk: int = 50_000
    prefix: str = "SYN"


@dataclass
class _State:
    case: int = 0
    person: int = 0
    event: int = 0
    service: int = 0
    screening: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _weighted(rng: random.Random, weights: dict[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(rng: random.Random, options: SynthOptions) -> date:
    """A day in the span, with more cases in later years and a dip in 2020."""
    span = (options.end - options.start).days
    while True:
        day = options.start + timedelta(days=rng.randrange(span + 1))
        weight = 0.6 + 0.4 * (day - options.start).days / max(span, 1)
        if day.year == 2020:
            weight *= 0.5
        if rng.random() < weight:
            return day


def _forms(rng: random.Random, day: date, child: bool) -> list[str]:
    scam_share = 0.25 if day.year >= 2021 else 0.03
    roll = rng.random()
    rest = 1 - scam_share
    if roll < scam_share:
        forms = ["forced_criminality"]
    elif roll < scam_share + 0.55 * rest:
        forms = ["sexual"]
    elif roll < scam_share + 0.85 * rest:
        forms = ["forced_labour"]
    elif roll < scam_share + 0.94 * rest:
        forms = ["domestic_servitude"]
    else:
        forms = [
            rng.choice(
                ["forced_marriage", "organ_removal", "other"] + (["child_soldiering"] if child else [])
            )
        ]
    if forms == ["sexual"] and rng.random() < 0.05:
        forms.append("forced_labour")
    return forms


def _case_rows(rng: random.Random, options: SynthOptions, state: _State, victims: int, rows: Rows) -> None:
    today = min(options.end, date.today())
    state.case += 1
    case_id = f"{options.prefix}-C{state.case:08d}"
    opened = _day(rng, options)
    complicity = rng.random() < 0.02
    rows["cases"].append(
        {
            "case_id": case_id,
            "opened_on": opened,
            "status": "closed" if (today - opened).days > 400 else rng.choice(["active", "follow_up"]),
            "official_complicity": complicity,
            "case_owner": "Judiciary Police",
            "referring_organisation": rng.choice(
                ["Judiciary Police", "Public Security Police Force", "Labour Affairs Bureau", "NGO hotline"]
            ),
            "incoming_referral_date": opened,
        }
    )
    screening_id = _screening(rng, options, state, opened, victims, rows)
    for number in range(victims):
        _victim(rng, options, state, case_id, opened, number == 0, screening_id, today, rows)
    _proceedings(rng, options, state, case_id, opened, complicity, today, rows)


def _screening(
    rng: random.Random, options: SynthOptions, state: _State, opened: date, victims: int, rows: Rows
) -> str | None:
    """The screening that found a case's victims, for about one case in seven; its identifier."""
    if rng.random() < 0.15:
        state.screening += 1
        screening_id = f"{options.prefix}-S{state.screening:08d}"
        rows["screenings"].append(
            {
                "screening_id": screening_id,
                "screened_on": max(options.start, opened - timedelta(days=rng.randrange(0, 5))),
                "setting": _weighted(rng, SETTINGS_WEIGHTS).value,
                "population": rng.choice(POPULATIONS),
                "persons_screened": rng.randrange(victims, victims + 60),
                "indicators_observed": rng.sample([i.value for i in Indicator], rng.randrange(1, 5)),
                "outcome": "victims_identified",
            }
        )
        return screening_id
    return None


def _victim(
    rng: random.Random,
    options: SynthOptions,
    state: _State,
    case_id: str,
    opened: date,
    first: bool,
    screening_id: str | None,
    today: date,
    rows: Rows,
) -> None:
    """One victim of a case (the ``first`` identified the day the case opened, the others within 20 days),
    with the services the victim received."""
    state.person += 1
    person_id = f"{options.prefix}-P{state.person:09d}"
    child = rng.random() < 0.22
    identified = min(today, opened + timedelta(days=0 if first else rng.randrange(0, 20)))
    forms = _forms(rng, identified, child)
    rows["persons"].append(
        {
            "person_id": person_id,
            "case_id": case_id,
            "role": "victim",
            "gender": _weighted(
                rng,
                {"feminine": 70, "masculine": 28, "transgender_feminine": 1, "non_specified_unknown": 1},
            ),
            "citizenship": _weighted(rng, CITIZENSHIPS),
            "age": rng.randrange(12, 18) if child else min(70, int(rng.gammavariate(3, 3)) + 18),
            "trafficking_status": "actual" if rng.random() < 0.8 else "possible",
            "decision_making_organisation": _weighted(
                rng,
                {
                    DecisionMakingOrganisation.POLICE.value: 70,
                    DecisionMakingOrganisation.NON_POLICE_GOVERNMENTAL.value: 20,
                    DecisionMakingOrganisation.NGO.value: 10,
                },
            ),
            "identified_on": identified,
            "screening_id": screening_id,
            "method_of_recruitment": rng.choice([m.value for m in MethodOfRecruitment]),
            "location_of_recruitment": _weighted(rng, CITIZENSHIPS),
            "location_of_exploitation": "MO" if rng.random() < 0.85 else _weighted(rng, CITIZENSHIPS),
            "methods_of_control": sorted(rng.sample([m.value for m in MethodOfControl], rng.randrange(1, 4))),
            "exploitation": forms,
        }
    )
    _services(rng, options, state, person_id, identified, today, rows)


def _services(
    rng: random.Random,
    options: SynthOptions,
    state: _State,
    person_id: str,
    identified: date,
    today: date,
    rows: Rows,
) -> None:
    if rng.random() > 0.7:
        return
    for service in rng.sample([s.value for s in Service if s is not Service.OTHER], rng.randrange(1, 4)):
        state.service += 1
        referred = min(today, identified + timedelta(days=int(rng.expovariate(1 / 3))))
        started = referred + timedelta(days=int(rng.expovariate(1 / 5))) if rng.random() < 0.85 else None
        if started and started > today:
            started = None
        ended = started + timedelta(days=rng.randrange(1, 120)) if started and rng.random() < 0.6 else None
        rows["services"].append(
            {
                "service_id": f"{options.prefix}-V{state.service:09d}",
                "person_id": person_id,
                "service": service,
                "provider": PROVIDERS[service],
                "referred_on": referred,
                "started_on": started,
                "ended_on": ended if ended and ended <= today else None,
            }
        )


def _event(
    options: SynthOptions,
    state: _State,
    rows: Rows,
    case_id: str,
    person_id: str | None,
    event: str,
    day: date,
    **extra: Any,
) -> None:
    state.event += 1
    rows["proceedings"].append(
        {
            "proceeding_id": f"{options.prefix}-E{state.event:09d}",
            "case_id": case_id,
            "person_id": person_id,
            "event": event,
            "occurred_on": day,
            "statute_article": STATUTE,
            **extra,
        }
    )


def _proceedings(
    rng: random.Random,
    options: SynthOptions,
    state: _State,
    case_id: str,
    opened: date,
    complicity: bool,
    today: date,
    rows: Rows,
) -> None:
    _event(options, state, rows, case_id, None, "report_received", opened)
    if rng.random() > 0.8:
        return
    investigated = min(today, opened + timedelta(days=rng.randrange(0, 15)))
    _event(options, state, rows, case_id, None, "investigation_opened", investigated)
    for index in range(max(1, int(rng.expovariate(1 / 1.3)))):
        _suspect(rng, options, state, case_id, index == 0 and complicity, investigated, today, rows)


def _suspect(
    rng: random.Random,
    options: SynthOptions,
    state: _State,
    case_id: str,
    is_official: bool,
    investigated: date,
    today: date,
    rows: Rows,
) -> None:
    """One suspect of a case and the suspect's prosecution, verdict, sentence and appeal, as far as they go."""
    state.person += 1
    suspect = f"{options.prefix}-P{state.person:09d}"
    rows["persons"].append(
        {
            "person_id": suspect,
            "case_id": case_id,
            "role": "suspect",
            "gender": _weighted(rng, {"masculine": 65, "feminine": 35}),
            "citizenship": _weighted(rng, CITIZENSHIPS),
            "age": rng.randrange(20, 65),
            "is_official": is_official,
        }
    )
    if rng.random() > 0.45:
        return
    prosecuted = investigated + timedelta(days=rng.randrange(30, 240))
    if prosecuted > today:
        return
    _event(options, state, rows, case_id, suspect, "prosecution_initiated", prosecuted)
    verdict_on = prosecuted + timedelta(days=rng.randrange(60, 400))
    roll = rng.random()
    if verdict_on > today or roll > 0.8:
        return
    verdict = "conviction" if roll < 0.62 else "acquittal"
    _event(options, state, rows, case_id, suspect, verdict, verdict_on)
    if verdict == "conviction":
        months = max(6, min(300, int(rng.lognormvariate(3.6, 0.6))))
        sentence_on = min(today, verdict_on + timedelta(days=rng.randrange(0, 30)))
        _event(
            options,
            state,
            rows,
            case_id,
            suspect,
            "sentence",
            sentence_on,
            sentence_months=months,
            sentence_suspended=months < 36 and rng.random() < 0.4,
        )
    if rng.random() < 0.12 and verdict_on + timedelta(days=30) <= today:
        _event(
            options,
            state,
            rows,
            case_id,
            suspect,
            "appeal",
            verdict_on + timedelta(days=rng.randrange(5, 30)),
        )


def generate(options: SynthOptions) -> Iterator[Rows]:
    """Chunks of records (about ``options.chunk`` victims each), the first with recommendations and
    meetings. Cases have 1 to 6 victims (mean about 1.6)."""
    options = replace(options, end=min(options.end, date.today()))
    rng = random.Random(options.seed)
    state = _State()
    remaining = options.victims
    first = True
    while remaining > 0:
        rows: Rows = {name: [] for name in ("cases", "screenings", "persons", "proceedings", "services")}
        if first:
            rows.update(governance(rng, options.start, options.end, options.prefix))
            first = False
        made = 0
        while made < options.chunk and remaining > 0:
            victims = min(remaining, min(6, 1 + int(rng.expovariate(1 / 0.6))))
            _case_rows(rng, options, state, victims, rows)
            made += victims
            remaining -= victims
        yield rows


def rows_to_batch(rows: Rows, source: str) -> tuple[Batch, list[Problem]]:
    """Validate generated rows exactly as an import would."""
    batch = Batch()
    problems: list[Problem] = []
    for name, model in RECORD_TYPES.items():
        for position, row in enumerate(rows.get(name, [])):
            validate_into(batch, model, row, Location(source, path=f"{name}[{position}]"), problems)
    return batch, problems


def load(
    db: Database, options: SynthOptions, actor: str, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Generate and write a synthetic registry, a chunk at a time (each chunk all or nothing). Refuses a
    registry that already holds records with the same prefix."""
    with db.engine.connect() as connection:
        cases = TABLES["cases"]
        taken = connection.execute(
            select(cases.c.id).where(cases.c.case_id.like(f"{options.prefix}-%")).limit(1)
        ).first()
    if taken is not None:
        raise InputError(
            f"the registry already holds synthetic records with prefix {options.prefix!r}",
            [
                Problem(
                    ProblemCode.SYNTHETIC_EXISTS,
                    "use a fresh database (--db) or another --prefix",
                    location=Location(field="prefix"),
                )
            ],
        )
    totals: dict[str, int] = {}
    for rows in generate(options):
        batch, problems = rows_to_batch(rows, f"synth(seed={options.seed})")
        if problems:
            raise InputError("the generator made invalid records (a bug)", problems)
        for table, count in write(db, batch, actor, source=f"synth:seed={options.seed}").items():
            totals[table] = totals.get(table, 0) + count
        if progress:
            progress(sum(1 for _ in rows["persons"] if _["role"] == "victim"))
    return totals
