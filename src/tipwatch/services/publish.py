"""``tipwatch publish`` and ``/api/statistics/public``: a released period's statistics for outside
readers, beside the previous period, under the publisher's disclosure policy (small-cell and
complementary suppression; only the periods of its calendar are released)."""

from __future__ import annotations

from tipwatch.disclosure.policy import DisclosurePolicy
from tipwatch.evidence.periods import Period
from tipwatch.review.public_statistics import PublicStatistics
from tipwatch.services.review import public_statistics
from tipwatch.store import Database


def publish(db: Database, period: Period, policy: DisclosurePolicy | None = None) -> PublicStatistics:
    """The public statistics of ``period`` (no trend), read in one snapshot; ``.table()`` is the JSON
    answer both the CLI and the API give. Refuses a period the policy does not release."""
    return public_statistics(db, period, policy or DisclosurePolicy(), trend_periods=0)
