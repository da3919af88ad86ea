"""Evaluate queries under a time limit, in worker processes that can be killed.

pyoxigraph cannot interrupt a query from Python, so each query runs in a worker process that has
the on-disk store open read-only. The web thread waits on the worker's pipe until the limit; past
it the worker is killed (the query stops, its memory is freed) and a fresh one replaces it, while
the other workers keep answering. A worker is a fresh interpreter (``python -m
server.worker_process``, see there) joined to the web process by a socket pair: it inherits
neither the web server's threads nor its main module, and a replacement starts in the background.

:class:`InProcess` answers in the calling thread with no limit (development and benchmarks).
"""

from __future__ import annotations

import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from .errors import EndpointError, QueryFailed, QueryTimeout
from .execute import Answer, EvalSettings, Job, execute

log = logging.getLogger(__name__)


class Evaluator(Protocol):
    """Something that answers jobs."""

    def run(self, job: Job) -> Answer: ...

    def close(self) -> None: ...


def named_graphs(store: ox.Store) -> frozenset[str]:
    return frozenset(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


class InProcess:
    """Evaluate in the calling thread, without a time limit."""

    def __init__(self, store: ox.Store, settings: EvalSettings) -> None:
        self.store = store
        self.settings = settings
        self.graphs = named_graphs(store)

    def run(self, job: Job) -> Answer:
        return execute(self.store, self.graphs, self.settings, job)

    def close(self) -> None:
        pass


@dataclass(eq=False)
class Worker:
    """A worker process and the parent's end of its socket (hashed by identity)."""

    process: subprocess.Popen[bytes]
    conn: Connection

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self.conn.close()


class WorkerPool:
    """``size`` worker processes over the store at ``store_path``; ``timeout`` seconds a query."""

    def __init__(self, store_path: Path, settings: EvalSettings, size: int, timeout: float) -> None:
        self.store_path = str(store_path)
        self.settings = settings
        self.size = size
        self.timeout = timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[Worker] = set()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> Worker:
        ours, theirs = socket.socketpair()
        process = subprocess.Popen(
            [sys.executable, "-m", "server.worker_process", str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
        )
        theirs.close()
        conn = Connection(ours.detach())
        conn.send((self.store_path, self.settings))
        worker = Worker(process, conn)
        with self._lock:
            self._workers.add(worker)
        return worker

    def _replace(self, worker: Worker) -> None:
        """Kill ``worker`` and start its successor in the background."""
        with self._lock:
            self._workers.discard(worker)
        worker.kill()

        def start() -> None:
            if not self._closed:
                self._idle.put(self._start())

        threading.Thread(target=start, name="gcm-kg-worker-restart", daemon=True).start()

    def run(self, job: Job) -> Answer:
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query workers stayed busy for the time limit of "
                f"{self.timeout:g} s; try again shortly"
            ) from None
        try:
            worker.conn.send(job)
            ready = worker.conn.poll(max(0.0, deadline - time.monotonic()))
            if not ready:
                self._replace(worker)
                raise QueryTimeout(
                    f"the query ran longer than the time limit of {self.timeout:g} s and was "
                    "stopped; make it more selective (LIMIT, fewer OPTIONALs, tighter patterns)"
                )
            status, payload = worker.conn.recv()
        except (EOFError, OSError) as exc:
            log.error("query worker %s died: %s", worker.process.pid, exc)
            self._replace(worker)
            raise QueryFailed("the query worker died while evaluating the query") from exc
        self._idle.put(worker)
        if status == "refused":
            assert isinstance(payload, EndpointError)
            raise payload
        assert isinstance(payload, Answer)
        return payload

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._workers = set(self._workers), set()
        for worker in workers:
            worker.kill()
