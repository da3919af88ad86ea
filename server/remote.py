"""The app in front of a remote SPARQL 1.1 store (setting ``BACKEND``, see :mod:`gcm_kg.remote`).

:class:`RemoteEvaluator` answers jobs like the embedded store's evaluators do, with the same
checks (:func:`server.execute.prepare`: no SERVICE outside the allow-list, FROM and the dataset
parameters only for graphs of the store, no update), the same limits (the HTTP client's timeout is
the time limit; the row cap) and the same formats: the remote answer (SPARQL JSON, or Turtle for a
graph) is parsed and written again here, so a client cannot tell the backends apart.

:class:`RemoteState` serves the remote graph as :class:`server.state.State` serves a generation:
its manifest (digest, graphs) is read from the remote store's manifest graph at start and, every
``RELOAD_INTERVAL`` seconds, in the background; a new digest gives a new snapshot (and empties the
answer cache).
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from gcm_kg.answers import GRAPH, Written, graph_bytes, serialize
from gcm_kg.errors import GcmKgError
from gcm_kg.generations import Generation, Manifest
from gcm_kg.remote import (
    SPARQL_JSON,
    TURTLE,
    Backend,
    RemoteError,
    RemoteManifest,
    RemoteTimeout,
    parse_backend,
    parse_results,
    parse_triples,
    read_manifest,
    sparql,
)

from .cache import AnswerCache, Cached
from .errors import QueryFailed, QuerySyntaxError, QueryTimeout
from .execute import Answer, EvalSettings, Job, Plan, finish, prepare
from .state import Snapshot, State, eval_settings
from .workers import Evaluator

log = logging.getLogger(__name__)
PREFIX_DECLARATION = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def prologue(query: str, prefixes: dict[str, str], base_iri: str | None) -> str:
    """Our predeclared prefixes (those the query does not declare itself) and base, as text."""
    declared = {m.group(1) or "" for m in PREFIX_DECLARATION.finditer(query)}
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {p}: <{ns}>" for p, ns in prefixes.items() if p not in declared]
    return "\n".join(lines) + "\n"


class RemoteEvaluator:
    """Answers jobs by sending them to the remote store (see the module docstring)."""

    def __init__(
        self, backend: Backend, graphs: frozenset[str], settings: EvalSettings, timeout: float
    ) -> None:
        self.backend = backend
        self.graphs = graphs
        self.settings = settings
        self.timeout = timeout

    def dataset(self, job: Job, plan: Plan) -> dict[str, tuple[str, ...]]:
        """The protocol's dataset parameters: the job's own, else none when the query has FROM,
        else every graph as default graph (their union) and as named graphs."""
        if job.has_dataset:
            return {"default_graphs": job.default_graphs, "named_graphs": job.named_graphs}
        if plan.has_dataset:
            return {}
        every = tuple(sorted(self.graphs))
        return {"default_graphs": every, "named_graphs": every}

    def run(self, job: Job) -> Answer:
        plan = prepare(job, self.graphs, self.settings, analyse_always=True)
        (kind, fmt), *_ = plan.formats.items()
        text = prologue(job.query, dict(self.settings.prefixes), self.settings.base_iri)
        accept = TURTLE if kind == GRAPH else SPARQL_JSON
        try:
            content_type, body = sparql(
                self.backend,
                text + job.query,
                accept,
                timeout=self.timeout,
                **self.dataset(job, plan),
            )
        except RemoteTimeout as exc:
            raise QueryTimeout(
                f"the remote store did not answer within the time limit of {self.timeout:g} s"
            ) from exc
        except RemoteError as exc:
            if exc.status == 400:
                raise QuerySyntaxError(f"the remote store refused the query: {exc}") from exc
            raise QueryFailed(f"the remote store could not answer: {exc}") from exc
        assert fmt is not None  # prepare refuses a query whose answer no format suits
        try:
            if kind == GRAPH:
                data = graph_bytes(parse_triples(content_type, body), fmt, self.settings.prefixes)
                written = Written(kind, fmt, data)
            else:
                result = parse_results(content_type, body)
                out = serialize(result, fmt, self.settings.max_rows, self.settings.prefixes)
                written = Written(kind, fmt, out.data, out.truncated)
        except RemoteError as exc:
            raise QueryFailed(str(exc)) from exc
        return finish(job, self.settings, ("ok", written))

    def close(self) -> None:
        pass


def manifest_of(remote: RemoteManifest) -> Manifest:
    return Manifest(
        id=f"remote-{remote.digest[:12]}",
        created=remote.created,
        origin=remote.origin,
        digest=remote.digest,
        graphs=dict(remote.graphs),
    )


class RemoteState(State):
    """The graph of a remote store, as the app serves it (see the module docstring)."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.backend = parse_backend(
            config["BACKEND"],
            environ={
                "GCM_KG_BACKEND_USER": config["BACKEND_USER"],
                "GCM_KG_BACKEND_PASSWORD": config["BACKEND_PASSWORD"],
            },
        )
        self.interval = float(config["RELOAD_INTERVAL"])
        budget = int(config["CACHE_BYTES"])
        self.cache = AnswerCache(budget) if budget > 0 else None
        self._files = Path(tempfile.mkdtemp(prefix="gcm-kg-remote-"))
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._loading: threading.Thread | None = None
        self._failed: str | None = None
        self._retired: list[threading.Timer] = []
        remote = self._read_manifest()
        self._snapshot = self._open(remote)
        log.info("serving %s (%d triples)", self.backend.url, sum(remote.graphs.values()))

    @property
    def store_path(self) -> str:
        return self.backend.url

    def _read_manifest(self) -> RemoteManifest:
        try:
            remote = read_manifest(self.backend, timeout=float(self.config["QUERY_TIMEOUT"]))
        except RemoteError as exc:
            raise RemoteError(f"cannot read the manifest of {self.backend.url}: {exc}") from exc
        if remote is None:
            raise RemoteError(
                f"{self.backend.url} holds no gcm-kg graph (no manifest graph): upload one with "
                f"`gcm-kg build --backend {self.backend.url} --gsp URL`"
            )
        return remote

    def _open(self, remote: RemoteManifest) -> Snapshot:
        manifest = manifest_of(remote)
        settings = eval_settings(self.config)
        evaluator: Evaluator = RemoteEvaluator(
            self.backend, frozenset(remote.graphs), settings, float(self.config["QUERY_TIMEOUT"])
        )
        if self.cache is not None:
            evaluator = Cached(evaluator, self.cache, manifest.digest)
        generation = Generation(self._files / manifest.id)
        return Snapshot(generation, manifest, evaluator)

    def snapshot(self) -> Snapshot:
        """The snapshot to answer from; now and then a look (in the background) for new data."""
        if self.interval > 0 and time.monotonic() - self._checked >= self.interval:
            self._checked = time.monotonic()
            self._start_loading()
        return self._snapshot

    def reload(self) -> bool:
        """Serve the remote store's current manifest if it is new; ``False`` if unreadable."""
        try:
            remote = self._read_manifest()
        except GcmKgError as exc:
            log.error("reload: %s; still serving %s", exc, self._snapshot.manifest.id)
            return False
        if remote.digest == self._snapshot.manifest.digest:
            return True
        old, self._snapshot = self._snapshot, self._open(remote)
        if self.cache is not None:
            self.cache.clear()
        log.info("now serving %s (was %s)", self._snapshot.manifest.id, old.manifest.id)
        return True

    def wait_for(self, generation_id: str, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._snapshot.manifest.id == generation_id:
                return True
            self.reload()
            time.sleep(0.05)
        return self._snapshot.manifest.id == generation_id

    def close(self) -> None:
        super().close()
        shutil.rmtree(self._files, ignore_errors=True)
