"""Repeated SPARQL requests answered with the response they got before, without entering Flask.

A public endpoint gets the same request again and again: a dashboard's queries, the links of a
page, a client polling. Once the answer to a ``GET /sparql`` request is kept in the answer cache
(:mod:`server.cache`, which keeps an answer the second time it is asked for), its response is
kept here too, whole: status, headers (the security and CORS headers included) and body, under
the request's exact query string, its ``Accept`` header and the digest of the data served. The
next identical request is answered from it by this WSGI middleware, with the same access-log
line, in a tenth of the time the app takes (no routing, no request object, no hooks), which is
what lets one web process answer thousands of repeated requests a second.

Only what the app would answer identically is replayed: ``GET`` with no conditional or range
header, no rate limit configured (each request must take its token), and the data unchanged (the
digest is read from the served snapshot on every request, so a new generation is never answered
from an old response, and the responses of older data are dropped when it is seen). A body is
the answer cache's own bytes, not a copy, but it is counted in full: the responses take at most
a quarter of ``CACHE_BYTES``, the least recently used going first.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import access_log
from .cache import Budgeted

if TYPE_CHECKING:
    from flask import Flask

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WSGIApp = Callable[[Environ, StartResponse], Iterable[bytes]]
Key = tuple[str, str, str]
"""(data digest, query string, Accept)."""

MARK = "gcm_kg.replayable"
"""The environ key a view sets (to the access-log fields of the request) when its response may
be replayed: :func:`mark`."""
PATH = "/sparql"
UNSAFE_HEADERS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_RANGE", "HTTP_IF_RANGE")
OVERHEAD = 400
"""Bytes counted for an entry beyond its body (the key, the headers, the bookkeeping)."""


@dataclass(frozen=True)
class Recorded:
    status: str
    headers: list[tuple[str, str]]
    body: bytes
    fields: dict[str, object]
    """The access-log fields the view noted (the query's hash and kind)."""


def mark(environ: Environ, fields: dict[str, object]) -> None:
    """Let the response to this request be replayed (the view's answer came from the cache)."""
    environ[MARK] = dict(fields)


class Responses:
    """Recorded responses by :data:`Key`, in at most ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._entries: Budgeted[Key, Recorded] = Budgeted(budget)
        self._digest = ""
        self._lock = threading.Lock()
        self.hits = 0

    def get(self, key: Key) -> Recorded | None:
        with self._lock:
            if key[0] != self._digest:
                self._drop_all(key[0])
                return None
            found = self._entries.get(key)
            if found is not None:
                self.hits += 1
            return found

    def put(self, key: Key, recorded: Recorded) -> None:
        size = len(recorded.body) + len(key[1]) + len(key[2]) + OVERHEAD
        if size > self.budget // 8:
            return
        with self._lock:
            if key[0] != self._digest:
                self._drop_all(key[0])
            self._entries.put(key, recorded, size)

    def _drop_all(self, digest: str) -> None:
        self._entries.clear()
        self._digest = digest

    def __len__(self) -> int:
        return len(self._entries)


class Replay:
    """The middleware: answers a request it has recorded, passes the others to ``app`` (and
    records the response when the view marked it)."""

    def __init__(self, app: WSGIApp, digest: Callable[[], str], budget: int) -> None:
        self.app = app
        self.digest = digest
        """The digest of the data served now (it changes when, and only when, the data does)."""
        self.responses = Responses(budget)

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or environ.get("PATH_INFO") != PATH
            or any(name in environ for name in UNSAFE_HEADERS)
        ):
            return self.app(environ, start_response)
        started = time.perf_counter()
        key = (self.digest(), environ.get("QUERY_STRING", ""), environ.get("HTTP_ACCEPT", ""))
        recorded = self.responses.get(key)
        if recorded is not None:
            start_response(recorded.status, list(recorded.headers))
            status = int(recorded.status.split(" ", 1)[0])
            access_log.write("GET", PATH, status, started, recorded.fields)
            return [recorded.body]
        return self._record(key, environ, start_response)

    def _record(self, key: Key, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        seen: list[tuple[str, list[tuple[str, str]]]] = []

        def capture(status: str, headers: list[tuple[str, str]], *exc_info: Any) -> Any:
            seen.append((status, headers))
            return start_response(status, headers, *exc_info)

        body = self.app(environ, capture)
        fields = environ.get(MARK)
        if fields is None or not seen or not seen[-1][0].startswith("200 "):
            return body
        chunks = list(body)
        close = getattr(body, "close", None)
        if close is not None:
            close()
        data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        status, headers = seen[-1]
        self.responses.put(key, Recorded(status, list(headers), data, fields))
        return [data]


def init_app(app: Flask) -> None:
    """Put the middleware in front of ``app`` when it keeps answers and limits no client."""
    from .state import KEY

    held = app.extensions.get(KEY)
    cache = getattr(held, "cache", None)
    if held is None or cache is None or float(app.config["RATE_LIMIT"]) > 0:
        return
    app.wsgi_app = Replay(  # type: ignore[method-assign]
        app.wsgi_app, lambda: str(held.snapshot().manifest.digest), cache.budget // 4
    )
