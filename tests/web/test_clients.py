"""Real SPARQL clients against the endpoint: rdflib's SPARQLStore, which asks for SPARQL JSON
for every query (CONSTRUCT and DESCRIBE get Turtle then, as RFC 9110 allows)."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

IOM = URIRef("https://w3id.org/gcm-kg/id/agent/iom")


@pytest.fixture(scope="module")
def graph(live_server: str) -> Graph:
    return Graph(SPARQLStore(live_server + "/sparql", returnFormat="json"))


def test_select(graph: Graph) -> None:
    rows = list(
        graph.query(
            "SELECT (COUNT(?a) AS ?n) WHERE { ?a a <https://w3id.org/gcm-kg/ontology#Activity> }"
        )
    )
    assert int(rows[0][0]) == 59


def test_ask(graph: Graph) -> None:
    assert graph.query(
        f"ASK {{ ?p <https://w3id.org/gcm-kg/ontology#leadEntity> <{IOM}> }}"
    ).askAnswer


def test_construct(graph: Graph) -> None:
    result = graph.query(f"CONSTRUCT {{ <{IOM}> ?p ?o }} WHERE {{ <{IOM}> ?p ?o }}")
    assert result.graph is not None and len(result.graph) > 5
    assert all(s == IOM for s in result.graph.subjects())


def test_describe(graph: Graph) -> None:
    result = graph.query(f"DESCRIBE <{IOM}>")
    assert result.graph is not None
    assert (IOM, None, None) in result.graph
