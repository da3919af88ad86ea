"""What the app serves: one snapshot of the data at a time, from one source.

A source is where the data and its evaluator come from: the store directory's current generation,
answered by its query process (:class:`LocalSource`), or a remote SPARQL store
(:class:`server.remote.RemoteSource`). :class:`State` holds the snapshot requests are answered
from. Every ``RELOAD_INTERVAL`` seconds a request starts a look, in the background, for newer data
(a new current generation, a new manifest in the remote store); once the newer snapshot answers a
query it replaces the old one, which is closed when the requests that started on it have had
their time limit to finish. If the newer data cannot be served, the old snapshot stays.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from flask import Flask, current_app, g

from gcm_kg.errors import GcmKgError
from gcm_kg.generations import Generation, Manifest, StoreDirectory

from .engine.client import LocalEvaluator, Pool
from .engine.supervisor import socket_path
from .errors import EndpointError
from .query import Evaluator, Job

KEY = "gcm_kg"
PROBE = "ASK { ?s ?p ?o }"
log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """One version of the data, with the evaluator that answers queries over it."""

    manifest: Manifest
    generation: Generation
    """Where the files published with the data are (dumps, documentation, the source text)."""
    evaluator: Evaluator
    opened: float = field(default_factory=time.time)

    @property
    def graphs(self) -> dict[str, int]:
        """Named graph IRI → number of triples."""
        return self.manifest.graphs

    @property
    def etag(self) -> str:
        """Identifies the data served: it changes when (and only when) the data changes."""
        return self.manifest.digest[:32]


class NotReady(GcmKgError):
    """The newest data cannot be served yet (its query process is starting)."""


class Source(Protocol):
    """Where the served data comes from."""

    name: str
    """The store directory or the remote store's URL (for messages)."""

    def newest(self) -> str:
        """An identifier of the newest data (may take a round trip: called in the background)."""
        ...

    def open(self) -> tuple[Manifest, Generation, Evaluator]:
        """The newest data that can be served, and its evaluator; raise if there is none."""
        ...

    def close(self) -> None: ...


class LocalSource:
    """The current generation of a store directory, answered by the query process its supervisor
    keeps for it (:mod:`server.engine.supervisor`) in ``run_dir``."""

    def __init__(
        self,
        directory: StoreDirectory,
        run_dir: Path,
        connections: int,
        timeout: float,
        stop: Callable[[], None] = lambda: None,
    ) -> None:
        self.directory = directory
        self.name = str(directory.root)
        self.run_dir = run_dir
        self.connections = connections
        self.timeout = timeout
        self._stop = stop

    def newest(self) -> str:
        return self.directory.current_id() or ""

    def open(self) -> tuple[Manifest, Generation, Evaluator]:
        """The current generation if its query process answers, else the newest one that does
        (the supervisor is still starting the current one)."""
        current = self.directory.current()
        for generation in [current, *reversed(self.directory.generations())]:
            path = socket_path(self.run_dir, generation.id)
            if path.exists():
                pool = Pool(path, self.connections, self.timeout)
                return generation.manifest(), generation, LocalEvaluator(pool)
        raise NotReady(f"{current.id}: its query process is not running yet")

    def close(self) -> None:
        self._stop()


class State:
    """The snapshot requests are answered from, replaced when newer data can be served."""

    def __init__(self, source: Source, interval: float, timeout: float) -> None:
        self.source = source
        self.interval = interval
        self.timeout = timeout
        self._snapshot = self._open()
        self._checked = time.monotonic()
        self._lock = threading.Lock()
        self._looking: threading.Thread | None = None
        self._reported: str | None = None
        self._retired: list[threading.Timer] = []

    def _open(self) -> Snapshot:
        manifest, generation, evaluator = self.source.open()
        try:
            evaluator.run(Job.of(PROBE, None), time.monotonic() + self.timeout)
        except BaseException:
            evaluator.close()
            raise
        return Snapshot(manifest, generation, evaluator)

    def snapshot(self) -> Snapshot:
        """The snapshot to answer a request from (and, now and then, a look for newer data)."""
        if self.interval > 0 and time.monotonic() - self._checked >= self.interval:
            self._checked = time.monotonic()
            with self._lock:
                if self._looking is None or not self._looking.is_alive():
                    self._looking = threading.Thread(
                        target=self.reload, name="gcm-kg-reload", daemon=True
                    )
                    self._looking.start()
        return self._snapshot

    def reload(self) -> bool:
        """Serve the newest data if it is new; ``False`` if it cannot be served (yet)."""
        served = self._snapshot
        try:
            newest = self.source.newest()
            if newest in ("", served.manifest.id, served.generation.id):
                return True
            fresh = self._open()
        except (GcmKgError, EndpointError, OSError) as exc:
            if self._reported != str(exc):
                self._reported = str(exc)
                log.warning("%s: %s; still serving %s", self.source.name, exc, served.manifest.id)
            return False
        if fresh.manifest.id == served.manifest.id:  # the newest cannot be served yet
            fresh.evaluator.close()
            return False
        self._snapshot, self._reported = fresh, None
        log.info("now serving %s (was %s)", fresh.manifest.id, served.manifest.id)
        timer = threading.Timer(self.timeout + 5.0, served.evaluator.close)
        timer.daemon = True
        timer.start()
        self._retired.append(timer)
        return True

    def wait_for(self, data_id: str, timeout: float = 30.0) -> bool:
        """Block until the data ``data_id`` (a generation or manifest id) is served."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if data_id in (self._snapshot.manifest.id, self._snapshot.generation.id):
                return True
            self.reload()
            time.sleep(0.05)
        return data_id in (self._snapshot.manifest.id, self._snapshot.generation.id)

    def close(self) -> None:
        for timer in self._retired:
            if timer.is_alive():
                timer.cancel()
                timer.function(*timer.args)
        self._snapshot.evaluator.close()
        self.source.close()


def open_source(config: dict[str, Any]) -> Source:
    """The source the settings name: a remote store (``BACKEND``), else a store directory
    (``STORE``, or the shipped data built into a temporary one) and its query processes, kept by
    ``gcm-kg serve``'s supervisor (``ENGINE_DIR``) or by one of the app's own."""
    if config["BACKEND"]:
        from .remote import RemoteSource

        return RemoteSource(config)
    from .engine import embedded_supervisor, store_directory

    directory = store_directory(config["STORE"])
    if config["ENGINE_DIR"]:
        run_dir, stop = Path(config["ENGINE_DIR"]), (lambda: None)
    else:
        run_dir, stop = embedded_supervisor(directory, config)
    return LocalSource(
        directory, run_dir, int(config["QUERY_CONNECTIONS"]), float(config["QUERY_TIMEOUT"]), stop
    )


def init_app(app: Flask) -> None:
    source = open_source(app.config)
    try:
        held = State(
            source, float(app.config["RELOAD_INTERVAL"]), float(app.config["QUERY_TIMEOUT"])
        )
    except BaseException:
        source.close()
        raise
    app.extensions[KEY] = held
    app.before_request(_arrived)


def state() -> State:
    result = current_app.extensions[KEY]
    assert isinstance(result, State)
    return result


def snapshot() -> Snapshot:
    """The snapshot this request is answered from: the same one for the whole request."""
    if "gcm_kg_snapshot" not in g:
        g.gcm_kg_snapshot = state().snapshot()
    result = g.gcm_kg_snapshot
    assert isinstance(result, Snapshot)
    return result


def _arrived() -> None:
    deadline()  # the time limit is counted from the request's arrival


def deadline() -> float:
    """When this request's time to answer ends (``time.monotonic()``): its arrival plus the time
    limit, whatever it has waited for since."""
    if "gcm_kg_deadline" not in g:
        g.gcm_kg_deadline = time.monotonic() + float(current_app.config["QUERY_TIMEOUT"])
    result: float = g.gcm_kg_deadline
    return result
