"""Give freed heap memory back to the operating system (glibc's ``malloc_trim``).

Loading a graph into memory and evaluating a large query free most of what they allocate, but
glibc keeps the freed pages in its arenas, where they still count as the process's memory. The
query process calls :func:`release` after those, so that it holds the graph and little else.
Elsewhere than on glibc it does nothing.
"""

from __future__ import annotations

import ctypes
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
