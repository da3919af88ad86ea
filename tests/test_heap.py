"""Freed memory goes back to the system once the query process is quiet (glibc's malloc_trim)."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable

import pytest

from gcm_kg import heap

QUIET = 0.05
AFTER = 0.05


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


@pytest.mark.parametrize(
    ("durations", "released"),
    [
        ([AFTER * 2], True),  # one long request
        ([AFTER / 10] * 12, True),  # many short ones, as long in all
        ([AFTER / 10] * 3, False),  # a few short ones
    ],
)
def test_a_release_follows_enough_time_spent_in_requests(
    durations: list[float], released: bool
) -> None:
    trimmer = heap.Trimmer(quiet=QUIET, after=AFTER)
    for seconds in durations:
        trimmer.started()
        trimmer.finished(seconds)
    assert _wait_for(lambda: trimmer.releases == 1, timeout=1.0) is released


def test_the_count_starts_again_after_a_release() -> None:
    trimmer = heap.Trimmer(quiet=QUIET, after=AFTER)
    trimmer.started()
    trimmer.finished(AFTER * 0.6)
    trimmer.started()
    trimmer.finished(AFTER * 0.6)
    assert _wait_for(lambda: trimmer.releases == 1)
    trimmer.started()
    trimmer.finished(AFTER * 0.6)
    time.sleep(QUIET * 4)
    assert trimmer.releases == 1  # 0.6 × AFTER since the release: not yet


def test_no_release_while_a_request_runs() -> None:
    trimmer = heap.Trimmer(quiet=QUIET, after=AFTER)
    trimmer.started()
    trimmer.finished(AFTER)
    trimmer.started()  # another request, still running
    time.sleep(QUIET * 6)
    assert trimmer.releases == 0
    trimmer.finished(0.0)
    assert _wait_for(lambda: trimmer.releases == 1)
    time.sleep(QUIET * 4)
    assert trimmer.releases == 1  # once per quiet period, not over and over
