"""Compare SPARQL answers from two stores: the same answer, written by different engines.

Blank node labels are the engine's own (each becomes ``_:b``), numbers may be written in
different lexical forms or integer types (``"4"^^xsd:integer`` and ``"4"^^xsd:int``), and the
order of rows only counts when the query has an ORDER BY. GROUP_CONCAT joins its values in no
defined order (SPARQL 1.1, 18.5.1.7), so its results are compared as sets of values.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC_TYPES = (
    "integer decimal double float int long short byte nonNegativeInteger positiveInteger "
    "nonPositiveInteger negativeInteger unsignedInt unsignedLong unsignedShort unsignedByte"
)
NUMERIC = {XSD + name for name in NUMERIC_TYPES.split(" ")}
Cell = tuple[str, str, str]


def cell(term: dict[str, Any]) -> Cell:
    kind = term["type"]
    if kind == "bnode":
        return ("bnode", "_:b", "")
    if kind == "uri":
        return ("uri", term["value"], "")
    datatype = term.get("datatype", "")
    if datatype in NUMERIC:
        try:
            return ("number", str(Decimal(term["value"]).normalize()), "")
        except InvalidOperation:
            pass
    if datatype == XSD + "string":
        datatype = ""
    return ("literal", term["value"], term.get("xml:lang", "").lower() or datatype)


CONCAT = re.compile(
    r'GROUP_CONCAT\s*\([^;]*;\s*separator\s*=\s*"([^"]*)"\s*\)[^?]*?\bAS\s*\?(\w+)',
    re.IGNORECASE,
)


RENAMED = re.compile(r"COALESCE\(\s*\?(\w+)\s*,[^)]*\)\s*AS\s*\?(\w+)", re.IGNORECASE)


def concatenated(query: str) -> dict[str, str]:
    """Variables bound by GROUP_CONCAT with a separator (directly, or through a COALESCE of a
    subquery's variable) → the separator."""
    found = {m.group(2): m.group(1) for m in CONCAT.finditer(query)}
    for m in RENAMED.finditer(query):
        if m.group(1) in found:
            found[m.group(2)] = found[m.group(1)]
    return found


def rows(document: dict[str, Any], ordered: bool, concat: dict[str, str] | None = None) -> Any:
    """An answer in SPARQL JSON, normalised for comparison."""
    if "boolean" in document:
        return document["boolean"]
    concat = concat or {}
    variables = document["head"]["vars"]

    def value(binding: dict[str, Any], name: str) -> Cell:
        if name not in binding:
            return ("unbound", "", "")
        found = cell(binding[name])
        if name in concat and found[0] == "literal":
            parts = sorted(found[1].split(concat[name]))
            return ("literal", concat[name].join(parts), found[2])
        return found

    out = [tuple(value(b, v) for v in variables) for b in document["results"]["bindings"]]
    return out if ordered else sorted(out)


def has_order_by(query: str) -> bool:
    return re.search(r"\bORDER\s+BY\b", query, re.IGNORECASE) is not None


def same_answer(query: str, first: bytes, second: bytes) -> tuple[Any, Any]:
    """Both answers (SPARQL JSON bytes), normalised; compare them with ``==``."""
    ordered, concat = has_order_by(query), concatenated(query)
    return rows(json.loads(first), ordered, concat), rows(json.loads(second), ordered, concat)
