"""The case registry of a national coordinating body (issue 5)."""
