"""What the pages compute once per generation: query answers, the search index, the matrix.

Entries are keyed by the snapshot's ``etag`` (the data digest), so a new generation never sees
the previous one's answers; only the newest two generations are kept (a request that started on
the previous one may still finish), each with at most ``size`` entries, least recently used out.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

T = TypeVar("T")
KEY = "gcm_kg_pages_cache"


class GenerationCache:
    """A bounded least-recently-used cache per data digest."""

    def __init__(self, size: int = 512, generations: int = 2) -> None:
        self.size = size
        self.generations = generations
        self._lock = threading.Lock()
        self._by_digest: OrderedDict[str, OrderedDict[Hashable, Any]] = OrderedDict()

    def get_or_compute(self, digest: str, key: Hashable, compute: Callable[[], T]) -> T:
        with self._lock:
            entries = self._by_digest.get(digest)
            if entries is not None and key in entries:
                entries.move_to_end(key)
                found: T = entries[key]
                return found
        result = compute()  # outside the lock: queries of other requests run meanwhile
        with self._lock:
            entries = self._by_digest.setdefault(digest, OrderedDict())
            self._by_digest.move_to_end(digest)
            while len(self._by_digest) > self.generations:
                self._by_digest.popitem(last=False)
            entries[key] = result
            while len(entries) > self.size:
                entries.popitem(last=False)
        return result

    def keys(self, digest: str) -> list[Hashable]:
        """The keys kept for ``digest``, least recently used first."""
        with self._lock:
            return list(self._by_digest.get(digest, ()))

    def clear(self) -> None:
        with self._lock:
            self._by_digest.clear()


def page_cache() -> GenerationCache:
    cache = current_app.extensions[KEY]
    assert isinstance(cache, GenerationCache)
    return cache
