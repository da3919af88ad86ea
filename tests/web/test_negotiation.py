"""Content negotiation as pure functions: q-values, specificity, defaults, 406."""

from __future__ import annotations

import pytest

from server.negotiation import Kind, MediaRange, choose, parse_accept, prefers_page

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.mark.parametrize(
    ("accept", "kind", "expected"),
    [
        (None, Kind.SOLUTIONS, "json"),
        ("", Kind.BOOLEAN, "json"),
        ("*/*", Kind.GRAPH, "turtle"),
        ("application/sparql-results+xml", Kind.SOLUTIONS, "xml"),
        ("text/csv", Kind.SOLUTIONS, "csv"),
        ("text/tab-separated-values", Kind.BOOLEAN, "tsv"),
        ("application/json", Kind.SOLUTIONS, "json"),
        ("application/json", Kind.GRAPH, "jsonld"),
        ("application/rdf+xml", Kind.GRAPH, "rdfxml"),
        ("application/n-triples", Kind.GRAPH, "ntriples"),
        ("application/trig", Kind.GRAPH, "trig"),
        ("application/n-quads", Kind.GRAPH, "nquads"),
        # q-values decide
        ("text/csv;q=0.5, application/sparql-results+xml", Kind.SOLUTIONS, "xml"),
        ("text/turtle;q=0.2, application/ld+json;q=0.9", Kind.GRAPH, "jsonld"),
        # the most specific range decides a format's q: text/csv is refused though text/* is fine
        ("text/*;q=0.2, text/tab-separated-values;q=0.8, text/csv;q=0", Kind.SOLUTIONS, "tsv"),
        ("text/*, text/csv;q=0", Kind.SOLUTIONS, "xml"),
        ("*/*;q=0.1, text/turtle;q=0", Kind.GRAPH, "ntriples"),
        # SPARQLWrapper's JSON and Turtle Accept headers
        (
            "application/sparql-results+json,application/json,text/javascript,application/javascript",
            Kind.SOLUTIONS,
            "json",
        ),
        ("text/turtle,application/turtle,application/x-turtle", Kind.GRAPH, "turtle"),
        (BROWSER, Kind.SOLUTIONS, "xml"),
    ],
)
def test_choose(accept: str | None, kind: Kind, expected: str) -> None:
    fmt = choose(accept, kind)
    assert fmt is not None and fmt.name == expected


@pytest.mark.parametrize(
    ("accept", "kind"),
    [
        ("image/png", Kind.SOLUTIONS),
        ("text/turtle", Kind.SOLUTIONS),
        ("text/csv", Kind.GRAPH),
        ("*/*;q=0", Kind.GRAPH),
    ],
)
def test_nothing_acceptable(accept: str, kind: Kind) -> None:
    assert choose(accept, kind) is None


def test_parse_accept_skips_malformed_elements() -> None:
    ranges = parse_accept("text/csv;q=0.5, garbage, */json, text/turtle;q=x, text/*;level=1")
    assert ranges == (
        MediaRange("text", "csv", (), 0.5),
        MediaRange("text", "*", (("level", "1"),), 1.0),
    )


@pytest.mark.parametrize(
    ("accept", "page"),
    [(BROWSER, True), ("text/html", True), (None, False), ("*/*", False), ("text/turtle", False)],
)
def test_prefers_page(accept: str | None, page: bool) -> None:
    assert prefers_page(accept) is page
