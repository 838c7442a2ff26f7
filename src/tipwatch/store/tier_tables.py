"""Tables of the tier record and official statistics (issue 2)."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tipwatch.store.base import Base


class TierPlacementRow(Base):
    """One jurisdiction's tier in one report year."""

    __tablename__ = "tier_placements"
    __table_args__ = (UniqueConstraint("iso3", "report_year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    jurisdiction: Mapped[str] = mapped_column(String(100))
    iso3: Mapped[str] = mapped_column(String(3), index=True)
    report_year: Mapped[int] = mapped_column(Integer, index=True)
    tier: Mapped[str] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(60))


class TierYearCoverageRow(Base):
    """How complete the record is for one report year."""

    __tablename__ = "tier_year_coverage"

    report_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    complete: Mapped[str] = mapped_column(String(12))
    published_total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    note: Mapped[str] = mapped_column(Text)


class GlotipFigureRow(Base):
    """One GLOTIP cell (all sexes, all ages); a suppressed "<5" cell is stored as 1..4, suppressed."""

    __tablename__ = "glotip_figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    iso3: Mapped[str] = mapped_column(String(3), index=True)
    country: Mapped[str] = mapped_column(String(100))
    indicator: Mapped[str] = mapped_column(String(60))
    dimension: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(Text)
    sex: Mapped[str] = mapped_column(String(10))
    age: Mapped[str] = mapped_column(String(20))
    year: Mapped[int] = mapped_column(Integer)
    value_low: Mapped[int] = mapped_column(Integer)
    value_high: Mapped[int] = mapped_column(Integer)
    suppressed: Mapped[bool] = mapped_column(Boolean)
    text: Mapped[str] = mapped_column(String(20))
