"""The query process: ``python -m server.engine.process CONFIG_JSON LISTENER_FD LIFELINE_FD``.

Started by :class:`~server.engine.supervisor.Supervisor` for one generation. It opens the
generation as its plan says (:mod:`server.engine.store`: in memory, or on disk), reports
``{"ready": quads}`` (or ``{"failed": message}``) on its lifeline, then accepts connections on the
listening socket it inherited, each served by a thread of its own that answers its requests one at
a time. pyoxigraph releases the GIL while it evaluates, so the connections use every core, and one
copy of the store serves every web process. The process ends when its lifeline closes (the
supervisor stopped it, or is gone).

A connection starts with a hello, ``{"pid", "generation", "quads", "restarts"}``: the pid lets
the web process kill this process when a query runs past the time limit (pyoxigraph cannot
interrupt a query); the supervisor then starts another on the same listening socket.

Messages are plain tuples, so that this process imports pyoxigraph, :mod:`gcm_kg.answers` and
:mod:`server.engine.store` only:

* request: ``(public?, (query, default graphs, named graphs, FROM in the query?, {kind: format
  or None}))``
* answer: ``("ok", Written)``, ``("syntax", message)``, ``("format", kind)`` or
  ``("failed", message)``

The endpoint's queries (``public``) run at a lower CPU priority than the pages' and ``/health``'s
(:data:`PUBLIC_NICENESS`, on the thread of their connection, which serves public queries only):
while runaway queries wait out their time limit, a page still gets the cores.

A function IRI the store does not know (``ex:f(?x)``) is, as SPARQL 1.1 (17.2) says, an error in
the expression that calls it (unbound; a filter false), not a failure of the query: each is given
to the store as a function that returns nothing. Each connection thread has a large stack
(:data:`STACK_BYTES`, reserved, not used): the store parses and evaluates recursively, and the
endpoint's nesting limit (:mod:`server.guard`) is far below what that stack holds.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from gcm_kg.answers import NoFormat, StoreSyntaxError, answer, store_options

from .store import ServingPlan, Trimmer, open_for_serving, release

STACK_BYTES = 256 * 1024 * 1024
"""Stack of each connection thread: address space, touched only as deep as a query goes."""
RELEASE_AFTER = 0.05
"""Seconds of evaluation, in all since the last trim, after which the heap is trimmed once the
process is quiet: one aggregate, or a few hundred lookups."""
PUBLIC_NICENESS = 10
"""How much lower the endpoint's queries run than the pages' (a thread's nice value, Linux)."""
UNKNOWN_FUNCTION = re.compile(r"The custom function <(.*)> is not supported")
MAX_UNKNOWN_FUNCTIONS = 64


def _unknown_function(*_arguments: object) -> None:
    """What a function the store does not know returns: nothing (an expression error)."""
    return None


def evaluate(
    store: ox.Store, settings: dict[str, Any], request: tuple[Any, ...]
) -> tuple[Any, ...]:
    """Evaluate one request; the outcome as the module docstring lists them."""
    query, default_graphs, named_graphs, has_dataset, formats = request
    options = store_options(default_graphs, named_graphs, has_dataset)
    functions: dict[ox.NamedNode, Any] = {}
    while True:
        try:
            written = answer(
                store,
                query,
                prefixes=settings["prefixes"],
                base_iri=settings["base_iri"],
                options={**options, "custom_functions": functions} if functions else options,
                formats=formats,
                max_rows=settings["max_rows"],
            )
        except StoreSyntaxError as exc:
            return ("syntax", str(exc))
        except NoFormat as exc:
            return ("format", exc.args[0])
        except RuntimeError as exc:
            unknown = UNKNOWN_FUNCTION.fullmatch(str(exc))
            if unknown is None or len(functions) >= MAX_UNKNOWN_FUNCTIONS:
                return ("failed", str(exc))
            functions[ox.NamedNode(unknown.group(1))] = _unknown_function
            continue
        except (OSError, ValueError, TypeError, MemoryError) as exc:
            return ("failed", str(exc) or type(exc).__name__)
        return ("ok", written)


def serve_connection(
    conn: Connection,
    store: ox.Store,
    settings: dict[str, Any],
    trimmer: Trimmer,
    hello: dict[str, Any],
) -> None:
    """Greet, then answer the requests that arrive on ``conn``, one at a time, until it closes."""
    lowered = False
    try:
        conn.send(hello)
        while True:
            public, request = conn.recv()
            if public and not lowered:
                lowered = _lower_priority()
            trimmer.started()
            started = time.perf_counter()
            try:
                outcome = evaluate(store, settings, request)
            except BaseException as exc:  # a panic in the store's bindings is one too
                outcome = ("failed", f"{type(exc).__name__}: {exc}")
            finally:
                trimmer.finished(time.perf_counter() - started)
            conn.send(outcome)
    except (EOFError, OSError):
        conn.close()


def _lower_priority() -> bool:
    """Lower the CPU priority of this thread (for good: only the root user may raise it)."""
    try:
        thread = threading.get_native_id()
        os.setpriority(
            os.PRIO_PROCESS, thread, os.getpriority(os.PRIO_PROCESS, thread) + PUBLIC_NICENESS
        )
    except OSError:
        pass
    return True


def _report(lifeline: socket.socket, message: dict[str, Any]) -> None:
    lifeline.sendall(json.dumps(message).encode("utf-8") + b"\n")


def _exit_when_closed(lifeline: socket.socket) -> None:
    while True:
        try:
            if not lifeline.recv(64):
                break
        except OSError:
            break
    os._exit(0)  # leave without waiting for queries nobody will read


def run(config: dict[str, Any], listener: socket.socket, lifeline: socket.socket) -> None:
    """Open the store, report, then serve each connection ``listener`` accepts."""
    plan = ServingPlan(**config["plan"])
    try:
        store = open_for_serving(plan)
        quads = len(store)
    except (OSError, ValueError) as exc:
        _report(lifeline, {"failed": f"{plan.generation}: cannot open the store: {exc}"})
        return
    release()  # what reading the dump or copying the on-disk store allocated
    trimmer = Trimmer(after=RELEASE_AFTER)
    hello = {
        "pid": os.getpid(),
        "generation": plan.generation,
        "quads": quads,
        "restarts": config["restarts"],
    }
    threading.Thread(target=_exit_when_closed, args=(lifeline,), daemon=True).start()
    _report(lifeline, {"ready": quads})
    threading.stack_size(STACK_BYTES)
    while True:
        sock, _ = listener.accept()
        threading.Thread(
            target=serve_connection,
            args=(Connection(sock.detach()), store, config["settings"], trimmer, hello),
            name="gcm-kg-connection",
            daemon=True,
        ).start()


def main(argv: list[str]) -> None:
    # the supervisor decides when this one ends (it closes the lifeline, or kills it): a
    # signal to the whole process group (Ctrl-C, a service manager's SIGTERM) is not for it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    listener = socket.socket(fileno=int(argv[2]))
    lifeline = socket.socket(fileno=int(argv[3]))
    run(json.loads(argv[1]), listener, lifeline)
    os._exit(1)


if __name__ == "__main__":
    main(sys.argv)
