"""What the query process holds: a generation of the store, in memory or on disk, and no more.

Queries on pyoxigraph's in-memory store run 2 to 8 times faster than on its on-disk store (measured
in ``benchmarks/``), so a generation up to ``max_triples`` is served from memory: it is read from
the N-Quads dump published with it (``dumps/gcm-kg.nq.gz``, checked against its SHA-256), or copied
from the on-disk store when the generation has no dump. A bigger generation is served from disk.

After loading, and once it is idle after queries that ran long enough, the query process gives
the memory it freed back to the system (glibc's ``malloc_trim``: :func:`release`, :class:`Trimmer`),
so that it holds the graph and little more; elsewhere than on glibc :func:`release` does nothing.

This module imports pyoxigraph and the standard library only.
"""

from __future__ import annotations

import ctypes
import gzip
import hashlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
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


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        # the symbols the interpreter is linked with, the C library's among them
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def release() -> bool:
    """Return the free pages of every malloc arena to the system; ``True`` if it could."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


class Trimmer:
    """Calls :func:`release` once no request has run for ``quiet`` seconds after requests that
    ran ``after`` seconds or more in all since the last release: one long query, or many short
    ones (each allocates and frees, and the freed pages stay with the process until trimmed).

    Trimming walks the arenas under their locks, so it waits for a quiet moment rather than run
    after each request: a request that came in meanwhile would wait for it."""

    def __init__(self, quiet: float = 0.2, after: float = 0.05) -> None:
        self.quiet = quiet
        self.after = after
        self._lock = threading.Lock()
        self._running = 0
        self._busy = 0.0
        """Seconds the requests ran since the last release."""
        self._last = time.monotonic()
        self._due = threading.Event()
        self.releases = 0
        threading.Thread(target=self._loop, name="gcm-kg-heap", daemon=True).start()

    def started(self) -> None:
        with self._lock:
            self._running += 1

    def finished(self, seconds: float) -> None:
        """A request ended after running ``seconds``."""
        with self._lock:
            self._running -= 1
            self._last = time.monotonic()
            self._busy += seconds
            due = self._busy >= self.after
        if due:
            self._due.set()

    def _loop(self) -> None:
        while True:
            self._due.wait()
            time.sleep(self.quiet)
            with self._lock:
                if self._running or time.monotonic() - self._last < self.quiet:
                    continue  # still busy: look again after another quiet period
                self._due.clear()
                self._busy = 0.0
            release()
            self.releases += 1
