"""Build the graph: ontology, data and inferred triples, each in its named graph.

* ``graph/ontology`` ← ``ontology/*.ttl``
* ``graph/{stem}`` ← each ``data/{stem}.ttl`` (the workplan, the agents, each reference vocabulary)
* ``graph/inferred`` ← :func:`gcm_kg.infer.infer`

An on-disk store is built beside its final place and swapped in only when complete, so a failed
build leaves the previous store as it was.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .infer import infer
from .paths import Layout, default_layout
from .store import (
    GRAPH_INFERRED,
    GRAPH_ONTOLOGY,
    graph_for_data_file,
    load_file,
    open_store,
)


@dataclass
class BuildReport:
    """What a build loaded: triples per named graph."""

    graphs: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def source_files(layout: Layout) -> list[tuple[Path, ox.NamedNode]]:
    """Every file of the build with its named graph, in load order."""
    files = [(p, GRAPH_ONTOLOGY) for p in sorted(layout.ontology_dir.glob("*.ttl"))]
    files += [(p, graph_for_data_file(p)) for p in sorted(layout.data_dir.glob("*.ttl"))]
    return files


def populate(store: ox.Store, layout: Layout | None = None) -> BuildReport:
    """Load ontology and data into ``store`` and add the inferred triples."""
    layout = layout or default_layout()
    report = BuildReport()
    for path, graph in source_files(layout):
        before = len(store)
        load_file(store, path, graph)
        report.graphs[graph.value] = report.graphs.get(graph.value, 0) + len(store) - before
    report.graphs[GRAPH_INFERRED.value] = infer(store)
    return report


def build(
    store_path: Path | None = None, layout: Layout | None = None
) -> tuple[ox.Store, BuildReport]:
    """Build the graph in memory, or at ``store_path`` replacing what is there only on success."""
    if store_path is None:
        store = open_store(None)
        return store, populate(store, layout)
    store_path = store_path.resolve()
    store_path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{store_path.name}.building-", dir=store_path.parent))
    try:
        store = open_store(staging)
        report = populate(store, layout)
        store.flush()
        del store
        _swap_in(staging, store_path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return open_store(store_path), report


def _swap_in(new: Path, target: Path) -> None:
    """Put the directory ``new`` at ``target``, removing the old one after the swap."""
    if not target.exists():
        new.rename(target)
        return
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)
