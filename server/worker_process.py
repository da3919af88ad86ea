"""A query worker: ``python -m server.worker_process FD`` (started by :mod:`server.workers`).

It reads ``(store path, settings)`` from the connection on file descriptor ``FD``, opens the
store read-only, then answers :class:`~server.execute.Job` messages with ``("ok", Answer)`` or
``("refused", EndpointError)`` until the connection closes.
"""

from __future__ import annotations

import signal
import sys
from multiprocessing.connection import Connection

import pyoxigraph as ox

from .errors import EndpointError
from .execute import execute
from .workers import named_graphs


def serve(conn: Connection) -> None:
    store_path, settings = conn.recv()
    store = ox.Store.read_only(store_path)
    graphs = named_graphs(store)
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", execute(store, graphs, settings, job)))
        except EndpointError as exc:
            conn.send(("refused", exc))


def main(argv: list[str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the web process decides when workers end
    serve(Connection(int(argv[1])))


if __name__ == "__main__":
    main(sys.argv)
