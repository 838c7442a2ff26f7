"""The tier record since 2001 as plain data, and what can be asked of it: a jurisdiction's history,
one year's placements, the overview, coverage, streaks, transitions and the Watch List audit.

    >>> from tipwatch.history import load_bundled_record, history
    >>> record = load_bundled_record()
    >>> [(e.report_year, e.tier.value) for e in history(record, "Macao")][-4:]
    [(2022, '3'), (2023, '3'), (2024, '3'), (2025, '3')]

The queries on the record are imported with the package. The Watch List audit (the law's versions and
readings) and the loader of record files (pydantic, YAML) are imported from their modules the first
time one of their names is asked for, so that ``tipwatch history X``, which reads a stored record, does
not load them. An error in those modules is raised as it is, at the import that asks for them."""

from importlib import import_module
from typing import TYPE_CHECKING

from tipwatch.history.audit_results import AuditFinding, AuditReport, WatchListRun
from tipwatch.history.coverage import YearCount, coverage
from tipwatch.history.overview import Overview, overview
from tipwatch.history.queries import HistoryEntry, YearPlacements, gaps, history, tiers_in_year
from tipwatch.history.record import Placement, TierRecord, YearCoverage
from tipwatch.history.streaks import Streak, streaks
from tipwatch.history.transitions import TransitionMatrix, transitions

if TYPE_CHECKING:
    from tipwatch.history.audit import watchlist_audit
    from tipwatch.history.loader import load_bundled_record, load_record_file, parse_tier_csv

_MODULE_OF = {
    "watchlist_audit": "audit",
    "load_bundled_record": "loader",
    "load_record_file": "loader",
    "parse_tier_csv": "loader",
}
"""The names this package offers from its modules that load data files, and the module of each."""


def __getattr__(name: str) -> object:
    """The audit or a loader function, from its module (imported now if it was not yet)."""
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    globals()[name] = value
    return value


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
