"""``/health``: the served generation and whether the store answers; 503 when it does not."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

import server.health
from gcm_kg import __version__
from gcm_kg.generations import StoreDirectory
from server.errors import QueryFailed
from server.query import Answer, Job
from server.state import Snapshot, state


def test_health_reports_the_served_generation(app: Flask, client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json
    assert body is not None
    with app.app_context():
        directory = StoreDirectory(state().source.directory.root)  # type: ignore[attr-defined]
    manifest = directory.current().manifest()
    assert body["status"] == "ok"
    assert body["store_readable"] is True
    assert body["triples"] == manifest.triples > 7000
    assert body["generation"] == manifest.id == body["current"]
    assert body["digest"] == manifest.digest
    assert body["created"] == manifest.created
    assert body["version"] == __version__
    assert body["query_process"]["pid"] > 0 and body["query_process"]["restarts"] >= 0
    assert str(directory.root) not in response.text  # no paths


def test_health_asks_the_store_not_the_cache(app: Flask, client: FlaskClient) -> None:
    """Each call is a query answered by the evaluator (the answer cache is bypassed)."""
    calls: list[Job] = []
    with app.app_context():
        snap = state().snapshot()
    evaluator = snap.evaluator
    real = evaluator.run

    def counting(job: Job, deadline: float, *, public: bool = False) -> Answer:
        calls.append(job)
        return real(job, deadline, public=public)

    evaluator.run = counting  # type: ignore[method-assign]
    try:
        for _ in range(3):
            assert client.get("/health").status_code == 200
    finally:
        evaluator.run = real  # type: ignore[method-assign]
    assert len(calls) == 3


class Unreadable:
    """An evaluator whose store cannot be read."""

    def run(self, job: Job, deadline: float, *, public: bool = False) -> Answer:
        raise QueryFailed("the query could not be evaluated: IO error: no such file")

    def status(self) -> dict[str, object]:
        return {}

    def close(self) -> None:
        pass


class Empty(Unreadable):
    def run(self, job: Job, deadline: float, *, public: bool = False) -> Answer:
        return Answer("ask", "json", b'{"head":{},"boolean":false}')


@pytest.mark.parametrize(("evaluator", "reason"), [(Unreadable(), "IO error"), (Empty(), "empty")])
def test_health_is_503_when_the_store_does_not_answer(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch, evaluator: object, reason: str
) -> None:
    with app.app_context():
        served = state().snapshot()
    broken = Snapshot(served.manifest, served.generation, evaluator)  # type: ignore[arg-type]
    monkeypatch.setattr(server.health, "snapshot", lambda: broken)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    body = response.json
    assert body is not None
    assert body["status"] == "unavailable" and body["store_readable"] is False
    assert reason in body["error"]
    assert body["generation"] == served.manifest.id


def test_health_is_not_rate_limited(app_factory) -> None:  # type: ignore[no-untyped-def]
    client = app_factory(RATE_LIMIT=0.001, RATE_BURST=1).test_client()
    assert all(client.get("/health").status_code == 200 for _ in range(10))
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 200
    assert client.get("/sparql", query_string={"query": "ASK {}"}).status_code == 429
    assert client.get("/health").status_code == 200


def test_health_has_security_headers(client: FlaskClient) -> None:
    response = client.get("/health")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
