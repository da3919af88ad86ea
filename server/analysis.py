"""What a query is and what it would reach, from its parse tree (never from regexes).

The query is parsed with rdflib's SPARQL 1.1 grammar; a comment or a string literal that says
``SERVICE`` is therefore just a comment or a literal. :func:`analyse` gives the form of the query,
its dataset clauses (``FROM``/``FROM NAMED``) and the endpoints its ``SERVICE`` clauses call;
:func:`check` refuses what the endpoint does not run.

rdflib's parser takes milliseconds, longer than the store takes to answer most queries, so two
things keep it off the common path without weakening the checks:

* :func:`server.screen.needs_analysis`: a query whose text contains none of the words
  ``SERVICE``, ``FROM`` and ``LOAD`` (in any case, anywhere: in a string or a comment too) nor a
  ``\\u`` escape cannot call a service or name a dataset, so there is nothing to check (and
  this module is not even loaded); the store parses it and its answer says what form it had.
  An update cannot run through a query at all, and a query the store cannot parse is analysed
  then, for the precise refusal (403 for an update).
* :func:`analyse_cached`: the analysis of the last queries, by text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from .errors import QuerySyntaxError, QueryTooComplex, ReadOnly, UnsafeQuery
from .lexer import keyword_count
from .negotiation import Kind
from .screen import check_graphs

_PARSER = threading.Lock()
"""rdflib's parser (pyparsing) is not thread-safe: two requests parsing at once can make it fail
with a ``TypeError`` in a parse action, so parses take turns (each a few milliseconds; the
analysis of a query is cached)."""

FORMS = {
    "SelectQuery": Kind.SOLUTIONS,
    "AskQuery": Kind.BOOLEAN,
    "ConstructQuery": Kind.GRAPH,
    "DescribeQuery": Kind.GRAPH,
}


@dataclass(frozen=True)
class QueryInfo:
    """The parts of a query that decide how (and whether) the endpoint runs it."""

    kind: Kind
    form: str
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()
    services: tuple[str | None, ...] = ()
    """IRIs of the SERVICE clauses; ``None`` for ``SERVICE ?variable``."""

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_graphs or self.from_named)


def _where(exc: ParseBaseException) -> str:
    """Where and what, from pyparsing's message: line, column, expected …, found …."""
    message = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$", "", str(exc))
    # "{SelectQuery | AskQuery}" (alternatives) reads "SelectQuery or AskQuery"
    message = re.sub(r"\{([^{}]*)\}", lambda m: m.group(1).replace(" | ", " or "), message)
    message = message.rsplit(" | ", 1)[-1]
    message = message[:1].lower() + message[1:]
    return f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {message}"


def analyse(query: str, prefixes: Mapping[str, str], base_iri: str | None = None) -> QueryInfo:
    """Parse ``query``; raise :class:`ReadOnly` for an update, :class:`QuerySyntaxError` else.

    rdflib's parser is recursive: a query nested more deeply than Python's recursion limit
    allows (a few dozen levels of brackets) is refused with :class:`QueryTooComplex`."""
    try:
        return _analyse(query, prefixes, base_iri)
    except RecursionError:
        raise QueryTooComplex(
            "the query is nested too deeply to be checked (brackets inside brackets, a few "
            "dozen levels); write it with fewer levels"
        ) from None


def _analyse(query: str, prefixes: Mapping[str, str], base_iri: str | None) -> QueryInfo:
    # SPARQL ends a comment at \n or \r, rdflib at \n only: a comment that the store ends at a
    # \r would otherwise hide from rdflib what follows it (a SERVICE clause)
    text = query.replace("\r\n", "\n").replace("\r", "\n")
    try:
        with _PARSER:
            tree = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise ReadOnly(
                "this is a SPARQL update (INSERT, DELETE, LOAD, CLEAR …); "
                "the endpoint is read-only and runs queries only"
            ) from exc
        raise QuerySyntaxError(_where(exc)) from exc
    prologue_tree, body = tree[0], tree[1]
    prologue = translatePrologue(prologue_tree, base_iri, dict(prefixes))

    def iri(term: Any) -> str:
        try:
            return str(prologue.absolutize(term))
        except Exception as exc:  # rdflib raises a bare Exception for an unknown prefix
            if "prefix" not in str(exc):
                raise
            raise QuerySyntaxError(f"SPARQL syntax error: {exc}") from exc

    default, named = [], []
    # CompValue.get returns the key itself for a missing key: test membership instead
    for clause in body["datasetClause"] if "datasetClause" in body else ():  # noqa: SIM401
        if "default" in clause:
            default.append(iri(clause["default"]))
        else:
            named.append(iri(clause["named"]))
    services = tuple(
        None if isinstance(node["term"], Variable) else iri(node["term"])
        for node in _nodes(body)
        if node.name == "ServiceGraphPattern"
    )
    if keyword_count(query, "SERVICE") > len(services):
        raise UnsafeQuery(
            "the query has a SERVICE keyword that is not a SERVICE clause of its parse tree; "
            "the endpoint cannot check where it would go, and refuses it"
        )
    return QueryInfo(FORMS[body.name], body.name, tuple(default), tuple(named), services)


ANALYSIS_CACHE_SIZE = 2048
CACHED_QUERY_CHARS = 16 * 1024
"""Longer queries are analysed every time: the cache's memory stays under about
``ANALYSIS_CACHE_SIZE × CACHED_QUERY_CHARS`` whatever clients send."""


@lru_cache(maxsize=ANALYSIS_CACHE_SIZE)
def _analyse_cached(
    query: str, prefixes: tuple[tuple[str, str], ...], base_iri: str | None
) -> QueryInfo:
    return analyse(query, dict(prefixes), base_iri)


def analyse_cached(
    query: str, prefixes: Mapping[str, str], base_iri: str | None = None
) -> QueryInfo:
    """:func:`analyse`, remembered for the last queries (refusals are not remembered)."""
    if len(query) > CACHED_QUERY_CHARS:
        return analyse(query, prefixes, base_iri)
    return _analyse_cached(query, tuple(sorted(prefixes.items())), base_iri)


def _is_update(text: str) -> bool:
    try:
        with _PARSER:
            parseUpdate(text)
    except ParseBaseException:
        return False
    return True


def _nodes(node: Any) -> Iterator[CompValue]:
    """Every :class:`CompValue` of a parse tree, depth first."""
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _nodes(value)
    elif isinstance(node, list | tuple) or hasattr(node, "asList"):
        for value in node:
            yield from _nodes(value)


def check(
    info: QueryInfo,
    graphs: Collection[str],
    service_allowlist: Collection[str] = (),
) -> None:
    """Refuse SERVICE outside the allow-list and FROM of graphs the store does not hold."""
    for service in info.services:
        if service is None:
            raise UnsafeQuery(
                "SERVICE with a variable endpoint is not allowed: queries here never reach "
                "the network"
            )
        if service not in service_allowlist:
            allowed = ", ".join(f"<{s}>" for s in service_allowlist) or "none"
            raise UnsafeQuery(
                f"SERVICE <{service}> is not allowed: queries here never reach the network "
                f"(SERVICE endpoints allowed by this server: {allowed})"
            )
    check_graphs([*info.from_graphs, *info.from_named], graphs, "FROM")
