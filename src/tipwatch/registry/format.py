"""The interchange formats the registry reads and writes (the names only: the command line offers them
without importing the readers and writers)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    REGISTRY = "registry"
    HTCDS = "htcds"
    CTDC = "ctdc"
