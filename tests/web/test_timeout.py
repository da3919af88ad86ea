"""The time limit, on a real waitress server: a runaway query is stopped at the limit (503) while
other clients keep getting answers — including one whose query was running in the query process
when it was killed — and the query process is replaced."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from server_testing import EXPLOSIVE, QUERY_TIMEOUT, served

from server import create_app
from server.state import KEY

ASK = "ASK {{ ?p gcm:leadEntity agent:iom }} # {n}"
"""Distinct each time (the comment), so that the answer cache cannot answer it."""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a gcm:Activity . ?x a gcm:Priority }"
"""About a second of evaluation: it is still running when the runaway query is stopped."""


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
            answers.append(_get(live_server, ASK.format(n=len(answers))))
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
        results = list(pool.map(lambda n: _get(live_server, ASK.format(n=f"after {n}")), range(4)))
    assert all(s == 200 for s, _, _ in results)


@pytest.fixture(scope="module")
def roomy_server(store_path: Path) -> Iterator[str]:
    """A server with a 4 s limit: room for a query that is resent after a restart."""
    app = create_app({"STORE": str(store_path), "QUERY_TIMEOUT": 4.0, "WORKERS": 2})
    with served(app) as base:
        yield base
    app.extensions[KEY].close()


def test_a_query_running_when_the_process_is_killed_is_answered(roomy_server: str) -> None:
    with ThreadPoolExecutor(max_workers=2) as pool:
        runaway = pool.submit(_get, roomy_server, EXPLOSIVE + " # straddle")
        time.sleep(3.5)
        slow = pool.submit(_get, roomy_server, SLOW)
        status, _, _ = runaway.result()
        slow_status, body, _ = slow.result()
    assert status == 503
    assert slow_status == 200, body
    _, counted, _ = _get(roomy_server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c }")
    triples = int(json.loads(counted)["results"]["bindings"][0]["n"]["value"])
    assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(triples * 59 * 16)
