"""Build the graph: ontology, data and inferred triples, each in its named graph.

* ``graph/ontology`` ← ``ontology/*.ttl``
* ``graph/{stem}`` ← each ``data/{stem}.ttl`` (the workplan, the agents, each reference vocabulary)
* ``graph/inferred`` ← :func:`gcm_kg.infer.infer`

On disk, a build writes a new generation of the store directory (see :mod:`gcm_kg.generations`)
and makes it current only when it is complete: a failed build leaves the previous graph current.
With ``reuse``, a build whose inputs and code are those of the current generation writes nothing
and reports the current generation as up to date (``gcm-kg build --if-changed``, which
``make serve`` runs).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from . import __version__
from .generations import Generation, Manifest, StoreDirectory, digest_of, file_digest
from .infer import infer
from .paths import Layout, default_layout
from .store import GRAPH_INFERRED, GRAPH_ONTOLOGY, graph_for_data_file, load_file, open_store

Check = Callable[[Layout], None]
"""Called with the layout before anything is written; raises to refuse the build."""

Publish = Callable[[ox.Store, Generation, Manifest], None]
"""Called with the complete store of a new generation, before it becomes current."""

STAMP = "build.sha256"
"""The file of a generation that holds the digest of what built it (:func:`build_digest`)."""
PACKAGE = Path(__file__).resolve().parent


@dataclass
class BuildReport:
    """What a build loaded: triples per named graph, and where."""

    graphs: dict[str, int] = field(default_factory=dict)
    generation: Generation | None = None
    up_to_date: bool = False
    """The current generation was built from the same inputs by the same code: nothing written."""

    @property
    def total(self) -> int:
        return sum(self.graphs.values())


def source_files(layout: Layout) -> list[tuple[Path, ox.NamedNode]]:
    """Every file of the build with its named graph, in load order."""
    files = [(p, GRAPH_ONTOLOGY) for p in sorted(layout.ontology_dir.glob("*.ttl"))]
    files += [(p, graph_for_data_file(p)) for p in sorted(layout.data_dir.glob("*.ttl"))]
    return files


def source_digest(layout: Layout) -> str:
    """The digest of a build's inputs: the name and bytes of every file it loads."""
    parts: list[bytes] = []
    for path, graph in source_files(layout):
        parts += [graph.value.encode(), path.name.encode(), file_digest(path)]
    return digest_of(parts)


def code_digest() -> str:
    """The digest of the code that turns the inputs into a generation: the package's modules and
    templates, and its version."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".html", ".rq") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(file_digest(path))
    return digest.hexdigest()


def build_digest(layout: Layout, published: bool) -> str:
    """What a build of ``layout`` would make: its inputs, the code, and whether files are
    published with the generation."""
    parts = [source_digest(layout).encode(), code_digest().encode(), str(published).encode()]
    return digest_of(parts)


def up_to_date(directory: StoreDirectory, digest: str) -> Generation | None:
    """The current generation if a build with ``digest`` made it, else ``None``."""
    if not directory.exists():
        return None
    current = directory.current()
    try:
        stamp = (current.path / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return current if stamp == digest else None


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
    store_path: Path | None = None,
    layout: Layout | None = None,
    *,
    check: Check | None = None,
    publish: Publish | None = None,
    reuse: bool = False,
) -> tuple[ox.Store, BuildReport]:
    """Build the graph in memory, or as a new current generation of the store at ``store_path``.

    ``check`` runs first and may refuse the build (validation); ``publish`` writes the files
    served with the generation (dumps, documentation). Either failing leaves the store as it was.
    With ``reuse``, when the current generation was built from the same inputs by the same code
    (:func:`build_digest`), nothing is written and the report says it is up to date.
    """
    layout = layout or default_layout()
    if check is not None:
        check(layout)
    if store_path is None:
        store = open_store(None)
        return store, populate(store, layout)
    directory = StoreDirectory(store_path)
    digest = build_digest(layout, publish is not None)
    if reuse and (current := up_to_date(directory, digest)) is not None:
        report = BuildReport(dict(current.manifest().graphs), current, up_to_date=True)
        return current.open(), report
    parent = directory.current_id()
    with directory.staging() as staged:
        store = staged.open(read_only=False)
        report = populate(store, layout)
        store.flush()
        store.optimize()
        manifest = directory.new_manifest(
            "build", source_digest(layout), report.graphs, parent=parent
        )
        if publish is not None:
            publish(store, staged, manifest)
        (staged.path / STAMP).write_text(digest + "\n", encoding="utf-8")
        del store
        report.generation = directory.commit(staged, manifest)
    return report.generation.open(), report
