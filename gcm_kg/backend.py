"""The command line's operations on a remote store (``--backend sparql+http://…``): build, load,
query and export, as they are done on the embedded store.

Files are parsed here first, into a store in memory, so a syntax error (named with its file and
line) stops before anything reaches the remote store; then the graphs are uploaded with the Graph
Store Protocol and the manifest written last (see :func:`gcm_kg.remote.upload_store`).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .build import BuildReport, Check, build, source_digest
from .errors import FileProblem, QueryError
from .generations import digest_of, file_digest
from .load import LoadReport, Progress, load_file_into
from .paths import Layout, default_layout
from .remote import (
    SPARQL_JSON,
    TURTLE,
    Backend,
    RemoteError,
    RemoteManifest,
    parse_results,
    parse_triples,
    read_manifest,
    sparql,
    upload_store,
)
from .store import graph_for_data_file, rdf_format_for
from .terms import PREFIXES

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples


def build_remote(
    backend: Backend, layout: Layout | None = None, *, check: Check | None = None
) -> BuildReport:
    """Build the graph in memory (``check`` first, as :func:`~gcm_kg.build.build` does) and
    upload it, replacing each of its graphs in the store."""
    layout = layout or default_layout()
    store, _ = build(None, layout, check=check)
    uploaded = upload_store(
        backend, store, origin="build", digest=source_digest(layout), replace=True
    )
    return BuildReport(graphs=uploaded.graphs)


def load_remote(
    files: list[Path],
    backend: Backend,
    graph: str | None = None,
    progress: Progress | None = None,
    base: str | None = None,
) -> LoadReport:
    """Parse ``files`` (into ``graph``, or ``graph/{file stem}``; relative IRIs against ``base``
    or each file's URI) and add them to the store."""
    for path in files:
        rdf_format_for(path)
        if not path.is_file():
            raise FileProblem(path, "no such file")
    previous = read_manifest(backend)
    store = ox.Store()
    report = LoadReport()
    parts = [previous.digest.encode()] if previous else []
    for path in files:
        target = ox.NamedNode(graph) if graph else graph_for_data_file(path)
        before = len(store)
        load_file_into(store, path, target, progress, base)
        report.quads[str(path)] = len(store) - before
        parts += [target.value.encode(), path.name.encode(), file_digest(path)]
    upload_store(
        backend, store, origin="load", digest=digest_of(parts), replace=False, previous=previous
    )
    return report


def manifest(backend: Backend) -> RemoteManifest:
    found = read_manifest(backend)
    if found is None:
        raise RemoteError(
            f"{backend.url} holds no gcm-kg graph: upload one with "
            f"`gcm-kg build --backend {backend.url} --gsp URL`"
        )
    return found


def query_remote(backend: Backend, text: str, timeout: float = 300.0) -> QueryResult:
    """Run ``text`` on the remote store with our prefixes and the union of its graphs as the
    default graph; the answer as pyoxigraph results, like :func:`gcm_kg.query.run`."""
    graphs = sorted(manifest(backend).graphs)
    declared = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
    try:
        content_type, body = sparql(
            backend,
            declared + "\n" + text,
            f"{SPARQL_JSON}, {TURTLE};q=0.9",  # the store answers as its query's form asks
            default_graphs=graphs,
            named_graphs=graphs,
            timeout=timeout,
        )
    except RemoteError as exc:
        if exc.status == 400:
            raise QueryError(f"the remote store refused the query: {exc}") from exc
        raise
    if "sparql-results" in content_type:
        return parse_results(content_type, body)
    store = ox.Store()
    triples = parse_triples(content_type, body)
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    result = store.query("CONSTRUCT WHERE { ?s ?p ?o }")
    assert isinstance(result, ox.QueryTriples)
    return result


def dataset_remote(backend: Backend, timeout: float = 600.0) -> ox.Store:
    """Every graph of the remote store's manifest, read into a store in memory."""
    store = ox.Store()
    for graph in sorted(manifest(backend).graphs):
        query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        content_type, body = sparql(backend, query, TURTLE, named_graphs=[graph], timeout=timeout)
        node = ox.NamedNode(graph)
        store.extend(
            ox.Quad(t.subject, t.predicate, t.object, node)
            for t in parse_triples(content_type, body)
        )
    return store
