"""Write a query's answer in the negotiated format (see :mod:`gcm_kg.answers`, which does it
for the query workers too).

SPARQL JSON is written by :func:`~gcm_kg.answers.solutions_json` so that the row cap
(``MAX_ROWS``, for the UI) can stop early and say so; pyoxigraph writes the other formats.
"""

from __future__ import annotations

import pyoxigraph as ox

from gcm_kg import answers
from gcm_kg.answers import Body, QueryResult, Term, solutions_json
from gcm_kg.terms import PREFIXES

from .negotiation import Format

__all__ = ["Body", "QueryResult", "Term", "graph_bytes", "serialize", "solutions_json"]


def serialize(result: QueryResult, fmt: Format, max_rows: int) -> Body:
    """``result`` in ``fmt`` (a format that :mod:`negotiation` chose for its kind)."""
    return answers.serialize(result, fmt.name, max_rows, PREFIXES)


def graph_bytes(triples: list[ox.Triple], fmt: Format) -> bytes:
    """``triples`` in the RDF format ``fmt``; quad formats put them in the default graph."""
    return answers.graph_bytes(triples, fmt.name, PREFIXES)
