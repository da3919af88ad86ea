"""Load on ``gcm-kg serve`` as it runs in production (gunicorn, the query process): sixteen
clients mixing queries and pages get no error, and the p50/p99 latencies are reported; a crawler
that fetches every page (following links from the home page, in both languages, with every RDF
alternate) and every dump leaves the server's memory bounded.

``GCM_KG_SOAK_SECONDS`` sets how long the clients run (10 s by default; 60 for the full run)."""

from __future__ import annotations

import os
import re
import shutil
import statistics
import threading
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from live import ServeProcess, get

from gcm_kg.build import build
from gcm_kg.publish import publish
from server.examples import load_examples

SECONDS = float(os.environ.get("GCM_KG_SOAK_SECONDS", "10"))
CLIENTS = 16
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
RSS_GROWTH_LIMIT_MB = 200
"""Most the server's processes may grow while a crawler fetches everything: the answer cache's
64 MB budget, the page cache, and the allocator's slack."""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("soak") / "store"
    build(path, publish=publish)
    return path


@pytest.fixture
def server(store: Path, tmp_path: Path) -> Iterator[ServeProcess]:
    copy = tmp_path / "store"
    shutil.copytree(store, copy, symlinks=True)
    process = ServeProcess(copy)
    process.wait_healthy()
    yield process
    process.stop()


def _requests() -> list[tuple[str, dict[str, str]]]:
    """The mix: every example query in two formats, pages of each kind, RDF, the overviews."""
    mix: list[tuple[str, dict[str, str]]] = []
    for example in load_examples():
        query = urllib.parse.urlencode({"query": example.query})
        mix.append((f"/sparql?{query}", {"Accept": "application/sparql-results+json"}))
        mix.append((f"/sparql?{query}", {"Accept": "text/csv"}))
    for path in (
        "/",
        "/?lang=en",
        "/id/agent/iom",
        "/id/priority/core-2-1?lang=en",
        "/id/activity/core-2-1/1",
        "/id/gcm-objective/13",
        "/id/thematic-area/1",
        "/id/workplan/2021-2022",
        "/timeline",
        "/network",
        "/matrix",
        "/search?q=migrantes",
        "/ontology",
        "/.well-known/void",
        "/sparql",
    ):
        mix.append((path, {"Accept": BROWSER}))
    for path in ("/id/agent/iom.ttl", "/id/priority/core-3.jsonld", "/.well-known/void.ttl"):
        mix.append((path, {}))
    mix.append(("/health", {}))
    return mix


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_sixteen_clients_mixing_queries_and_pages(
    server: ServeProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    mix = _requests()
    deadline = time.monotonic() + SECONDS
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        i = number
        while time.monotonic() < deadline:
            path, headers = mix[i % len(mix)]
            i += 7
            started = time.perf_counter()
            try:
                status, body, _ = get(server.base + path, timeout=30, **headers)
            except OSError as exc:
                status, body = 0, str(exc).encode()
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(f"{status} {path[:80]}: {body[:200]!r}")

    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(client, range(CLIENTS)))
    p50, p99 = statistics.median(latencies), _percentile(latencies, 0.99)
    with capsys.disabled():
        print(
            f"\nload: {CLIENTS} clients for {SECONDS:g} s: {len(latencies)} requests "
            f"({len(latencies) / SECONDS:.0f}/s), {len(errors)} errors, "
            f"p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {max(latencies) * 1000:.0f} ms"
        )
    assert errors == []
    assert len(latencies) > CLIENTS * 5
    assert p99 < 10.0


def _rss_mb(pgid: int) -> float:
    """Resident memory of every process in the group (the server and its query processes)."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) != pgid:  # the process group
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


LINK = re.compile(r'(?:href|src)="([^"#]+)"')


def _links(base: str, page: str, html: str) -> list[str]:
    found = []
    for href in LINK.findall(html):
        url = urllib.parse.urljoin(base + page, href.replace("&amp;", "&"))
        parts = urllib.parse.urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != base:
            continue  # other sites are linked to, not crawled
        if parts.path == "/sparql" and parts.query:
            continue  # "open in the query UI" links: the same page with another query
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def test_a_crawler_fetching_everything_keeps_memory_bounded(
    server: ServeProcess, capsys: pytest.CaptureFixture[str]
) -> None:
    samples: list[float] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append(_rss_mb(server.process.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    baseline = _rss_mb(server.process.pid)
    sampler.start()
    seen: set[str] = set()
    frontier = ["/", "/.well-known/void"]
    fetched_bytes = 0
    failures: list[str] = []
    started = time.monotonic()

    def fetch(path: str) -> tuple[str, int, bytes, str]:
        status, body, headers = get(server.base + path, timeout=60, Accept=BROWSER)
        return path, status, body, headers.get("Content-Type", "")

    with ThreadPoolExecutor(4) as pool:
        while frontier:
            batch = [p for p in dict.fromkeys(frontier) if p not in seen]
            seen.update(batch)
            frontier = []
            for path, status, body, content_type in pool.map(fetch, batch):
                fetched_bytes += len(body)
                if status not in (200, 404):
                    failures.append(f"{status} {path}")
                if status == 200 and content_type.startswith("text/html"):
                    frontier += _links(server.base, path, body.decode("utf-8", "replace"))
    stop.set()
    sampler.join(timeout=2)
    elapsed = time.monotonic() - started
    dumps = [p for p in seen if p.startswith("/dumps/")]
    peak = max(samples) if samples else baseline
    with capsys.disabled():
        print(
            f"\ncrawl: {len(seen)} URLs ({len(dumps)} dumps), {fetched_bytes / 1e6:.1f} MB in "
            f"{elapsed:.0f} s; server RSS {baseline:.0f} MB before, {peak:.0f} MB at most, "
            f"{samples[-1] if samples else baseline:.0f} MB after"
        )
    assert failures == []
    assert len(seen) > 1000
    assert len(dumps) >= 4
    assert peak - baseline < RSS_GROWTH_LIMIT_MB
