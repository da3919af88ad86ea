"""What a request shows without parsing its query: whether the query needs the full analysis
(:mod:`server.analysis`, rdflib's parser) and whether the graphs it names are the store's.

Kept apart from :mod:`server.analysis` so that a query with nothing to check never loads the parser:
a web process then holds neither pyparsing nor rdflib's SPARQL modules.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from .errors import UnsafeQuery

NEEDS_ANALYSIS = re.compile(r"SERVICE|FROM|LOAD|\\[uU]", re.IGNORECASE)
"""Text that may make a query reach a service or name its dataset (``\\u`` escapes could spell
either), so that the query needs the full analysis."""


def needs_analysis(query: str) -> bool:
    """Whether ``query`` may call a service or name graphs (conservatively: by its text)."""
    return NEEDS_ANALYSIS.search(query) is not None


def check_graphs(requested: Collection[str], graphs: Collection[str], what: str) -> None:
    """Refuse graph IRIs that are not named graphs of the store (nothing is fetched)."""
    unknown = [g for g in requested if g not in graphs]
    if unknown:
        raise UnsafeQuery(
            f"{what} <{unknown[0]}> is not a named graph of this store, and the endpoint never "
            f"fetches remote graphs. Its named graphs: {', '.join(sorted(graphs))}"
        )
