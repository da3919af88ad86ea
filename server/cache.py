"""One least-recently-used cache in a budget (:class:`Budgeted`), for every cache of the server:
the answers to repeated queries (:class:`AnswerCache`), what the pages compute, the rate limit's
buckets.

The answer cache keeps an answer under the digest of the data it was computed from (the served
snapshot's :attr:`~server.state.Snapshot.etag`), its query, its formats and its dataset, so an
answer of older data is never served: a new generation has a new digest, and the old answers
leave as the least recently used. An answer larger than an eighth of the budget is not kept;
refusals and failures are not kept.

An answer is kept the second time its query is answered, not the first: most queries sent to a
public endpoint are never sent again (each edit of a query in the query UI is a new one), and
keeping them all would push out the answers that are asked for again and again. The queries seen
once are remembered as 64-bit hashes in a table of :data:`REMEMBERED` slots (:class:`SeenOnce`), a
fixed half megabyte however many queries arrive.
"""

from __future__ import annotations

import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .query import Answer, Job

OVERHEAD = 200
"""Bytes counted for an answer beyond its body and query (the key, the bookkeeping)."""
REMEMBERED = 65_536
"""Slots of the table of queries answered once (8 bytes each)."""

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Budgeted(Generic[K, V]):
    """Values by key in at most ``budget`` units (each value's size as given: bytes, or 1 for a
    count of entries), the least recently used going first. Thread-safe."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                return None
            self._entries.move_to_end(key)
            return found[0]

    def put(self, key: K, value: V, size: int = 1) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self.size -= old[1]
            self._entries[key] = (value, size)
            self.size += size
            while self.size > self.budget:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.size -= dropped

    def get_or_compute(self, key: K, compute: Callable[[], V], size: int = 1) -> V:
        """The value of ``key``, computed (outside the lock) and kept when it is not there."""
        found = self.get(key)
        if found is None:
            found = compute()
            self.put(key, found, size)
        return found

    def in_order(self) -> list[K]:
        """The keys, least recently used first."""
        with self._lock:
            return list(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.size = 0

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)


class SeenOnce:
    """Hashes of the queries answered once, each in the slot its value names: a query is
    remembered until another one falls in its slot (with a table of n slots, about the last n
    queries). No object per query, so the table's memory is fixed."""

    def __init__(self, slots: int) -> None:
        self._slots = array("q", bytes(8 * slots))

    def first_time(self, marker: int) -> bool:
        """Whether ``marker`` is not in the table, which then remembers it."""
        slot = marker % len(self._slots)
        if self._slots[slot] == marker:
            return False
        self._slots[slot] = marker
        return True


Key = tuple[str, Job]


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    seen_once: int = 0
    """Answers not kept because their query had not been answered before."""


class AnswerCache:
    """Answers by (data digest, job), in at most ``budget`` bytes (see the module docstring)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._answers: Budgeted[Key, Answer] = Budgeted(budget)
        self._seen = SeenOnce(REMEMBERED)
        self.stats = Stats()

    def get(self, digest: str, job: Job) -> Answer | None:
        found = self._answers.get((digest, job))
        if found is None:
            self.stats.misses += 1
        else:
            self.stats.hits += 1
        return found

    def put(self, digest: str, job: Job, answer: Answer) -> None:
        size = len(answer.body) + len(job.query) + OVERHEAD
        if size > self.budget // 8:
            return
        key = (digest, job)
        marker = hash(key)  # a collision of two hashes keeps an answer early: no harm
        if self._seen.first_time(marker):
            self.stats.seen_once += 1
            return
        self._answers.put(key, answer, size)

    @property
    def size(self) -> int:
        return self._answers.size

    def __len__(self) -> int:
        return len(self._answers)
