"""The query process: ``python -m gcm_kg.worker CONFIG_JSON CONTROL_FD``.

It opens the served generation as its plan says (:mod:`gcm_kg.serving`: in memory, or on disk),
answers ``("ready", quads)`` or ``("failed", message)`` on its control socket, then serves every
connection it is handed there (a ``connect`` message with a socket attached), each in a thread of
its own that answers its requests one at a time. pyoxigraph releases the GIL while it evaluates,
so the connections use every core, and one copy of the store serves them all.

A query cannot be interrupted, so the web process that sees one run past the time limit has this
process killed and another started (:mod:`server.workers`); the requests that were still running
here are sent again to the new one. The process ends when its control socket closes.

After loading the graph, and once it is idle after queries that ran 50 ms or more in all, it
gives the memory it freed back to the system (:mod:`gcm_kg.heap`), so that it holds the graph and
little more.

Messages are plain tuples and dicts, so that this process imports pyoxigraph and
:mod:`gcm_kg.answers` only:

* request: ``(query, default graphs, named graphs, FROM in the query?, {kind: format or None})``
* answer: ``("ok", Written)``, ``("syntax", message)``, ``("format", kind)`` or
  ``("failed", message)``
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from . import heap
from .answers import NoFormat, StoreSyntaxError, answer, store_options
from .serving import ServingPlan, open_for_serving

CONNECT = b"connect"
RELEASE_AFTER = 0.05
"""Seconds of evaluation, in all since the last trim, after which the heap is trimmed once the
process is quiet (:mod:`gcm_kg.heap`): one aggregate, or a few hundred lookups."""


def handle(store: ox.Store, settings: dict[str, Any], request: tuple[Any, ...]) -> tuple[Any, ...]:
    """Evaluate one request; the outcome as the module docstring lists them."""
    query, default_graphs, named_graphs, has_dataset, formats = request
    options = store_options(default_graphs, named_graphs, has_dataset)
    try:
        return (
            "ok",
            answer(
                store,
                query,
                prefixes=settings["prefixes"],
                base_iri=settings["base_iri"],
                options=options,
                formats=formats,
                max_rows=settings["max_rows"],
            ),
        )
    except StoreSyntaxError as exc:
        return ("syntax", str(exc))
    except NoFormat as exc:
        return ("format", exc.args[0])
    except (OSError, ValueError, TypeError, MemoryError) as exc:
        return ("failed", str(exc) or type(exc).__name__)


def serve_connection(
    conn: Connection, store: ox.Store, settings: dict[str, Any], trimmer: heap.Trimmer
) -> None:
    """Answer the requests that arrive on ``conn``, one at a time, until it closes."""
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            conn.close()
            return
        trimmer.started()
        started = time.perf_counter()
        try:
            conn.send(handle(store, settings, request))
        except (EOFError, OSError):
            conn.close()
            return
        finally:
            trimmer.finished(time.perf_counter() - started)


def run(control: socket.socket, plan: ServingPlan, settings: dict[str, Any]) -> None:
    """Open the store, report, then serve each connection handed over ``control``."""
    try:
        store = open_for_serving(plan)
        quads = len(store)
    except (OSError, ValueError) as exc:
        _send(control, ("failed", f"{plan.generation}: cannot open the store: {exc}"))
        return
    heap.release()  # what reading the dump or copying the on-disk store allocated
    trimmer = heap.Trimmer(after=RELEASE_AFTER)
    _send(control, ("ready", quads))
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 64, 1)
        except OSError:
            return
        if not message:
            return
        if message != CONNECT or not fds:
            for fd in fds:
                os.close(fd)
            continue
        threading.Thread(
            target=serve_connection,
            args=(Connection(fds[0]), store, settings, trimmer),
            name="gcm-kg-connection",
            daemon=True,
        ).start()
        control.sendall(b"\x01")


def _send(control: socket.socket, message: tuple[Any, ...]) -> None:
    data = json.dumps(message).encode("utf-8")
    control.sendall(len(data).to_bytes(8, "big") + data)


def main(argv: list[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the web process decides when this one ends
    config = json.loads(argv[1])
    control = socket.socket(fileno=int(argv[2]))
    run(control, ServingPlan(**config["plan"]), config["settings"])
    os._exit(0)  # leave without waiting for queries nobody will read


if __name__ == "__main__":
    main(sys.argv)
