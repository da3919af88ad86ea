"""What the comparison of answers needs to know about a query: its order keys, REDUCED, and the
graphs its FROM and FROM NAMED name — read with rdflib's SPARQL parser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Variable


@dataclass(frozen=True)
class Shape:
    order_keys: tuple[str, ...]
    """The variables of the top-level ORDER BY, in their order (empty: no ORDER BY)."""
    reduced: bool
    from_default: tuple[str, ...]
    from_named: tuple[str, ...]

    @property
    def has_dataset(self) -> bool:
        return bool(self.from_default or self.from_named)


_WORDS = re.compile(r"\b(FROM|ORDER|REDUCED)\b", re.IGNORECASE)


def _variables(node: object) -> Iterator[str]:
    if isinstance(node, Variable):
        yield str(node)
    elif isinstance(node, CompValue):
        for value in node.values():
            yield from _variables(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _variables(item)


def shape(text: str) -> Shape:
    """The shape of the query ``text`` (relative IRIs resolved against its own BASE).

    rdflib cannot parse a few valid queries of the suite (some property paths); none of them has
    FROM, ORDER BY or REDUCED, which this checks."""
    try:
        tree = parseQuery(text)
    except ParseException:
        if _WORDS.search(text):
            raise
        return Shape((), False, (), ())
    query = tree[1]
    keys = tuple(dict.fromkeys(_variables(query["orderby"]))) if "orderby" in query else ()
    reduced = query.get("modifier") == "REDUCED"
    dataset = translateQuery(tree).algebra.get("datasetClause") or []
    return Shape(
        order_keys=keys,
        reduced=reduced,
        from_default=tuple(str(d["default"]) for d in dataset if "default" in d),
        from_named=tuple(str(d["named"]) for d in dataset if "named" in d),
    )
