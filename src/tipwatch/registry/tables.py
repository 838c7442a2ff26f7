"""The registry's tables by the names records use (``cases``, ``persons``…)."""

from __future__ import annotations

from sqlalchemy import Table

from tipwatch.registry.models import (
    ActionItem,
    Case,
    Meeting,
    Person,
    Proceeding,
    Recommendation,
    Screening,
    ServiceRecord,
)
from tipwatch.store.audit import AUDIT as AUDIT  # one audit log, in store/

TABLES: dict[str, Table] = {
    "cases": Case.__table__,  # type: ignore[dict-item]
    "screenings": Screening.__table__,  # type: ignore[dict-item]
    "persons": Person.__table__,  # type: ignore[dict-item]
    "proceedings": Proceeding.__table__,  # type: ignore[dict-item]
    "services": ServiceRecord.__table__,  # type: ignore[dict-item]
    "recommendations": Recommendation.__table__,  # type: ignore[dict-item]
    "action_items": ActionItem.__table__,  # type: ignore[dict-item]
    "meetings": Meeting.__table__,  # type: ignore[dict-item]
}
