"""The address a request comes from. ``X-Forwarded-For`` is believed only when the connection comes from
a configured proxy (``Settings.trusted_proxies``); otherwise anyone could name any address and slip past
per-address limits (issue 16, item 4). ``tipwatch serve`` tells uvicorn not to rewrite the peer address
itself, so the peer seen here is the real one."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from starlette.requests import HTTPConnection

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_proxies(entries: Iterable[str]) -> tuple[Network, ...]:
    """Addresses or networks (``10.0.0.1``, ``10.0.0.0/8``, ``::1``)."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def _is_trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(parsed in network for network in proxies)


def client_address(connection: HTTPConnection, proxies: tuple[Network, ...]) -> str:
    """The peer's address; behind trusted proxies, the right-most ``X-Forwarded-For`` entry that is not
    itself a trusted proxy."""
    peer = connection.client.host if connection.client else "unknown"
    if not proxies or not _is_trusted(peer, proxies):
        return peer
    forwarded = ",".join(connection.headers.getlist("x-forwarded-for"))
    for entry in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _is_trusted(entry, proxies):
            return entry[:100]
    return peer
