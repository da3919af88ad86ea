"""A per-client rate limit on ``/sparql``: a token bucket per client address, off by default.

Each client has a bucket of ``RATE_BURST`` tokens that refills at ``RATE_LIMIT`` tokens a
second; a request to ``/sparql`` takes one, and a client whose bucket is empty gets 429 with
``Retry-After`` (the seconds until a token is back). Pages, static files, dumps and ``/health``
are not limited: pages are answered from the per-generation cache, files are files, and an
orchestrator must always reach ``/health``.

The client is the address of the connection, unless that address is one of
``TRUSTED_PROXIES``: then it is the last address of ``X-Forwarded-For`` that is not itself a
trusted proxy (the header is otherwise ignored, since any client can write it). Buckets live in
memory, at most :data:`MAX_CLIENTS` of them, least recently seen first out. ``OPTIONS`` and
``HEAD`` requests take no token (a preflight, a look at the headers).

Under ``gcm-kg serve --processes N`` each web process has buckets of its own, and each allows a
client ``RATE_LIMIT / N`` requests a second in bursts of ``RATE_BURST / N`` (rounded up): the
kernel spreads a client's connections over the processes, so a client that opens connections as
it goes (most do) gets the configured rate in all; one that sends everything over a single
kept-alive connection gets a share of it. Sharing buckets between processes would cost every
request a round trip to one place; dividing the limit costs nothing and never lets a client
through faster than configured.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from flask import Flask, current_app, request

from .cache import Budgeted
from .config import SettingError
from .errors import TooManyRequests

KEY = "gcm_kg_rate_limit"
LIMITED_ENDPOINTS = frozenset({"sparql.endpoint"})
"""Flask endpoints whose requests take a token."""
MAX_CLIENTS = 100_000
"""Buckets kept; past it the least recently seen client's bucket is dropped (it was idle the
longest, so its bucket had refilled, or nearly)."""

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class Bucket:
    tokens: float
    updated: float


class RateLimiter:
    """Token buckets by client: ``rate`` tokens a second, at most ``burst`` held."""

    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self._buckets: Budgeted[str, Bucket] = Budgeted(max_clients)

    def take(self, client: str) -> float:
        """Take a token for ``client``: 0 when it had one, else the seconds until it will."""
        now = self.clock()
        bucket = self._buckets.get(client)
        if bucket is None:
            bucket = Bucket(float(self.burst), now)
            self._buckets.put(client, bucket)
        # a race between two requests of one client may give it one token more: no harm
        elapsed = max(0.0, now - bucket.updated)
        bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.rate)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return 0.0
        return (1.0 - bucket.tokens) / self.rate

    def __len__(self) -> int:
        return len(self._buckets)


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """Addresses and CIDR networks; a bad one raises :class:`SettingError` naming it."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError as exc:
            raise SettingError(
                f"GCM_KG_TRUSTED_PROXIES: {value!r} is not an address or network"
            ) from exc
    return tuple(networks)


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(
    remote_addr: str | None, forwarded_for: str | None, proxies: tuple[Network, ...]
) -> str:
    """The client a request comes from (see the module docstring)."""
    client = remote_addr or "unknown"
    if not proxies or not _trusted(client, proxies):
        return client
    for hop in reversed((forwarded_for or "").split(",")):
        hop = hop.strip()
        if not hop:
            continue
        if not _trusted(hop, proxies):
            return hop[:64]
        client = hop
    return client


@dataclass(frozen=True)
class Limits:
    limiter: RateLimiter
    proxies: tuple[Network, ...]


def _check() -> None:
    limits: Limits | None = current_app.extensions.get(KEY)
    if limits is None or request.endpoint not in LIMITED_ENDPOINTS:
        return
    if request.method in ("OPTIONS", "HEAD"):
        return
    client = client_address(
        request.remote_addr, request.headers.get("X-Forwarded-For"), limits.proxies
    )
    wait = limits.limiter.take(client)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise TooManyRequests(
            f"too many requests: this endpoint answers {current_app.config['RATE_LIMIT']:g} "
            f"queries a second per client (bursts of {current_app.config['RATE_BURST']}); try "
            f"again in {seconds} s",
            seconds,
        )


def init_app(app: Flask) -> None:
    """Limit ``/sparql`` when ``RATE_LIMIT`` is set (> 0)."""
    rate = float(app.config["RATE_LIMIT"])
    if rate <= 0:
        return
    proxies = parse_networks(app.config["TRUSTED_PROXIES"])
    processes = max(1, int(app.config["PROCESSES"]))
    burst = math.ceil(int(app.config["RATE_BURST"]) / processes)
    app.extensions[KEY] = Limits(RateLimiter(rate / processes, burst), proxies)
    app.before_request(_check)
