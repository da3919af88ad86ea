"""How the waitress server of ``gcm-kg serve`` guards its connections.

waitress reads a whole request before the app sees it: without a limit of its own it would
spool a body of up to 1 GB to disk before the app's 413. :func:`waitress_options` gives it the
app's limits, so a body larger than ``MAX_BODY_BYTES`` is refused (413) as soon as its
``Content-Length`` is read, and bounds what idle or trickling connections may hold:

* ``max_request_body_size``: ``MAX_BODY_BYTES``;
* request line and headers: waitress's own 256 kB (431 past it);
* ``connection_limit``: :data:`CONNECTION_LIMIT` open connections (waitress multiplexes them on
  one thread, so partial requests hold no request thread);
* ``channel_timeout``: an idle connection is closed after :data:`IDLE_SECONDS`.

A public deployment still belongs behind a reverse proxy (TLS, slow clients, many connections).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

CONNECTION_LIMIT = 500
IDLE_SECONDS = 60


def waitress_options(config: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments for ``waitress.serve`` / ``waitress.create_server``."""
    return {
        "max_request_body_size": int(config["MAX_BODY_BYTES"]),
        "connection_limit": CONNECTION_LIMIT,
        "channel_timeout": IDLE_SECONDS,
    }
