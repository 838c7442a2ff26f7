"""The tier record's pages as data: the overview of a report year (``/api/overview``, ``/``) and one
jurisdiction (``/api/jurisdictions/{name}``, ``/jurisdictions/{name}``): its tier history, streaks, the
latest worked assessment and the facts read from its bundled narratives."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from tipwatch.assess import assess
from tipwatch.assess.examples import EXAMPLES_DIR, example_files
from tipwatch.evidence import Evidence, load_evidence
from tipwatch.history import TierRecord
from tipwatch.history.overview import overview
from tipwatch.history.queries import history, tiers_in_year
from tipwatch.history.streaks import runs_of
from tipwatch.reader import read_narrative


def overview_data(record: TierRecord, year: int | None) -> dict[str, Any]:
    """The overview of a report year with all its placements (the overview page's data)."""
    summary = overview(record, year)
    return {
        **summary.to_dict(),
        "placements": tiers_in_year(record, summary.report_year).to_dict()["placements"],
    }


@cache
def _examples() -> tuple[tuple[str, Evidence], ...]:
    return tuple((path.stem, load_evidence(path)) for path in example_files())


@cache
def _narratives() -> tuple[tuple[str, dict[str, Any]], ...]:
    paths: list[Path] = sorted(EXAMPLES_DIR.glob("*/narratives/*.txt"))
    return tuple(
        (path.name, read_narrative(path.read_text(encoding="utf-8"), file=path.name).to_dict())
        for path in paths
    )


def _same(record: TierRecord, name: object, iso3: str) -> bool:
    if not isinstance(name, str):
        return False
    try:
        return record.resolve(name).iso3 == iso3
    except Exception:
        return False


def jurisdiction_data(record: TierRecord, name: str) -> dict[str, Any]:
    jurisdiction = record.resolve(name)
    entries = history(record, jurisdiction)
    examples = [(stem, ev) for stem, ev in _examples() if _same(record, ev.jurisdiction, jurisdiction.iso3)]
    latest = max(examples, key=lambda item: item[1].report_year, default=None)
    narratives = [
        data for _, data in _narratives() if _same(record, data.get("jurisdiction"), jurisdiction.iso3)
    ]
    return {
        "jurisdiction": jurisdiction.name,
        "iso3": jurisdiction.iso3,
        "history": [entry.to_dict() for entry in entries],
        "streaks": [s.to_dict() for s in runs_of(record, record.of(jurisdiction.iso3))],
        "examples": [stem for stem, _ in examples],
        "latest_assessment": (
            {"example": latest[0], **assess(latest[1]).model_dump(mode="json")}
            if latest is not None
            else None
        ),
        "narratives": sorted(narratives, key=lambda n: n.get("report_year") or 0, reverse=True),
    }
