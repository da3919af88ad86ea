"""What the pages compute once per generation: query answers, the search index, the matrix.

Entries are keyed by the snapshot's ``etag`` (the data digest), so a new generation never sees
the previous one's answers, in the server's one least-recently-used class
(:class:`server.cache.Budgeted`).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app

from ..cache import Budgeted

T = TypeVar("T")
KEY = "gcm_kg_pages_cache"


class GenerationCache:
    """What the pages compute, by data digest and key, in at most ``size`` entries, the least
    recently used going first (the entries of an older generation go as they are not used)."""

    def __init__(self, size: int = 1024) -> None:
        self._entries: Budgeted[tuple[str, Hashable], Any] = Budgeted(size)

    def get_or_compute(self, digest: str, key: Hashable, compute: Callable[[], T]) -> T:
        result: T = self._entries.get_or_compute((digest, key), compute)
        return result

    def keys(self, digest: str) -> list[Hashable]:
        """The keys kept for ``digest``, least recently used first."""
        return [key for data, key in self._entries.in_order() if data == digest]

    def clear(self) -> None:
        self._entries.clear()


def page_cache() -> GenerationCache:
    cache = current_app.extensions[KEY]
    assert isinstance(cache, GenerationCache)
    return cache
