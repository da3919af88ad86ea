"""A web process's connections to the query process of one generation (:class:`Pool`), and the
evaluator the app answers with (:class:`LocalEvaluator`).

A query has until its deadline, counted from when its request arrived: waiting for a free
connection, for a query process that is starting, and evaluating all count. Past it, the web
process kills the query process (pyoxigraph cannot interrupt a query; killing stops it and frees
its memory) and answers 503; its supervisor starts another at once
(:mod:`server.engine.supervisor`). Queries that other clients had running in the killed process
are answered 503 too, with ``Retry-After``, as are those of a process that died for another reason;
each such loss is logged with the query's hash.

The endpoint's queries (``public``) may hold all but one of the ``size`` connections, so that a
page or ``/health`` always finds one while runaway queries wait out their time limit, and they
run at a lower CPU priority in the query process (:mod:`server.engine.process`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from ..errors import QueryProcessGone, QueryTimeout
from ..query import Answer, Job, finish, query_hash

log = logging.getLogger(__name__)


@dataclass(eq=False)
class Channel:
    """One connection, and the query process on its other end."""

    conn: Connection
    hello: dict[str, Any]
    pidfd: int | None = field(default=None)

    def kill(self) -> None:
        """Kill the query process this channel reaches (it may be gone already)."""
        if self.pidfd is None:
            return
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(self.pidfd, signal.SIGKILL)

    def close(self) -> None:
        self.conn.close()
        if self.pidfd is not None:
            os.close(self.pidfd)
            self.pidfd = None


def _open(path: Path, deadline: float) -> Channel:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
    except OSError as exc:
        sock.close()
        raise QueryProcessGone(f"the query process cannot be reached: {exc}") from exc
    conn = Connection(sock.detach())
    try:
        if not conn.poll(max(0.0, deadline - time.monotonic())):
            raise QueryTimeout(
                "the query process did not answer within the time limit (it may be starting); "
                "try again shortly"
            )
        hello: dict[str, Any] = conn.recv()
    except (EOFError, OSError) as exc:
        conn.close()
        raise QueryProcessGone(f"the query process closed the connection: {exc}") from exc
    except QueryTimeout:
        conn.close()
        raise
    try:
        pidfd: int | None = os.pidfd_open(int(hello["pid"]))
    except OSError:
        pidfd = None  # it has just died: the next use of the channel finds out
    return Channel(conn, hello, pidfd)


class Pool:
    """Up to ``size`` connections to the query process listening at ``path``."""

    def __init__(self, path: Path, size: int, timeout: float) -> None:
        self.path = path
        self.size = size
        self.timeout = timeout
        self.hello: dict[str, Any] = {}
        self._idle: dict[bool, list[Channel]] = {True: [], False: []}
        """Idle channels by ``public``: the query process runs public queries at a lower
        priority, on channels that serve nothing else."""
        self._lock = threading.Lock()
        self._all = threading.BoundedSemaphore(size)
        self._public = threading.BoundedSemaphore(max(1, size - 1))

    def _take(self, deadline: float, public: bool) -> Channel:
        """An idle channel whose process is alive, or a new one."""
        while True:
            with self._lock:
                idle = self._idle[public]
                channel = idle.pop() if idle else None
            if channel is None:
                channel = _open(self.path, deadline)
                self.hello = channel.hello
                return channel
            if channel.conn.poll(0):  # the process is gone (end of file), or out of step
                channel.close()
                continue
            return channel

    def run(self, request: tuple[Any, ...], deadline: float, public: bool, label: str) -> Any:
        """Send ``request`` and return what the query process answers, before ``deadline``."""
        if public and not self._public.acquire(timeout=max(0.0, deadline - time.monotonic())):
            raise self._busy()
        try:
            if not self._all.acquire(timeout=max(0.0, deadline - time.monotonic())):
                raise self._busy()
            try:
                return self._exchange(request, deadline, public, label)
            finally:
                self._all.release()
        finally:
            if public:
                self._public.release()

    def _busy(self) -> QueryTimeout:
        return QueryTimeout(
            f"all {self.size} connections to the query process stayed busy for the time limit "
            f"of {self.timeout:g} s; try again shortly"
        )

    def _exchange(self, request: tuple[Any, ...], deadline: float, public: bool, label: str) -> Any:
        if time.monotonic() >= deadline:
            raise self._busy()
        channel = self._take(deadline, public)
        try:
            channel.conn.send((public, request))
            if not channel.conn.poll(max(0.0, deadline - time.monotonic())):
                log.warning(
                    "query %s ran past the time limit of %g s: killing query process %s",
                    label,
                    self.timeout,
                    channel.hello.get("pid"),
                )
                channel.kill()
                channel.close()
                raise QueryTimeout(
                    f"the query ran longer than the time limit of {self.timeout:g} s and was "
                    "stopped; make it more selective (LIMIT, fewer OPTIONALs, tighter patterns)"
                )
            outcome = channel.conn.recv()
        except (EOFError, OSError) as exc:
            channel.close()
            log.warning(
                "query %s lost: query process %s stopped while answering it (%s)",
                label,
                channel.hello.get("pid"),
                str(exc) or type(exc).__name__,
            )
            raise QueryProcessGone(
                "the query process stopped while answering (another query ran past the time "
                "limit, or it failed); try again"
            ) from exc
        with self._lock:
            self._idle[public].append(channel)
        return outcome

    def close(self) -> None:
        with self._lock:
            idle = self._idle[True] + self._idle[False]
            self._idle = {True: [], False: []}
        for channel in idle:
            channel.close()


class LocalEvaluator:
    """Answers jobs in the query process of a generation (a :class:`~server.query.Evaluator`)."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool

    def run(self, job: Job, deadline: float, *, public: bool = False) -> Answer:
        return finish(job, self.pool.run(job.request(), deadline, public, query_hash(job.query)))

    def status(self) -> dict[str, Any]:
        hello = self.pool.hello
        return {"pid": hello.get("pid"), "restarts": hello.get("restarts", 0)}

    def close(self) -> None:
        self.pool.close()
