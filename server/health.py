"""``/health``: whether the server can answer, for orchestrators and monitoring.

One trivial query (``ASK { ?s ?p ?o }``) goes through the served snapshot's evaluator (the
query process or the remote store, never the answer cache), so a 200 means a query was just
answered from the store. The answer is JSON:

``status``
    ``ok`` (200), or ``unavailable`` (503) when the store cannot be read or answers that it is
    empty (``error`` says why)
``store_readable``, ``triples``, ``generation``, ``created``, ``digest``
    the served generation: its triples, identifier, build time and data digest
``current``
    the generation the store directory names as current: when it differs from ``generation``,
    the server is moving to it, or could not open it and keeps serving the previous one
``query_process``
    the query process that answered: its ``pid`` and how many times the supervisor has
    started it again (``restarts``: after a query ran past the time limit, or a crash); for a
    remote store, its ``backend`` URL
``version``
    of gcm-kg

No authentication, no rate limit, ``Cache-Control: no-store``; it reveals nothing that the
dataset description does not (no paths, no settings).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response

from gcm_kg import __version__
from gcm_kg.errors import GcmKgError

from .errors import EndpointError
from .query import Job
from .state import PROBE, deadline, snapshot, state

bp = Blueprint("health", __name__)


def probe() -> tuple[bool, str | None]:
    """Ask the store something through the evaluator: ``(answered yes, why not)``."""
    try:
        answer = snapshot().evaluator.run(Job.of(PROBE, None), deadline())
    except (EndpointError, GcmKgError, OSError, EOFError) as exc:
        return False, str(getattr(exc, "message", exc))
    try:
        nonempty = json.loads(answer.body)["boolean"] is True
    except (ValueError, KeyError, TypeError):
        return False, "the store's answer to a trivial query could not be read"
    return nonempty, None if nonempty else "the store is empty"


@bp.get("/health")
def health() -> Response:
    snap = snapshot()
    readable, error = probe()
    directory = getattr(state().source, "directory", None)
    body: dict[str, Any] = {
        "status": "ok" if readable else "unavailable",
        "store_readable": readable,
        "triples": snap.manifest.triples,
        "generation": snap.manifest.id,
        "created": snap.manifest.created,
        "digest": snap.manifest.digest,
        "current": directory.current_id() if directory is not None else snap.manifest.id,
        "query_process": snap.evaluator.status(),
        "version": __version__,
    }
    if error:
        body["error"] = error
    response = Response(
        json.dumps(body, ensure_ascii=False) + "\n",
        200 if readable else 503,
        mimetype="application/json",
    )
    response.headers["Cache-Control"] = "no-store"
    if not readable:
        response.headers["Retry-After"] = "5"
    return response
