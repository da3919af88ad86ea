"""Evaluate queries under a time limit, in a query process that can be killed.

pyoxigraph cannot interrupt a query from Python, so queries run in a separate query process
(:mod:`gcm_kg.worker`) that holds the served generation and evaluates on a pool of threads. The
web thread checks the query first (:func:`prepare`, in this process), sends it over its
connection and waits for the answer until the limit. Past it, the query process is killed — the
query stops and its memory is freed — and another is started; the queries of other clients that
were running there are sent again to the new process, so they are answered, only later. The
client of the runaway query gets 503.

:class:`InProcess` answers in the calling thread with no limit (development and benchmarks).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Protocol

import pyoxigraph as ox

from .errors import QueryFailed, QueryTimeout
from .execute import Answer, EvalSettings, Job, evaluate, finish, prepare, request_for
from .query_process import EvaluatorSource

log = logging.getLogger(__name__)
RECONNECT_PAUSE = 0.5
"""Seconds between attempts to reach a query process that could not be started."""


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
        plan = prepare(job, self.graphs, self.settings)
        return finish(job, self.settings, evaluate(self.store, self.settings, job, plan))

    def close(self) -> None:
        pass


@dataclass(eq=False)
class Channel:
    """A connection to the query process of ``epoch`` (hashed by identity)."""

    epoch: int
    conn: Connection


class ProcessEvaluator:
    """Answers jobs in the query process that ``source`` gives, ``timeout`` seconds a query.

    ``size`` connections are kept, each answering one query at a time; a job takes an idle one.
    When a connection breaks (the process was killed because of another client's query, or died),
    the job connects to the next process and sends its query again, within its own time limit.
    The evaluator owns ``source`` and closes it with itself."""

    def __init__(
        self,
        source: EvaluatorSource,
        graphs: frozenset[str],
        settings: EvalSettings,
        size: int,
        timeout: float,
    ) -> None:
        self.source = source
        self.graphs = graphs
        self.settings = settings
        self.size = size
        self.timeout = timeout
        self._idle: queue.LifoQueue[Channel] = queue.LifoQueue()
        self._open: set[Channel] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._connect())

    def _connect(self) -> Channel:
        epoch, conn = self.source.connect()
        channel = Channel(epoch, conn)
        with self._lock:
            self._open.add(channel)
        return channel

    def _drop(self, channel: Channel) -> None:
        with self._lock:
            self._open.discard(channel)
        channel.conn.close()

    def run(self, job: Job) -> Answer:
        deadline = time.monotonic() + self.timeout
        plan = prepare(job, self.graphs, self.settings)
        request = request_for(job, plan)
        try:
            channel = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise QueryTimeout(
                f"all {self.size} query connections stayed busy for the time limit of "
                f"{self.timeout:g} s; try again shortly"
            ) from None
        attempts = 0
        while True:
            try:
                channel.conn.send(request)
                ready = channel.conn.poll(max(0.0, deadline - time.monotonic()))
                if not ready:
                    self._timed_out(channel)
                outcome = channel.conn.recv()
                break
            except (EOFError, OSError) as exc:
                # the query process was killed (another client's runaway query) or died:
                # send the query again to the next one, once, within this job's own limit
                self._drop(channel)
                attempts += 1
                if attempts > 1 or self._closed:
                    self._refill_later()
                    raise QueryFailed(f"the query process stopped while answering: {exc}") from exc
                try:
                    channel = self._reconnect(deadline)
                except QueryFailed:
                    self._refill_later()
                    raise
        self._idle.put(channel)
        return finish(job, self.settings, outcome)

    def _timed_out(self, channel: Channel) -> None:
        log.warning("a query ran past the time limit; restarting the query process")
        self._drop(channel)
        self.source.restart(channel.epoch)
        self._refill_later()
        raise QueryTimeout(
            f"the query ran longer than the time limit of {self.timeout:g} s and was "
            "stopped; make it more selective (LIMIT, fewer OPTIONALs, tighter patterns)"
        )

    def _reconnect(self, deadline: float) -> Channel:
        while True:
            try:
                return self._connect()
            except QueryFailed:
                if time.monotonic() + RECONNECT_PAUSE > deadline or self._closed:
                    raise
                time.sleep(RECONNECT_PAUSE)

    def _refill_later(self) -> None:
        """Replace a dropped channel, in the background."""
        threading.Thread(target=self._refill, name="gcm-kg-reconnect", daemon=True).start()

    def _refill(self) -> None:
        """Connect one channel to the current process (retrying) and make it idle."""
        while not self._closed:
            try:
                self._idle.put(self._connect())
                return
            except QueryFailed as exc:
                log.error("cannot reach a query process: %s", exc.message)
                time.sleep(RECONNECT_PAUSE)

    def close(self) -> None:
        """Close every connection and stop the query process (through the source)."""
        self._closed = True
        with self._lock:
            channels, self._open = set(self._open), set()
        for channel in channels:
            channel.conn.close()
        self.source.close()
