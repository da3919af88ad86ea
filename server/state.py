"""What the app holds while it runs: the generation of the store it serves, and its evaluator.

The app serves one generation of its store directory at a time (a :class:`Snapshot`). When
``gcm-kg build`` or ``gcm-kg load`` makes a new generation current, the app notices on a later
request (it reads the ``current`` link at most every ``RELOAD_INTERVAL`` seconds), opens the new
generation and starts its workers in the background, and swaps it in only once it answers. Requests
keep being answered from the previous generation meanwhile, and if the new one cannot be opened,
the previous one stays. The previous generation's workers are stopped once the requests that
started on it have had their time limit to finish.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, current_app, g

from gcm_kg.errors import GcmKgError, StoreError
from gcm_kg.generations import Generation, Manifest, StoreDirectory
from gcm_kg.serving import ServingPlan, open_for_serving, plan_for
from gcm_kg.terms import PREFIXES

from .broker import BROKER_KEY, BrokerClient
from .cache import AnswerCache, Cached
from .errors import EndpointError
from .execute import EvalSettings, Job
from .query_process import EvaluatorSource, LocalSource
from .storage import store_directory
from .workers import Evaluator, InProcess, ProcessEvaluator

KEY = "gcm_kg"
log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """One generation of the store, with the evaluator that answers queries over it."""

    generation: Generation
    manifest: Manifest
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

    def close(self) -> None:
        self.evaluator.close()


def eval_settings(config: dict[str, Any]) -> EvalSettings:
    return EvalSettings(
        prefixes=dict(PREFIXES),
        base_iri=config["BASE_IRI"] or None,
        max_rows=config["MAX_ROWS"],
        service_allowlist=tuple(config["SERVICE_ALLOWLIST"]),
    )


def evaluator_source(
    plan: ServingPlan, settings: EvalSettings, config: dict[str, Any]
) -> EvaluatorSource:
    """The supervisor's shared query process under ``gcm-kg serve --processes N``; else ours."""
    broker = config.get(BROKER_KEY)
    if broker is not None:
        assert isinstance(broker, BrokerClient)
        return broker.source(plan, settings.for_worker())
    return LocalSource(plan, settings.for_worker())


def open_snapshot(
    generation: Generation, config: dict[str, Any], cache: AnswerCache | None = None
) -> Snapshot:
    """Open ``generation`` and start its evaluator (answering from ``cache`` when given); raise
    if it cannot answer a query."""
    manifest = generation.manifest()
    settings = eval_settings(config)
    plan = plan_for(generation.path, manifest.triples, int(config["IN_MEMORY_MAX_TRIPLES"]))
    evaluator: Evaluator
    if config["WORKERS"] == 0:
        try:
            store = open_for_serving(plan)
        except OSError as exc:
            raise StoreError(f"cannot open the store at {generation.oxigraph}: {exc}") from exc
        evaluator = InProcess(store, settings)
    else:
        evaluator = ProcessEvaluator(
            evaluator_source(plan, settings, config),
            frozenset(manifest.graphs),
            settings,
            config["WORKERS"],
            config["QUERY_TIMEOUT"],
        )
    try:
        evaluator.run(Job("ASK { ?s ?p ?o }"))
    except BaseException:
        evaluator.close()
        raise
    if cache is not None:
        evaluator = Cached(evaluator, cache, manifest.digest)
    return Snapshot(generation, manifest, evaluator)


class State:
    """The served snapshot of ``directory``, replaced when a new generation becomes current."""

    def __init__(self, directory: StoreDirectory, config: dict[str, Any]) -> None:
        self.directory = directory
        self.config = config
        self.interval = float(config["RELOAD_INTERVAL"])
        budget = int(config["CACHE_BYTES"])
        self.cache = AnswerCache(budget) if budget > 0 else None
        self._snapshot = open_snapshot(directory.current(), config, self.cache)
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._loading: threading.Thread | None = None
        self._failed: str | None = None
        self._retired: list[threading.Timer] = []

    @property
    def store_path(self) -> str:
        return str(self.directory.root)

    def snapshot(self) -> Snapshot:
        """The snapshot to answer a request from (and a look for a newer one, now and then)."""
        if self.interval > 0 and time.monotonic() - self._checked >= self.interval:
            self._checked = time.monotonic()
            newest = self.directory.current_id()
            if newest and newest not in (self._snapshot.generation.id, self._failed):
                self._start_loading()
        return self._snapshot

    def _start_loading(self) -> None:
        with self._lock:
            if self._loading is not None and self._loading.is_alive():
                return
            self._loading = threading.Thread(target=self.reload, name="gcm-kg-reload", daemon=True)
            self._loading.start()

    def reload(self) -> bool:
        """Serve the current generation if it is new; ``False`` if it could not be opened."""
        try:
            generation = self.directory.current()
        except GcmKgError as exc:
            log.error("reload: %s; still serving %s", exc, self._snapshot.generation.id)
            return False
        if generation.id == self._snapshot.generation.id:
            return True
        try:
            fresh = open_snapshot(generation, self.config, self.cache)
        except (GcmKgError, EndpointError, OSError, EOFError) as exc:
            self._failed = generation.id
            log.error(
                "reload: cannot serve %s (%s); still serving %s",
                generation.id,
                exc,
                self._snapshot.generation.id,
            )
            return False
        old, self._snapshot = self._snapshot, fresh
        if self.cache is not None and fresh.manifest.digest != old.manifest.digest:
            self.cache.clear()
        self._failed = None
        log.info("now serving %s (was %s)", fresh.generation.id, old.generation.id)
        grace = float(self.config["QUERY_TIMEOUT"]) + 5.0
        timer = threading.Timer(grace, old.close)
        timer.daemon = True
        timer.start()
        self._retired.append(timer)
        return True

    def wait_for(self, generation_id: str, timeout: float = 30.0) -> bool:
        """Block until ``generation_id`` is served (for tests and scripts)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._snapshot.generation.id == generation_id:
                return True
            self._checked = 0.0
            self.snapshot()
            time.sleep(0.05)
        return self._snapshot.generation.id == generation_id

    def close(self) -> None:
        for timer in self._retired:
            if timer.is_alive():
                timer.cancel()
                timer.function(*timer.args)
        self._snapshot.close()


def init_app(app: Flask) -> None:
    if app.config.get("BACKEND"):
        from .remote import RemoteState  # the remote backend builds on this module

        app.extensions[KEY] = RemoteState(app.config)
        return
    app.extensions[KEY] = State(store_directory(app.config["STORE"]), app.config)


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
