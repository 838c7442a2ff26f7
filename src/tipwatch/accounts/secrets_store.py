"""Opaque secrets handed to clients (session ids, API tokens) and the hashes kept in their place."""

from __future__ import annotations

import hashlib
import secrets


def new_secret(prefix: str) -> str:
    return f"{prefix}{secrets.token_urlsafe(32)}"


def digest(secret: str) -> str:
    """SHA-256 suffices for 256-bit random secrets (no dictionary to guess from), unlike passwords."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()
