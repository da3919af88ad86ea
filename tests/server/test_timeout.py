"""The time limit, on a real waitress server: a runaway query is stopped at the limit (503) while
another client keeps getting answers, and the killed worker is replaced."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from server_testing import EXPLOSIVE, QUERY_TIMEOUT

ASK = "ASK { ?p gcm:leadEntity agent:iom }"


def _get(base: str, query: str, timeout: float = 30) -> tuple[int, bytes, float]:
    """A SPARQLWrapper-like request: GET with query= and a results Accept header."""
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), time.perf_counter() - started
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), time.perf_counter() - started


def test_runaway_query_is_stopped_while_others_are_served(live_server: str) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        runaway = pool.submit(_get, live_server, EXPLOSIVE)
        time.sleep(0.3)
        answers = []
        while not runaway.done():
            answers.append(_get(live_server, ASK))
            time.sleep(0.1)
        status, body, elapsed = runaway.result()
    assert status == 503
    assert b"time limit" in body
    assert QUERY_TIMEOUT <= elapsed < QUERY_TIMEOUT + 1.5
    # the other client was answered, promptly, all along
    assert len(answers) >= 5
    assert all(s == 200 and json.loads(b)["boolean"] is True for s, b, _ in answers)
    assert max(t for _, _, t in answers) < 1.0
    # the worker was replaced: the pool still answers on both workers
    time.sleep(1.5)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: _get(live_server, ASK), range(4)))
    assert all(s == 200 for s, _, _ in results)
