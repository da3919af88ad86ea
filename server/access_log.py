"""One JSON line per request on the ``gcm_kg.access`` logger: method, path, status, duration.

A view adds fields about the query with :func:`note` (its hash and kind); the query text itself is
not logged, its SHA-256 prefix identifies it. ``gcm-kg serve`` writes these lines to standard
error.
"""

from __future__ import annotations

import json
import logging
import time

from flask import Flask, Response, g, request

log = logging.getLogger("gcm_kg.access")


def note(**fields: object) -> None:
    """Add ``fields`` to this request's log line."""
    g.setdefault("access_fields", {}).update(fields)


def _start() -> None:
    g.access_started = time.perf_counter()


def _log(response: Response) -> Response:
    if log.isEnabledFor(logging.INFO):
        started = g.get("access_started", time.perf_counter())
        line = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            **g.get("access_fields", {}),
        }
        log.info(json.dumps(line, ensure_ascii=False))
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_log)
