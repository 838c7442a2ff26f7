"""Load and save the tier record and GLOTIP figures. Saving is idempotent (the same data twice changes
nothing) and atomic (one transaction: a failure leaves the stored data as it was)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from tipwatch.evidence import Tier
from tipwatch.glotip import Count, GlotipFigure, load_bundled_glotip
from tipwatch.history import Placement, TierRecord, YearCoverage, load_bundled_record
from tipwatch.problem_codes import ProblemCode
from tipwatch.problems import InputError, Location, Problem
from tipwatch.store.base import Base
from tipwatch.store.database import Database
from tipwatch.store.tier_tables import GlotipFigureRow, TierPlacementRow, TierYearCoverageRow

Progress = Callable[[int], None]
BATCH = 2000


@dataclass(frozen=True, slots=True)
class SaveResult:
    what: str
    rows: int
    changed: bool
    removed: int = 0


class TierLoadMode(StrEnum):
    """How a tier record is saved over the stored one: ``replace`` it whole (the rows the new record
    lacks are removed), ``merge`` it (its rows added or updated by jurisdiction and report year, the
    others kept), or ``refuse-removal``: replace it only when that removes nothing."""

    REPLACE = "replace"
    MERGE = "merge"
    REFUSE_REMOVAL = "refuse-removal"


def _placement_key(p: Placement) -> tuple[str, str, int, str, str]:
    return (p.jurisdiction, p.iso3, p.report_year, p.tier.value, p.source)


def _glotip_key(f: GlotipFigure) -> tuple[object, ...]:
    return (f.iso3, f.country, f.indicator, f.dimension, f.category, f.sex, f.age, f.year, f.text)


def _insert_batches(
    session: Session, table: type[Base], rows: Sequence[Mapping[str, object]], progress: Progress | None
) -> None:
    for start in range(0, len(rows), BATCH):
        batch = list(rows[start : start + BATCH])
        session.execute(insert(table), batch)
        if progress:
            progress(len(batch))


def save_record(
    database: Database,
    record: TierRecord,
    progress: Progress | None = None,
    *,
    mode: TierLoadMode = TierLoadMode.REPLACE,
    source: str = "the tier record",
) -> SaveResult:
    """Store the record (placements and coverage) as ``mode`` says, unless it is the same. With
    ``REFUSE_REMOVAL``, a record that lacks stored placements is an :class:`InputError` saying how many
    it would remove (``source`` names it), and nothing changes."""
    with database.session() as session:
        table = TierPlacementRow
        stored = {
            (name, iso3, year, tier, src)
            for name, iso3, year, tier, src in session.execute(
                select(table.jurisdiction, table.iso3, table.report_year, table.tier, table.source)
            )
        }
        new_keys = {(p.iso3, p.report_year) for p in record}
        lacking = [row for row in stored if (row[1], row[2]) not in new_keys]
        if mode is TierLoadMode.MERGE and lacking:
            kept = tuple(
                Placement(name, iso3, year, Tier(tier), src) for name, iso3, year, tier, src in lacking
            )
            record = TierRecord(tuple(record) + kept, record.coverage)
            lacking = []
        elif mode is TierLoadMode.REFUSE_REMOVAL and lacking:
            raise _would_remove(source, len(record), len(stored), len(lacking))
        stored_coverage = {
            (row.report_year, row.complete, row.published_total, row.note)
            for row in session.scalars(select(TierYearCoverageRow))
        }
        wanted_coverage = {(c.report_year, c.complete, c.published_total, c.note) for c in record.coverage}
        if stored == {_placement_key(p) for p in record} and stored_coverage == wanted_coverage:
            if progress:
                progress(len(record))
            return SaveResult("tier placements", len(record), changed=False)
        session.execute(delete(TierPlacementRow))
        session.execute(delete(TierYearCoverageRow))
        rows = [
            {
                "jurisdiction": p.jurisdiction,
                "iso3": p.iso3,
                "report_year": p.report_year,
                "tier": p.tier.value,
                "source": p.source,
            }
            for p in record
        ]
        _insert_batches(session, TierPlacementRow, rows, progress)
        _insert_coverage(session, record)
    return SaveResult("tier placements", len(record), changed=True, removed=len(lacking))


def _insert_coverage(session: Session, record: TierRecord) -> None:
    if record.coverage:
        session.execute(
            insert(TierYearCoverageRow),
            [
                {
                    "report_year": c.report_year,
                    "complete": c.complete,
                    "published_total": c.published_total,
                    "note": c.note,
                }
                for c in record.coverage
            ],
        )


def _would_remove(source: str, rows: int, stored: int, removed: int) -> InputError:
    message = (
        f"holds {rows:,} placements and the stored record {stored:,}: loading it would remove {removed:,} "
        "rows it lacks; pass --merge to add and update its rows and keep the others, or --replace to "
        f"remove the {removed:,} rows"
    )
    return InputError(
        f"{source}: {message}",
        [Problem(ProblemCode.WOULD_REMOVE_PLACEMENTS, message, location=Location(source))],
    )


def load_record(database: Database, load_if_empty: bool = True) -> TierRecord:
    """The tier record stored in a database; a database with no placements first gets the bundled one
    (unless ``load_if_empty`` is false, when the empty record is returned)."""
    with database.session() as session:
        table = TierPlacementRow
        placements = tuple(
            Placement(name, iso3, year, Tier(tier), source)
            for name, iso3, year, tier, source in session.execute(
                select(table.jurisdiction, table.iso3, table.report_year, table.tier, table.source).order_by(
                    table.iso3, table.report_year
                )
            )
        )
        coverage = tuple(
            YearCoverage(row.report_year, row.complete, row.published_total, row.note)
            for row in session.scalars(select(TierYearCoverageRow).order_by(TierYearCoverageRow.report_year))
        )
    if not placements and load_if_empty:
        save_record(database, load_bundled_record())
        return load_record(database, load_if_empty=False)
    return TierRecord(placements, coverage)


def stored_figures(figures: Sequence[GlotipFigure]) -> list[GlotipFigure]:
    """The GLOTIP figures tipwatch stores: all-sexes, all-ages cells (the rest stay in the bundled file)."""
    return [f for f in figures if f.is_total]


def save_glotip(
    database: Database, figures: Sequence[GlotipFigure], progress: Progress | None = None
) -> SaveResult:
    """Store GLOTIP figures (all sexes, all ages), replacing what was stored, unless it is the same."""
    wanted = stored_figures(figures)
    with database.session() as session:
        count = session.scalar(select(func.count()).select_from(GlotipFigureRow)) or 0
        if count == len(wanted):
            columns = GlotipFigureRow
            stored = {
                tuple(row)
                for row in session.execute(
                    select(
                        columns.iso3,
                        columns.country,
                        columns.indicator,
                        columns.dimension,
                        columns.category,
                        columns.sex,
                        columns.age,
                        columns.year,
                        columns.text,
                    )
                )
            }
            if stored == {_glotip_key(f) for f in wanted}:
                if progress:
                    progress(len(wanted))
                return SaveResult("GLOTIP figures", len(wanted), changed=False)
        session.execute(delete(GlotipFigureRow))
        rows = [
            {
                "iso3": f.iso3,
                "country": f.country,
                "indicator": f.indicator,
                "dimension": f.dimension,
                "category": f.category,
                "sex": f.sex,
                "age": f.age,
                "year": f.year,
                "value_low": f.value.low,
                "value_high": f.value.high,
                "suppressed": f.value.suppressed,
                "text": f.text,
            }
            for f in wanted
        ]
        _insert_batches(session, GlotipFigureRow, rows, progress)
    return SaveResult("GLOTIP figures", len(wanted), changed=True)


def glotip_figures(database: Database, iso3: str, load_if_empty: bool = True) -> list[GlotipFigure]:
    """The stored GLOTIP figures of one jurisdiction; an empty table first gets the bundled data."""
    with database.session() as session:
        if load_if_empty and not session.scalar(select(func.count()).select_from(GlotipFigureRow)):
            empty = True
        else:
            empty = False
            rows = list(session.scalars(select(GlotipFigureRow).where(GlotipFigureRow.iso3 == iso3)))
    if empty:
        save_glotip(database, load_bundled_glotip())
        return glotip_figures(database, iso3, load_if_empty=False)
    return [
        GlotipFigure(
            r.iso3,
            r.country,
            r.indicator,
            r.dimension,
            r.category,
            r.sex,
            r.age,
            r.year,
            Count(r.value_low, r.value_high, r.suppressed),
            r.text,
        )
        for r in rows
    ]
