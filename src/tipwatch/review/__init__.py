"""Periodic review of the registry: statistics, findings, the annual submission, disclosure control."""
