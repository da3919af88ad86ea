"""Write RDF terms and SHACL paths as a maintainer reads them: ``agent:iom``, ``^gcm:timeline``.

Prefixed names use the project's prefixes (:data:`~gcm_kg.namespaces.PREFIXES`, and ``gcmsh:``
for the shapes); an IRI whose
local part would need escaping (activities: ``…/activity/core-1/2``) is written in full.
"""

from __future__ import annotations

import re

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .namespaces import BASE, PREFIXES, RDF, SH, XSD

_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_PREFIXES = {**PREFIXES, "gcmsh": BASE + "shapes#"}
_BY_LENGTH = sorted(_PREFIXES.items(), key=lambda item: len(item[1]), reverse=True)


def term(node: Node | None) -> str:
    """``agent:iom``, ``<https://w3id.org/gcm-kg/id/activity/core-1/2>``, ``"1"^^xsd:integer``."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        for prefix, namespace in _BY_LENGTH:
            if node.startswith(namespace) and _LOCAL.fullmatch(node[len(namespace) :]):
                return f"{prefix}:{node[len(namespace) :]}"
        return f"<{node}>"
    if isinstance(node, Literal):
        text = '"' + str(node).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None and node.datatype != XSD.string:
            return f"{text}^^{term(node.datatype)}"
        return text
    return f"_:{node}"


def path(graph: Graph, node: Node | None) -> str:
    """A SHACL property path of ``graph`` in SPARQL syntax: ``gcm:timeline``, ``^gcm:timeline``."""
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return term(node)
    if isinstance(node, BNode):
        inverse = graph.value(node, SH.inversePath)
        if inverse is not None:
            return "^" + path(graph, inverse)
        alternatives = graph.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(path(graph, p) for p in Collection(graph, alternatives)) + ")"
        for predicate, mark in (
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = graph.value(node, predicate)
            if inner is not None:
                return path(graph, inner) + mark
        if (node, RDF.first, None) in graph:
            return "/".join(path(graph, p) for p in Collection(graph, node))
    return term(node)
