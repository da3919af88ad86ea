"""One JSON line per request on the ``gcm_kg.access`` logger: method, path, status, duration.

A view adds fields about the query with :func:`note` (its hash and kind); the query text itself is
not logged, its SHA-256 prefix identifies it.

``gcm-kg serve`` writes these lines to standard error through a buffer flushed every second
(:func:`buffer_lines`), as nginx's ``access_log … buffer= flush=`` does: a write to the terminal or
the log file for each request would take a fifth of the time of a request answered from the
cache. Other log records are written at once, and waitress's warning that requests wait for a
thread at most once a minute (:class:`OncePer`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from typing import TextIO

from flask import Flask, Response, g, request

log = logging.getLogger("gcm_kg.access")


def query_hash(query: str) -> str:
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]


def note(**fields: object) -> None:
    """Add ``fields`` to this request's log line."""
    g.setdefault("access_fields", {}).update(fields)


def fields() -> dict[str, object]:
    """The fields noted so far for this request."""
    noted: dict[str, object] = g.get("access_fields", {})
    return noted


def _start() -> None:
    g.access_started = time.perf_counter()


def write(method: str, path: str, status: int, started: float, noted: dict[str, object]) -> None:
    """Log the line of a request that started at ``started`` (``time.perf_counter()``)."""
    if not log.isEnabledFor(logging.INFO):
        return
    line = {
        "method": method,
        "path": path,
        "status": status,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        **noted,
    }
    log.info(json.dumps(line, ensure_ascii=False))


def _log(response: Response) -> Response:
    started = g.get("access_started", time.perf_counter())
    write(request.method, request.path, response.status_code, started, fields())
    return response


def init_app(app: Flask) -> None:
    app.before_request(_start)
    app.after_request(_log)


class BufferedHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes records to ``stream`` without flushing it; a thread flushes it every ``interval``
    seconds, and :meth:`close` at the end."""

    def __init__(self, stream: TextIO, interval: float = 1.0) -> None:
        super().__init__(stream)
        self.interval = interval
        self._stop = threading.Event()
        threading.Thread(target=self._flush_now_and_then, name="gcm-kg-log", daemon=True).start()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record) + self.terminator
            with self.lock:  # type: ignore[union-attr]
                self.stream.write(line)
        except Exception:
            self.handleError(record)

    def _flush_now_and_then(self) -> None:
        while not self._stop.wait(self.interval):
            self.flush()

    def close(self) -> None:
        self._stop.set()
        self.flush()
        super().close()


class OncePer(logging.Filter):
    """Lets a record through at most once every ``seconds``, telling how many it held back.

    For waitress's "Task queue depth is N", which it logs for every request that waits for a
    thread: under a steady load, that is most requests, each a write to standard error while
    waitress holds the lock of its task queue."""

    def __init__(self, seconds: float = 60.0) -> None:
        super().__init__()
        self.seconds = seconds
        self._last = -seconds
        self._held = 0

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self._last < self.seconds:
            self._held += 1
            return False
        if self._held:
            record.msg = f"{record.msg} (and {self._held} more such warnings in {self.seconds:g} s)"
        self._last, self._held = now, 0
        return True


def buffer_lines(interval: float = 1.0) -> BufferedHandler:
    """Write the access log to standard error through a 64 KiB buffer flushed every
    ``interval`` seconds (call :meth:`BufferedHandler.close` before exiting)."""
    stream = open(os.dup(2), "w", buffering=1 << 16, encoding="utf-8")  # noqa: SIM115
    handler = BufferedHandler(stream, interval)
    handler.setFormatter(logging.Formatter("%(message)s"))
    log.addHandler(handler)
    log.propagate = False
    queue = logging.getLogger("waitress.queue")
    if not any(isinstance(f, OncePer) for f in queue.filters):
        queue.addFilter(OncePer())
    return handler
