"""A cache of answers: repeated identical queries (and the pages built from them) are answered
from memory.

An answer is kept under its query, its ``Accept`` header, its dataset parameters and the digest of
the data it was computed from (the served generation's, :attr:`server.state.Snapshot.etag`), so
an answer of older data is never served: when a new generation becomes current, the app clears
the cache (and the digest in the key makes a stale hit impossible even meanwhile). The cache
holds at most ``budget`` bytes of answers, the least recently used going first; an answer larger
than an eighth of the budget is not kept. Refusals and failures are not kept.

An answer is kept the second time its query is answered, not the first: most queries sent to a
public endpoint are never sent again (each edit of a query in the query UI is a new one), and
keeping them all would push out the answers that are asked for again and again. The cache
remembers the last :data:`REMEMBERED` queries it has seen once, as 64-bit hashes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from .execute import Answer, Job
from .workers import Evaluator

Key = tuple[str, str, str | None, tuple[str, ...], tuple[str, ...]]
OVERHEAD = 200
"""Bytes counted for an entry beyond its answer and query (the key, the bookkeeping)."""
REMEMBERED = 16_384
"""Queries answered once whose next answer will be kept (about a megabyte of hashes)."""


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Budgeted(Generic[K, V]):
    """Values by key in at most ``budget`` bytes (each value's size as given), the least
    recently used going first; not thread-safe (its users lock)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._entries: OrderedDict[K, tuple[V, int]] = OrderedDict()

    def get(self, key: K) -> V | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V, size: int) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old[1]
        self._entries[key] = (value, size)
        self.size += size
        while self.size > self.budget:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.size -= dropped

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)


@dataclass
class Stats:
    hits: int = 0
    misses: int = 0
    seen_once: int = 0
    """Answers not kept because their query had not been answered before."""
    entries: int = 0
    bytes: int = 0


class AnswerCache:
    """Answers by (data digest, query, Accept, dataset), in at most ``budget`` bytes."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._entries: Budgeted[Key, Answer] = Budgeted(budget)
        self._seen: OrderedDict[int, None] = OrderedDict()
        """Hashes of the keys answered once and not kept, oldest first."""
        self._lock = threading.Lock()
        self.stats = Stats()

    @staticmethod
    def key(digest: str, job: Job) -> Key:
        return (digest, job.query, job.accept, job.default_graphs, job.named_graphs)

    def get(self, digest: str, job: Job) -> Answer | None:
        key = self.key(digest, job)
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.stats.misses += 1
            else:
                self.stats.hits += 1
            return found

    def put(self, digest: str, job: Job, answer: Answer) -> None:
        size = len(answer.body) + len(job.query) + OVERHEAD
        if size > self.budget // 8:
            return
        key = self.key(digest, job)
        with self._lock:
            if key not in self._entries and not self._admit(hash(key)):
                self.stats.seen_once += 1
                return
            self._entries.put(key, answer, size)
            self.stats.entries, self.stats.bytes = len(self._entries), self._entries.size

    def _admit(self, marker: int) -> bool:
        """Whether the key hashed to ``marker`` was answered once before (and remember it if
        not). A collision of two hashes keeps an answer early: no harm."""
        if marker in self._seen:
            del self._seen[marker]
            return True
        self._seen[marker] = None
        if len(self._seen) > REMEMBERED:
            self._seen.popitem(last=False)
        return False

    def holds(self, digest: str, job: Job) -> bool:
        """Whether the answer to ``job`` is kept."""
        return self.key(digest, job) in self._entries

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._seen.clear()
            self.stats.entries, self.stats.bytes = 0, 0

    def __len__(self) -> int:
        return len(self._entries)


class Cached:
    """An evaluator answering from ``cache`` when it can, from ``inner`` otherwise."""

    def __init__(self, inner: Evaluator, cache: AnswerCache, digest: str) -> None:
        self.inner = inner
        self.cache = cache
        self.digest = digest

    def run(self, job: Job) -> Answer:
        answer = self.cache.get(self.digest, job)
        if answer is None:
            answer = self.inner.run(job)
            self.cache.put(self.digest, job, answer)
        return answer

    def keeps(self, job: Job) -> bool:
        """Whether the answer to ``job`` is kept (it has been asked for before)."""
        return self.cache.holds(self.digest, job)

    def close(self) -> None:
        self.inner.close()
