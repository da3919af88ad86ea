"""Bulk-load RDF files into an on-disk store, all or nothing.

The files are streamed through pyoxigraph's parser into a copy of the store (a RocksDB
checkpoint: hard links, cheap) that replaces the store only once every file has loaded. A
syntax error, a full disk or a killed process leaves the store as it was; the error names the
file and the line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def _quads(
    path: Path, graph: ox.NamedNode, progress: Progress | None, counter: list[int]
) -> Iterator[ox.Quad]:
    fmt = rdf_format_for(path)
    try:
        with path.open("rb") as handle:
            reader = _CountingReader(handle, progress)
            for quad in ox.parse(cast(IO[bytes], reader), format=fmt):
                if isinstance(quad.graph_name, ox.DefaultGraph):
                    quad = ox.Quad(quad.subject, quad.predicate, quad.object, graph)
                counter[0] += 1
                yield quad
    except SyntaxError as exc:
        msg = (exc.msg or str(exc)).split(": ", 1)[-1]
        raise FileProblem(path, f"syntax error: {msg}", exc.lineno, exc.offset) from exc
    except OSError as exc:
        raise FileProblem(path, f"cannot read: {exc.strerror or exc}") from exc


def load_files(
    files: list[Path],
    store_path: Path,
    graph: str | None = None,
    progress: Progress | None = None,
    publish: Publish | None = None,
) -> LoadReport:
    """Load ``files`` into the store at ``store_path`` (created if missing), all or nothing.

    Triples (and the default graph of quad files) go into ``graph``, or into
    ``https://w3id.org/gcm-kg/graph/{file stem}`` when it is not given. The current generation
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
        graphs: dict[str, int] = {}
        parts: list[bytes] = []
        if parent is not None:
            manifest = parent.manifest()
            graphs = dict(manifest.graphs)
            parts.append(manifest.digest.encode())
            try:
                parent.open().backup(str(staged.oxigraph))
            except OSError as exc:
                raise StoreError(f"cannot copy the store at {parent.oxigraph}: {exc}") from exc
        store = staged.open(read_only=False)
        for path in files:
            target = ox.NamedNode(graph) if graph else graph_for_data_file(path)
            counter = [0]
            before = len(store)
            try:
                store.bulk_extend(_quads(path, target, progress, counter))
            except OSError as exc:
                raise StoreError(f"loading {path} failed: {exc}") from exc
            report.quads[str(path)] = counter[0]
            graphs[target.value] = graphs.get(target.value, 0) + len(store) - before
            parts += [target.value.encode(), path.name.encode(), file_digest(path)]
        store.flush()
        store.optimize()
        manifest = directory.new_manifest(
            "load", digest_of(parts), graphs, parent=parent.id if parent else None
        )
        if publish is not None:
            publish(store, staged, manifest)
        del store
        directory.commit(staged, manifest)
    return report
