"""Run SPARQL against the built store and render the results for a terminal or a file."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph as ox

from .answers import RESULT_FORMATS as ANSWER_FORMATS
from .errors import QueryError
from .terms import PREFIXES

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
RESULT_FORMATS = ("table", "json", "csv", "tsv", "xml")
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def run(store: ox.Store, query: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Evaluate ``query`` with our prefixes predeclared and the union of graphs as default."""
    try:
        return store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc.msg or exc}") from exc
    except (OSError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


def compact(term: Term | None) -> str:
    """A short, readable form of a term: prefixed names, literal values with their tag."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        for allowed in ("-_.", "-_./"):
            for prefix, ns in _BY_LENGTH:
                local = term.value[len(ns) :] if term.value.startswith(ns) else ""
                if local and all(c.isalnum() or c in allowed for c in local):
                    return f"{prefix}:{local}"
        return f"<{term.value}>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value} @{term.language}"
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def table(variables: list[str], rows: Iterable[list[str]], width: int = 60) -> str:
    """A plain-text table with a header rule; cells longer than ``width`` are cut with '…'."""
    cut = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in rows]
    widths = [max([len(v), *(len(r[i]) for r in cut)]) for i, v in enumerate(variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(variables, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cut]
    lines.append(f"({len(cut)} row{'s' if len(cut) != 1 else ''})")
    return "\n".join(lines) + "\n"


def render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> bytes:
    """Serialise a query result: SELECT/ASK as ``fmt``, CONSTRUCT/DESCRIBE as Turtle."""
    if isinstance(result, ox.QueryTriples):
        return _triples_turtle(result)
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            return b"true\n" if bool(result) else b"false\n"
        variables = [v.value for v in result.variables]
        rows = [[compact(s[v]) for v in variables] for s in result]
        return table(variables, rows).encode("utf-8")
    if fmt not in ANSWER_FORMATS:
        raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(RESULT_FORMATS)}")
    out = result.serialize(format=ANSWER_FORMATS[fmt])
    assert out is not None
    return out


def _triples_turtle(triples: ox.QueryTriples) -> bytes:
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    out = store.dump(format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    assert out is not None
    return out


def rows(result: ox.QuerySolutions) -> list[dict[str, str]]:
    """SELECT solutions as dicts of lexical values (handy in tests and scripts)."""
    variables = [v.value for v in result.variables]
    return [{v: s[v].value for v in variables if s[v] is not None} for s in result]


def to_json(result: ox.QuerySolutions) -> object:
    return json.loads(result.serialize(format=ox.QueryResultsFormat.JSON) or b"{}")
