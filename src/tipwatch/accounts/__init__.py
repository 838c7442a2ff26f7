"""Accounts, roles and API tokens (issue 6)."""
