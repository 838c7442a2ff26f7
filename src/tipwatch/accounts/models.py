"""Account tables (issue 6)."""
