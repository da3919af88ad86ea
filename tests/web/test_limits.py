"""The limits and how each is answered: the time limit (503, Retry-After), request bodies (413,
also on the real server before the body is read), the row cap (a header), query complexity (400)
and the per-client rate limit (429, Retry-After; off by default; X-Forwarded-For only from a
trusted proxy)."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from flask.testing import FlaskClient
from live import EXPLOSIVE, QUERY_TIMEOUT, ServeProcess

from server.config import SettingError, settings_from
from server.ratelimit import RateLimiter, client_address, parse_networks

ASK = "ASK { ?p gcm:leadEntity agent:iom }"
CSV = {"Accept": "text/csv"}


# --- the time limit ---------------------------------------------------------------------------


def test_time_limit_is_503_with_retry_after(client: FlaskClient) -> None:
    started = time.perf_counter()
    response = client.get("/sparql", query_string={"query": EXPLOSIVE})
    elapsed = time.perf_counter() - started
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) >= 1
    assert "time limit" in response.text
    assert QUERY_TIMEOUT <= elapsed < QUERY_TIMEOUT + 3
    assert client.get("/sparql", query_string={"query": ASK}).status_code == 200


# --- request size ---------------------------------------------------------------------------------


@pytest.mark.parametrize("content_type", ["application/sparql-query", "form"])
def test_a_body_over_the_cap_is_413(client: FlaskClient, content_type: str) -> None:
    padding = "#" * (256 * 1024 + 1)
    if content_type == "form":
        response = client.post("/sparql", data={"query": f"{padding}\nASK {{}}"})
    else:
        response = client.post(
            "/sparql",
            data=f"{padding}\nASK {{}}".encode(),
            headers={"Content-Type": content_type},
        )
    assert response.status_code == 413
    assert response.text.strip()


def test_gcm_kg_serve_refuses_a_big_body_before_reading_it(store_path: Path) -> None:
    server = ServeProcess(store_path, env={"GCM_KG_MAX_BODY_BYTES": "1024"})
    try:
        server.wait_healthy()
        parts = urlsplit(server.base)
        assert parts.hostname and parts.port
        with socket.create_connection((parts.hostname, parts.port), timeout=2) as sock:
            sock.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 1000000000\r\n\r\n" + b"#" * 4096
            )
            answer = sock.recv(4096)
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    finally:
        server.stop()


def test_a_body_of_the_documented_maximum_is_accepted(store_path: Path) -> None:
    """``MAX_BODY_BYTES`` is the largest body accepted: exactly that many bytes are answered."""
    query = b"ASK {}\n"
    body = query + b"#" * (256 * 1024 - len(query))
    assert len(body) == 262_144
    with ServeProcess(store_path) as server:
        server.wait_healthy()
        request = urllib.request.Request(
            server.base + "/sparql",
            data=body,
            headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200


# --- the row cap ------------------------------------------------------------------------------------


def test_row_cap_truncates_json_and_says_so(app_factory) -> None:  # type: ignore[no-untyped-def]
    client = app_factory(MAX_ROWS=5).test_client()
    response = client.get(
        "/sparql",
        query_string={"query": "SELECT ?s WHERE { ?s a gcm:Activity }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.status_code == 200
    assert response.headers["GCM-KG-Truncated"] == "5"
    assert len(response.json["results"]["bindings"]) == 5  # type: ignore[index]


# --- complexity -----------------------------------------------------------------------------------


def test_complexity_limits_are_settings(app_factory) -> None:  # type: ignore[no-untyped-def]
    query = "SELECT * WHERE " + "{" * 12 + "}" * 12
    strict = app_factory(MAX_QUERY_DEPTH=10).test_client()
    response = strict.get("/sparql", query_string={"query": query}, headers=CSV)
    assert response.status_code == 400
    assert "more than 10 levels deep" in response.text
    loose = app_factory(MAX_QUERY_DEPTH=0).test_client()
    assert loose.get("/sparql", query_string={"query": query}, headers=CSV).status_code == 200
    chained = "SELECT * WHERE { " + " UNION ".join(["{?s ?p ?o}"] * 30) + " } LIMIT 1"
    few = app_factory(MAX_QUERY_OPERATORS=20).test_client()
    response = few.get("/sparql", query_string={"query": chained}, headers=CSV)
    assert response.status_code == 400 and "more than 20 operators" in response.text


# --- the rate limit -----------------------------------------------------------------------------


def _ask(client: FlaskClient, address: str = "127.0.0.1", **headers: str) -> int:
    response = client.get(
        "/sparql",
        query_string={"query": ASK},
        headers={**CSV, **headers},
        environ_base={"REMOTE_ADDR": address},
    )
    if response.status_code == 429:
        assert int(response.headers["Retry-After"]) >= 1
        assert "too many requests" in response.text
        assert response.headers["Access-Control-Allow-Origin"] == "*"  # browsers can read it
    return response.status_code


def test_no_rate_limit_by_default(client: FlaskClient) -> None:
    assert settings_from({})["RATE_LIMIT"] == 0
    assert {_ask(client) for _ in range(60)} == {200}


def test_rate_limit_answers_429_with_retry_after(app_factory) -> None:  # type: ignore[no-untyped-def]
    client = app_factory(RATE_LIMIT=0.5, RATE_BURST=3).test_client()
    assert [_ask(client, "10.0.0.1") for _ in range(5)] == [200, 200, 200, 429, 429]
    response = client.get(
        "/sparql", query_string={"query": ASK}, environ_base={"REMOTE_ADDR": "10.0.0.1"}
    )
    assert response.headers["Retry-After"] == "2"  # 1 token at 0.5 a second
    assert _ask(client, "10.0.0.2") == 200  # another client has its own bucket
    # pages, static files and the health check are not limited
    for path in ("/health", "/id/agent/iom.ttl", "/static/pages.css", "/"):
        assert client.get(path, environ_base={"REMOTE_ADDR": "10.0.0.1"}).status_code == 200, path


def test_options_and_head_take_no_token(app_factory) -> None:  # type: ignore[no-untyped-def]
    client = app_factory(RATE_LIMIT=0.01, RATE_BURST=1).test_client()
    environ = {"REMOTE_ADDR": "10.0.0.5"}
    for _ in range(5):
        assert client.options("/sparql", environ_base=environ).status_code < 400
        assert client.head("/sparql", environ_base=environ).status_code < 400
    assert _ask(client, "10.0.0.5") == 200
    assert _ask(client, "10.0.0.5") == 429


def test_each_web_process_allows_its_share(app_factory) -> None:  # type: ignore[no-untyped-def]
    """Under --processes 2 each web process allows half the rate, and half the burst."""
    client = app_factory(RATE_LIMIT=0.01, RATE_BURST=4, PROCESSES=2).test_client()
    assert [_ask(client, "10.0.0.6") for _ in range(3)] == [200, 200, 429]


def test_forwarded_for_is_ignored_unless_the_proxy_is_trusted(app_factory) -> None:  # type: ignore[no-untyped-def]
    untrusting = app_factory(RATE_LIMIT=0.01, RATE_BURST=1).test_client()
    assert _ask(untrusting, "10.0.0.9", **{"X-Forwarded-For": "1.1.1.1"}) == 200
    # a client cannot escape its bucket by writing another address in the header
    assert _ask(untrusting, "10.0.0.9", **{"X-Forwarded-For": "2.2.2.2"}) == 429

    trusting = app_factory(
        RATE_LIMIT=0.01, RATE_BURST=1, TRUSTED_PROXIES=("10.0.0.0/8",)
    ).test_client()
    assert _ask(trusting, "10.0.0.9", **{"X-Forwarded-For": "1.1.1.1"}) == 200
    assert _ask(trusting, "10.0.0.9", **{"X-Forwarded-For": "2.2.2.2"}) == 200
    assert _ask(trusting, "10.0.0.8", **{"X-Forwarded-For": "1.1.1.1"}) == 429


@pytest.mark.parametrize(
    ("remote", "header", "client"),
    [
        ("10.0.0.1", None, "10.0.0.1"),
        ("10.0.0.1", "6.6.6.6", "6.6.6.6"),
        ("10.0.0.1", "6.6.6.6, 7.7.7.7", "7.7.7.7"),
        ("10.0.0.1", "6.6.6.6, 10.0.0.2", "6.6.6.6"),
        ("10.0.0.1", "spoofed, 7.7.7.7", "7.7.7.7"),
        ("10.0.0.1", "10.0.0.3, 10.0.0.2", "10.0.0.3"),
        ("10.0.0.1", " , ", "10.0.0.1"),
        ("192.168.1.1", "6.6.6.6", "192.168.1.1"),
        ("::1", "6.6.6.6", "::1"),
        (None, None, "unknown"),
    ],
)
def test_client_address(remote: str | None, header: str | None, client: str) -> None:
    assert client_address(remote, header, parse_networks(["10.0.0.0/8"])) == client


def test_token_bucket_refills_and_is_bounded() -> None:
    now = [0.0]
    limiter = RateLimiter(rate=2.0, burst=2, clock=lambda: now[0], max_clients=3)
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.5]
    now[0] = 0.5
    assert limiter.take("a") == 0.0  # one token back after half a second
    now[0] = 100.0
    assert [limiter.take("a") for _ in range(3)] == [0.0, 0.0, 0.5]  # never more than the burst
    for name in "bcdef":
        limiter.take(name)
    assert len(limiter) == 3


def test_bad_trusted_proxy_names_the_setting() -> None:
    with pytest.raises(SettingError, match="GCM_KG_TRUSTED_PROXIES"):
        parse_networks(["not-an-address"])
