"""The embedded store (pyoxigraph): opening it, loading RDF files into named graphs.

Loading a file is one transaction: a file that fails to parse adds nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import FileProblem, StoreError
from .terms import GRAPH

GRAPH_ONTOLOGY = ox.NamedNode(str(GRAPH.ontology))
GRAPH_INFERRED = ox.NamedNode(str(GRAPH.inferred))


def open_store(path: Path | None = None, *, read_only: bool = False) -> ox.Store:
    """An in-memory store, or the on-disk store at ``path`` (created if missing)."""
    if path is None:
        return ox.Store()
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {exc}") from exc


def rdf_format_for(path: Path) -> ox.RdfFormat:
    """The RDF syntax of ``path``, from its extension."""
    suffix = path.suffix.lstrip(".").lower()
    fmt = ox.RdfFormat.from_extension(suffix) if suffix else None
    if fmt is None:
        raise FileProblem(path, f"unknown RDF file extension {path.suffix!r}")
    return fmt


def graph_for_data_file(path: Path) -> ox.NamedNode:
    """The named graph a file of ``data/`` is loaded into: ``graph/{file stem}``."""
    return ox.NamedNode(str(GRAPH[path.name.split(".")[0]]))


def load_file(store: ox.Store, path: Path, graph: ox.NamedNode | None) -> None:
    """Parse ``path`` into ``graph`` of ``store``; a syntax error names the file and line.

    For quad formats (N-Quads, TriG) ``graph`` is the graph of the default-graph triples.
    """
    fmt = rdf_format_for(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        if fmt.supports_datasets:
            store.load(data, format=fmt, base_iri=None, to_graph=graph or ox.DefaultGraph())
        else:
            store.load(data, format=fmt, to_graph=graph or ox.DefaultGraph())
    except SyntaxError as exc:
        raise FileProblem(path, syntax_message(exc), exc.lineno, exc.offset) from exc


def syntax_message(exc: SyntaxError) -> str:
    """pyoxigraph's parser message without its position (which the file name carries)."""
    msg = exc.msg or str(exc)
    if msg.startswith("Parser error"):
        # "Parser error at line 4 column 7: …" or
        # "Parser error between line 3 column 10 and line 4 column 1: Unexpected end of file"
        _, _, rest = msg.partition(": ")
        msg = rest or msg
    return f"syntax error: {msg}"
