"""Single facts with their sources: a count, a yes/no, an amount, a text item.

Every fact may cite where it comes from (:class:`Source`). A fact may be written as a bare value
(``convictions: 3``) or in full (``convictions: {value: 3, source: {document: ..., quote: ...}}``).
``value: null`` means unknown, which is not zero; ``at_least`` records a lower bound where the source
gives no exact number ("convicted sex traffickers" is at least one conviction).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt, model_validator


class Source(BaseModel):
    """Where a fact comes from: a document, its URL or page, its date and the sentence that states it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    document: str | None = None
    url: str | None = None
    page: str | None = None
    date: dt.date | None = None
    quote: str | None = Field(default=None, description="The source sentence, copied exactly.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"document": data} if isinstance(data, str) else data


class _Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: Source | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_bare_value(cls, data: Any) -> Any:
        return data if isinstance(data, dict | BaseModel) else {"value": data}


class Count(_Fact):
    """A number of things (cases, persons, shelters). ``null`` is unknown, not zero."""

    value: NonNegativeInt | None = None
    at_least: NonNegativeInt | None = Field(
        default=None, description="Lower bound when the source states no exact number."
    )

    @property
    def lower_bound(self) -> int | None:
        """The exact value, else the stated lower bound, else None."""
        return self.value if self.value is not None else self.at_least


class Flag(_Fact):
    """A yes/no fact (a law criminalizes labour trafficking; victims were penalized). ``null`` is unknown."""

    value: bool | None = None


class Amount(_Fact):
    """A sum of money or a number of years; ``currency`` for money."""

    value: NonNegativeFloat | None = None
    currency: str | None = None


class Item(BaseModel):
    """A described action, case or commitment with its source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = Field(min_length=1)
    source: Source | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"description": data} if isinstance(data, str) else data


def count_of(fact: Count | None) -> int | None:
    """The lower bound of a count that may be missing."""
    return fact.lower_bound if fact is not None else None


def exact(fact: Count | None) -> int | None:
    """The exact value of a count that may be missing."""
    return fact.value if fact is not None else None


def flag_of(fact: Flag | None) -> bool | None:
    return fact.value if fact is not None else None


def amount_of(fact: Amount | None) -> float | None:
    return fact.value if fact is not None else None
