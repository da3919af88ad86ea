"""Fuzzing ``/sparql``: queries from a SPARQL grammar (valid, mangled, hostile), raw text and
bytes, every method and content type, garbage headers and dataset parameters. Every request gets
a correct answer or a 4xx with a message; never a 5xx (the time limit's 503 aside), a hang or a
crash of the query workers. Then, one by one, the hostile inputs that would end the store's
process without the complexity limits, and other extremes."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from fuzzing import (
    FUZZ,
    accepts,
    check_answer,
    content_types,
    header_safe,
    nasty_text,
    queries,
)
from hypothesis import given
from hypothesis import strategies as st

GRAPHS = [
    "https://w3id.org/gcm-kg/graph/agents",
    "https://w3id.org/gcm-kg/graph/nope",
    "http://127.0.0.1:9/remote.ttl",
    "",
    "not an iri",
]
dataset_params = st.lists(
    st.tuples(
        st.sampled_from(["default-graph-uri", "named-graph-uri"]),
        st.one_of(st.sampled_from(GRAPHS), nasty_text),
    ),
    max_size=3,
)


def _headers(accept: str | None, content_type: str | None = None) -> dict[str, str]:
    headers = {}
    if accept is not None:
        headers["Accept"] = header_safe(accept)
    if content_type is not None:
        headers["Content-Type"] = header_safe(content_type)
    return headers


@FUZZ
@given(query=queries, accept=accepts, dataset=dataset_params)
def test_get(
    client: FlaskClient, query: str, accept: str | None, dataset: list[tuple[str, str]]
) -> None:
    response = client.get(
        "/sparql", query_string=[("query", query), *dataset], headers=_headers(accept)
    )
    check_answer(response)


FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"


@FUZZ
@given(
    query=queries,
    accept=accepts,
    content_type=st.one_of(st.just(FORM), st.just(FORM + "; charset=UTF-8"), content_types),
    extra=dataset_params,
)
def test_post_form(
    client: FlaskClient,
    query: str,
    accept: str | None,
    content_type: str | None,
    extra: list[tuple[str, str]],
) -> None:
    from urllib.parse import urlencode

    body = urlencode([("query", query), *extra])
    response = client.post("/sparql", data=body, headers=_headers(accept, content_type))
    check_answer(response)


@FUZZ
@given(
    body=st.one_of(
        queries.map(lambda q: q.encode("utf-8", "surrogatepass")), st.binary(max_size=300)
    ),
    accept=accepts,
    content_type=st.one_of(st.just(DIRECT), st.just(DIRECT + "; charset=utf-8"), content_types),
)
def test_post_direct(
    client: FlaskClient, body: bytes, accept: str | None, content_type: str | None
) -> None:
    response = client.post("/sparql", data=body, headers=_headers(accept, content_type))
    check_answer(response)


@FUZZ
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["query", "update", "default-graph-uri", "lang", "format", ""]),
            nasty_text,
        ),
        max_size=4,
    ),
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
    accept=accepts,
)
def test_any_method_and_parameters(
    client: FlaskClient, params: list[tuple[str, str]], method: str, accept: str | None
) -> None:
    response = client.open("/sparql", method=method, query_string=params, headers=_headers(accept))
    check_answer(response)


# --- the hostile inputs one by one --------------------------------------------------------------


def _chain(separator: str, item: str, n: int) -> str:
    return separator.join([item] * n)


DEEP = {
    "5000 nested groups": "SELECT * WHERE " + "{" * 5000 + "}" * 5000,
    "5000 nested parentheses in FILTER": "SELECT * WHERE { FILTER("
    + "(" * 5000
    + "1"
    + ")" * 5000
    + ") }",
    "400 nested collections": "SELECT * WHERE { ?s ?p " + "(" * 400 + ")" * 400 + " }",
    "3000 nested subqueries": "SELECT * WHERE " + "{SELECT * WHERE " * 3000 + "{}" + "}" * 3000,
    "20000 negations": "SELECT * WHERE { FILTER(" + "!" * 20000 + "true) }",
    "10000 additions": "SELECT * WHERE { FILTER(" + _chain("+", "1", 10000) + ") }",
    "10000 disjunctions": "SELECT * WHERE { ?s ?p ?o FILTER(" + _chain("||", "?o", 10000) + ") }",
    "10000 UNIONs": "SELECT * WHERE { " + _chain(" UNION ", "{?s ?p ?o}", 10000) + " }",
    "3000 MINUS": "SELECT * WHERE { ?s ?p ?o " + _chain(" ", "MINUS {?s ?p ?x}", 3000) + " }",
    "3000 BINDs": "SELECT * WHERE { " + " ".join(f"BIND({i} AS ?v{i})" for i in range(3000)) + " }",
    "5000-step property path": "SELECT * WHERE { ?s "
    + _chain("/", "skos:notation", 5000)
    + " ?o }",
    "60 nested groups with FROM": "SELECT * FROM <https://w3id.org/gcm-kg/graph/agents> WHERE "
    + "{" * 60
    + "}" * 60,
    "10000 nested quoted triples": "SELECT * WHERE { "
    + "<< " * 10000
    + "?s ?p ?o"
    + " >> ?p ?o" * 10000
    + " }",
    "5000 nested function calls": "SELECT * WHERE { FILTER("
    + "STR(" * 5000
    + "1"
    + ")" * 5000
    + ") }",
    "5000 nested blank nodes": "SELECT * WHERE { ?s ?p "
    + "[ <p> " * 5000
    + "1"
    + " ]" * 5000
    + " }",
    "5000 nested property paths": "SELECT * WHERE { ?s "
    + "(" * 5000
    + "<p>"
    + ")" * 5000
    + " ?o }",
    "5000 inverse paths": "SELECT * WHERE { ?s " + "^(" * 5000 + "<p>" + ")" * 5000 + " ?o }",
}


@pytest.mark.parametrize("query", DEEP.values(), ids=DEEP.keys())
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_too_complex_is_a_400_naming_the_limit(
    client: FlaskClient, query: str, method: str
) -> None:
    if method == "GET":
        response = client.get("/sparql", query_string={"query": query})
    else:
        response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400, response.text[:300]
    assert "nest" in response.text or "operators" in response.text


@pytest.mark.parametrize(
    "query",
    [
        # queries at the limits (50 levels, 1000 operators)
        "SELECT * WHERE { ?s ?p " + "(" * 49 + ")" * 49 + " }",
        "SELECT * WHERE " + "{ {?s ?p ?o} UNION " * 48 + "{}" + "}" * 48,
        "SELECT * WHERE { FILTER(" + "!" * 990 + "true) }",
        "SELECT * WHERE { " + "<< " * 49 + "?s ?p ?o" + " >> ?p ?o" * 49 + " }",
    ],
    ids=["49 nested collections", "48 nested UNIONs", "990 negations", "49 quoted triples"],
)
def test_complex_but_within_the_limits_is_answered(client: FlaskClient, query: str) -> None:
    response = client.post("/sparql", data={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 200, response.text[:300]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE " + "\\u007B" * 3000 + "\\u007D" * 3000,
        'SELECT ("\\U00110000" AS ?x) {}',
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/\\U00110000> { ?s ?p ?o } }",
    ],
    ids=["brackets written as \\u escapes", "an escape past Unicode", "in a SERVICE IRI"],
)
def test_escapes_the_store_does_not_read_are_a_400(client: FlaskClient, query: str) -> None:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 400, response.text[:300]
    assert response.text.strip()


def test_a_200_kb_literal_is_answered(client: FlaskClient) -> None:
    literal = "é<b>" * 40_000  # 200 kB of UTF-8
    query = f'SELECT ?x WHERE {{ BIND("{literal}" AS ?x) }}'
    response = client.post(
        "/sparql",
        data=query.encode(),
        headers={"Accept": "text/csv", "Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 200
    assert literal in response.text


def test_5000_variables_are_answered(client: FlaskClient) -> None:
    names = [f"?v{i}" for i in range(5000)]
    query = f"SELECT {' '.join(names)} WHERE {{ ?v0 a gcm:Workplan }}"
    response = client.post(
        "/sparql", data={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert response.status_code == 200
    assert len(response.json["head"]["vars"]) == 5000  # type: ignore[index]


@pytest.mark.parametrize(
    "raw",
    [
        "query=%ff%fe%fd",
        "query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%3Fp%20%3Fo%20%7D%00",
        "query=%00",
        "query=%C0%AF",
        "query=%ED%A0%80",
        "query=%",
        "query=%zz",
        "query",
        "query=ASK%7B%7D&query=ASK%7B%7D",
    ],
)
def test_invalid_percent_escapes(client: FlaskClient, raw: str) -> None:
    response = client.get(f"/sparql?{raw}", headers={"Accept": "text/csv"})
    check_answer(response)


@pytest.mark.parametrize(
    "body", [b"\xff\xfeS\x00E\x00", b"ASK {} \x00", "ASK { FILTER('é') }".encode("latin-1")]
)
def test_direct_post_that_is_not_utf8(client: FlaskClient, body: bytes) -> None:
    response = client.post(
        "/sparql", data=body, headers={"Content-Type": "application/sparql-query"}
    )
    check_answer(response)
    assert response.status_code in (400, 415)
