"""Presentation of core results: charts, rendered reports, PDF."""
