"""Give freed heap memory back to the operating system (glibc's ``malloc_trim``).

Loading a graph into memory and evaluating a large query free most of what they allocate, but
glibc keeps the freed pages in its arenas, where they still count as the process's memory. The
query process calls :func:`release` after loading, and has a :class:`Trimmer` call it once it is
idle after queries that ran long enough, so that it holds the graph and little else. Elsewhere
than on glibc :func:`release` does nothing.
"""

from __future__ import annotations

import ctypes
import threading
import time
from collections.abc import Callable
from functools import cache


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
