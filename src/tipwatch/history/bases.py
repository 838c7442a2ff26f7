"""Tier 3 placements the report places on the merits, read from ``history/tier3_bases.yaml``.

The Watch List audit otherwise takes a Tier 3 placement right after enough counted Watch List years as
an automatic downgrade (22 U.S.C. 7107(b)(2)(D)(i)); an entry here, with its source and a short quote,
says the report made it on the merits instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tipwatch.datafile import read_data_file, validation_problems
from tipwatch.problems import InputError

BASES_FILE = Path(__file__).with_name("tier3_bases.yaml")


class MeritsPlacement(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    jurisdiction: str
    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    report_year: int = Field(ge=2001, le=2100)
    source: str = Field(min_length=1)
    quote: str = Field(min_length=1)


class _BasesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    merits: list[MeritsPlacement]


def load_merits_placements(path: Path = BASES_FILE) -> Mapping[str, frozenset[int]]:
    """The report years of Tier 3 placements on the merits, by ISO code."""
    data, index = read_data_file(path)
    try:
        parsed = _BasesFile.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, str(path), index)
        raise InputError(f"{len(problems)} problem(s) in {path}", problems) from None
    years: dict[str, set[int]] = {}
    for entry in parsed.merits:
        years.setdefault(entry.iso3, set()).add(entry.report_year)
    return {iso3: frozenset(found) for iso3, found in years.items()}


@cache
def bundled_merits_placements() -> Mapping[str, frozenset[int]]:
    return load_merits_placements()
