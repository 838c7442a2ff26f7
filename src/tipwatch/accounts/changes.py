"""An in-process counter of account changes (role, activity, password, revoked tokens), so that caches
of who a credential belongs to can drop their entries at once when this process changes an account."""

from __future__ import annotations

import itertools
import threading

_lock = threading.Lock()
_counter = itertools.count(1)
_generation = 0


def accounts_changed() -> None:
    """Call after any change that may alter whom a token or session authenticates, or with what role."""
    global _generation
    with _lock:
        _generation = next(_counter)


def accounts_generation() -> int:
    return _generation
