"""The query process of a generation (:mod:`gcm_kg.worker`), and where the web process gets it.

A :class:`QueryProcess` is one running query process: started with the generation's serving
plan, it opens the store (in memory, or on disk) once, and serves every connection handed to it.
A :class:`LocalSource` is this web process's own query process for a generation, started when
first needed and started again after :meth:`~LocalSource.restart` (a query ran past the time
limit and the process was killed); each start has a new *epoch*, so that several requests for a
restart of the same process restart it once. Under ``gcm-kg serve --processes N`` the web
processes share one query process per generation through the supervisor instead
(:mod:`server.broker`), so the in-memory store is loaded once for the whole server.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any, Protocol

from gcm_kg.serving import ServingPlan
from gcm_kg.worker import CONNECT

from .errors import QueryFailed


class QueryProcessFailed(QueryFailed):
    """The query process could not open the store (the message says why), or is gone."""


class EvaluatorSource(Protocol):
    """Connections to the query process of one generation."""

    def connect(self) -> tuple[int, Connection]:
        """A connection to the current query process (started if needed), and its epoch."""
        ...

    def restart(self, epoch: int) -> None:
        """Kill the query process of ``epoch`` if it is still the current one."""
        ...

    def close(self) -> None: ...


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = sock.recv(size - len(data))
        if not chunk:
            raise EOFError("the query process closed its control socket")
        data += chunk
    return data


class QueryProcess:
    """A running query process for the generation ``plan`` names."""

    def __init__(self, plan: ServingPlan, settings: dict[str, Any]) -> None:
        self.plan = plan
        ours, theirs = socket.socketpair()
        config = json.dumps({"plan": asdict(plan), "settings": settings})
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gcm_kg.worker", config, str(theirs.fileno())],
            pass_fds=[theirs.fileno()],
            # a malloc arena per connection thread would keep each thread's freed answers
            env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        )
        theirs.close()
        self.control = ours
        try:
            size = int.from_bytes(_recv_exact(ours, 8), "big")
            status, detail = json.loads(_recv_exact(ours, size))
        except (EOFError, OSError, ValueError) as exc:
            self.kill()
            raise QueryProcessFailed(f"{plan.generation}: the query process died: {exc}") from exc
        if status != "ready":
            self.kill()
            raise QueryProcessFailed(str(detail))
        self.quads = int(detail)

    def connect_fd(self, fd: int) -> None:
        """Hand the socket ``fd`` (a copy is sent) to the process, which serves it."""
        try:
            socket.send_fds(self.control, [CONNECT], [fd])
            _recv_exact(self.control, 1)
        except (EOFError, OSError) as exc:
            raise QueryProcessFailed(f"the query process is gone: {exc}") from exc

    def kill(self) -> None:
        self.control.close()
        self.process.kill()
        self.process.wait(timeout=10)


class LocalSource:
    """This web process's own query process for a generation (an :class:`EvaluatorSource`)."""

    def __init__(self, plan: ServingPlan, settings: dict[str, Any]) -> None:
        self.plan = plan
        self.settings = settings
        self.epoch = 0
        self._process: QueryProcess | None = None
        self._lock = threading.Lock()
        self._closed = False

    def current(self) -> tuple[int, QueryProcess]:
        """The running process (started if there is none) and its epoch."""
        with self._lock:
            if self._closed:
                raise QueryProcessFailed("the query process has been stopped")
            if self._process is None:
                self._process = QueryProcess(self.plan, self.settings)
                self.epoch += 1
            return self.epoch, self._process

    def connect(self) -> tuple[int, Connection]:
        ours, theirs = socket.socketpair()
        try:
            epoch = self.connect_fd(theirs.fileno())
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return epoch, Connection(ours.detach())

    def connect_fd(self, fd: int) -> int:
        epoch, process = self.current()
        process.connect_fd(fd)
        return epoch

    def restart(self, epoch: int) -> None:
        with self._lock:
            if epoch != self.epoch or self._process is None:
                return
            process, self._process = self._process, None
        process.kill()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            process, self._process = self._process, None
        if process is not None:
            process.kill()
