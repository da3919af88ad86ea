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

from gcm_kg.namespaces import BASE


def _words(value: str) -> tuple[str, ...]:
    return tuple(value.split())


def _positive_float(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise ValueError(f"{value!r} is not a positive number")
    return number


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
        "Seconds a query may run (including the wait for a free worker); past it the worker "
        "is killed and replaced and the client gets 503.",
    ),
    Setting(
        "WORKERS",
        2,
        _count,
        "Query worker processes, each with the store open read-only. 0 evaluates in the web "
        "process without a time limit (development only).",
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
        "Largest request body accepted; a larger one gets 413.",
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
    Setting("THREADS", 4, int, "Request threads of the waitress server of `gcm-kg serve`."),
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
