"""No query reaches the network: SERVICE, remote FROM, dataset parameters and LOAD are refused
with a 400 (403 for LOAD, an update) before anything is evaluated; a local listener shows that no
connection is opened. Refusals come from the parse tree, so comments and literals do not fool it."""

from __future__ import annotations

import time

import pytest
from flask.testing import FlaskClient
from live import Listener


def _queries(url: str) -> dict[str, tuple[dict[str, str], int, str]]:
    return {
        "SERVICE": (
            {"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"},
            400,
            "SERVICE",
        ),
        "SERVICE SILENT": (
            {
                "query": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }} }} LIMIT 1"
            },
            400,
            "SERVICE",
        ),
        "SERVICE in ASK": ({"query": f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"}, 400, "SERVICE"),
        "SERVICE variable": (
            {"query": f"SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"},
            400,
            "variable",
        ),
        "FROM": ({"query": f"SELECT * FROM <{url}> WHERE {{ ?s ?p ?o }}"}, 400, "FROM"),
        "FROM NAMED": (
            {"query": f"SELECT * FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"},
            400,
            "FROM",
        ),
        "default-graph-uri": (
            {"query": "ASK { ?s ?p ?o }", "default-graph-uri": url},
            400,
            "default-graph-uri",
        ),
        "named-graph-uri": (
            {"query": "ASK { ?s ?p ?o }", "named-graph-uri": url},
            400,
            "named-graph-uri",
        ),
        "LOAD": ({"query": f"LOAD <{url}>"}, 403, "read-only"),
    }


CASES = list(_queries("http://127.0.0.1:PORT/sparql"))


@pytest.mark.parametrize("case", CASES)
def test_refused_without_opening_a_connection(
    client: FlaskClient, listener: Listener, case: str
) -> None:
    params, status, reason = _queries(listener.url)[case]
    r = client.get("/sparql", query_string=params)
    assert r.status_code == status, r.text
    assert reason in r.text
    time.sleep(0.3)  # the listener would have accepted by now
    assert listener.connections == 0


def test_allow_listed_service_is_attempted(app_factory, listener: Listener) -> None:  # type: ignore[no-untyped-def]
    """The allow-list works (and the listener does see connections when one is made)."""
    client = app_factory(SERVICE_ALLOWLIST=(listener.url,)).test_client()
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code != 400
    time.sleep(0.3)
    assert listener.connections >= 1


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?s WHERE { ?s skos:notation "SERVICE <http://127.0.0.1:1/> { }" } LIMIT 1',
        "# SERVICE <http://127.0.0.1:1/> { ?s ?p ?o }\nASK { ?s ?p ?o }",
        "ASK { ?s ?p ?o } # FROM <http://127.0.0.1:1/x.ttl>",
        'SELECT ?x WHERE { BIND("LOAD <http://127.0.0.1:1/>" AS ?x) }',
    ],
)
def test_comments_and_literals_do_not_fool_the_checks(client: FlaskClient, query: str) -> None:
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 200, r.text


def test_unknown_graph_message_lists_the_store_graphs(client: FlaskClient) -> None:
    query = "SELECT * FROM <https://w3id.org/gcm-kg/graph/nope> WHERE { ?s ?p ?o }"
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 400
    assert "not a named graph of this store" in r.text
    assert "https://w3id.org/gcm-kg/graph/agents" in r.text
