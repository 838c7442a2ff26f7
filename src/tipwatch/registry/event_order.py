"""The order of proceedings in a case: each event follows the events it needs (no conviction before its
prosecution, no sentence before its conviction…), for the case as a whole or for the same person."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import Location, Problem
from tipwatch.registry.vocabulary import EVENT_REQUIRES, PERSONAL_EVENTS

# proceeding_id, case, person, event, day, and where: a stored event's Location or a new one's row index
Event = tuple[str, str, str | None, str, date, Location | int]

# By the events' names (the text stored and validated), so that checking an event builds no enum member.
_REQUIRED_NAMES = {
    event.value: frozenset(r.value for r in required) for event, required in EVENT_REQUIRES.items()
}
_PERSONAL_NAMES = frozenset(event.value for event in PERSONAL_EVENTS)
# The events that some event needs earlier in its case, and those it needs earlier for the same person
_NEEDED_BY_CASE = frozenset(r for e, rs in _REQUIRED_NAMES.items() if e not in _PERSONAL_NAMES for r in rs)
_NEEDED_BY_PERSON = frozenset(r for e, rs in _REQUIRED_NAMES.items() if e in _PERSONAL_NAMES for r in rs)
_NEEDED = _NEEDED_BY_CASE | _NEEDED_BY_PERSON

FirstDays = dict[tuple[str, str | None, str], date]
"""The first day of each event that another event needs, for each case and for each person in a case
(key: case, person or None for the case as a whole, event)."""


def _first_days(events: Sequence[Event]) -> FirstDays:
    first: FirstDays = {}
    key: tuple[str, str | None, str]
    for _, case_id, person_id, name, day, _ in [e for e in events if e[3] in _NEEDED]:
        if name in _NEEDED_BY_CASE:
            key = (case_id, None, name)
            if (seen := first.get(key)) is None or day < seen:
                first[key] = day
        if person_id is not None and name in _NEEDED_BY_PERSON:
            key = (case_id, person_id, name)
            if (seen := first.get(key)) is None or day < seen:
                first[key] = day
    return first


def _at(location: Location, field_name: str) -> Location:
    return Location(location.file, location.line, location.path, field_name)


def order_problems(
    events: Sequence[Event], location_of: Callable[[Location | int], Location]
) -> list[Problem]:
    """A problem for every event without an earlier event it needs, or dated before it; ``location_of``
    turns an event's ``where`` into the place to report."""
    first = _first_days(events)
    problems = []
    for _, case_id, person_id, name, day, where in [e for e in events if e[3] in _REQUIRED_NAMES]:
        required = _REQUIRED_NAMES[name]
        scope = person_id if name in _PERSONAL_NAMES else None
        earlier = [(when, other) for other in required if (when := first.get((case_id, scope, other)))]
        if earlier and min(earlier)[0] <= day:
            continue
        location = location_of(where)
        names = " or ".join(sorted(required))
        whose = f"person {person_id!r} in case {case_id!r}" if scope else f"case {case_id!r}"
        if not earlier:
            message = f"{name} on {day} needs an earlier {names} for {whose}; record that first"
            problems.append(
                Problem(ProblemCode.MISSING_PRIOR_EVENT, message, location=_at(location, "event"))
            )
        else:
            when, other = min(earlier)
            message = (
                f"{name} on {day} comes before {other} on {when} for {whose}; "
                "a later step cannot precede an earlier one"
            )
            problems.append(
                Problem(ProblemCode.DATE_OUT_OF_ORDER, message, location=_at(location, "occurred_on"))
            )
    return problems
