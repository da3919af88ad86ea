"""The SPARQL 1.1 service description of the endpoint (``GET /sparql`` without a query)."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

from gcm_kg.terms import DCTERMS, RDF, SD, VOID, XSD

from .negotiation import FORMATS

FORMATS_NS = "http://www.w3.org/ns/formats/"
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
    "trig": "TriG",
    "nquads": "N-Quads",
    "n3": "N3",
}


def _iri(value: object) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_iri(XSD.integer))


def service_description(
    endpoint: str, graphs: Mapping[str, int], services_allowed: bool
) -> list[ox.Triple]:
    """Triples describing the endpoint at ``endpoint`` over named ``graphs`` (IRI → triples)."""
    service = _iri(endpoint)
    dataset, default = ox.BlankNode("dataset"), ox.BlankNode("default")
    a = _iri(RDF.type)
    out = [
        ox.Triple(service, a, _iri(SD.Service)),
        ox.Triple(service, _iri(SD.endpoint), service),
        ox.Triple(service, _iri(SD.supportedLanguage), _iri(SD.SPARQL11Query)),
        ox.Triple(service, _iri(SD.feature), _iri(SD.UnionDefaultGraph)),
        ox.Triple(
            service,
            _iri(DCTERMS.description),
            ox.Literal(
                "Read-only SPARQL 1.1 endpoint of gcm-kg; the default graph is the union of "
                "the named graphs; queries never reach the network.",
                language="en",
            ),
        ),
        ox.Triple(service, _iri(SD.defaultDataset), dataset),
        ox.Triple(dataset, a, _iri(SD.Dataset)),
        ox.Triple(dataset, _iri(SD.defaultGraph), default),
        ox.Triple(default, a, _iri(SD.Graph)),
        ox.Triple(default, _iri(VOID.triples), _integer(sum(graphs.values()))),
    ]
    if services_allowed:
        out.append(ox.Triple(service, _iri(SD.feature), _iri(SD.BasicFederatedQuery)))
    for fmt in FORMATS:
        if fmt.name in FORMAT_IRIS:
            out.append(
                ox.Triple(service, _iri(SD.resultFormat), _iri(FORMATS_NS + FORMAT_IRIS[fmt.name]))
            )
    for name, count in sorted(graphs.items()):
        node, graph = ox.BlankNode(), ox.BlankNode()
        out += [
            ox.Triple(dataset, _iri(SD.namedGraph), node),
            ox.Triple(node, a, _iri(SD.NamedGraph)),
            ox.Triple(node, _iri(SD.name), _iri(name)),
            ox.Triple(node, _iri(SD.graph), graph),
            ox.Triple(graph, a, _iri(SD.Graph)),
            ox.Triple(graph, _iri(VOID.triples), _integer(count)),
        ]
    return out
