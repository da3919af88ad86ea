"""Hypothesis strategies and checks shared by the fuzz tests: SPARQL-ish queries, hostile text,
headers, and what every answer must be (below 500, a message on refusals, markup escaped)."""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from werkzeug.test import TestResponse

EXAMPLES = int(os.environ.get("GCM_KG_FUZZ_EXAMPLES", "150"))
"""Examples per fuzz test (``GCM_KG_FUZZ_EXAMPLES`` for a longer run)."""

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=10),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

MARKUP = '<img src=x onerror="alert(7)">'
"""Markup sent in paths, parameters and headers: it must never come back unescaped in HTML."""

# --- hostile text -------------------------------------------------------------------------

NASTY = [
    MARKUP,
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "\x00",
    "\ufeff",
    "\ud7ff",
    "\u202e",
    "%00",
    "%ff%fe",
    "../../etc/passwd",
    "..%2f..%2f",
    "'; DROP TABLE x; --",
    "${jndi:ldap://127.0.0.1:1/a}",
    "{{7*7}}",
    "\\u007B",
    "\\U0001F600",
    "🙂",
    "é",
    "\r\nX-Injected: 1",
]
nasty_text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))

# --- SPARQL-ish queries ---------------------------------------------------------------------

variables = st.sampled_from(["?s", "?p", "?o", "?x", "?label", "$y", "?n"])
iris = st.sampled_from(
    [
        "<https://w3id.org/gcm-kg/id/agent/iom>",
        "agent:iom",
        "gcm:Activity",
        "gcm:leadEntity",
        "skos:prefLabel",
        "skos:notation",
        "a",
        "<http://127.0.0.1:9/x>",
        "<>",
        "<#x>",
        "nope:thing",
        "<not an iri>",
    ]
)
literals = st.one_of(
    st.sampled_from(['"13"', '"OIM"@es', '"x"^^xsd:integer', "1", "-2.5e3", "true", '""']),
    nasty_text.map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.integers().map(str),
)
terms = st.one_of(variables, iris, literals)


@st.composite
def triple(draw: st.DrawFn) -> str:
    return f"?s {draw(st.one_of(variables, iris))} {draw(terms)} ."


expressions = st.recursive(
    st.one_of(variables, literals),
    lambda inner: st.one_of(
        st.tuples(
            inner, st.sampled_from(["=", "!=", "<", ">", "&&", "||", "+", "*", "/"]), inner
        ).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        inner.map(lambda e: f"!{e}"),
        st.tuples(
            st.sampled_from(
                ["STR", "LANG", "REGEX", "CONTAINS", "STRLEN", "BOUND", "ISIRI", "ABS", "UCASE"]
            ),
            inner,
        ).map(lambda t: f"{t[0]}({t[1]})"),
    ),
    max_leaves=6,
)


def group(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        inner.map(lambda p: f"OPTIONAL {{ {p} }}"),
        st.tuples(inner, inner).map(lambda t: f"{{ {t[0]} }} UNION {{ {t[1]} }}"),
        inner.map(lambda p: f"MINUS {{ {p} }}"),
        inner.map(lambda p: f"GRAPH ?g {{ {p} }}"),
        inner.map(lambda p: f"FILTER NOT EXISTS {{ {p} }}"),
        st.tuples(iris, inner).map(lambda t: f"SERVICE {t[0]} {{ {t[1]} }}"),
    )


patterns = st.recursive(
    st.one_of(
        triple(),
        expressions.map(lambda e: f"FILTER({e})"),
        st.tuples(expressions, variables).map(lambda t: f"BIND({t[0]} AS {t[1]})"),
        st.lists(terms, max_size=3).map(lambda v: f"VALUES ?v {{ {' '.join(v)} }}"),
    ),
    lambda inner: st.one_of(
        group(inner),
        st.lists(inner, min_size=2, max_size=3).map(" ".join),
    ),
    max_leaves=5,
)


@st.composite
def sparql_queries(draw: st.DrawFn) -> str:
    """A query from a small SPARQL grammar, often valid, sometimes mangled."""
    prologue = draw(
        st.lists(
            st.sampled_from(
                [
                    "PREFIX ex: <http://example.org/>",
                    "BASE <http://example.org/>",
                    "PREFIX : <https://w3id.org/gcm-kg/id/>",
                    "PREFIX gcm: <http://other/>",
                ]
            ),
            max_size=2,
        )
    )
    where = draw(patterns)
    dataset = draw(
        st.sampled_from(
            [
                "",
                "FROM <https://w3id.org/gcm-kg/graph/agents>",
                "FROM NAMED <https://w3id.org/gcm-kg/graph/agents>",
                "FROM <http://127.0.0.1:9/remote.ttl>",
            ]
        )
    )
    form = draw(
        st.sampled_from(
            [
                "SELECT * {dataset} WHERE {{ {where} }} LIMIT 20",
                "SELECT DISTINCT ?s (COUNT(*) AS ?n) {dataset} WHERE {{ {where} }} "
                "GROUP BY ?s ORDER BY DESC(?n) LIMIT 5",
                "ASK {dataset} {{ {where} }}",
                "CONSTRUCT {{ ?s ?p ?o }} {dataset} WHERE {{ {where} }} LIMIT 10",
                "DESCRIBE ?s {dataset} WHERE {{ {where} }} LIMIT 2",
                "SELECT ?s WHERE {{ {{ SELECT ?s WHERE {{ {where} }} LIMIT 3 }} }}",
                "INSERT DATA {{ <a> <b> <c> }}",
                "LOAD <http://127.0.0.1:9/x.ttl>",
                "CLEAR ALL",
            ]
        )
    )
    text = "\n".join([*prologue, form.format(dataset=dataset, where=where)])
    mangle = draw(st.integers(min_value=0, max_value=4))
    if mangle == 1:  # cut it somewhere
        text = text[: draw(st.integers(min_value=0, max_value=len(text)))]
    elif mangle == 2:  # put something hostile somewhere
        at = draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:at] + draw(nasty_text) + text[at:]
    return text


queries = st.one_of(sparql_queries(), sparql_queries(), nasty_text, st.text(max_size=300))

# --- headers ---------------------------------------------------------------------------------

accepts = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "*/*",
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
            "text/turtle",
            "application/ld+json",
            "application/rdf+xml",
            "application/n-triples",
            "text/html",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "image/png",
            "text/*;q=0.5, application/json;q=abc",
            ";;;,,,q=2",
            "application/sparql-results+json;q=0, */*;q=0",
        ]
    ),
    nasty_text,
)
content_types = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=utf-8",
            "application/x-www-form-urlencoded; charset=latin-1",
            "application/sparql-query",
            "application/sparql-query; charset=UTF-8",
            "application/sparql-query; charset=utf-16",
            "application/sparql-update",
            "multipart/form-data; boundary=x",
            "multipart/form-data",
            "text/plain",
            "application/json",
        ]
    ),
    nasty_text,
)


# --- what every answer must be ---------------------------------------------------------------

TIMEOUT_503 = "time limit"


def header_safe(value: str) -> str:
    """``value`` as an HTTP client could send it in a header (latin-1, one line)."""
    return (
        value.encode("latin-1", "replace").decode("latin-1").replace("\r", " ").replace("\n", " ")
    )


def check_answer(response: TestResponse) -> None:
    """No 5xx (but the time limit's 503), a message on every refusal, no markup echoed raw."""
    body = response.get_data().decode("utf-8", "replace")
    status = response.status_code
    if currently_in_test_context():
        event(f"status {status}")
    if status == 503:
        assert TIMEOUT_503 in body, body[:500]
        assert response.headers.get("Retry-After")
    else:
        assert status < 500, f"{status}: {body[:2000]}"
    if status >= 400 and response.request.method != "HEAD":
        assert body.strip(), f"{status} without a message"
    if response.mimetype == "text/html":
        for markup in (MARKUP, "<script>alert(1)</script>", "<svg onload=alert(1)>"):
            assert markup not in body
