"""Load and validate the law version files in ``law/versions/``.

Each file is one version: an ``id``, the act(s) that made it, the first report year it governs, and the
parameters it changes (``extends`` names the version it amends). Every parameter value carries a
``reference`` to its statute subsection and the ``act`` (and section) that made it; ``confirmed: true``
only where the saved statute text itself shows the value, ``confirmed: false`` where it does not (an
older wording, or an attribution taken from elsewhere, named in the ``note``). The loader rejects unknown keys, bad dates, missing references, broken ``extends``
chains and versions out of order, each problem with its file and line.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tipwatch.datafile import read_data_file, validation_problems
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, NotFoundError, Problem

VERSIONS_DIR = Path(__file__).with_name("versions")
REFERENCE = re.compile(r"^22 U\.S\.C\. 71\d\d(\([a-zA-Z0-9]+\))*")

T = TypeVar("T")


class Cited(BaseModel, Generic[T]):
    """A value with the statute subsection it comes from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: T
    reference: str
    act: str = Field(min_length=1)
    confirmed: bool = True
    note: str | None = None

    @field_validator("reference")
    @classmethod
    def _reference_is_a_subsection(cls, reference: str) -> str:
        if not REFERENCE.match(reference):
            raise ValueError(
                f"reference {reference!r} is not a subsection of 22 U.S.C.; write e.g. '22 U.S.C. 7107(b)(2)(D)(i)'"
            )
        return reference


class LawParameters(BaseModel):
    """The parameters that decide a tier, as in force for one report year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    report_due: Cited[str]
    reporting_period: Cited[str | None]
    tier_lists: Cited[list[str]]
    concrete_actions_only: Cited[bool]
    commitments_excluded: Cited[bool]
    policy_or_pattern_is_failure: Cited[bool]
    watch_list_exists: Cited[bool]
    watch_list_criteria: Cited[list[str]]
    automatic_downgrade_after_years: Cited[int | None]
    watch_list_years_counted_from: Cited[int | None]
    waiver_max_years: Cited[int | None]
    max_watch_list_years_after_downgrade: Cited[int | None]
    minimum_standards: Cited[list[str]]
    minimum_standard_criteria: Cited[list[str]]

    @property
    def max_consecutive_watch_list_years(self) -> int | None:
        """Longest Watch List run the law allows (automatic downgrade plus the longest waiver), or None."""
        if self.automatic_downgrade_after_years.value is None:
            return None
        return self.automatic_downgrade_after_years.value + (self.waiver_max_years.value or 0)


class Act(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    law: str
    enacted: date


class _VersionFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    extends: str | None = None
    title: str
    acts: list[Act] = Field(min_length=1)
    first_report_year: int = Field(ge=2001, le=2100)
    note: str
    parameters: dict[str, dict[str, Any]]


class LawVersion(BaseModel):
    """One law version with every parameter resolved through its ``extends`` chain."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    acts: list[Act]
    first_report_year: int
    last_report_year: int | None
    note: str
    parameters: LawParameters
    source_file: str

    def governs(self, report_year: int) -> bool:
        return self.first_report_year <= report_year and (
            self.last_report_year is None or report_year <= self.last_report_year
        )


def _parse_files(directory: Path) -> list[tuple[Path, _VersionFile, Any]]:
    parsed, problems = [], []
    for path in sorted(directory.glob("*.yaml")):
        data, index = read_data_file(path)
        try:
            version = _VersionFile.model_validate(data)
        except ValidationError as exc:
            problems += validation_problems(exc, str(path), index)
            continue
        parsed.append((path, version, index))
    if problems:
        raise InputError(f"{len(problems)} problem(s) in the law versions in {directory}", problems)
    return parsed


def _sequence_problem(
    path: Path, version: _VersionFile, index: Any, previous: _VersionFile | None, duplicated: bool
) -> Problem | None:
    """What is wrong with a version's place in the chain (a reused id, a shared first report year, an
    ``extends`` that is not the version before it, an act enacted after the report), or None."""
    if duplicated:
        return Problem(
            ProblemCode.DUPLICATE_LAW_VERSION,
            f"law version id {version.id!r} is used twice",
            location=Location(str(path), index.line_of(["id"]), "id", "id"),
        )
    if previous and previous.first_report_year == version.first_report_year:
        return Problem(
            ProblemCode.OVERLAPPING_LAW_VERSIONS,
            f"{version.id!r} and {previous.id!r} both start in report year {version.first_report_year}; "
            "give each version its own first report year",
            location=Location(str(path), index.line_of(["first_report_year"]), "first_report_year"),
        )
    expected = previous.id if previous else None
    if version.extends != expected:
        return Problem(
            ProblemCode.BROKEN_EXTENDS,
            f"{version.id!r} extends {version.extends!r}, but the version in force before it is {expected!r}; "
            "each version must extend the one it amends",
            location=Location(str(path), index.line_of(["extends"]), "extends", "extends"),
        )
    late = [act for act in version.acts if act.enacted >= date(version.first_report_year, 7, 1)]
    if late:
        return Problem(
            ProblemCode.ACT_AFTER_REPORT,
            f"{late[0].law} was enacted {late[0].enacted}, after the {version.first_report_year} report it "
            "is said to govern; set first_report_year to the first report after enactment",
            location=Location(str(path), index.line_of(["acts"]), "acts", "enacted"),
        )
    return None


def _parameter_problems(exc: ValidationError, path: Path, index: Any) -> list[Problem]:
    """A version's invalid parameters, each located under ``parameters.`` in its file."""
    return [
        Problem(
            p.code,
            p.message,
            p.severity,
            Location(
                str(path),
                index.line_of(["parameters", *(p.location.path or "").split(".")]) or p.location.line,
                f"parameters.{p.location.path}",
                p.location.field,
            ),
        )
        for p in validation_problems(exc, str(path), index)
    ]


def load_law_versions(directory: Path = VERSIONS_DIR) -> tuple[LawVersion, ...]:
    """Every law version, oldest first, each with its parameters fully resolved."""
    parsed = _parse_files(directory)
    duplicated = len({version.id for _, version, _ in parsed}) != len(parsed)
    ordered = sorted(parsed, key=lambda item: item[1].first_report_year)
    problems: list[Problem] = []
    resolved: list[LawVersion] = []
    merged: dict[str, dict[str, dict[str, Any]]] = {}
    for position, (path, version, index) in enumerate(ordered):
        previous = ordered[position - 1][1] if position else None
        problem = _sequence_problem(path, version, index, previous, duplicated)
        if problem is not None:
            problems.append(problem)
            continue
        expected = previous.id if previous else None
        if expected and expected not in merged:
            continue  # the version it amends is broken and already reported
        base = dict(merged[expected]) if expected else {}
        base.update(version.parameters)
        merged[version.id] = base
        try:
            parameters = LawParameters.model_validate(base)
        except ValidationError as exc:
            problems += _parameter_problems(exc, path, index)
            continue
        resolved.append(
            LawVersion(
                id=version.id,
                title=version.title,
                acts=version.acts,
                first_report_year=version.first_report_year,
                last_report_year=None,
                note=version.note,
                parameters=parameters,
                source_file=path.name,
            )
        )
    if problems:
        raise InputError(f"{len(problems)} problem(s) in the law versions in {directory}", problems)
    if not resolved:
        raise InputError(f"no law versions in {directory}")
    bounded = [
        version.model_copy(update={"last_report_year": following.first_report_year - 1})
        for version, following in itertools.pairwise(resolved)
    ]
    return (*bounded, resolved[-1])


@cache
def _bundled() -> tuple[LawVersion, ...]:
    return load_law_versions()


def law_version(version_id: str, versions: tuple[LawVersion, ...] | None = None) -> LawVersion:
    """The version with this id."""
    versions = versions or _bundled()
    for version in versions:
        if version.id == version_id:
            return version
    raise NotFoundError(f"no law version {version_id!r}", [v.id for v in versions])


FIRST_REPORT_YEAR = 2001


def check_report_year(report_year: int, today: date | None = None) -> None:
    """Refuse a report year no TIP Report can have: before the first report (2001) or after the current
    year. ``today`` defaults to the system date; tests pass their own."""
    current = (today or date.today()).year
    if report_year < FIRST_REPORT_YEAR:
        raise InputError(
            f"report year {report_year} is before the first TIP Report ({FIRST_REPORT_YEAR}); the Trafficking "
            "Victims Protection Act of 2000 (Pub. L. 106-386) required the first report in 2001: give a year "
            f"from {FIRST_REPORT_YEAR}"
        )
    if report_year > current:
        raise InputError(
            f"report year {report_year} is in the future (the current year is {current}); no report and no "
            f"law in force for it can be known: give a year from {FIRST_REPORT_YEAR} to {current}"
        )


def law_for_report_year(
    report_year: int, versions: tuple[LawVersion, ...] | None = None, today: date | None = None
) -> LawVersion:
    """The version in force for a report year; a year before the first report or after the current
    year is refused (:func:`check_report_year`)."""
    check_report_year(report_year, today)
    versions = versions or _bundled()
    for version in versions:
        if version.governs(report_year):
            return version
    raise NotFoundError(
        f"no law version governs report year {report_year}; the first TIP Report is {FIRST_REPORT_YEAR}",
    )
