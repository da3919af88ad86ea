"""The files published with a generation of the store: dumps of the whole graph.

Written by ``gcm-kg build`` and ``gcm-kg load`` into ``generations/<id>/dumps/`` before the
generation becomes current, so the server serves files that match the data it answers from.
Each dump is gzip-compressed; ``dumps/index.json`` lists them with their size and SHA-256.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from .export import export
from .generations import Generation, Manifest

DUMPS_DIR = "dumps"
INDEX = "index.json"


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


def write_dumps(store: ox.Store, directory: Path) -> list[dict[str, object]]:
    """Write every dump of ``store`` into ``directory``; return their index entries."""
    directory.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, object]] = []
    for dump in DUMPS:
        path = directory / dump.filename
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
            export(store, dump.fmt, cast(BinaryIO, handle))
        entries.append(
            {
                "file": dump.filename,
                "format": dump.fmt,
                "media_type": dump.media_type,
                "encoding": "gzip",
                "keeps_named_graphs": dump.keeps_graphs,
                "bytes": path.stat().st_size,
                "sha256": _sha256(path),
            }
        )
    (directory / INDEX).write_text(json.dumps(entries, indent=2) + "\n", encoding="utf-8")
    return entries


def publish(store: ox.Store, generation: Generation, manifest: Manifest) -> None:
    """Everything served with ``generation``: the dumps."""
    write_dumps(store, generation.path / DUMPS_DIR)


def read_index(generation: Generation) -> list[dict[str, object]]:
    path = generation.path / DUMPS_DIR / INDEX
    if not path.is_file():
        return []
    entries = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(entries, list)
    return entries


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
