"""Every setting of the server, declared once: name, default, environment variable, help.

``create_app`` starts from the defaults, applies the ``GCM_KG_*`` environment variables, then the
mapping it is given (a test's config, the CLI's options). ``docs/endpoint.md`` documents each
setting; a test fails when one is missing there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from gcm_kg.terms import BASE


def _words(value: str) -> tuple[str, ...]:
    return tuple(value.split())


def _positive_float(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise ValueError(f"{value!r} is not a positive number")
    return number


def _non_negative_float(value: str) -> float:
    number = float(value)
    if not number >= 0:  # NaN too
        raise ValueError(f"{value!r} is not a number ≥ 0")
    return number


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(f"{value!r} is not a whole number ≥ 1")
    return number


def _public_url(value: str) -> str:
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"{value!r} is not an http(s) URL without query or fragment")
    return value.rstrip("/") + "/"


def _count(value: str) -> int:
    number = int(value)
    if number < 0:
        raise ValueError(f"{value!r} is negative")
    return number


@dataclass(frozen=True)
class Setting:
    """One setting: its Flask config key, default, parser of its environment variable, help."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    help: str

    @property
    def env(self) -> str:
        return f"GCM_KG_{self.name}"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "STORE",
        None,
        str,
        "Directory of the on-disk Oxigraph store to serve (read-only). Unset: the shipped "
        "data is built into a temporary store when the app starts.",
    ),
    Setting(
        "RELOAD_INTERVAL",
        2.0,
        float,
        "Seconds between looks at the store's current generation; when `gcm-kg build` or "
        "`gcm-kg load` has made a new one current, the server moves to it without a restart. "
        "0 never looks.",
    ),
    Setting(
        "BASE_IRI",
        BASE,
        str,
        "Base IRI of the graph's resources; the base of relative IRIs in queries.",
    ),
    Setting(
        "QUERY_TIMEOUT",
        30.0,
        _positive_float,
        "Seconds a request's queries may take, counted from its arrival (waits for a free "
        "connection or a starting query process included); past it the query process is killed "
        "and started again, and the client gets 503.",
    ),
    Setting(
        "IN_MEMORY_MAX_TRIPLES",
        20_000_000,
        _count,
        "Largest generation (in triples) served from memory: read once into an in-memory store "
        "in the query process, for queries 2–8 times faster than on disk. A bigger one is "
        "served from the on-disk store; 0 always serves from disk.",
    ),
    Setting(
        "QUERY_CONNECTIONS",
        4,
        _positive_int,
        "Connections of each web process to the query process: the queries it has evaluated at "
        "once (each by a thread there). The endpoint's queries may use all but one, which is "
        "kept for the pages and /health.",
    ),
    Setting(
        "MAX_ROWS",
        10_000,
        _count,
        "Most rows a SELECT answer in SPARQL JSON (the UI's format) carries; a capped answer "
        "has the header GCM-KG-Truncated. CSV, TSV and XML answers are not capped.",
    ),
    Setting(
        "MAX_BODY_BYTES",
        256 * 1024,
        _count,
        "Largest request body accepted (a body of this size is accepted); a larger one gets 413 "
        "as soon as its Content-Length is read.",
    ),
    Setting(
        "SERVICE_ALLOWLIST",
        (),
        _words,
        "Space-separated IRIs of the SPARQL endpoints SERVICE may call. Empty: SERVICE is refused.",
    ),
    Setting(
        "CORS_ORIGIN",
        "*",
        str,
        "Value of Access-Control-Allow-Origin on /sparql; empty disables CORS.",
    ),
    Setting("HOST", "127.0.0.1", str, "Interface `gcm-kg serve` listens on."),
    Setting("PORT", 8000, int, "Port `gcm-kg serve` listens on."),
    Setting(
        "THREADS",
        16,
        _positive_int,
        "Request threads of each web process of `gcm-kg serve`: more than QUERY_CONNECTIONS, so "
        "that pages and files are answered while queries wait for the query process.",
    ),
    Setting(
        "PROCESSES",
        1,
        _positive_int,
        "Web processes of `gcm-kg serve` (gunicorn workers), sharing its port and the query "
        "process, each with its own cache; more than one uses more than one core for the web "
        "side.",
    ),
    Setting(
        "PUBLIC_URL",
        "",
        _public_url,
        "The server's public address (`https://example.org/gcm-kg/`) in the absolute URLs it "
        "writes (service description, VoID, dumps, the query UI). Empty: the request's Host "
        "header (and scheme) are used, which suits a reverse proxy that sets them.",
    ),
    Setting(
        "BACKEND",
        "",
        str,
        "Where queries are evaluated: empty for the embedded store (`GCM_KG_STORE`), or "
        "`sparql+http://host:port/path` (or `sparql+https://…`) for a remote SPARQL 1.1 "
        "endpoint holding the graph (see docs/scaling.md).",
    ),
    Setting(
        "BACKEND_USER",
        "",
        str,
        "User name for the remote backend (HTTP basic or digest authentication); empty: none.",
    ),
    Setting(
        "BACKEND_PASSWORD",
        "",
        str,
        "Password for the remote backend; never logged.",
    ),
    Setting(
        "CACHE_BYTES",
        64 * 1024 * 1024,
        _count,
        "Memory for answers kept to answer repeated identical queries without evaluating them "
        "again (an answer of older data is never served). 0 disables the cache.",
    ),
    Setting(
        "MAX_QUERY_DEPTH",
        50,
        _count,
        "Deepest nesting of brackets ({, (, [, <<) a query may have: groups, expressions, "
        "function calls, collections, property paths, quoted triples; a deeper one gets 400. "
        "0: no limit (the store takes seconds per query past a few hundred levels of quoted "
        "triples or collections).",
    ),
    Setting(
        "MAX_QUERY_OPERATORS",
        1000,
        _count,
        "Most operators and clause keywords (UNION, OPTIONAL, BIND, FILTER, &&, ||, +, / …) a "
        "query may have; more gets 400. 0: no limit.",
    ),
    Setting(
        "RATE_LIMIT",
        0.0,
        _non_negative_float,
        "Requests per second each client may send to /sparql, on average (a token bucket of "
        "RATE_BURST requests; OPTIONS and HEAD are free); past it the client gets 429 with "
        "Retry-After. Each of N web processes allows RATE_LIMIT/N (docs/endpoint.md). "
        "0: no limit.",
    ),
    Setting(
        "RATE_BURST",
        30,
        _count,
        "Requests a client may send to /sparql at once before RATE_LIMIT applies.",
    ),
    Setting(
        "TRUSTED_PROXIES",
        (),
        _words,
        "Space-separated addresses or networks (CIDR) of reverse proxies whose "
        "X-Forwarded-For header names the client for the rate limit. Empty: the header is "
        "ignored and the client is the connection's address.",
    ),
    Setting(
        "CONTENT_SECURITY_POLICY",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
        str,
        "Content-Security-Policy header of every HTML response (scripts only from this "
        "server). Empty: no header.",
    ),
    Setting(
        "ENGINE_DIR",
        "",
        str,
        "Set by `gcm-kg serve` for its web processes: the directory where its supervisor's "
        "query processes listen. Empty: the app starts a query process of its own.",
    ),
)
"""The settings, in the order the documentation lists them."""


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take."""


def settings_from(environ: Mapping[str, str]) -> dict[str, Any]:
    """The defaults with the ``GCM_KG_*`` variables of ``environ`` applied."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is None:
            values[setting.name] = setting.default
            continue
        try:
            values[setting.name] = setting.parse(raw)
        except ValueError as exc:
            raise SettingError(f"{setting.env}={raw!r}: {exc}") from exc
    return values


def load(overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the process environment, then ``overrides``."""
    values = settings_from(os.environ)
    values.update(overrides or {})
    return values
