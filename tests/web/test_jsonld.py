"""JSON-LD as people read it: compacted with the project's context (also served at
/context.jsonld), the described resource first, labels as maps from language to text, and the
same graph as every other format."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from gcm_kg.terms import PREFIXES
from server.pages.jsonld import CONTEXT, compact, expand

BASE = "https://w3id.org/gcm-kg/"
PATHS = {
    "/id/agent/iom": f"{BASE}id/agent/iom",
    "/id/priority/core-2-1": f"{BASE}id/priority/core-2-1",
    "/id/activity/core-2-1/1": f"{BASE}id/activity/core-2-1/1",
    "/ontology": f"{BASE}ontology",
    "/.well-known/void": f"{BASE}.well-known/void#dataset",
}


def graph(body: bytes, fmt: ox.RdfFormat) -> set[tuple[str, str, str]]:
    """The triples, blank nodes aside (their labels differ between documents)."""
    out = set()
    for quad in ox.parse(body, format=fmt):
        terms = (quad.subject, quad.predicate, quad.object)
        out.add(tuple("_" if isinstance(t, ox.BlankNode) else str(t) for t in terms))
    return out  # type: ignore[return-value]


@pytest.mark.parametrize("path", PATHS)
def test_compacted_with_the_context(client: FlaskClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "application/ld+json"})
    assert r.status_code == 200 and r.mimetype == "application/ld+json"
    document = json.loads(r.data)
    assert document["@context"] == CONTEXT
    nodes = document["@graph"]
    assert expand(nodes[0]["@id"]) == PATHS[path], "the resource described comes first"
    triples = graph(
        client.get(path, headers={"Accept": "application/n-triples"}).data, ox.RdfFormat.N_TRIPLES
    )
    assert graph(r.data, ox.RdfFormat.JSON_LD) == triples


def test_labels_are_language_maps_and_iris_compact(client: FlaskClient) -> None:
    document = json.loads(client.get("/id/agent/iom.jsonld").data)
    iom = document["@graph"][0]
    assert iom["@id"] == "agent:iom"
    assert iom["prefLabel"] == {
        "en": "International Organization for Migration",
        "es": "Organización Internacional para las Migraciones",
    }
    assert "gcm:UNEntity" in iom["@type"]
    assert {"@id": "activity:core-2-1/1"} in iom["gcm:involvedIn"]


def test_the_same_graph_is_the_same_document(client: FlaskClient) -> None:
    # the VoID description has blank nodes, named at random by the parser: they are renamed
    first = client.get("/.well-known/void.jsonld").data
    assert b'"_:b1"' in first
    assert client.get("/.well-known/void.jsonld").data == first


def test_blank_nodes_are_named_by_what_they_say() -> None:
    a = b'_:x <http://e/p> "1" .\n_:y <http://e/p> "2" .\n<http://e/s> <http://e/q> _:x, _:y .\n'
    b = b'_:k <http://e/p> "2" .\n_:j <http://e/p> "1" .\n<http://e/s> <http://e/q> _:j, _:k .\n'
    assert compact(
        a.replace(b", _:", b" .\n<http://e/s> <http://e/q> _:"), "http://e/s"
    ) == compact(b.replace(b", _:", b" .\n<http://e/s> <http://e/q> _:"), "http://e/s")


def test_the_context_at_its_own_address(client: FlaskClient) -> None:
    r = client.get("/context.jsonld")
    assert r.status_code == 200 and r.mimetype == "application/ld+json"
    assert json.loads(r.data) == {"@context": CONTEXT}
    for prefix, namespace in PREFIXES.items():
        assert CONTEXT[prefix] == namespace
    assert (
        client.get("/context.jsonld", headers={"If-None-Match": r.headers["ETag"]}).status_code
        == 304
    )
