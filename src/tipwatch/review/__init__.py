"""Monthly plenary review: periods, statistics, reports (issue 5)."""
