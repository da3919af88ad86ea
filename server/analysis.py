"""What a query is and what it would reach, from its parse tree (never from regexes).

The query is parsed with rdflib's SPARQL 1.1 grammar; a comment or a string literal that says
``SERVICE`` is therefore just a comment or a literal. :func:`analyse` gives the form of the query,
its dataset clauses (``FROM``/``FROM NAMED``) and the endpoints its ``SERVICE`` clauses call;
:func:`check` refuses what the endpoint does not run.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translatePrologue
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable

from .errors import QuerySyntaxError, ReadOnly, UnsafeQuery
from .negotiation import Kind

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
    message = message.rsplit(" | ", 1)[-1]
    message = message[:1].lower() + message[1:]
    return f"SPARQL syntax error at line {exc.lineno}, column {exc.col}: {message}"


def analyse(query: str, prefixes: Mapping[str, str], base_iri: str | None = None) -> QueryInfo:
    """Parse ``query``; raise :class:`ReadOnly` for an update, :class:`QuerySyntaxError` else."""
    try:
        tree = parseQuery(query)
    except ParseBaseException as exc:
        if _is_update(query):
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
    return QueryInfo(FORMS[body.name], body.name, tuple(default), tuple(named), services)


def _is_update(text: str) -> bool:
    try:
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


def check_graphs(requested: Collection[str], graphs: Collection[str], what: str) -> None:
    """Refuse graph IRIs that are not named graphs of the store (nothing is fetched)."""
    unknown = [g for g in requested if g not in graphs]
    if unknown:
        raise UnsafeQuery(
            f"{what} <{unknown[0]}> is not a named graph of this store, and the endpoint never "
            f"fetches remote graphs. Its named graphs: {', '.join(sorted(graphs))}"
        )
