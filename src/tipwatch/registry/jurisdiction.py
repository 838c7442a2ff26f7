"""Whose registry this is, unless told otherwise: the jurisdiction a submission names by default, in
``tipwatch submission`` and ``GET /api/submission`` alike. tipwatch's registry was built for Macao's
Human Trafficking Deterrent Measures Concern Committee; another body passes ``--jurisdiction``."""

from __future__ import annotations

DEFAULT_JURISDICTION = "Macau"
