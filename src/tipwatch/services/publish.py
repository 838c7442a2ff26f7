"""``tipwatch publish`` and ``/api/statistics/public``: a period's statistics for outside readers, beside
the previous period, under disclosure control (small-cell and complementary suppression)."""

from __future__ import annotations

from tipwatch.evidence.periods import Period
from tipwatch.review.public_statistics import PublicStatistics
from tipwatch.services.review import public_statistics
from tipwatch.store import Database


def publish(db: Database, period: Period, k: int = 5) -> PublicStatistics:
    """The public statistics of ``period`` (no trend months), read in one snapshot; ``.table()`` is the
    JSON answer both the CLI and the API give."""
    return public_statistics(db, period, k, trend_months=0)
