"""Answers to SPARQL queries, read from any form they come in, and compared as the W3C tests do.

An answer is :class:`Solutions` (SELECT; CSV text), :class:`Graph` (CONSTRUCT, DESCRIBE) or a
``bool`` (ASK). Solutions are equal when they are the same bag of rows up to a one-to-one renaming
of blank nodes (a set under REDUCED) and, under ORDER BY, list the values of their order keys in
the same order; graphs when they are isomorphic (the same test, a triple being a row ?s ?p ?o).
Terms are RDF terms: literals are equal when their lexical forms are (numbers by value only when
asked), language tags regardless of case."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Row = Mapping[str, Term]
Shape = frozenset[tuple[str, Term | None]]

XSD = "http://www.w3.org/2001/XMLSchema#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Solutions:
    variables: frozenset[str]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Graph:
    triples: frozenset[tuple[Term, Term, Term]]

    def as_rows(self) -> Solutions:
        return Solutions(
            frozenset("spo"), tuple({"s": s, "p": p, "o": o} for s, p, o in self.triples)
        )


Answer = Solutions | Graph | bool

RESULTS_FORMATS = {
    ".srx": ox.QueryResultsFormat.XML,
    ".srj": ox.QueryResultsFormat.JSON,
    ".tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".rdf": ox.RdfFormat.RDF_XML}


def term(node: object) -> Term:
    """An RDF 1.1 term, its language tag in lower case."""
    if isinstance(node, ox.Literal) and node.language:
        return ox.Literal(node.value, language=node.language.lower())
    if isinstance(node, ox.NamedNode | ox.BlankNode | ox.Literal):
        return node
    raise TypeError(f"not an RDF 1.1 term: {node!r}")


def _graph(triples: Iterable[ox.Triple | ox.Quad]) -> Graph:
    return Graph(frozenset((term(t.subject), term(t.predicate), term(t.object)) for t in triples))


def from_pyoxigraph(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> Answer:
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QueryTriples):
        return _graph(result)
    names = [v.value for v in result.variables]
    rows = tuple(
        {name: term(value) for name in names if (value := solution[name]) is not None}
        for solution in result
    )
    return Solutions(frozenset(names), rows)


def from_csv(text: str) -> Solutions:
    """SPARQL CSV read as text: each cell a plain literal of its text, ``_:x`` a blank node and an
    empty cell unbound (CSV does not say more)."""
    header, *records = list(csv.reader(io.StringIO(text, newline="")))
    rows = tuple(
        {
            name: ox.BlankNode(cell[2:]) if cell.startswith("_:") else ox.Literal(cell)
            for name, cell in zip(header, record, strict=True)
            if cell
        }
        for record in records
    )
    return Solutions(frozenset(header), rows)


def from_rdf_results(graph: Graph) -> Answer:
    """The result-set vocabulary (``rs:``) of the DAWG tests, or the graph itself if it has none."""
    about: defaultdict[Term, defaultdict[str, list[Term]]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph.triples:
        about[s][p.value].append(o)
    sets = [s for s, props in about.items() if ox.NamedNode(RS + "ResultSet") in props[RDF_TYPE]]
    if not sets:
        return graph
    result_set = about[sets[0]]
    if result_set[RS + "boolean"]:
        literal = result_set[RS + "boolean"][0]
        return isinstance(literal, ox.Literal) and literal.value == "true"

    def index(solution: Term) -> int:
        found = about[solution][RS + "index"]
        return int(found[0].value) if found else 0

    rows = tuple(
        {
            about[b][RS + "variable"][0].value: about[b][RS + "value"][0]
            for b in about[solution][RS + "binding"]
        }
        for solution in sorted(result_set[RS + "solution"], key=index)
    )
    return Solutions(frozenset(v.value for v in result_set[RS + "resultVariable"]), rows)


def read_body(body: bytes, media_type: str) -> Answer:
    """An HTTP answer, by its media type (without parameters)."""
    if media_type == "text/csv":
        return from_csv(body.decode("utf-8"))
    results = ox.QueryResultsFormat.from_media_type(media_type)
    if results is not None:
        return from_pyoxigraph(ox.parse_query_results(body, results))
    rdf = ox.RdfFormat.from_media_type(media_type)
    if rdf is None:
        raise ValueError(f"not an answer: {media_type}")
    return _graph(ox.parse(body, rdf))


def read_expected(path: Path, iri: str) -> Answer:
    """The expected result of a W3C test, from its file (relative IRIs against ``iri``)."""
    if path.suffix == ".csv":
        return from_csv(path.read_text(encoding="utf-8"))
    if path.suffix in RESULTS_FORMATS:
        return from_pyoxigraph(
            ox.parse_query_results(path=path, format=RESULTS_FORMATS[path.suffix])
        )
    return from_rdf_results(
        _graph(ox.parse(path=path, format=GRAPH_FORMATS[path.suffix], base_iri=iri))
    )


INTEGERS = {
    XSD + name
    for name in (
        "integer",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
        "positiveInteger",
    )
}


def value_form(value: Term) -> Term:
    """A literal of an XSD numeric datatype with the canonical lexical form of its value
    ("2.0"^^xsd:decimal and "2"^^xsd:decimal alike); any other term unchanged."""
    if not isinstance(value, ox.Literal):
        return value
    datatype, lexical = value.datatype.value, value.value
    try:
        if datatype in INTEGERS:
            canonical = str(int(lexical))
        elif datatype == XSD + "decimal":
            canonical = str(Decimal(lexical).normalize())
        elif datatype in (XSD + "double", XSD + "float"):
            canonical = repr(float(lexical.replace("INF", "inf")))
        else:
            return value
    except (ValueError, ArithmeticError):
        return value
    return ox.Literal(canonical, datatype=value.datatype)


def _by_value(answer: Answer) -> Answer:
    if isinstance(answer, Solutions):
        rows = tuple({k: value_form(v) for k, v in row.items()} for row in answer.rows)
        return Solutions(answer.variables, rows)
    if isinstance(answer, Graph):
        return Graph(frozenset((s, p, value_form(o)) for s, p, o in answer.triples))
    return answer


def _ground(value: Term) -> Term | None:
    return None if isinstance(value, ox.BlankNode) else value


def _shape(row: Row) -> Shape:
    return frozenset((k, _ground(v)) for k, v in row.items())


class Undecided(Exception):
    """Too many ways to match the blank nodes of two answers to try them all."""


def same_rows(a: Iterable[Row], b: Iterable[Row], *, as_set: bool = False) -> bool:
    """The same bag of rows (set, with ``as_set``) up to a one-to-one renaming of blank nodes."""
    left, right = list(a), list(b)
    if as_set:
        left = list({frozenset(r.items()): r for r in left}.values())
        right = list({frozenset(r.items()): r for r in right}.values())
    if Counter(map(_shape, left)) != Counter(map(_shape, right)):
        return False
    return _match(
        [r for r in left if any(isinstance(v, ox.BlankNode) for v in r.values())],
        [r for r in right if any(isinstance(v, ox.BlankNode) for v in r.values())],
    )


def _match(left: list[Row], right: list[Row], budget: int = 200_000) -> bool:
    """Search for a renaming of the blank nodes of ``left`` onto those of ``right`` that maps the
    rows one-to-one, each onto a row of its shape (by backtracking)."""
    by_shape: dict[Shape, list[int]] = defaultdict(list)
    for j, row in enumerate(right):
        by_shape[_shape(row)].append(j)
    candidates = [by_shape[_shape(row)] for row in left]
    order = sorted(range(len(left)), key=lambda i: len(candidates[i]))
    forward: dict[Term, Term] = {}
    backward: dict[Term, Term] = {}
    used: set[int] = set()
    steps = 0

    def bind(row: Row, other: Row) -> list[Term] | None:
        added: list[Term] = []
        for name, value in row.items():
            if not isinstance(value, ox.BlankNode):
                continue
            image = other[name]
            if forward.get(value, image) != image or backward.get(image, value) != value:
                unbind(added)
                return None
            if value not in forward:
                forward[value], backward[image] = image, value
                added.append(value)
        return added

    def unbind(added: list[Term]) -> None:
        for value in added:
            del backward[forward.pop(value)]

    def search(position: int) -> bool:
        nonlocal steps
        if position == len(order):
            return True
        i = order[position]
        for j in candidates[i]:
            steps += 1
            if steps > budget:
                raise Undecided(f"more than {budget} tries to match the blank nodes")
            if j in used or (added := bind(left[i], right[j])) is None:
                continue
            used.add(j)
            if search(position + 1):
                return True
            used.discard(j)
            unbind(added)
        return False

    return search(0)


def order(solutions: Solutions, keys: Iterable[str]) -> list[tuple[Term | None, ...]]:
    """The sequence of the order keys' values (blank nodes as ``None``: their labels differ)."""
    shown = [k for k in keys if k in solutions.variables]
    if not shown:
        return []
    return [tuple(_ground(row[k]) if k in row else None for k in shown) for row in solutions.rows]


def differences(
    actual: Answer,
    expected: Answer,
    *,
    order_keys: tuple[str, ...] = (),
    reduced: bool = False,
    by_value: bool = False,
) -> list[str]:
    """What differs between two answers, in words; empty when they are the same answer.

    ``by_value`` compares numbers by value (:func:`value_form`), as the W3C results write them
    in forms of their own ("2.0", "3.0E4")."""
    if by_value:
        actual, expected = _by_value(actual), _by_value(expected)
    if type(actual) is not type(expected):
        return [f"{type(actual).__name__} {actual!r:.200} instead of {type(expected).__name__}"]
    if isinstance(actual, bool):
        return [] if actual == expected else [f"{actual} instead of {expected}"]
    if isinstance(actual, Graph) and isinstance(expected, Graph):
        actual, expected = actual.as_rows(), expected.as_rows()
    assert isinstance(actual, Solutions) and isinstance(expected, Solutions)
    found: list[str] = []
    if actual.variables != expected.variables:
        found.append(
            f"variables {sorted(actual.variables)} instead of {sorted(expected.variables)}"
        )
    try:
        same = same_rows(actual.rows, expected.rows, as_set=reduced)
    except Undecided as undecided:
        return [*found, str(undecided)]
    if not same:
        found += [
            f"{len(actual.rows)} rows instead of {len(expected.rows)}",
            *(f"  only in answer:   {r}" for r in _unmatched(actual.rows, expected.rows)),
            *(f"  only in expected: {r}" for r in _unmatched(expected.rows, actual.rows)),
        ]
    elif order(actual, order_keys) != order(expected, order_keys):
        found += [
            f"not in the order of {', '.join(order_keys)}:",
            f"  answer:   {_keys(order(actual, order_keys))}",
            f"  expected: {_keys(order(expected, order_keys))}",
        ]
    return found


def _keys(values: list[tuple[Term | None, ...]]) -> str:
    return ", ".join(" ".join(str(v) if v is not None else "_" for v in t) for t in values)


def _show(row: Row, *, blank: bool = True) -> str:
    return " ".join(
        f"?{k}={v if blank or not isinstance(v, ox.BlankNode) else '_:'}"
        for k, v in sorted(row.items())
    )


def _unmatched(rows: Iterable[Row], others: Iterable[Row], limit: int = 12) -> list[str]:
    """The rows of ``rows`` without a row of the same shape in ``others`` (as a hint)."""
    remaining = Counter(_show(r, blank=False) for r in others)
    lines = []
    for row in rows:
        if remaining[_show(row, blank=False)]:
            remaining[_show(row, blank=False)] -= 1
        else:
            lines.append(_show(row))
    return lines[:limit] + ([f"… {len(lines) - limit} more"] if len(lines) > limit else [])
