"""Evaluate a query on the embedded store and write its answer: the part of answering a query
that needs the store, and nothing else.

It imports only pyoxigraph, so that the server's query worker processes (:mod:`gcm_kg.worker`)
stay small: the checks, content negotiation and everything web live in the server, which hands
over the query, the store options and the format to write for each kind of answer.

SPARQL JSON is written here rather than by pyoxigraph so that the row cap (for the query UI) can
stop early and say so.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

SOLUTIONS, BOOLEAN, GRAPH = "select", "ask", "construct"
"""The kinds of answer (as :class:`server.negotiation.Kind` names them)."""

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
RDF_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "n3": ox.RdfFormat.N3,
}
PRETTY = {"turtle", "trig", "n3", "rdfxml"}
"""Formats that use the prefixes."""


class StoreSyntaxError(ValueError):
    """The store could not parse the query; ``message`` is its own (with line and column)."""


class NoFormat(ValueError):
    """The client accepts no format for this kind of answer; ``args[0]`` is the kind."""


@dataclass(frozen=True)
class Body:
    """A serialised answer; ``truncated`` when the row cap cut it."""

    data: bytes
    truncated: bool = False


@dataclass(frozen=True)
class Written:
    """An answer: its kind, the format it is written in, its bytes."""

    kind: str
    fmt: str
    body: bytes
    truncated: bool = False


def kind_of(result: QueryResult) -> str:
    if isinstance(result, ox.QuerySolutions):
        return SOLUTIONS
    if isinstance(result, ox.QueryBoolean):
        return BOOLEAN
    return GRAPH


def term_json(term: Term) -> dict[str, Any]:
    """A term as SPARQL 1.1 JSON results write it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": term_json(term.subject),
            "predicate": term_json(term.predicate),
            "object": term_json(term.object),
        },
    }


def solutions_json(solutions: ox.QuerySolutions, max_rows: int) -> Body:
    variables = [v.value for v in solutions.variables]
    bindings: list[dict[str, dict[str, Any]]] = []
    truncated = False
    for solution in solutions:
        if len(bindings) >= max_rows:
            truncated = True
            break
        row = {}
        for name in variables:
            term = solution[name]
            if term is not None:
                row[name] = term_json(term)
        bindings.append(row)
    document = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return Body(json.dumps(document, ensure_ascii=False).encode("utf-8"), truncated)


def graph_bytes(
    triples: list[ox.Triple], fmt: str, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """``triples`` in the RDF format ``fmt``; quad formats put them in the default graph."""
    rdf_format = RDF_FORMATS[fmt]
    used = dict(prefixes) if prefixes and fmt in PRETTY else None
    if rdf_format.supports_datasets:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(quads, format=rdf_format, prefixes=used) or b""
    return ox.serialize(triples, format=rdf_format, prefixes=used) or b""


def serialize(
    result: QueryResult, fmt: str, max_rows: int, prefixes: Mapping[str, str] | None = None
) -> Body:
    """``result`` in the format named ``fmt`` (one that suits its kind)."""
    if isinstance(result, ox.QuerySolutions) and fmt == "json":
        return solutions_json(result, max_rows)
    if isinstance(result, ox.QueryTriples):
        return Body(graph_bytes(list(result), fmt, prefixes))
    return Body(result.serialize(format=RESULT_FORMATS[fmt]) or b"")


def store_options(
    default_graphs: tuple[str, ...],
    named_graphs: tuple[str, ...],
    query_has_dataset: bool,
) -> dict[str, Any]:
    """The ``Store.query`` options that give the query its dataset: the protocol's parameters
    win over FROM; FROM is left to the store; otherwise the default graph is the union of every
    graph (DESIGN.md)."""
    if default_graphs or named_graphs:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs],
        }
    if query_has_dataset:
        return {}
    return {"use_default_graph_as_union": True}


def answer(
    store: ox.Store,
    query: str,
    *,
    prefixes: Mapping[str, str],
    base_iri: str | None,
    options: Mapping[str, Any],
    formats: Mapping[str, str | None],
    max_rows: int,
) -> Written:
    """Evaluate ``query`` and write its answer in ``formats[kind]``.

    Raises :class:`StoreSyntaxError`, :class:`NoFormat` (``formats[kind]`` is ``None``), or
    ``OSError``/``ValueError``/``TypeError`` when evaluation fails."""
    try:
        result = store.query(query, prefixes=dict(prefixes), base_iri=base_iri, **options)
    except SyntaxError as exc:
        raise StoreSyntaxError(exc.msg or str(exc)) from exc
    kind = kind_of(result)
    fmt = formats.get(kind)
    if fmt is None:
        raise NoFormat(kind)
    body = serialize(result, fmt, max_rows, prefixes)
    return Written(kind, fmt, body.data, body.truncated)
