"""JSON-LD as people read it: compacted with the project's context.

The context (:data:`CONTEXT`) declares the prefixes the endpoint predeclares
(:data:`gcm_kg.terms.PREFIXES`) and language maps for labels and descriptions, so a resource reads
``"prefLabel": {"es": "…", "en": "…"}``. Every JSON-LD document the pages send carries it inline;
it is also served at ``/context.jsonld`` (``{base}context.jsonld``), a stable IRI for programs that
compact or frame data of their own with it. Compaction is done by rdflib's JSON-LD serialiser.
"""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from gcm_kg.terms import DCTERMS, PREFIXES, RDFS, SKOS

LANGUAGE_MAPS = {
    "prefLabel": str(SKOS.prefLabel),
    "altLabel": str(SKOS.altLabel),
    "label": str(RDFS.label),
    "description": str(DCTERMS.description),
    "title": str(DCTERMS.title),
}
"""Terms whose values are shown as a map from language to text."""

CONTEXT: dict[str, Any] = {
    **PREFIXES,
    **{name: {"@id": iri, "@container": "@language"} for name, iri in LANGUAGE_MAPS.items()},
}


def context_document() -> bytes:
    """The context alone, as served at ``/context.jsonld``."""
    return (json.dumps({"@context": CONTEXT}, indent=2, ensure_ascii=False) + "\n").encode()


def compact(ntriples: bytes, first: str | None = None) -> bytes:
    """The N-Triples ``ntriples`` as compacted JSON-LD with :data:`CONTEXT`, one node per subject,
    ``first`` (the resource the document describes) first and the others by IRI."""
    graph = Graph()
    for triple in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES):
        graph.add((term(triple.subject), term(triple.predicate), term(triple.object)))
    document = json.loads(graph.serialize(format="json-ld", context=CONTEXT, auto_compact=False))
    if not isinstance(document, dict):  # pragma: no cover - rdflib always writes an object here
        raise TypeError("rdflib wrote a JSON-LD document that is not an object")
    nodes = document.get("@graph")
    if nodes is None:
        nodes = (
            [{k: v for k, v in document.items() if k != "@context"}] if len(document) > 1 else []
        )
    full = {node.get("@id"): node for node in nodes}

    def rank(node: dict[str, Any]) -> tuple[bool, bool, str]:
        iri = str(node.get("@id", ""))
        return (expand(iri) != first, iri.startswith("_:"), iri)

    ordered = sorted((tidy(n) for n in relabel_blank_nodes(list(full.values()))), key=rank)
    out = {"@context": CONTEXT, "@graph": ordered}
    return (json.dumps(out, indent=2, ensure_ascii=False) + "\n").encode()


def term(node: Any) -> Node:
    """A term of pyoxigraph as rdflib's, the lexical form of a literal kept as it is."""
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if node.language:
        return Literal(node.value, lang=node.language)
    return Literal(node.value, datatype=URIRef(node.datatype.value), normalize=False)


def shorten(iri: str) -> str:
    """``iri`` as a compact IRI of :data:`CONTEXT` (the longest namespace that fits), or as is."""
    best = max(
        (
            p
            for p, ns in PREFIXES.items()
            if iri.startswith(ns) and not iri[len(ns) :].startswith("//")
        ),
        key=lambda p: len(PREFIXES[p]),
        default=None,
    )
    return iri if best is None else f"{best}:{iri[len(PREFIXES[best]) :]}"


def tidy(value: Any) -> Any:
    """Node references and types as compact IRIs; the values of a property in a stable order
    (an ``@list`` keeps its own)."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if key == "@id" and isinstance(item, str):
                out[key] = shorten(expand(item))
            elif key == "@type":
                out[key] = (
                    [shorten(expand(t)) for t in item]
                    if isinstance(item, list)
                    else shorten(expand(item))
                )
            elif key == "@list":
                out[key] = [tidy(v) for v in item]
            else:
                out[key] = tidy(item)
        return out
    if isinstance(value, list):
        return sorted((tidy(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    return value


def relabel_blank_nodes(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Blank nodes named ``_:b1``, ``_:b2`` … by what they say (and what the blank nodes they point
    to say), so that the same graph is always the same document: the parser names them at
    random. Blank nodes that say the same are interchangeable, so their order does not matter."""
    blank = {str(n["@id"]): n for n in nodes if str(n.get("@id", "")).startswith("_:")}
    signature = dict.fromkeys(blank, "")

    def described(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: ("_:" + signature[v] if k == "@id" and v in blank else described(v))
                for k, v in value.items()
            }
        if isinstance(value, list):
            return sorted(
                (described(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True)
            )
        return value

    for _ in range(4):  # blank nodes of VoID and OWL nest two or three deep
        signature = {
            iri: json.dumps(
                described({k: v for k, v in node.items() if k != "@id"}), sort_keys=True
            )
            for iri, node in blank.items()
        }
    names = {iri: f"_:b{i}" for i, iri in enumerate(sorted(blank, key=signature.__getitem__), 1)}

    def rename(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: names.get(v, v) if k == "@id" and isinstance(v, str) else rename(v)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [rename(v) for v in value]
        return value

    return [rename(n) for n in nodes]


def expand(name: str) -> str:
    """A compact IRI of :data:`CONTEXT` (``agent:iom``) as a full IRI."""
    prefix, colon, rest = name.partition(":")
    namespace = PREFIXES.get(prefix)
    return namespace + rest if colon and namespace and not rest.startswith("//") else name
