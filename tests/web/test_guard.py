"""The query guard (server/guard.py): what it lets through, what it refuses and how it says so.

Valid SPARQL is never refused for words that happen to be keywords elsewhere; SERVICE, FROM and
updates are found however they are spelt; nesting of every kind is bounded (each kind generated
at the limit and one past it); the store's syntax errors are reworded."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st

from gcm_kg.terms import PREFIXES
from server.errors import (
    EndpointError,
    QuerySyntaxError,
    QueryTooComplex,
    ReadOnly,
    UnsafeQuery,
)
from server.guard import Limits, check, syntax_error, tokens
from server.negotiation import Kind

GRAPH = "https://w3id.org/gcm-kg/graph/agents"
BASE = "https://w3id.org/gcm-kg/"


def _check(query: str, **kw: object) -> object:
    return check(query, graphs={GRAPH}, prefixes=PREFIXES, base_iri=BASE, **kw)  # type: ignore[arg-type]


VALID = [
    "SELECT ?from WHERE { ?s ?p ?from . ?s ?p -1.5 }",
    "SELECT ?x WHERE { VALUES ?x { -0.5 } } # FROM",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:serviceLevel -2.0 }",
    "SELECT * WHERE { ?s ?p ( -1.0 ) }",
    "SELECT * { _:service ?p ?o }",
    'SELECT * { ?s ?p "x"@service }',
    'SELECT * { ?s ?p "x"@en-service }',
    "SELECT ?s WHERE { ?s ?p ?o } ORDER BY <http://example.org/f>(?s)",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ?p ?o FILTER(ex:fn(?o)) }",
    'SELECT * WHERE { ?s ?p "SERVICE <http://x/> {}" }',
    "SELECT * WHERE { # SERVICE <http://x/> {}\n ?s ?p ?o }",
    "PREFIX service: <http://x/> SELECT * WHERE { ?s service:load ?from }",
    "SELECT * WHERE { ?s <http://x/f(a)> ?o }",
    "SELECT * WHERE { << ?s ?p ?o >> ?q ?r }",
    "SELECT * WHERE { ?s ?p <<( ?s ?p ?o )>> }",
    f"SELECT * FROM <{GRAPH}> WHERE {{ ?s ?p ?o }}",
    f"SELECT * FROM NAMED <{GRAPH}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "BASE <https://w3id.org/gcm-kg/graph/> SELECT * FROM <agents> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?a ?b ?c FILTER(?a<?b&&?b>?c) }",
    'SELECT ("\\\\U00110000" AS ?x) {}',
    'SELECT ("\\U0010FFFF" AS ?x) {}',
]


@pytest.mark.parametrize("query", VALID)
def test_valid_queries_pass(query: str) -> None:
    _check(query)


@pytest.mark.parametrize("query", VALID)
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_valid_queries_are_answered_over_http(client: FlaskClient, query: str, method: str) -> None:
    headers = {"Accept": "application/sparql-results+json"}
    if method == "GET":
        response = client.get("/sparql", query_string={"query": query}, headers=headers)
    else:
        response = client.post(
            "/sparql",
            data=query.encode(),
            headers={**headers, "Content-Type": "application/sparql-query"},
        )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("query", "form"),
    [
        ("SELECT * {}", Kind.SOLUTIONS),
        ("prefix x: <http://x/> ask {}", Kind.BOOLEAN),
        ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", Kind.GRAPH),
        ("DESCRIBE <x>", Kind.GRAPH),
        ("# comment\nSELECT * {}", Kind.SOLUTIONS),
    ],
)
def test_the_form_of_the_query(query: str, form: Kind) -> None:
    assert _check(query).form is form  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
        "BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o } # c\rSERVICE <http://127.0.0.1:9/> {}",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/\\u0073parql> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { ?s ?p ?o }",
    ],
)
def test_what_would_reach_the_network_is_refused(query: str) -> None:
    with pytest.raises(UnsafeQuery):
        _check(query)


def test_the_dataset_parameters_name_graphs_of_the_store() -> None:
    _check("SELECT * {}", default_graphs=[GRAPH], named_graphs=[GRAPH])
    with pytest.raises(UnsafeQuery, match="Its named graphs"):
        _check("SELECT * {}", named_graphs=["http://127.0.0.1:9/g"])


def test_an_allowed_service() -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    _check(query, service_allowlist=["http://example.org/sparql"])


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a> <b> <c> }",
        "PREFIX x: <http://x/> DELETE WHERE { ?s ?p ?o }",
        "load <http://127.0.0.1:9/data.ttl>",
        "CLEAR ALL",
        "WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(query: str) -> None:
    with pytest.raises(ReadOnly):
        _check(query)


def test_an_undeclared_prefix_is_named() -> None:
    with pytest.raises(QuerySyntaxError, match=r"line 1, column 21: the prefix 'ex:' of ex:p"):
        _check("SELECT * WHERE { ?s ex:p ?o }")
    with pytest.raises(QuerySyntaxError, match=r"the prefix 'nope:' of nope:x is not declared"):
        _check("SELECT * WHERE { SERVICE nope:x { ?s ?p ?o } }")
    with pytest.raises(QuerySyntaxError, match=r"the prefix 'nope:'"):
        _check("SELECT * FROM nope:g WHERE { ?s ?p ?o }")


NESTING = {
    "groups": lambda n: "SELECT * WHERE " + "{" * n + "}" * n,
    "expressions": lambda n: (
        "SELECT * WHERE { FILTER(" + "(" * (n - 2) + "1" + ")" * (n - 2) + ") }"
    ),
    "function calls": lambda n: (
        "SELECT * WHERE { FILTER(" + "STR(" * (n - 2) + "1" + ")" * (n - 2) + ") }"
    ),
    "collections": lambda n: "SELECT * WHERE { ?s ?p " + "(" * (n - 1) + "1" + ")" * (n - 1) + " }",
    "blank nodes": lambda n: (
        "SELECT * WHERE { ?s ?p " + "[ <p> " * (n - 1) + "1" + " ]" * (n - 1) + " }"
    ),
    "property paths": lambda n: (
        "SELECT * WHERE { ?s " + "(" * (n - 1) + "<p>" + ")" * (n - 1) + " ?o }"
    ),
    "quoted triples": lambda n: (
        "SELECT * WHERE { " + "<< " * (n - 1) + "?s ?p ?o" + " >> ?p ?o" * (n - 1) + " }"
    ),
    "hidden in an IRI": lambda n: (
        "SELECT * WHERE { FILTER(?a<" + "(" * (n - 2) + "?b" + ")" * (n - 2) + ">?c) }"
    ),
}


@pytest.mark.parametrize("kind", NESTING)
def test_nesting_of_every_kind_is_bounded(kind: str) -> None:
    limits = Limits(depth=50)
    _check(NESTING[kind](50), limits=limits)
    with pytest.raises(QueryTooComplex, match="more than 50 levels deep"):
        _check(NESTING[kind](51), limits=limits)


OPERATORS = {
    "&&": lambda n: "SELECT * WHERE { FILTER(true" + " && true" * n + ") }",
    "+": lambda n: "SELECT * WHERE { FILTER(1" + " + 1" * n + ") }",
    "path steps": lambda n: "SELECT * WHERE { ?s <p>" + "/<p>" * n + " ?o }",
    "UNION": lambda n: "SELECT * WHERE { {}" + " UNION {}" * n + " }",
    "!": lambda n: "SELECT * WHERE { FILTER(" + "!" * n + "true) }",
}


@pytest.mark.parametrize("kind", OPERATORS)
def test_operators_are_bounded(kind: str) -> None:
    limits = Limits(operators=100)
    with pytest.raises(QueryTooComplex, match="more than 100 operators"):
        _check(OPERATORS[kind](101), limits=limits)


def test_the_default_limits_refuse_what_would_take_the_store_seconds() -> None:
    with pytest.raises(QueryTooComplex):
        _check(NESTING["quoted triples"](10_000))


def test_tokens_are_single_for_iris_strings_comments_names_and_tags() -> None:
    query = 'SELECT ?x { <a{b> ex:SERVICE "SERVICE"@en-service _:service # SERVICE\n }'
    kinds = [(t.kind, t.text) for t in tokens(query)]
    assert kinds == [
        ("word", "SELECT"),
        ("var", "?x"),
        ("open", "{"),
        ("op", "<"),
        ("word", "a"),
        ("open", "{"),
        ("word", "b"),
        ("op", ">"),
        ("pname", "ex:SERVICE"),
        ("string", '"SERVICE"'),
        ("langtag", "@en-service"),
        ("bnode", "_:service"),
        ("close", "}"),
    ]


@pytest.mark.parametrize(
    ("query", "column"),
    [
        ('SELECT ("\\U00110000" AS ?x) {}', 10),
        ('SELECT ("a\\\\\\UFFFFFFFF" AS ?x) {}', 13),
        ("SELECT * WHERE { ?s ?p <http://x/\\U00110000> }", 34),
        ("PREFIX ex: <http://x/\\U00110000> SELECT * {}", 22),
    ],
)
def test_an_escape_past_unicode_is_named_where_it_is(query: str, column: int) -> None:
    with pytest.raises(
        QuerySyntaxError, match=rf"line 1, column {column}: \\U[0-9A-F]{{8}} is not a"
    ):
        _check(query)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELEC ?x", "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE"),
        (
            "SELECT ?x WHERE { ?x ?p ?o } LIMT 1",
            "'LIMT' at line 1, column 30 is not a word of SPARQL; did you mean LIMIT?",
        ),
        ("SELECT ?x WHERE { ?x ?p ?o", "the '{' opened at line 1, column 17 is never closed"),
        ("SELECT ?x WHERE { ?x ?p ?o ) }", "')' at line 1, column 28 does not close the '{'"),
        ("SELECT ?x WHERE { ?x a }", "line 1, column 25"),
    ],
)
def test_syntax_errors_say_where_and_what(query: str, message: str) -> None:
    with pytest.raises(SyntaxError) as raised:
        ox.Store().query(query)
    assert message in syntax_error(query, str(raised.value)).message


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("{}()[]<>?$:_\"'#\\\n\r .;,!&|+-*/^@aAsSeErRvViIcC0123456789")
        ),
        max_size=200,
    )
)
def test_any_text_is_checked_or_refused_with_a_message(text: str) -> None:
    try:
        _check(text)
    except EndpointError as exc:
        assert exc.message
