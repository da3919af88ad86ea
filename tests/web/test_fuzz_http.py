"""Malformed HTTP on the real server (``gcm-kg serve``: gunicorn): bad request lines, huge headers,
smuggling attempts, random bytes. Each gets a 4xx or a closed connection, never a 5xx, and the
server keeps answering other clients meanwhile. (Slow clients are the reverse proxy's to hold:
tests/web/test_proxy.py.)"""

from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fuzzing import FUZZ
from hypothesis import given
from hypothesis import strategies as st
from live import ServeProcess


@pytest.fixture(scope="module")
def server_url(store_path: Path) -> Iterator[str]:
    """``gcm-kg serve`` on the built store."""
    with ServeProcess(store_path) as server:
        server.wait_healthy()
        yield server.base


def _address(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    assert parts.hostname and parts.port
    return parts.hostname, parts.port


@contextmanager
def _connection(base: str, timeout: float = 5.0) -> Iterator[socket.socket]:
    sock = socket.create_connection(_address(base), timeout=timeout)
    try:
        yield sock
    finally:
        sock.close()


def _exchange(base: str, raw: bytes, timeout: float = 5.0) -> bytes:
    """Send ``raw``, half-close, and read what the server answers until it closes."""
    with _connection(base, timeout) as sock:
        try:
            sock.sendall(raw)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            return b""  # the server closed first: refusing is fine
        chunks = []
        while True:
            try:
                chunk = sock.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def _statuses(answer: bytes) -> list[int]:
    return [
        int(line.split()[1])
        for line in answer.split(b"\r\n")
        if line.startswith(b"HTTP/1.") and len(line.split()) > 1 and line.split()[1].isdigit()
    ]


def _healthy(base: str, within: float = 2.0) -> None:
    started = time.perf_counter()
    with urllib.request.urlopen(base + "/health", timeout=within) as response:
        assert response.status == 200
    assert time.perf_counter() - started < within


HUGE = b"x" * 300_000
RAW = {
    "garbage": b"GARBAGE\r\n\r\n",
    "binary": b"\x00\xff\xfe\x16\x03\x01\x02\x00\r\n\r\n",
    "tls hello": bytes.fromhex("160301020001000200030300") + b"\x00" * 100,
    "no version": b"GET /sparql\r\n\r\n",
    "HTTP/9.9": b"GET / HTTP/9.9\r\nHost: x\r\n\r\n",
    "bad method": b"G\xffT / HTTP/1.1\r\nHost: x\r\n\r\n",
    "huge request line": b"GET /sparql?query=" + HUGE + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "huge header": b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + HUGE + b"\r\n\r\n",
    "many headers": b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 20_000 + b"\r\n",
    "header without colon": b"GET / HTTP/1.1\r\nHost x\r\n\r\n",
    "negative length": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
    "length not a number": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
    "two lengths": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
    b"Content-Length: 50\r\n\r\nquery",
    "length and chunked": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n",
    "bad chunk": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\nASK{}\r\n0\r\n\r\n",
    "huge chunk": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
    b"Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\nASK{}\r\n0\r\n\r\n",
    "body past the cap": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query"
    b"\r\nContent-Length: 10000000\r\n\r\n" + b"#" * 100_000,
    "length larger than body": b"POST /sparql HTTP/1.1\r\nHost: x\r\n"
    b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK {}",
    "path traversal": b"GET /static/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n",
    "encoded traversal": b"GET /dumps/%2e%2e%2fmanifest.json HTTP/1.1\r\nHost: x\r\n\r\n",
    "absolute URI": b"GET http://evil.example/sparql HTTP/1.1\r\nHost: x\r\n\r\n",
    "CONNECT": b"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: x\r\n\r\n",
    "header injection": b"GET /?lang=%0d%0aSet-Cookie:%20a=b HTTP/1.1\r\nHost: x\r\n\r\n",
    "invalid UTF-8 path": b"GET /id/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n",
    "NUL in path": b"GET /id/agent/iom\x00.ttl HTTP/1.1\r\nHost: x\r\n\r\n",
    "pipelined": b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n" * 50,
}


@pytest.mark.parametrize("raw", RAW.values(), ids=RAW.keys())
def test_malformed_request_is_refused_and_the_server_keeps_serving(
    server_url: str, raw: bytes
) -> None:
    answer = _exchange(server_url, raw)
    statuses = _statuses(answer)
    assert all(status < 500 for status in statuses), answer[:500]
    assert b"root:x:0:0" not in answer
    assert b"Set-Cookie" not in answer.split(b"\r\n\r\n", 1)[0]
    _healthy(server_url)


def test_an_oversized_header_gets_431(server_url: str) -> None:
    statuses = _statuses(_exchange(server_url, RAW["huge header"]))
    assert statuses and statuses[0] == 431


def test_a_body_over_the_cap_gets_413_before_it_is_sent(server_url: str) -> None:
    """Only the headers are sent: the answer must come from the declared length alone. (Sending
    body bytes the server will not read makes its close a reset, which can drop the answer.)"""
    headers = RAW["body past the cap"].split(b"\r\n\r\n", 1)[0] + b"\r\n\r\n"
    with _connection(server_url, 5.0) as sock:
        sock.sendall(headers)
        answer = sock.recv(65536)
    statuses = _statuses(answer)
    assert statuses and statuses[0] == 413, answer[:300]


@FUZZ
@given(
    raw=st.one_of(
        st.binary(max_size=2000),
        st.lists(
            st.one_of(
                st.sampled_from([b"GET", b"POST", b" ", b"/sparql", b"HTTP/1.1", b"\r\n", b":"]),
                st.sampled_from([b"Content-Length", b"Transfer-Encoding", b"chunked", b"0"]),
                st.binary(max_size=20),
            ),
            max_size=30,
        ).map(b"".join),
    )
)
def test_random_bytes(server_url: str, raw: bytes) -> None:
    answer = _exchange(server_url, raw, timeout=3.0)
    assert all(status < 500 for status in _statuses(answer)), answer[:500]
