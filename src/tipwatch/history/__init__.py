"""The tier record since 2001 as plain data, and what can be asked of it: a jurisdiction's history,
one year's placements, coverage, streaks, transitions and the Watch List audit."""

from tipwatch.history.loader import load_bundled_record, load_record_file, parse_tier_csv
from tipwatch.history.record import Placement, TierRecord, YearCoverage

__all__ = [
    "Placement",
    "TierRecord",
    "YearCoverage",
    "load_bundled_record",
    "load_record_file",
    "parse_tier_csv",
]
