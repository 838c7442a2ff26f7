"""The tier record since 2001 as plain data, and what can be asked of it: a jurisdiction's history,
one year's placements, the overview, coverage, streaks, transitions and the Watch List audit.

    >>> from tipwatch.history import load_bundled_record, history
    >>> record = load_bundled_record()
    >>> [(e.report_year, e.tier.value) for e in history(record, "Macao")][-4:]
    [(2022, '3'), (2023, '3'), (2024, '3'), (2025, '3')]
"""

from tipwatch.history.audit import watchlist_audit
from tipwatch.history.audit_results import AuditFinding, AuditReport, WatchListRun
from tipwatch.history.coverage import YearCount, coverage
from tipwatch.history.loader import load_bundled_record, load_record_file, parse_tier_csv
from tipwatch.history.overview import Overview, overview
from tipwatch.history.queries import HistoryEntry, YearPlacements, gaps, history, tiers_in_year
from tipwatch.history.record import Placement, TierRecord, YearCoverage
from tipwatch.history.streaks import Streak, streaks
from tipwatch.history.transitions import TransitionMatrix, transitions

__all__ = [
    "AuditFinding",
    "AuditReport",
    "HistoryEntry",
    "Overview",
    "Placement",
    "Streak",
    "TierRecord",
    "TransitionMatrix",
    "WatchListRun",
    "YearCount",
    "YearCoverage",
    "YearPlacements",
    "coverage",
    "gaps",
    "history",
    "load_bundled_record",
    "load_record_file",
    "overview",
    "parse_tier_csv",
    "streaks",
    "tiers_in_year",
    "transitions",
    "watchlist_audit",
]
