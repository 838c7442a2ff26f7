"""What one running server is configured with. Passed to ``create_app``; nothing is read at import."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from tipwatch.disclosure.policy import DisclosurePolicy


@dataclass(frozen=True)
class Settings:
    """``database_url``: SQLAlchemy URL (``None``: the default database).
    ``secret_key``: signs CSRF tokens (random per process unless given; sessions live in the database,
    so a restart only invalidates open forms).
    ``secure_cookies``: mark cookies ``Secure``. Leave on: browsers treat http://127.0.0.1 and
    http://localhost as secure contexts and keep Secure cookies there. Turn off only for plain http on a
    loopback name browsers do not trust (``tipwatch serve --insecure-dev-cookies``, loopback only).
    ``setup_token``: while no user exists, ``/setup?token=…`` creates the first administrator.
    ``trusted_proxies``: addresses or networks of reverse proxies whose ``X-Forwarded-For`` is believed
    (none by default: the peer's address is the client's).
    ``max_body_bytes``: the largest request body (1 MiB by default); larger ones are refused with 413
    before they are read. ``max_upload_bytes``: the same for an authenticated upload to a registry import
    (64 MiB by default); anonymous requests always have ``max_body_bytes``.
    ``anonymous_rate``: expensive answers computed per minute for one anonymous address (public
    statistics, public reviews; a cached answer costs nothing and is not counted).
    ``disclosure``: the publisher's disclosure policy (threshold k, calendar of released periods) for
    every public output; configuration only, never a request parameter (docs/disclosure.md)."""

    database_url: str | None = None
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    secure_cookies: bool = True
    setup_token: str | None = None
    title: str = "tipwatch"
    disclosure: DisclosurePolicy = field(default_factory=DisclosurePolicy)
    trusted_proxies: tuple[str, ...] = ()
    max_body_bytes: int = 1024 * 1024
    max_upload_bytes: int = 64 * 1024 * 1024
    anonymous_rate: int = 20
