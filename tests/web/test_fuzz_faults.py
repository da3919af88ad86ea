"""Faults at random: the query process of a running ``gcm-kg serve`` is killed (SIGKILL, as the
kernel's OOM killer does) at random moments while clients send queries and fetch pages. Every
answer is a 200 or a 503 with ``Retry-After`` (never another 5xx, never a hang), and the service
answers again within seconds of each kill. ``GCM_KG_FUZZ_EXAMPLES`` sets how many kills (``make
fuzz`` runs many)."""

from __future__ import annotations

import os
import random
import signal
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from live import ServeProcess, get

KILLS = max(3, int(os.environ.get("GCM_KG_FUZZ_EXAMPLES", "150")) // 25)
REQUESTS = [
    "/sparql?" + urllib.parse.urlencode({"query": query})
    for query in (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity } # {n}",
        "ASK { ?p gcm:leadEntity agent:iom } # {n}",
        "SELECT ?o ?l WHERE { ?o a gcm:GCMObjective ; skos:prefLabel ?l } # {n}",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a gcm:Activity } # {n}",
    )
] + ["/id/agent/iom?lang=es&n={n}", "/timeline?lang=en&n={n}", "/health"]


@pytest.fixture(scope="module", params=[1, 2], ids=["1 web process", "2 web processes"])
def server(request: pytest.FixtureRequest, store_path: Path) -> Iterator[ServeProcess]:
    with ServeProcess(
        store_path, env={"GCM_KG_QUERY_TIMEOUT": "5"}, args=["--processes", str(request.param)]
    ) as served:
        served.wait_healthy()
        yield served


def _client(base: str, stop: threading.Event, seen: list[tuple[int, str, str | None]]) -> None:
    n = 0
    while not stop.is_set():
        n += 1
        path = REQUESTS[n % len(REQUESTS)].replace("%7Bn%7D", str(n)).replace("{n}", str(n))
        try:
            status, _, headers = get(base + path, timeout=15, Accept="text/html, */*;q=0.1")
        except OSError as exc:  # a hang or a dropped connection is a failure too
            seen.append((0, path, repr(exc)))
            continue
        seen.append((status, path, headers.get("Retry-After")))


def test_the_query_process_killed_at_random(server: ServeProcess) -> None:
    chance = random.Random(20261203)
    for _ in range(KILLS):
        stop = threading.Event()
        seen: list[tuple[int, str, str | None]] = []
        clients = [
            threading.Thread(target=_client, args=(server.base, stop, seen)) for _ in range(4)
        ]
        for client in clients:
            client.start()
        time.sleep(chance.uniform(0.05, 1.0))
        for pid in server.query_processes():
            os.kill(pid, signal.SIGKILL)
        time.sleep(chance.uniform(0.5, 1.5))
        stop.set()
        for client in clients:
            client.join(timeout=30)
        assert seen
        failures = [s for s in seen if s[0] not in (200, 503) or (s[0] == 503 and not s[2])]
        assert not failures, failures[:5]
        started = time.monotonic()
        status, body, _ = get(server.base + "/sparql?query=ASK%7B%7D%23" + str(started))
        assert status == 200, body
        assert time.monotonic() - started < 5
