"""Freed memory goes back to the system once the query process is quiet (glibc's malloc_trim)."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable

import pytest

from gcm_kg import heap

QUIET = 0.05


def _wait_for(condition: Callable[[], bool], timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_release_trims_on_glibc() -> None:
    assert heap.release() is True


@pytest.mark.parametrize("long", [True, False])
def test_only_a_long_request_leads_to_a_release(long: bool) -> None:
    trimmer = heap.Trimmer(quiet=QUIET)
    trimmer.started()
    trimmer.finished(long)
    released = _wait_for(lambda: trimmer.releases == 1, timeout=1.0)
    assert released is long


def test_no_release_while_a_request_runs() -> None:
    trimmer = heap.Trimmer(quiet=QUIET)
    trimmer.started()
    trimmer.finished(True)
    trimmer.started()  # another request, still running
    time.sleep(QUIET * 6)
    assert trimmer.releases == 0
    trimmer.finished(False)
    assert _wait_for(lambda: trimmer.releases == 1)
    time.sleep(QUIET * 4)
    assert trimmer.releases == 1  # once per quiet period, not over and over
