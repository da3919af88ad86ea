"""Open a generation of the store for answering queries: in memory, or on disk.

Queries on pyoxigraph's in-memory store run 2 to 8 times faster than on its on-disk store (measured
in ``benchmarks/``), so a generation up to ``max_triples`` is served from memory: it is read from
the N-Quads dump published with it (``dumps/gcm-kg.nq.gz``, checked against its SHA-256), or copied
from the on-disk store when the generation has no dump. A bigger generation is served from disk.

This module imports pyoxigraph and the standard library only: the query worker processes use it.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

import pyoxigraph as ox

SNAPSHOT_DUMP = "gcm-kg.nq.gz"
"""The dump a generation is read into memory from (written by :mod:`gcm_kg.publish`)."""


@dataclass(frozen=True)
class ServingPlan:
    """How to open a generation: where it is, how many triples it has, whether in memory."""

    generation: str
    """The generation's directory."""
    triples: int
    in_memory: bool

    @property
    def oxigraph(self) -> str:
        return str(Path(self.generation) / "oxigraph")


def plan_for(generation: Path, triples: int, max_triples: int) -> ServingPlan:
    """Serve from memory when the generation has at most ``max_triples`` (0: never)."""
    return ServingPlan(str(generation), triples, 0 < triples <= max_triples)


def _verified_dump(generation: Path) -> Path | None:
    """The generation's N-Quads dump, if it is there and matches its published SHA-256."""
    index = generation / "dumps" / "index.json"
    dump = generation / "dumps" / SNAPSHOT_DUMP
    try:
        entries = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    expected = next((e.get("sha256") for e in entries if e.get("file") == SNAPSHOT_DUMP), None)
    if not expected or not dump.is_file():
        return None
    with dump.open("rb") as handle:
        actual = hashlib.file_digest(handle, "sha256").hexdigest()
    return dump if actual == expected else None


def open_for_serving(plan: ServingPlan) -> ox.Store:
    """The store to answer queries from, as ``plan`` says; ``OSError`` if it cannot be read."""
    disk = ox.Store.read_only(plan.oxigraph)
    if not plan.in_memory:
        return disk
    memory = ox.Store()
    dump = _verified_dump(Path(plan.generation))
    if dump is not None:
        with gzip.open(dump, "rb") as handle:
            memory.load(cast(IO[bytes], handle), format=ox.RdfFormat.N_QUADS)
    else:
        memory.load(disk.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
    if len(memory) != len(disk):
        raise OSError(
            f"{plan.generation}: the in-memory copy has {len(memory)} quads, the store {len(disk)}"
        )
    return memory
