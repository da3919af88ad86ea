"""The token scan behind the complexity limits and the SERVICE cross-check: what it counts, what it
skips, that its fast path never lets through what the exact measure refuses, and that hostile text
costs it linear time."""

from __future__ import annotations

import contextlib
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from server.complexity import _within_bounds, check_complexity, complexity
from server.errors import QueryTooComplex
from server.lexer import keyword_count, syntax_only, tokens


@pytest.mark.parametrize(
    ("query", "depth", "operators"),
    [
        # SELECT and * count as operators too (a subquery, a projection)
        ("SELECT * WHERE { ?s ?p ?o }", 1, 2),
        ('SELECT * WHERE { ?s ?p "{{{(((" }', 1, 2),
        ("SELECT * WHERE { ?s ?p '''{{\n{''' }", 1, 2),
        ("SELECT * WHERE { # {{{ (((\n ?s ?p ?o }", 1, 2),
        ("SELECT * WHERE { ?s <http://x/(a)> ?o }", 1, 2),
        ("SELECT * WHERE \\u007B\\u007B ?s ?p ?o \\u007D\\u007D", 2, 2),
        ("SELECT * WHERE { FILTER(!(?a && ?b || -?c)) }", 3, 7),
        ("SELECT * WHERE { ?s agent:un-habitat ?o . ?s ex:UNION ?u }", 1, 2),
        ("SELECT * WHERE { {?s ?p ?o} UNION {?s ?p ?o} OPTIONAL {?s ?p ?o} }", 2, 4),
    ],
)
def test_complexity(query: str, depth: int, operators: int) -> None:
    found = complexity(query)
    assert (found.depth, found.operators) == (depth, operators)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("SELECT * { SERVICE <x> {} }", 1),
        ("select * { service silent <x> {} }", 1),
        ('SELECT * { ?s ?p "SERVICE <x> {}" }', 0),
        ("SELECT * { # SERVICE <x> {}\n }", 0),
        ("SELECT * { # note\rSERVICE <x> {} }", 1),  # the comment ends at the CR
        ("SELECT * { SERV\\u0049CE <x> {} }", 1),
        ("SELECT * { ex:SERVICE ?p ?SERVICE }", 0),
        ("SELECT * { ?s ?p ?o .SERVICE <x> {} }", 1),
        ("SELECT * { SERVICE:x ?p ?o }", 0),
        ("SELECT * { ?s ?p ex:a\\'SERVICE }", 0),
    ],
)
def test_keyword_count(query: str, count: int) -> None:
    assert keyword_count(query, "SERVICE") == count


def test_tokens_kinds() -> None:
    kinds = [kind for kind, _ in tokens('SELECT ?x { <a> ex:b "c" # d\n } ')]
    assert kinds == ["word", "name", "open", "iri", "name", "string", "comment", "close"]


@settings(database=None)
@given(st.text(alphabet="{}()[]!+|&-*/^\"'#<>\\:?$. \nSUNIOPTLFRVCEabu0123456789", max_size=300))
def test_the_fast_path_never_lets_through_what_the_exact_measure_refuses(text: str) -> None:
    for max_depth, max_operators in ((3, 5), (10, 20), (1, 0), (0, 1)):
        if _within_bounds(text, max_depth, max_operators):
            exact = complexity(text)
            assert not max_depth or exact.depth <= max_depth
            assert not max_operators or exact.operators <= max_operators


def test_syntax_only_keeps_keywords_brackets_and_operators() -> None:
    text = syntax_only('SELECT ?x { <a(b)> ex:c-d "e{" # f(\n FILTER(!?x) }')
    assert "(b)" not in text and "e{" not in text and "f(" not in text and "c-d" not in text
    assert "SELECT" in text and "FILTER(!" in text


def test_limits_and_their_messages() -> None:
    with pytest.raises(QueryTooComplex, match=r"5 levels deep.*at most 4"):
        check_complexity("SELECT * " + "{" * 5 + "}" * 5, 4, 0)
    with pytest.raises(QueryTooComplex, match="at most 2"):
        check_complexity("SELECT * { FILTER(!!!true) }", 0, 2)
    check_complexity("SELECT * " + "{" * 500 + "}" * 500, 0, 0)  # 0: no limit


@pytest.mark.parametrize(
    "hostile",
    [
        '"""' + '"' * 250_000,
        "'" * 250_000,
        '"""a' * 60_000,
        "<" * 250_000,
        "\\u" * 120_000,
        "a" * 250_000,
        "a:" * 120_000,
        "(" * 250_000,
        "!" * 250_000,
        "SERVICE " * 30_000,
    ],
    ids=lambda h: repr(h[:8]),
)
def test_hostile_text_costs_linear_time(hostile: str) -> None:
    started = time.perf_counter()
    with contextlib.suppress(QueryTooComplex):
        check_complexity(hostile, 100, 1000)
    keyword_count(hostile, "SERVICE")
    assert time.perf_counter() - started < 2.0
