"""The app in front of a remote SPARQL 1.1 store (setting ``BACKEND``, see :mod:`gcm_kg.remote`).

:class:`RemoteSource` is a source of :class:`server.state.State`: the newest data is the remote
store's manifest (digest, graphs), read in the background every ``RELOAD_INTERVAL`` seconds; a new
digest gives a new snapshot. :class:`RemoteEvaluator` answers its jobs after the same checks as the
embedded store's (the endpoint runs :func:`server.guard.check` on every query), with the same
limits (the request's deadline is the HTTP client's timeout; the row cap) and the same formats:
the remote answer (SPARQL JSON, or Turtle for a graph) is parsed and written again here, so a
client cannot tell the backends apart.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from gcm_kg.answers import GRAPH, Written, graph_bytes, serialize
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
from gcm_kg.terms import PREFIXES

from .errors import QueryFailed, QuerySyntaxError, QueryTimeout
from .guard import form_of
from .query import Answer, Evaluator, Job, finish

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
        self, backend: Backend, graphs: frozenset[str], base_iri: str | None, max_rows: int
    ) -> None:
        self.backend = backend
        self.graphs = graphs
        self.base_iri = base_iri
        self.max_rows = max_rows

    def dataset(self, job: Job) -> dict[str, tuple[str, ...]]:
        """The protocol's dataset parameters: the job's own, else none when the query has FROM,
        else every graph as default graph (their union) and as named graphs."""
        if job.default_graphs or job.named_graphs:
            return {"default_graphs": job.default_graphs, "named_graphs": job.named_graphs}
        if job.has_dataset:
            return {}
        every = tuple(sorted(self.graphs))
        return {"default_graphs": every, "named_graphs": every}

    def run(self, job: Job, deadline: float, *, public: bool = False) -> Answer:
        form = form_of(job.query)
        kind = form.value if form is not None else "select"
        fmt = dict(job.formats).get(kind)
        if fmt is None:
            return finish(job, ("format", kind))
        text = prologue(job.query, dict(PREFIXES), self.base_iri)
        timeout = deadline - time.monotonic()
        if timeout <= 0:
            raise QueryTimeout("the time limit was over before the remote store was asked")
        try:
            content_type, body = sparql(
                self.backend,
                text + job.query,
                TURTLE if kind == GRAPH else SPARQL_JSON,
                timeout=timeout,
                **self.dataset(job),
            )
        except RemoteTimeout as exc:
            raise QueryTimeout("the remote store did not answer within the time limit") from exc
        except RemoteError as exc:
            if exc.status == 400:
                raise QuerySyntaxError(f"the remote store refused the query: {exc}") from exc
            raise QueryFailed(f"the remote store could not answer: {exc}") from exc
        try:
            if kind == GRAPH:
                data = graph_bytes(parse_triples(content_type, body), fmt, PREFIXES)
                written = Written(kind, fmt, data)
            else:
                out = serialize(parse_results(content_type, body), fmt, self.max_rows, PREFIXES)
                written = Written(kind, fmt, out.data, out.truncated)
        except RemoteError as exc:
            raise QueryFailed(str(exc)) from exc
        return finish(job, ("ok", written))

    def status(self) -> dict[str, Any]:
        return {"backend": self.backend.url}

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


class RemoteSource:
    """The graph of a remote store (a :class:`server.state.Source`)."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.backend = parse_backend(
            config["BACKEND"],
            environ={
                "GCM_KG_BACKEND_USER": config["BACKEND_USER"],
                "GCM_KG_BACKEND_PASSWORD": config["BACKEND_PASSWORD"],
            },
        )
        self.name = self.backend.url
        self.timeout = float(config["QUERY_TIMEOUT"])
        self.base_iri: str | None = config["BASE_IRI"] or None
        self.max_rows = int(config["MAX_ROWS"])
        self._files = Path(tempfile.mkdtemp(prefix="gcm-kg-remote-"))
        self._read: RemoteManifest | None = None

    def _manifest(self) -> RemoteManifest:
        try:
            remote = read_manifest(self.backend, timeout=self.timeout)
        except RemoteError as exc:
            raise RemoteError(f"cannot read the manifest of {self.backend.url}: {exc}") from exc
        if remote is None:
            raise RemoteError(
                f"{self.backend.url} holds no gcm-kg graph (no manifest graph): upload one with "
                f"`gcm-kg build --backend {self.backend.url} --gsp URL`"
            )
        return remote

    def newest(self) -> str:
        self._read = self._manifest()
        return manifest_of(self._read).id

    def open(self) -> tuple[Manifest, Generation, Evaluator]:
        remote, self._read = self._read or self._manifest(), None
        manifest = manifest_of(remote)
        evaluator = RemoteEvaluator(
            self.backend, frozenset(remote.graphs), self.base_iri, self.max_rows
        )
        return manifest, Generation(self._files / manifest.id), evaluator

    def close(self) -> None:
        shutil.rmtree(self._files, ignore_errors=True)
