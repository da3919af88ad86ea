"""Bulk-load RDF files into an on-disk store, all or nothing.

The files are parsed by pyoxigraph's bulk loader (native parsing, sorted writes straight into
the store's files) into a copy of the store (a RocksDB checkpoint: hard links, cheap) that
replaces the store only once every file has loaded. A
syntax error, a full disk or a killed process leaves the store as it was; the error names the
file and the line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox

from .build import Publish
from .errors import FileProblem, StoreError
from .generations import StoreDirectory, digest_of, file_digest
from .store import graph_for_data_file, rdf_format_for

Progress = Callable[[int], None]
"""Called with the number of bytes read since the last call."""


@dataclass
class LoadReport:
    """Quads each file added to the store (a quad already there is not added twice)."""

    quads: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.quads.values())


class _CountingReader:
    """A binary file whose reads report their size to a progress callback."""

    def __init__(self, handle: IO[bytes], progress: Progress | None) -> None:
        self.handle = handle
        self.progress = progress

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        if self.progress and data:
            self.progress(len(data))
        return data

    def readable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self.handle, name)


def base_of(path: Path, base: str | None) -> str:
    """The base IRI of ``path``'s relative IRIs: ``base`` when given, else the file's own URI."""
    return base if base is not None else path.resolve().as_uri()


def load_file_into(
    store: ox.Store,
    path: Path,
    graph: ox.NamedNode,
    progress: Progress | None,
    base: str | None = None,
) -> None:
    """Parse ``path`` straight into ``store`` with pyoxigraph's bulk loader.

    Triples, and the default graph of quad files, go into ``graph``; relative IRIs are resolved
    against ``base`` (default: the file's URI, as RDF parsers do). The parser reads the file
    through :class:`_CountingReader`, so progress comes from the file position at no cost per
    quad."""
    fmt = rdf_format_for(path)
    try:
        with path.open("rb") as handle:
            reader = cast(IO[bytes], _CountingReader(handle, progress))
            store.bulk_load(reader, format=fmt, to_graph=graph, base_iri=base_of(path, base))
    except SyntaxError as exc:
        message = (exc.msg or str(exc)).split(": ", 1)[-1]
        raise FileProblem(path, f"syntax error: {message}", exc.lineno, exc.offset) from exc
    except OSError as exc:
        raise FileProblem(path, f"cannot read: {exc.strerror or exc}") from exc


def graph_counts(store: ox.Store) -> dict[str, int]:
    """Named graph IRI → number of triples, counted by the store itself."""
    counts: dict[str, int] = {}
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    result = store.query(query)
    assert isinstance(result, ox.QuerySolutions)
    for row in result:
        name, count = row["g"], row["n"]
        if isinstance(name, ox.NamedNode) and isinstance(count, ox.Literal):
            counts[name.value] = int(count.value)
    return counts


def load_files(
    files: list[Path],
    store_path: Path,
    graph: str | None = None,
    progress: Progress | None = None,
    publish: Publish | None = None,
    base: str | None = None,
) -> LoadReport:
    """Load ``files`` into the store at ``store_path`` (created if missing), all or nothing.

    Triples (and the default graph of quad files) go into ``graph``, or into
    ``https://w3id.org/gcm-kg/graph/{file stem}`` when it is not given; relative IRIs are
    resolved against ``base``, or each file's own URI when it is not given. The current generation
    is copied (a RocksDB checkpoint: hard links, cheap), the files are loaded into the copy, and
    the copy becomes the current generation only when every file has loaded.
    """
    for path in files:
        rdf_format_for(path)
        if not path.is_file():
            raise FileProblem(path, "no such file")
    directory = StoreDirectory(store_path)
    parent = directory.current() if directory.exists() else None
    report = LoadReport()
    with directory.staging() as staged:
        parts: list[bytes] = []
        if parent is not None:
            manifest = parent.manifest()
            parts.append(manifest.digest.encode())
            try:
                parent.open().backup(str(staged.oxigraph))
            except OSError as exc:
                raise StoreError(f"cannot copy the store at {parent.oxigraph}: {exc}") from exc
        store = staged.open(read_only=False)
        for path in files:
            target = ox.NamedNode(graph) if graph else graph_for_data_file(path)
            before = len(store)
            load_file_into(store, path, target, progress, base)
            report.quads[str(path)] = len(store) - before
            parts += [target.value.encode(), path.name.encode(), file_digest(path)]
        store.flush()
        graphs = graph_counts(store)
        manifest = directory.new_manifest(
            "load", digest_of(parts), graphs, parent=parent.id if parent else None
        )
        if publish is not None:
            publish(store, staged, manifest)
        del store
        directory.commit(staged, manifest)
    return report
