"""Write a query's answer in the negotiated format.

pyoxigraph writes every format; SPARQL JSON is written here instead so that the row cap
(``MAX_ROWS``, for the UI) can stop early and say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from gcm_kg.namespaces import PREFIXES

from .negotiation import Format

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

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
"""Formats that can use our prefixes."""


@dataclass(frozen=True)
class Body:
    """A serialised answer; ``truncated`` when the row cap cut it."""

    data: bytes
    truncated: bool = False


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


def serialize(result: QueryResult, fmt: Format, max_rows: int) -> Body:
    """``result`` in ``fmt`` (a format that :mod:`negotiation` chose for its kind)."""
    if isinstance(result, ox.QuerySolutions) and fmt.name == "json":
        return solutions_json(result, max_rows)
    if isinstance(result, ox.QueryTriples):
        return Body(graph_bytes(list(result), fmt))
    return Body(result.serialize(format=RESULT_FORMATS[fmt.name]) or b"")


def graph_bytes(triples: list[ox.Triple], fmt: Format) -> bytes:
    """``triples`` in the RDF format ``fmt``; quad formats put them in the default graph."""
    rdf_format = RDF_FORMATS[fmt.name]
    prefixes = PREFIXES if fmt.name in PRETTY else None
    if rdf_format.supports_datasets:
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
        return ox.serialize(quads, format=rdf_format, prefixes=prefixes) or b""
    return ox.serialize(triples, format=rdf_format, prefixes=prefixes) or b""
