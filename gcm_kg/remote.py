"""A remote SPARQL 1.1 store as the backend: the same graph, in any SPARQL 1.1 store (Virtuoso,
Fuseki, GraphDB, QLever …), for graphs that outgrow one machine.

* ``sparql+http://host:port/path`` (or ``sparql+https://``) names the store's query endpoint
  (``http://host:port/path``); a Graph Store Protocol URL, given apart, is where graphs are
  uploaded (``PUT``/``POST …?graph=IRI``).
* Credentials come from the environment (``GCM_KG_BACKEND_USER``, ``GCM_KG_BACKEND_PASSWORD``;
  HTTP basic or digest, as the store asks), never from the URL, and are never logged.
* The remote side has no generation directory, so its manifest (digest, graphs and their sizes)
  is kept as triples in the named graph ``https://w3id.org/gcm-kg/graph/manifest``, written last
  by ``gcm-kg build``/``load``: the server computes its ETag and cache key from it and notices a
  new upload when its digest changes.
* The default graph of our queries is the union of the named graphs (README, "Named graphs"); a
  store's own default graph may be something else (Virtuoso's is the union of *every* graph, its
  system graphs included), so each query names the dataset with the protocol's
  ``default-graph-uri`` and ``named-graph-uri``: every graph of the manifest.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox

from .errors import GcmKgError

SCHEMES = {"sparql+http": "http", "sparql+https": "https"}
MANIFEST_GRAPH = "https://w3id.org/gcm-kg/graph/manifest"
DATASET = "https://w3id.org/gcm-kg/graph/manifest#dataset"
VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SPARQL_JSON = "application/sparql-results+json"
TURTLE = "text/turtle"
CHUNK = 50_000
"""Triples per upload request (the first request of a graph replaces it, the others add)."""
MAX_BODY = 256 * 1024
"""Bytes per upload request at most. With HTTP digest authentication every request is first sent
without credentials; a store may answer 401 and close the connection before reading a larger
body, and the upload then fails with a broken pipe instead of retrying with the credentials."""
USER_ENV, PASSWORD_ENV = "GCM_KG_BACKEND_USER", "GCM_KG_BACKEND_PASSWORD"


class RemoteError(GcmKgError):
    """The remote store refused a request or could not be reached."""

    exit_code = 2

    def __init__(self, message: str, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class RemoteTimeout(RemoteError):
    """The remote store did not answer within the time limit."""


@dataclass(frozen=True)
class Backend:
    """A remote store: its query endpoint, its Graph Store Protocol URL, its credentials."""

    endpoint: str
    gsp: str | None = None
    user: str = ""
    password: str = field(default="", repr=False)

    @property
    def url(self) -> str:
        """The backend as it is written in settings and logs (no credentials)."""
        scheme, rest = self.endpoint.split("://", 1)
        return f"sparql+{scheme}://{rest}"


def parse_backend(
    url: str, gsp: str | None = None, environ: Mapping[str, str] | None = None
) -> Backend:
    """``sparql+http(s)://host/path`` → :class:`Backend`; credentials from ``environ``."""
    environ = os.environ if environ is None else environ
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.netloc:
        raise RemoteError(
            f"{url!r} is not a backend URL: write sparql+http://host:port/path "
            "(or sparql+https://…) for a remote SPARQL 1.1 endpoint"
        )
    if parts.username or parts.password:
        raise RemoteError(
            f"put no credentials in the backend URL; set {USER_ENV} and {PASSWORD_ENV} instead"
        )
    endpoint = urllib.parse.urlunsplit((SCHEMES[parts.scheme], *parts[1:]))
    if gsp is not None and urllib.parse.urlsplit(gsp).scheme not in ("http", "https"):
        raise RemoteError(f"{gsp!r} is not an http(s) URL of a Graph Store Protocol endpoint")
    return Backend(endpoint, gsp, environ.get(USER_ENV, ""), environ.get(PASSWORD_ENV, ""))


def _opener(backend: Backend) -> urllib.request.OpenerDirector:
    handlers: list[Any] = []
    if backend.user:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in (backend.endpoint, backend.gsp):
            if url:
                passwords.add_password(None, url, backend.user, backend.password)
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def request(
    backend: Backend,
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    timeout: float = 30.0,
) -> tuple[str, bytes]:
    """One HTTP request to the backend; its ``Content-Type`` and body, or :class:`RemoteError`."""
    req = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    try:
        with _opener(backend).open(req, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace").strip()[:2000]
        raise RemoteError(
            f"{backend.url}: {method} answered {exc.code} {exc.reason}: {detail}", exc.code
        ) from exc
    except TimeoutError as exc:
        raise RemoteTimeout(f"{backend.url}: no answer within {timeout:g} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise RemoteTimeout(f"{backend.url}: no answer within {timeout:g} s") from exc
        raise RemoteError(f"{backend.url}: cannot reach the store: {exc.reason}") from exc
    except OSError as exc:
        raise RemoteError(f"{backend.url}: cannot reach the store: {exc}") from exc


def sparql(
    backend: Backend,
    query: str,
    accept: str,
    *,
    default_graphs: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
    timeout: float = 30.0,
) -> tuple[str, bytes]:
    """POST ``query`` (form-encoded, with the dataset parameters) to the query endpoint."""
    params = [("query", query)]
    params += [("default-graph-uri", g) for g in default_graphs]
    params += [("named-graph-uri", g) for g in named_graphs]
    body = urllib.parse.urlencode(params).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
    return request(
        backend, backend.endpoint, method="POST", body=body, headers=headers, timeout=timeout
    )


def parse_results(content_type: str, body: bytes) -> ox.QuerySolutions | ox.QueryBoolean:
    """A SELECT or ASK answer in SPARQL JSON or XML, as pyoxigraph results."""
    fmt = ox.QueryResultsFormat.XML if "xml" in content_type else ox.QueryResultsFormat.JSON
    try:
        return ox.parse_query_results(body, format=fmt)
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(f"the remote store's answer is not SPARQL results: {exc}") from exc


def parse_triples(content_type: str, body: bytes) -> list[ox.Triple]:
    """A CONSTRUCT or DESCRIBE answer (Turtle, N-Triples or RDF/XML) as triples."""
    media = content_type.split(";")[0].strip().lower()
    fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.TURTLE
    try:
        return [q.triple for q in ox.parse(body, format=fmt)]
    except (SyntaxError, ValueError) as exc:
        raise RemoteError(f"the remote store's answer is not RDF ({media}): {exc}") from exc


@dataclass(frozen=True)
class RemoteManifest:
    """The manifest of the graph in a remote store (see the module docstring)."""

    digest: str
    created: str
    origin: str
    graphs: dict[str, int]


def manifest_triples(manifest: RemoteManifest) -> list[ox.Triple]:
    dataset = ox.NamedNode(DATASET)

    def p(iri: str) -> ox.NamedNode:
        return ox.NamedNode(iri)

    out = [
        ox.Triple(dataset, p(RDF_TYPE), p(VOID + "Dataset")),
        ox.Triple(dataset, p(DCTERMS + "identifier"), ox.Literal(manifest.digest)),
        ox.Triple(
            dataset,
            p(DCTERMS + "created"),
            ox.Literal(manifest.created, datatype=p(XSD + "dateTime")),
        ),
        ox.Triple(dataset, p(DCTERMS + "source"), ox.Literal(manifest.origin)),
    ]
    for graph, count in sorted(manifest.graphs.items()):
        out += [
            ox.Triple(dataset, p(VOID + "subset"), p(graph)),
            ox.Triple(
                p(graph), p(VOID + "triples"), ox.Literal(str(count), datatype=p(XSD + "integer"))
            ),
        ]
    return out


MANIFEST_QUERY = f"""
SELECT ?digest ?created ?origin ?graph ?triples WHERE {{
  GRAPH <{MANIFEST_GRAPH}> {{
    <{DATASET}> <{DCTERMS}identifier> ?digest ; <{DCTERMS}created> ?created ;
                <{DCTERMS}source> ?origin .
    OPTIONAL {{ <{DATASET}> <{VOID}subset> ?graph . ?graph <{VOID}triples> ?triples }}
  }}
}}"""


def read_manifest(backend: Backend, timeout: float = 30.0) -> RemoteManifest | None:
    """The manifest in the remote store, or ``None`` when nothing was uploaded there."""
    content_type, body = sparql(
        backend, MANIFEST_QUERY, SPARQL_JSON, named_graphs=[MANIFEST_GRAPH], timeout=timeout
    )
    result = parse_results(content_type, body)
    if not isinstance(result, ox.QuerySolutions):
        raise RemoteError("the remote store answered the manifest query with a boolean")
    digest = created = origin = ""
    graphs: dict[str, int] = {}
    for row in result:
        digest, created, origin = (
            _value(row["digest"]),
            _value(row["created"]),
            _value(row["origin"]),
        )
        graph, triples = row["graph"], row["triples"]
        if graph is not None and triples is not None:
            graphs[graph.value] = int(float(triples.value))
    if not digest:
        return None
    return RemoteManifest(digest, created, origin, graphs)


def _value(term: object) -> str:
    return term.value if isinstance(term, ox.NamedNode | ox.Literal) else ""


COUNT_QUERY = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def count_graphs(backend: Backend, graphs: Iterable[str], timeout: float = 300.0) -> dict[str, int]:
    """Triples in each of ``graphs`` as the remote store counts them."""
    wanted = sorted(set(graphs))
    if not wanted:
        return {}
    content_type, body = sparql(
        backend, COUNT_QUERY, SPARQL_JSON, named_graphs=wanted, timeout=timeout
    )
    result = parse_results(content_type, body)
    counts = dict.fromkeys(wanted, 0)
    if isinstance(result, ox.QuerySolutions):
        for row in result:
            g, n = row["g"], row["n"]
            if isinstance(g, ox.NamedNode) and g.value in counts and n is not None:
                counts[g.value] = int(float(n.value))
    return counts


def gsp_url(backend: Backend, graph: str) -> str:
    if not backend.gsp:
        raise RemoteError(
            "uploading needs the store's Graph Store Protocol URL (--gsp URL), for example "
            "http://127.0.0.1:8890/sparql-graph-crud-auth for Virtuoso"
        )
    separator = "&" if "?" in backend.gsp else "?"
    return f"{backend.gsp}{separator}{urllib.parse.urlencode({'graph': graph})}"


def upload_graph(
    backend: Backend,
    graph: str,
    triples: list[ox.Triple],
    *,
    replace: bool,
    timeout: float = 600.0,
) -> None:
    """Write ``triples`` into ``graph`` with the Graph Store Protocol: ``PUT`` (replace) or
    ``POST`` (add), in requests of :data:`CHUNK` triples."""
    chunks = [triples[i : i + CHUNK] for i in range(0, len(triples), CHUNK)] or [[]]
    bodies = [body for chunk in chunks for body in _bodies(chunk)]
    for number, body in enumerate(bodies):
        method = "PUT" if replace and number == 0 else "POST"
        request(
            backend,
            gsp_url(backend, graph),
            method=method,
            body=body,
            headers={"Content-Type": TURTLE},
            timeout=timeout,
        )


def _bodies(triples: list[ox.Triple]) -> list[bytes]:
    """``triples`` as N-Triples, in bodies of at most :data:`MAX_BODY` bytes (or one triple)."""
    body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    if len(body) <= MAX_BODY or len(triples) <= 1:
        return [body]
    half = len(triples) // 2
    return _bodies(triples[:half]) + _bodies(triples[half:])


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass
class UploadReport:
    graphs: dict[str, int] = field(default_factory=dict)
    manifest: RemoteManifest | None = None

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def upload_store(
    backend: Backend,
    store: ox.Store,
    *,
    origin: str,
    digest: str,
    replace: bool,
    previous: RemoteManifest | None = None,
) -> UploadReport:
    """Upload every named graph of ``store``, check what the remote store holds, then write the
    manifest.

    The Graph Store Protocol has no transactions across graphs, so the manifest is written last:
    until then the server keeps its previous digest (and answers from its cache what it had
    cached), and an upload that fails part-way says which graphs it had written and leaves the
    manifest as it was. ``replace`` replaces each graph (``build``); otherwise the triples are
    added (``load``). The counts are the remote store's own, read back after the upload."""
    graphs = sorted(
        g.value
        for g in store.named_graphs()
        if isinstance(g, ox.NamedNode) and g.value != MANIFEST_GRAPH
    )
    written: list[str] = []
    sizes: dict[str, int] = {}
    for graph in graphs:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
        sizes[graph] = len(triples)
        try:
            upload_graph(backend, graph, triples, replace=replace)
        except RemoteError as exc:
            done = ", ".join(f"<{g}>" for g in written) or "none"
            raise RemoteError(
                f"upload of <{graph}> failed: {exc}. Graphs already written: {done}; the "
                "manifest was not changed, so the server still reports the previous data",
                exc.status,
            ) from exc
        written.append(graph)
    all_graphs = set(graphs) | set(previous.graphs if previous else ())
    counts = count_graphs(backend, all_graphs)
    if replace:
        for graph in graphs:
            expected = sizes[graph]
            if counts.get(graph, 0) != expected:
                raise RemoteError(
                    f"<{graph}> holds {counts.get(graph, 0)} triples in the remote store after "
                    f"the upload, not {expected}; the manifest was not changed"
                )
    manifest = RemoteManifest(digest, now(), origin, {g: n for g, n in counts.items() if n})
    upload_graph(backend, MANIFEST_GRAPH, manifest_triples(manifest), replace=True)
    return UploadReport({g: counts[g] for g in graphs}, manifest)
