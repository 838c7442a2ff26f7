"""Who an output is for: the one audience of every output under disclosure control (the review, the
reply brief, the public statistics)."""

from __future__ import annotations

from enum import StrEnum


class Audience(StrEnum):
    """``internal``: full detail, for the committee; ``public``: under disclosure control."""

    INTERNAL = "internal"
    PUBLIC = "public"
