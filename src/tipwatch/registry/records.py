"""The registry's records as they are written: one pydantic model per table, identified by pseudonymous
identifiers (no names), with every check that one record can make on its own — enumerations, dates in
order, plausible ages and sentences. Checks across records (duplicates, references, the order of
proceedings) are in :mod:`tipwatch.registry.integrity`."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from datetime import date
from types import NoneType, UnionType
from typing import Annotated, Any, ClassVar, Protocol, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic.fields import FieldInfo

from tipwatch.evidence.precision import DatePrecision, precision_problem
from tipwatch.registry.countries import COUNTRY_CODES
from tipwatch.registry.vocabulary import (
    PERSONAL_EVENTS,
    ActionStatus,
    AgeGroup,
    CaseStatus,
    DecisionMakingOrganisation,
    Exploitation,
    Gender,
    Indicator,
    MethodOfControl,
    MethodOfRecruitment,
    ProceedingEvent,
    RecommendationSource,
    Role,
    ScreeningOutcome,
    ScreeningSetting,
    Service,
    TraffickingStatus,
)

EARLIEST = date(1950, 1, 1)
PERSONAL_EVENT_VALUES = frozenset(event.value for event in PERSONAL_EVENTS)
ADULT_AGE = 18


class FieldError(ValueError):
    """A problem of one record that concerns one of its fields (raised by model validators)."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


_today: tuple[float, date] = (0.0, date.today())


def today() -> date:
    """Today, looked up at most once a second (``date.today()`` is slow enough to show in bulk imports)."""
    global _today
    now = time.monotonic()
    if now - _today[0] > 1.0:
        _today = (now, date.today())
    return _today[1]


def _plausible_date(value: date) -> date:
    if value < EARLIEST or value > today():
        raise ValueError(
            f"date {value.isoformat()} is not plausible: expected {EARLIEST.isoformat()} .. today"
        )
    return value


def _country(value: str) -> str:
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise ValueError(
            f"unknown country code {value!r}: expected an ISO 3166-1 alpha-2 code such as MO, PH, VN"
        )
    return code


def split_list(value: Any) -> Any:
    """A ';'-joined list as its items; ``\\;`` is a ';' inside an item and ``\\\\`` a backslash (see
    :func:`join_list`)."""
    if isinstance(value, str):
        parts = value.split(";") if "\\" not in value else _split_escaped(value)
        return [part.strip() for part in parts if part.strip()]
    return value


def join_list(items: Iterable[object]) -> str:
    """Items ';'-joined so that :func:`split_list` gives them back: a ';' inside an item is written
    ``\\;`` and a backslash ``\\\\``."""
    return ";".join(str(item).replace("\\", "\\\\").replace(";", "\\;") for item in items)


def _split_escaped(text: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\" and text[position + 1 : position + 2] in ("\\", ";"):
            current.append(text[position + 1])
            position += 2
            continue
        if char == ";":
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
        position += 1
    parts.append("".join(current))
    return parts


Identifier = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$"),
]
Day = Annotated[date, AfterValidator(_plausible_date)]
Country = Annotated[str, AfterValidator(_country)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


def ListOf(item: Any) -> Any:
    """A list, or in CSV a ';'-joined string."""
    return Annotated[list[item], BeforeValidator(split_list)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=True)
    table: ClassVar[str]
    key: ClassVar[str]

    @property
    def identifier(self) -> str:
        return str(getattr(self, self.key))


class CaseRecord(Record):
    table: ClassVar[str] = "cases"
    key: ClassVar[str] = "case_id"

    case_id: Identifier
    opened_on: Day | None = None
    status: CaseStatus = CaseStatus.ACTIVE
    official_complicity: bool = False
    case_owner: Text | None = None
    referring_organisation: Text | None = None
    incoming_referral_date: Day | None = None


VICTIM_ONLY = (
    "trafficking_status",
    "decision_making_organisation",
    "identified_on",
    "screening_id",
    "method_of_recruitment",
    "location_of_recruitment",
    "location_of_exploitation",
)


class PersonRecord(Record):
    """A person in a case by role. Victims carry a profile; suspects and witnesses may not."""

    table: ClassVar[str] = "persons"
    key: ClassVar[str] = "person_id"

    person_id: Identifier
    case_id: Identifier
    role: Role
    gender: Gender | None = None
    citizenship: Country | None = None
    age: Annotated[int, Field(ge=0, le=110)] | None = None
    age_group: AgeGroup | None = None
    is_official: bool = False
    trafficking_status: TraffickingStatus | None = None
    decision_making_organisation: DecisionMakingOrganisation | None = None
    identified_on: Day | None = None
    identified_on_precision: DatePrecision = DatePrecision.DAY  # a year-level date is the 1st of January
    screening_id: Identifier | None = None
    method_of_recruitment: MethodOfRecruitment | None = None
    location_of_recruitment: Country | None = None
    location_of_exploitation: Country | None = None
    methods_of_control: ListOf(MethodOfControl) = []  # type: ignore[valid-type]
    exploitation: ListOf(Exploitation) = []  # type: ignore[valid-type]

    @model_validator(mode="before")
    @classmethod
    def _derive_age_group(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("age") not in (None, "") and not data.get("age_group"):
            with contextlib.suppress(TypeError, ValueError):
                data = {**data, "age_group": age_group_of(int(data["age"]))}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> PersonRecord:
        check_person(self.__dict__)
        return self


class ScreeningRecord(Record):
    table: ClassVar[str] = "screenings"
    key: ClassVar[str] = "screening_id"

    screening_id: Identifier
    screened_on: Day
    setting: ScreeningSetting
    population: Text
    persons_screened: Annotated[int, Field(ge=0, le=1_000_000)]
    indicators_observed: ListOf(Indicator) = []  # type: ignore[valid-type]
    outcome: ScreeningOutcome


class ProceedingRecord(Record):
    """One dated event. Prosecution, conviction, acquittal, sentence and appeal concern one suspect."""

    table: ClassVar[str] = "proceedings"
    key: ClassVar[str] = "proceeding_id"

    proceeding_id: Identifier
    case_id: Identifier
    person_id: Identifier | None = None
    event: ProceedingEvent
    occurred_on: Day
    statute_article: Text | None = None
    sentence_months: Annotated[int, Field(ge=0, le=1200)] | None = None
    sentence_suspended: bool | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ProceedingRecord:
        check_proceeding(self.__dict__)
        return self


class ServiceRecordIn(Record):
    table: ClassVar[str] = "services"
    key: ClassVar[str] = "service_id"

    service_id: Identifier
    person_id: Identifier
    service: Service
    provider: Text
    referred_on: Day
    started_on: Day | None = None
    ended_on: Day | None = None

    @model_validator(mode="after")
    def _in_order(self) -> ServiceRecordIn:
        check_service(self.__dict__)
        return self


class RecommendationRecord(Record):
    table: ClassVar[str] = "recommendations"
    key: ClassVar[str] = "recommendation_id"

    recommendation_id: Identifier
    source: RecommendationSource
    report_year: Annotated[int, Field(ge=2001, le=2100)] | None = None
    issued_on: Day
    text: LongText


class ActionItemRecord(Record):
    table: ClassVar[str] = "action_items"
    key: ClassVar[str] = "action_id"

    action_id: Identifier
    recommendation_id: Identifier
    description: LongText
    owner: Text
    due_on: date
    status: ActionStatus = ActionStatus.OPEN
    completed_on: Day | None = None

    @model_validator(mode="after")
    def _completion(self) -> ActionItemRecord:
        check_action_item(self.__dict__)
        return self


class MeetingRecord(Record):
    table: ClassVar[str] = "meetings"
    key: ClassVar[str] = "meeting_id"

    meeting_id: Identifier
    held_on: Day
    attendees: ListOf(Text)  # type: ignore[valid-type]
    decisions: ListOf(LongText) = []  # type: ignore[valid-type]


RECORD_TYPES: dict[str, type[Record]] = {
    model.table: model
    for model in (
        CaseRecord,
        ScreeningRecord,
        PersonRecord,
        ProceedingRecord,
        ServiceRecordIn,
        RecommendationRecord,
        ActionItemRecord,
        MeetingRecord,
    )
}
"""Every table, in the order its records must be written (references point backwards)."""


def field_type(info: FieldInfo) -> tuple[Any, tuple[Any, ...]]:
    """A field's type without ``| None`` and its constraints (what ``Annotated`` carried), e.g.
    ``(date, (AfterValidator(...),))`` for ``Day | None``."""
    annotation: Any = info.annotation
    if get_origin(annotation) in (Union, UnionType) and NoneType in get_args(annotation):
        (annotation,) = [arg for arg in get_args(annotation) if arg is not NoneType]
    metadata: tuple[Any, ...] = ()
    if get_origin(annotation) is Annotated:
        annotation, metadata = annotation.__origin__, annotation.__metadata__
    return annotation, (*metadata, *info.metadata)


class Fields(Protocol):
    """A record's values by field name: a mapping, or a row of the bulk reader's columns."""

    def __getitem__(self, name: str, /) -> Any: ...


# The checks one record makes across its own fields, as functions of its validated values: the models'
# validators call them, and so does the bulk reader (:mod:`tipwatch.registry.bulk`), which builds records
# without pydantic. Each raises :class:`FieldError`.


def age_group_of(age: int) -> str:
    return "adult" if age >= ADULT_AGE else "child"


def check_person(values: Fields) -> None:
    age, age_group = values["age"], values["age_group"]
    if age is not None and age_group is not None:
        expected = age_group_of(age)
        if age_group != expected:
            raise FieldError(
                "age_group", f"age {age} contradicts age_group {age_group!r} (expected {expected!r})"
            )
    problem = precision_problem(values["identified_on"], values["identified_on_precision"])
    if problem:
        raise FieldError("identified_on", problem)
    role = values["role"]
    if role != "victim":
        carried = [name for name in VICTIM_ONLY if values[name] is not None]
        carried += [name for name in ("methods_of_control", "exploitation") if values[name]]
        if carried:
            raise FieldError(carried[0], f"a {role} has no victim profile; remove {', '.join(carried)}")


def check_proceeding(values: Fields) -> None:
    event = values["event"]
    if event in PERSONAL_EVENT_VALUES and values["person_id"] is None:
        raise FieldError("person_id", f"a {event} event concerns one suspect: give person_id")
    if event != "sentence" and (
        values["sentence_months"] is not None or values["sentence_suspended"] is not None
    ):
        raise FieldError(
            "sentence_months",
            f"sentence_months and sentence_suspended belong to a sentence event, not {event}",
        )


def check_service(values: Fields) -> None:
    referred_on, started_on, ended_on = values["referred_on"], values["started_on"], values["ended_on"]
    if started_on is not None and started_on < referred_on:
        raise FieldError("started_on", f"started_on {started_on} is before referred_on {referred_on}")
    if ended_on is not None and (started_on is None or ended_on < started_on):
        raise FieldError("ended_on", f"ended_on {ended_on} needs a started_on on or before it")


def check_action_item(values: Fields) -> None:
    if (values["status"] == ActionStatus.DONE.value) != (values["completed_on"] is not None):
        raise FieldError("completed_on", "an action item has completed_on exactly when its status is 'done'")


RECORD_CHECKS: dict[str, Callable[[Fields], None]] = {
    "persons": check_person,
    "proceedings": check_proceeding,
    "services": check_service,
    "action_items": check_action_item,
}
