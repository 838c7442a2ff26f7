"""Registry tables (issue 5)."""
