"""How complex a query is, measured from its tokens before anything parses it.

pyoxigraph parses and evaluates a query recursively: a few thousand levels of brackets, of
``UNION`` or ``BIND`` clauses or of ``!``/``+`` operators (a few hundred levels of nested RDF
collections) exhaust the stack of the process evaluating it, which then ends with a segmentation
fault instead of an error. :func:`check_complexity` refuses such queries with a 400 first, by a
scan that is linear in the query's length and never recursive; the limits
(``MAX_QUERY_DEPTH``, ``MAX_QUERY_OPERATORS``) sit far below what crashes the store and far above
what people and query builders write.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import QueryTooComplex
from .lexer import syntax_only, tokens

OPERATOR_KEYWORDS = frozenset(
    {
        "UNION",
        "OPTIONAL",
        "MINUS",
        "BIND",
        "FILTER",
        "GRAPH",
        "SERVICE",
        "EXISTS",
        "VALUES",
        "SELECT",
    }
)
"""Keywords whose clauses each add a level to the store's algebra tree (as operators do to an
expression tree)."""


@dataclass(frozen=True)
class Complexity:
    """How deeply a query nests brackets, and how many operators and clause keywords it has."""

    depth: int
    operators: int


def complexity(query: str) -> Complexity:
    """Measure ``query`` by its tokens (no parsing): linear in its length, never recursive."""
    depth = deepest = operators = 0
    for kind, text in tokens(query):
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "op" or (kind == "word" and text.upper() in OPERATOR_KEYWORDS):
            operators += 1
    return Complexity(deepest, operators)


def _within_bounds(query: str, max_depth: int, max_operators: int) -> bool:
    """Whether upper bounds of the depth (every opening bracket) and of the operators (every
    operator character and keyword) are within the limits: true of nearly every query, and
    counted without a loop in Python, so that the exact measure runs only for the others.

    Counted in the raw text first (strings, comments and IRIs included: still upper bounds,
    unless a ``\\u`` escape writes a bracket), then in :func:`~server.lexer.syntax_only`."""
    if "\\" not in query and _counts_within(query, max_depth, max_operators):
        return True
    return _counts_within(syntax_only(query), max_depth, max_operators)


def _counts_within(text: str, max_depth: int, max_operators: int) -> bool:
    if max_depth and text.count("{") + text.count("(") + text.count("[") > max_depth:
        return False
    if max_operators:
        upper = text.upper()  # a keyword's occurrences as a substring bound its tokens
        operators = sum(text.count(c) for c in "!+*/|^-&")
        operators += sum(upper.count(keyword) for keyword in OPERATOR_KEYWORDS)
        if operators > max_operators:
            return False
    return True


def check_complexity(query: str, max_depth: int, max_operators: int) -> None:
    """Refuse a query that nests brackets more than ``max_depth`` levels or has more than
    ``max_operators`` operators and clause keywords (0: no limit).

    The store parses and evaluates queries recursively; a few thousand levels (a few hundred for
    nested collections) exhaust its stack and end the process. These limits keep every query far
    from that, and far above what a person or a query builder writes."""
    if not (max_depth or max_operators):
        return
    if _within_bounds(query, max_depth, max_operators):
        return
    found = complexity(query)
    if max_depth and found.depth > max_depth:
        raise QueryTooComplex(
            f"the query nests brackets {found.depth} levels deep; this endpoint evaluates at "
            f"most {max_depth} levels"
        )
    if max_operators and found.operators > max_operators:
        raise QueryTooComplex(
            f"the query has {found.operators} operators and clauses (UNION, OPTIONAL, FILTER, "
            f"&&, + …); this endpoint evaluates at most {max_operators}: split it into smaller "
            "queries"
        )
