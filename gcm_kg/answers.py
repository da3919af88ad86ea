"""Evaluate a query on the embedded store and write its answer: the part of answering a query
that needs the store, and nothing else.

It imports only pyoxigraph, so that the server's query process (:mod:`server.engine.process`)
stays small: the checks, content negotiation and everything web live in the server, which hands
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

encode_string = json.encoder.encode_basestring
"""A JSON string literal of a str (non-ASCII kept as is)."""

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


def term_text(term: Term) -> str:
    """A term as SPARQL 1.1 JSON results write it (RDF 1.2 triple terms as SPARQL 1.2 does)."""
    if isinstance(term, ox.NamedNode):
        return '{"type":"uri","value":' + encode_string(term.value) + "}"
    if isinstance(term, ox.Literal):
        text = '{"type":"literal","value":' + encode_string(term.value)
        if term.language:
            return text + ',"xml:lang":' + encode_string(term.language) + "}"
        datatype = term.datatype.value
        if datatype != XSD_STRING:
            return text + ',"datatype":' + encode_string(datatype) + "}"
        return text + "}"
    if isinstance(term, ox.BlankNode):
        return '{"type":"bnode","value":' + encode_string(term.value) + "}"
    return (
        '{"type":"triple","value":{"subject":'
        + term_text(term.subject)
        + ',"predicate":'
        + term_text(term.predicate)
        + ',"object":'
        + term_text(term.object)
        + "}}"
    )


def solutions_json(solutions: ox.QuerySolutions, max_rows: int) -> Body:
    """SPARQL 1.1 JSON results of at most ``max_rows`` rows.

    Written as text rather than by :func:`json.dumps` of dictionaries, and each distinct term
    once per answer (an agent or a date recurs in many rows): two to three times as fast."""
    variables = [v.value for v in solutions.variables]
    keys = [encode_string(name) + ":" for name in variables]
    written: dict[Term, str] = {}
    rows: list[str] = []
    truncated = False
    for solution in solutions:
        if len(rows) >= max_rows:
            truncated = True
            break
        fields = []
        for key, term in zip(keys, solution, strict=True):
            if term is not None:
                text = written.get(term)
                if text is None:
                    text = written[term] = term_text(term)
                fields.append(key + text)
        rows.append("{" + ",".join(fields) + "}")
    head = ",".join(encode_string(name) for name in variables)
    document = '{"head":{"vars":[' + head + ']},"results":{"bindings":[' + ",".join(rows) + "]}}"
    return Body(document.encode("utf-8"), truncated)


def graph_bytes(
    triples: list[ox.Triple], fmt: str, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """``triples`` in the RDF format ``fmt``; quad formats put them in the default graph. In
    the formats meant to be read (Turtle, TriG, N3, RDF/XML) the triples are grouped by subject
    and predicate, named subjects first, and written with the prefixes."""
    rdf_format = RDF_FORMATS[fmt]
    used = dict(prefixes) if prefixes and fmt in PRETTY else None
    if fmt in PRETTY:
        triples = sorted(triples, key=_reading_order)
    if rdf_format.supports_datasets:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(quads, format=rdf_format, prefixes=used) or b""
    return ox.serialize(triples, format=rdf_format, prefixes=used) or b""


def _reading_order(triple: ox.Triple) -> tuple[bool, str, str]:
    return (isinstance(triple.subject, ox.BlankNode), str(triple.subject), str(triple.predicate))


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
    graph (README, "Named graphs")."""
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
