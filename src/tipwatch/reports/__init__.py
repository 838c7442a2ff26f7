"""Presentation of core results: narratives, review reports, charts and PDF."""
