"""The W3C query syntax tests over HTTP: a positive test answers 200 with an answer, a negative
one 400 — by GET (queries short enough for a URL) and by POST ``application/sparql-query``.

The queries are evaluated over one small graph of the suite's store (the protocol's dataset
parameters): a syntax test is about the query, and pyoxigraph 0.5.13 aborts at times ordering
the whole store's mix of values (tests/web/test_supervision.py shows the endpoint's answer to
that: 503, and a new query process)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from gcm_kg.terms import BASE, PREFIXES

from .client import LONGEST_GET, Endpoint, Reply
from .expectations import ENGINE_SYNTAX, REFUSED_BY_DESIGN
from .manifests import SyntaxCase, syntax_cases
from .results import read_body

pytestmark = pytest.mark.w3c

QUERIES = syntax_cases(update=False)
POSITIVE = [c for c in QUERIES if c.positive]
NEGATIVE = [c for c in QUERIES if not c.positive]


SMALL = "https://w3c.github.io/rdf-tests/sparql/sparql10/basic/data-1.ttl"
DATASET = (("default-graph-uri", SMALL), ("named-graph-uri", SMALL))


def _send(endpoint: Endpoint, case: SyntaxCase, method: str) -> Reply:
    if method == "GET":
        return endpoint.get(case.text, DATASET)
    return endpoint.post_query(case.text, DATASET)


def _methods(cases: list[SyntaxCase]) -> list[object]:
    """Each case by POST, and by GET when its URL is short enough."""
    found: list[object] = []
    for case in cases:
        marks = []
        if case.id in ENGINE_SYNTAX:
            marks.append(pytest.mark.xfail(reason=ENGINE_SYNTAX[case.id], strict=True))
        for method in ("GET", "POST"):
            if method == "GET" and len(Endpoint("http://x").get_url(case.text)) > LONGEST_GET:
                continue
            found.append(pytest.param(case, method, id=f"{case.id}-{method}", marks=marks))
    return found


@pytest.mark.parametrize(("case", "method"), _methods(POSITIVE))
def test_positive_syntax_answers_200(endpoint: Endpoint, case: SyntaxCase, method: str) -> None:
    reply = _send(endpoint, case, method)
    if case.id in REFUSED_BY_DESIGN:
        word, reason = REFUSED_BY_DESIGN[case.id]
        assert reply.status == 400, f"{case}: refused by design ({reason}), got {reply}"
        assert word.lower() in reply.message.lower(), f"{case}: the 400 does not say {word}"
        return
    assert reply.status == 200, f"{case}: {reply}"
    read_body(reply.body, reply.media_type)


@pytest.mark.parametrize(("case", "method"), _methods(NEGATIVE))
def test_negative_syntax_answers_400(endpoint: Endpoint, case: SyntaxCase, method: str) -> None:
    reply = _send(endpoint, case, method)
    assert reply.status == 400, f"{case}: {reply}"


@pytest.mark.parametrize("case", [c for c in NEGATIVE if c.id in ENGINE_SYNTAX], ids=lambda c: c.id)
def test_engine_accepts_what_is_listed(case: SyntaxCase) -> None:
    """The listed negative tests are indeed accepted by pyoxigraph itself."""
    ox.Store().query(case.text, prefixes=PREFIXES, base_iri=BASE)


def test_the_small_graph_is_in_the_store(suite_data) -> None:  # type: ignore[no-untyped-def]
    assert SMALL in suite_data.graphs


def test_every_refusal_by_design_is_a_positive_syntax_test() -> None:
    assert set(REFUSED_BY_DESIGN) <= {c.id for c in POSITIVE}
    assert set(ENGINE_SYNTAX) <= {c.id for c in NEGATIVE}
