"""SPARQL 1.1 JSON results as gcm_kg.answers writes them: every kind of term, unbound
variables, the row cap, and the same answer as pyoxigraph's own writer."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
import pytest

from gcm_kg.answers import graph_bytes, solutions_json

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "http://example.org/"


@pytest.fixture(scope="module")
def store() -> ox.Store:
    store = ox.Store()
    p = ox.NamedNode(EX + "p")
    for n in range(30):
        store.add(
            ox.Quad(
                ox.NamedNode(f"{EX}s{n}"),
                p,
                ox.Literal(str(n % 7), datatype=ox.NamedNode(XSD + "integer")),
            )
        )
    return store


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("<http://example.org/a?b=c&d=é>", {"type": "uri", "value": EX + "a?b=c&d=é"}),
        ("BNODE()", {"type": "bnode"}),
        ('"plain"', {"type": "literal", "value": "plain"}),
        ('"hola"@es', {"type": "literal", "value": "hola", "xml:lang": "es"}),
        ('"1"^^xsd:integer', {"type": "literal", "value": "1", "datatype": XSD + "integer"}),
        (
            '"2021-12-31"^^xsd:date',
            {"type": "literal", "value": "2021-12-31", "datatype": XSD + "date"},
        ),
        (
            '"quote \\" back \\\\ line\\n tab\\t bell\\u0007 é 🌍"',
            {"type": "literal", "value": 'quote " back \\ line\n tab\t bell\x07 é 🌍'},
        ),
        (
            "<<( <http://example.org/s> <http://example.org/p> 1 )>>",
            {
                "type": "triple",
                "value": {
                    "subject": {"type": "uri", "value": EX + "s"},
                    "predicate": {"type": "uri", "value": EX + "p"},
                    "object": {"type": "literal", "value": "1", "datatype": XSD + "integer"},
                },
            },
        ),
    ],
)
def test_each_kind_of_term(store: ox.Store, term: str, expected: dict[str, Any]) -> None:
    query = f"PREFIX xsd: <{XSD}> SELECT ?x ?unbound WHERE {{ BIND({term} AS ?x) }}"
    body = solutions_json(store.query(query), 10)
    document = json.loads(body.data)
    assert document["head"] == {"vars": ["x", "unbound"]}
    [row] = document["results"]["bindings"]
    assert set(row) == {"x"}  # an unbound variable is left out of its row
    if expected["type"] == "bnode":
        assert row["x"]["type"] == "bnode" and row["x"]["value"]
    else:
        assert row["x"] == expected
    assert not body.truncated


@pytest.mark.parametrize(
    ("cap", "rows", "truncated"), [(100, 30, False), (30, 30, False), (29, 29, True), (1, 1, True)]
)
def test_row_cap(store: ox.Store, cap: int, rows: int, truncated: bool) -> None:
    body = solutions_json(store.query("SELECT * WHERE { ?s ?p ?o }"), cap)
    assert len(json.loads(body.data)["results"]["bindings"]) == rows
    assert body.truncated is truncated


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p ?o } ORDER BY ?s",
        "SELECT ?o (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?o ORDER BY ?o",
        "SELECT ?s ?missing WHERE { ?s ?p ?o OPTIONAL { ?s <http://example.org/q> ?missing } }",
        "SELECT * WHERE { FILTER(false) }",
        "SELECT * WHERE { VALUES ?x { 'a' 1 2.5 true <http://example.org/x> 'b'@en-GB } }",
    ],
)
def test_same_answer_as_pyoxigraph(store: ox.Store, query: str) -> None:
    ours = json.loads(solutions_json(store.query(query), 10_000).data)
    theirs = json.loads(store.query(query).serialize(format=ox.QueryResultsFormat.JSON) or b"")
    assert ours["head"]["vars"] == theirs["head"]["vars"]
    assert ours["results"]["bindings"] == theirs["results"]["bindings"]


def test_turtle_is_grouped_by_subject_with_the_prefixes() -> None:
    a, b = ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/b")
    p, q = ox.NamedNode("http://example.org/p"), ox.NamedNode("http://example.org/q")
    triples = [
        ox.Triple(a, p, ox.Literal("1")),
        ox.Triple(ox.BlankNode("x"), p, a),
        ox.Triple(b, p, ox.Literal("2")),
        ox.Triple(a, q, ox.Literal("3")),
        ox.Triple(a, p, ox.Literal("4")),
    ]
    text = graph_bytes(triples, "turtle", {"ex": "http://example.org/"}).decode()
    assert text.startswith("@prefix ex: <http://example.org/> .\n")
    body = [line for line in text.splitlines()[1:] if line.strip()]
    assert body[0].startswith("ex:a ex:p ") and body[1].strip().startswith("ex:q ")
    assert body[2].startswith("ex:b ") and body[3].startswith("_:")
    assert len(list(ox.parse(text.encode(), format=ox.RdfFormat.TURTLE))) == 5
