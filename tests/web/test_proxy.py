"""The reverse proxy of docs/deployment.md: nginx, with docs/deploy/nginx.conf as it is (only
its two addresses replaced), in front of ``gcm-kg serve``. Slow clients are nginx's to hold:
hundreds of connections trickling their headers do not slow other clients down, a client that
stalls is dropped, and a client's requests in progress are capped."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from live import EXPLOSIVE, ROOT, ServeProcess, free_port, get

CONFIG = ROOT / "docs" / "deploy" / "nginx.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = pytest.mark.skipif(
    not Path(NGINX).is_file(),
    reason="nginx not found: install the Debian package nginx-light (.ci/run does)",
)


@pytest.fixture(scope="module")
def proxy(store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """nginx on a free port in front of ``gcm-kg serve``; yields nginx's base URL."""
    prefix = tmp_path_factory.mktemp("nginx")
    with ServeProcess(
        store_path,
        env={"GCM_KG_QUERY_TIMEOUT": "2", "GCM_KG_TRUSTED_PROXIES": "127.0.0.1"},
    ) as server:
        server.wait_healthy()
        port = free_port()
        text = CONFIG.read_text(encoding="utf-8")
        assert "127.0.0.1:8000" in text and "127.0.0.1:8080" in text
        text = text.replace("127.0.0.1:8000", f"127.0.0.1:{server.port}")
        text = text.replace("127.0.0.1:8080", f"127.0.0.1:{port}")
        (prefix / "nginx.conf").write_text(text, encoding="utf-8")
        run_as = "user root; " if os.geteuid() == 0 else ""  # its temporary files are ours
        nginx = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", "nginx.conf", "-g", f"{run_as}daemon off;"],
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait(base, nginx)
            yield base
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)


def _wait(base: str, nginx: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if nginx.poll() is not None:
            raise AssertionError(nginx.stderr.read().decode() if nginx.stderr else "nginx ended")
        try:
            if get(base + "/health", timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("nginx did not answer")


def _address(base: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(base)
    assert parts.hostname and parts.port
    return parts.hostname, parts.port


def _slow_connection(base: str, source: str) -> socket.socket:
    sock = socket.socket()
    sock.bind((source, 0))
    sock.settimeout(5)
    sock.connect(_address(base))
    sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: ")
    return sock


def _timed(url: str, **headers: str) -> tuple[int, float]:
    started = time.perf_counter()
    status, _, _ = get(url, timeout=5, **headers)
    return status, time.perf_counter() - started


def test_pages_and_queries_pass_through(proxy: str) -> None:
    status, body, _headers = get(
        proxy + "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}),
        Accept="application/sparql-results+json",
    )
    assert status == 200 and b"true" in body
    assert get(proxy + "/id/agent/iom", Accept="text/turtle")[0] == 200


def test_hundreds_of_slow_clients_do_not_slow_down_the_others(proxy: str) -> None:
    """600 connections from another address, each trickling its headers a byte at a time (more
    than gunicorn's threads, or waitress's connection limit, would survive)."""
    slow = [_slow_connection(proxy, "127.0.0.2") for _ in range(600)]
    try:
        times = []
        for _ in range(6):
            for sock in slow:
                with contextlib.suppress(OSError):
                    sock.sendall(b"a")
            status, elapsed = _timed(proxy + "/health")
            assert status == 200
            times.append(elapsed)
            time.sleep(0.2)
    finally:
        for sock in slow:
            sock.close()
    assert max(times) < 1.0, times


def test_a_client_that_stalls_is_dropped(proxy: str) -> None:
    """Half a request and then nothing: nginx answers 408 or closes within its header timeout
    (10 s), and gunicorn never sees it."""
    sock = _slow_connection(proxy, "127.0.0.2")
    sock.settimeout(15)
    started = time.perf_counter()
    try:
        answer = sock.recv(4096)
    except ConnectionResetError:
        answer = b""
    finally:
        sock.close()
    assert time.perf_counter() - started < 14
    assert answer == b"" or answer.startswith(b"HTTP/1.1 408")


def test_a_client_has_at_most_32_requests_in_progress(proxy: str) -> None:
    """40 runaway queries at once from one address: nginx refuses 8 at once (503), our server
    answers the others at its time limit (503 too, after 2 s), and another client is served."""
    url = proxy + "/sparql?" + urllib.parse.urlencode({"query": EXPLOSIVE})

    def runaway(n: int) -> tuple[int, float, bytes]:
        sock = socket.socket()
        sock.bind(("127.0.0.3", 0))
        sock.settimeout(10)
        started = time.perf_counter()
        sock.connect(_address(proxy))
        path = url.split(str(_address(proxy)[1]), 1)[1] + f"%23{n}"
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        sock.close()
        return int(answer.split()[1]), time.perf_counter() - started, answer

    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(runaway, range(40)))
        status, _elapsed = _timed(proxy + "/health")
    refused = [r for r in results if r[0] == 503 and r[1] < 1.0 and b"nginx" in r[2]]
    assert len(refused) >= 8, [(s, round(t, 2)) for s, t, _ in results]
    assert {s for s, _, _ in results} == {503}
    assert status == 200
