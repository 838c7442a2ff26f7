"""Readings as data: the named ways a statute rule is read, loaded from ``law/readings.yaml``.

A rule read more than one way lists its readings, each with a summary, the basis for it, and the
parameters the shared implementation interprets (:mod:`tipwatch.law.watch_list`). The loader rejects
unknown keys, a default that is not one of the readings and duplicate names, each with file and line.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tipwatch.datafile import read_data_file, validation_problems
from tipwatch.problems import InputError, NotFoundError

READINGS_FILE = Path(__file__).with_name("readings.yaml")
LIMIT_AFTER_DOWNGRADE = "7107(b)(2)(F)"


class Reading(BaseModel):
    """One way of reading (F): which earlier Tier 3 placement starts its one-year limit."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    summary: str
    basis: str
    downgrade_must_be_automatic: bool
    downgrade_under_limit_law_only: bool
    reinstated_directly: bool


class ReadRule(BaseModel):
    """A rule of the statute and its named readings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rule: str
    reference: str
    act: str
    question: str
    default: str
    readings: list[Reading] = Field(min_length=2)

    @model_validator(mode="after")
    def _default_is_a_reading(self) -> ReadRule:
        names = [r.name for r in self.readings]
        if len(set(names)) != len(names):
            raise ValueError(f"reading names of {self.rule} repeat: {names}; give each its own name")
        if self.default not in names:
            raise ValueError(f"default {self.default!r} of {self.rule} is not one of its readings {names}")
        return self

    def reading(self, name: str | None = None) -> Reading:
        """The reading of this name, or the default one."""
        wanted = name or self.default
        for reading in self.readings:
            if reading.name == wanted:
                return reading
        raise NotFoundError(
            f"no reading {wanted!r} of 22 U.S.C. {self.rule}", [r.name for r in self.readings]
        )


class _ReadingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rules: list[ReadRule]


def load_readings(path: Path = READINGS_FILE) -> Mapping[str, ReadRule]:
    """Every rule with named readings, by rule (e.g. ``"7107(b)(2)(F)"``)."""
    data, index = read_data_file(path)
    try:
        parsed = _ReadingsFile.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, str(path), index)
        raise InputError(f"{len(problems)} problem(s) in the readings in {path}", problems) from None
    return {rule.rule: rule for rule in parsed.rules}


@cache
def _bundled() -> Mapping[str, ReadRule]:
    return load_readings()


def read_rule(rule: str, readings: Mapping[str, ReadRule] | None = None) -> ReadRule:
    """The named readings of one rule."""
    known = readings or _bundled()
    if rule not in known:
        raise NotFoundError(f"no named readings of 22 U.S.C. {rule}", sorted(known))
    return known[rule]
