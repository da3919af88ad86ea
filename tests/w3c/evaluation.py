"""An evaluation test made ready to run: its query text, its dataset over HTTP and in-process,
and the test store's content (every data file in the named graph of its own IRI).

A store holds no empty graph, so a data file without triples (``empty.ttl``) is not a graph of
the store and the endpoint refuses to name it (docs/endpoint.md); over HTTP such a file is left
out of the dataset, which is the same dataset (it adds nothing to the default graph) unless it
was the only file: then the request names no dataset and gets the endpoint's own (every graph),
and the in-process answer it is compared with is computed on that dataset too."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import pyoxigraph as ox

from gcm_kg.terms import BASE, PREFIXES

from .manifests import EvaluationCase, iri_of, path_of
from .queries import Shape, shape
from .results import (
    GRAPH_FORMATS,
    Answer,
    Solutions,
    Term,
    from_csv,
    from_pyoxigraph,
    read_expected,
)

MEDIA_TYPES = {
    ".srx": "application/sparql-results+xml",
    ".srj": "application/sparql-results+json",
    ".tsv": "text/tab-separated-values",
    ".csv": "text/csv",
    ".ttl": "text/turtle",
    ".rdf": "application/rdf+xml",
}


@cache
def triples_of(iri: str) -> tuple[ox.Triple, ...]:
    """The triples of a data file, its blank nodes labelled apart from every other file's and
    the same way on every run (``_:<file digest>n<number>``), so that the store is the same."""
    path = path_of(iri)
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    prefix = hashlib.sha256(iri.encode()).hexdigest()[:12]
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def label(node: Term) -> Term:
        if isinstance(node, ox.BlankNode):
            return labels.setdefault(node, ox.BlankNode(f"{prefix}n{len(labels)}"))
        return node

    return tuple(
        ox.Triple(label(t.subject), t.predicate, label(t.object))  # type: ignore[arg-type]
        for t in ox.parse(path=path, format=fmt, base_iri=iri)
    )


def held(iri: str) -> bool:
    """The file is a graph of the test store (it has a triple)."""
    return bool(triples_of(iri))


@dataclass(frozen=True)
class Evaluation:
    case: EvaluationCase

    @cached_property
    def text(self) -> str:
        """The query with the query file's IRI as its base, so that its relative IRIs (FROM
        <data.ttl> …) name the files as the test means them, over HTTP as in-process."""
        return f"BASE <{iri_of(self.case.query)}>\n{self.case.text}"

    @cached_property
    def shape(self) -> Shape:
        return shape(self.text)

    @cached_property
    def expected(self) -> Answer:
        return read_expected(self.case.result, iri_of(self.case.result))

    @property
    def accept(self) -> str:
        """The answer's format over HTTP: that of the expected result (SPARQL JSON for a result
        set written in RDF)."""
        if self.case.result.suffix in GRAPH_FORMATS and isinstance(self.expected, bool | Solutions):
            return "application/sparql-results+json"
        return MEDIA_TYPES[self.case.result.suffix]

    @property
    def files(self) -> set[str]:
        """The data files the test reads, by the manifest or by the query's FROM."""
        return {
            *self.case.data,
            *self.case.graph_data,
            *self.shape.from_default,
            *self.shape.from_named,
        }

    @property
    def protocol_dataset(self) -> list[tuple[str, str]]:
        """``default-graph-uri``/``named-graph-uri`` for the test's data files that the store
        holds, unless the query names its own dataset (the parameters would override it)."""
        if self.shape.has_dataset:
            return []
        return [("default-graph-uri", g) for g in self.case.data if held(g)] + [
            ("named-graph-uri", g) for g in self.case.graph_data if held(g)
        ]

    def evaluate(self, store: ox.Store, *, as_over_http: bool = True) -> Answer:
        """pyoxigraph's answer in-process, on the dataset the HTTP request names (with
        ``as_over_http``) or on the test's own."""
        options: dict[str, object] = {}
        data, graph_data = self.case.data, self.case.graph_data
        if as_over_http:
            data = tuple(g for g in data if held(g))
            graph_data = tuple(g for g in graph_data if held(g))
        if self.shape.has_dataset:
            pass  # the query's FROM and FROM NAMED
        elif data or graph_data:
            options["default_graph"] = [ox.NamedNode(g) for g in data]
            options["named_graphs"] = [ox.NamedNode(g) for g in graph_data]
        elif as_over_http:
            options["use_default_graph_as_union"] = True  # the endpoint's own dataset
        else:
            store = ox.Store()  # the test's dataset is empty
        result = store.query(self.text, prefixes=PREFIXES, base_iri=BASE, **options)  # type: ignore[arg-type]
        if self.case.csv:
            assert isinstance(result, ox.QuerySolutions)
            text = result.serialize(format=ox.QueryResultsFormat.CSV)
            assert text is not None
            return from_csv(text.decode("utf-8"))
        return from_pyoxigraph(result)


def write_nquads(evaluations: Iterable[Evaluation], out: Path) -> set[str]:
    """Every data file of the tests in the named graph of its IRI, as one N-Quads file; the
    graphs written (the files with a triple)."""
    files = sorted({f for e in evaluations for f in e.files})
    quads = [
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(iri))
        for iri in files
        for t in triples_of(iri)
    ]
    ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
    return {iri for iri in files if held(iri)}
