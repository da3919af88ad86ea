"""The files published with a generation of the store: dumps, ontology docs, source documents.

Written by ``gcm-kg build`` and ``gcm-kg load`` into ``generations/<id>/`` before the generation
becomes current, so the server serves files that match the data it answers from:

* ``dumps/``: the whole graph, gzip-compressed; ``dumps/index.json`` lists them with their size
  and SHA-256;
* ``ontology/index.{es,en}.html``: the ontology's documentation (:mod:`gcm_kg.ontology_docs`);
* ``sources/{sha256}.txt``: each source document the graph cites (``gcm:SourceDocument`` with
  ``gcm:sha256``), found by that digest among the project's source files, so that pages can
  quote the lines a statement comes from.
"""

from __future__ import annotations

import gzip
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from .export import export
from .generations import Generation, Manifest, file_digest
from .paths import default_layout
from .terms import DCTERMS, GCM

DUMPS_DIR = "dumps"
DOCS_DIR = "ontology"
INDEX = "index.json"
SOURCES_DIR = "sources"


@dataclass(frozen=True)
class Dump:
    """One dump format: its export format, file name and media type."""

    fmt: str
    filename: str
    media_type: str
    keeps_graphs: bool


DUMPS: tuple[Dump, ...] = (
    Dump("nquads", "gcm-kg.nq.gz", "application/n-quads", True),
    Dump("trig", "gcm-kg.trig.gz", "application/trig", True),
    Dump("turtle", "gcm-kg.ttl.gz", "text/turtle", False),
    Dump("jsonld", "gcm-kg.jsonld.gz", "application/ld+json", True),
)
"""The dumps, in the order they are listed; Turtle holds the union of the named graphs."""


def write_dump(store: ox.Store, dump: Dump, directory: Path) -> dict[str, object]:
    """Write one dump of ``store`` into ``directory``; return its index entry."""
    path = directory / dump.filename
    with (
        path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=6) as handle,
    ):
        export(store, dump.fmt, cast(BinaryIO, handle))
    return {
        "file": dump.filename,
        "format": dump.fmt,
        "media_type": dump.media_type,
        "encoding": "gzip",
        "keeps_named_graphs": dump.keeps_graphs,
        "bytes": path.stat().st_size,
        "sha256": file_digest(path).hex(),
    }


def write_dumps(store: ox.Store, directory: Path) -> list[dict[str, object]]:
    """Write every dump of ``store`` into ``directory`` (two at a time: the serialisers release
    the interpreter while they work); return their index entries."""
    directory.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="gcm-kg-dump") as pool:
        entries = list(pool.map(lambda dump: write_dump(store, dump, directory), DUMPS))
    (directory / INDEX).write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    return entries


def source_documents(store: ox.Store) -> list[tuple[str, str | None]]:
    """``(sha256, identifier)`` of every source document the graph describes."""
    query = f"""
        SELECT ?sha256 ?identifier WHERE {{
          ?document a <{GCM.SourceDocument}> ; <{GCM.sha256}> ?sha256 .
          OPTIONAL {{ ?document <{DCTERMS.identifier}> ?identifier }}
        }}"""
    found = []
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        sha256, identifier = row["sha256"], row["identifier"]
        if isinstance(sha256, ox.Literal):
            found.append((sha256.value, identifier.value if identifier is not None else None))
    return found


def write_sources(store: ox.Store, directory: Path, root: Path | None = None) -> list[Path]:
    """Copy each source document of the graph, found under ``root`` (the project by default)
    by its identifier or else by its digest, to ``directory/{sha256}.txt``. A document whose
    bytes do not have the digest the graph states is not published."""
    root = root or default_layout().root
    written = []
    for sha256, identifier in source_documents(store):
        candidates = [root / identifier] if identifier else []
        candidates += sorted((root / "source").glob("*")) if (root / "source").is_dir() else []
        for candidate in candidates:
            if candidate.is_file() and file_digest(candidate).hex() == sha256:
                directory.mkdir(parents=True, exist_ok=True)
                target = directory / f"{sha256}.txt"
                target.write_bytes(candidate.read_bytes())
                written.append(target)
                break
    return written


def publish(store: ox.Store, generation: Generation, manifest: Manifest) -> None:
    """Everything served with ``generation``: the dumps, the ontology's documentation and the
    source documents."""
    from .ontology_docs import write_ontology_docs  # rdflib: the server does not import it

    write_dumps(store, generation.path / DUMPS_DIR)
    write_ontology_docs(store, generation.path / DOCS_DIR)
    write_sources(store, generation.path / SOURCES_DIR)


def read_index(generation: Generation) -> list[dict[str, object]]:
    path = generation.path / DUMPS_DIR / INDEX
    if not path.is_file():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries
