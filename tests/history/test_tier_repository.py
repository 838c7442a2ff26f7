from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from tipwatch.evidence import Tier
from tipwatch.glotip import parse_glotip_csv
from tipwatch.history import Placement, TierRecord
from tipwatch.store import Database
from tipwatch.store.tier_repository import glotip_figures, load_record, save_glotip, save_record
from tipwatch.store.tier_tables import TierPlacementRow


def test_record_round_trip_is_idempotent(database: Database, real_record: TierRecord) -> None:
    assert save_record(database, real_record).changed
    assert not save_record(database, real_record).changed
    stored = load_record(database, load_if_empty=False)
    assert set(stored.placements) == set(real_record.placements)
    assert stored.coverage == real_record.coverage
    assert stored.placement("Macao", 2022) is Tier.TIER_3


def test_an_empty_database_gets_the_bundled_record(database: Database) -> None:
    assert len(load_record(database, load_if_empty=False)) == 0
    assert len(load_record(database)) == 4014


def test_a_failed_save_leaves_the_stored_record_unchanged(
    database: Database, real_record: TierRecord
) -> None:
    save_record(database, real_record)
    twice = Placement("Macau", "MAC", 2019, Tier.TIER_2, "x")
    broken = TierRecord((*real_record.placements[:10], twice, twice), real_record.coverage)
    with pytest.raises(IntegrityError):
        save_record(database, broken)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(TierPlacementRow)) == 4014


def test_glotip_round_trip(database: Database) -> None:
    header = "Iso3_code,Country,Region,Subregion,Indicator,Dimension,Category,Sex,Age,Year,Unit of measurement,txtVALUE,Source\n"
    rows = [
        "PHL,Philippines,Asia,SEA,Persons convicted,Total,Total,Total,Total,2019,Counts,77,GLOTIP\n",
        "PHL,Philippines,Asia,SEA,Persons convicted,Total,Total,Female,Total,2019,Counts,<5,GLOTIP\n",
        "MAC,Macao,Asia,EA,Persons convicted,Total,Total,Total,Total,2019,Counts,<5,GLOTIP\n",
    ]
    figures = parse_glotip_csv(header + "".join(rows), "g.csv")
    assert save_glotip(database, figures).rows == 2  # the by-sex cell stays in the bundled file
    assert not save_glotip(database, figures).changed
    macau = glotip_figures(database, "MAC")
    assert [(f.value.low, f.value.high, f.value.suppressed, f.text) for f in macau] == [(1, 4, True, "<5")]
