"""Repeated SPARQL requests are answered with their recorded response: the same status, headers
and body as the app's, the same access-log line, never across a change of the data, never past
a rate limit."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from server.replay import OVERHEAD, Recorded, Replay, Responses

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }"
CSV = "text/csv"
JSON = "application/sparql-results+json"


@pytest.fixture
def app(app_factory: Callable[..., Flask]) -> Flask:
    return app_factory()


def replay_of(app: Flask) -> Replay:
    assert isinstance(app.wsgi_app, Replay)
    return app.wsgi_app


def get(app: Flask, query: str = COUNT, accept: str = CSV, **headers: str) -> Any:
    return app.test_client().get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept, **headers}
    )


def without_date(headers: Any) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in headers.items() if k != "Date")


def test_the_third_identical_request_is_replayed_as_the_app_answered_it(app: Flask) -> None:
    replay = replay_of(app)
    first, second = get(app), get(app)  # the answer is kept the second time it is asked for
    assert replay.responses.hits == 0 and len(replay.responses) == 1
    third = get(app)
    assert replay.responses.hits == 1
    assert third.status_code == 200 and third.data == first.data == second.data
    assert without_date(third.headers) == without_date(second.headers)
    assert third.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert third.headers["Vary"] == "Accept"


@pytest.mark.parametrize(
    ("accept", "headers"),
    [
        (JSON, {}),  # another format
        (CSV, {"If-None-Match": '"x"'}),  # conditional
        (CSV, {"Range": "bytes=0-3"}),
    ],
)
def test_what_may_differ_is_not_replayed(app: Flask, accept: str, headers: dict[str, str]) -> None:
    replay = replay_of(app)
    for _ in range(3):
        assert get(app).status_code == 200
    hits = replay.responses.hits
    response = get(app, accept=accept, **headers)
    assert response.status_code == 200
    assert replay.responses.hits == hits
    if accept == JSON:
        assert json.loads(response.data)["results"]["bindings"][0]["n"]["value"] == "59"


def test_posts_and_failures_are_never_recorded(app: Flask) -> None:
    replay = replay_of(app)
    client = app.test_client()
    for _ in range(3):
        assert client.post("/sparql", data={"query": COUNT}, headers={"Accept": CSV}).status_code
        assert get(app, "SELEC nothing").status_code == 400
    assert len(replay.responses) == 0


def test_a_replayed_request_is_logged_like_the_others(
    app: Flask, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(2):
        get(app)
    with caplog.at_level(logging.INFO, logger="gcm_kg.access"):
        get(app)
    assert replay_of(app).responses.hits == 1
    (line,) = [json.loads(r.getMessage()) for r in caplog.records if r.name == "gcm_kg.access"]
    assert line["method"] == "GET" and line["path"] == "/sparql" and line["status"] == 200
    assert line["query_kind"] == "select" and len(line["query_hash"]) == 16
    assert isinstance(line["duration_ms"], float)


def test_no_replay_under_a_rate_limit(app_factory: Callable[..., Flask]) -> None:
    app = app_factory(RATE_LIMIT=0.5, RATE_BURST=3)
    assert not isinstance(app.wsgi_app, Replay)
    statuses = [get(app).status_code for _ in range(5)]
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429]


def test_no_replay_without_an_answer_cache(app_factory: Callable[..., Flask]) -> None:
    assert not isinstance(app_factory(CACHE_BYTES=0).wsgi_app, Replay)


def recorded(size: int) -> Recorded:
    return Recorded("200 OK", [("Content-Type", CSV)], b"x" * size, {})


def test_responses_of_other_data_are_dropped() -> None:
    responses = Responses(100_000)
    responses.put(("d1", "query=a", CSV), recorded(10))
    assert responses.get(("d1", "query=a", CSV)) is not None
    assert responses.get(("d2", "query=a", CSV)) is None  # the data changed
    assert len(responses) == 0
    assert responses.get(("d1", "query=a", CSV)) is None


def test_responses_stay_within_their_budget() -> None:
    budget = 8 * (OVERHEAD + 1_000)
    responses = Responses(budget)
    keys = [("d", f"query={i}", CSV) for i in range(20)]
    for key in keys:
        responses.put(key, recorded(500))
    assert 0 < len(responses) < 20
    assert responses.get(keys[-1]) is not None and responses.get(keys[0]) is None
    responses.put(("d", "big", CSV), recorded(budget // 8))  # over an eighth: not kept
    assert responses.get(("d", "big", CSV)) is None
