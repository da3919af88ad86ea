"""The answer cache: repeated identical queries are answered from memory, and never with the
answers of data that has since changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from gcm_kg.build import build
from gcm_kg.paths import Layout
from server import create_app
from server.cache import AnswerCache
from server.execute import Answer, Job
from server.replay import Replay
from server.state import KEY, State

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }"
EXTRA = """
@prefix gcm: <https://w3id.org/gcm-kg/ontology#> .
<https://w3id.org/gcm-kg/id/activity/core-1/99> a gcm:Activity .
"""


def _answer(size: int) -> Answer:
    return Answer("select", "text/csv", b"x" * size)


def _keep(cache: AnswerCache, digest: str, job: Job, answer: Answer) -> None:
    """Answer ``job`` twice: the second answer is kept."""
    cache.put(digest, job, answer)
    cache.put(digest, job, answer)


def test_hits_and_keys() -> None:
    cache = AnswerCache(10_000)
    job = Job("ASK {}", "text/csv")
    assert cache.get("d1", job) is None
    _keep(cache, "d1", job, _answer(10))
    assert cache.get("d1", job) == _answer(10)
    assert cache.get("d2", job) is None  # other data
    assert cache.get("d1", Job("ASK {}", "application/json")) is None  # other format
    assert cache.get("d1", Job("ASK {}", "text/csv", ("urn:g",))) is None  # other dataset
    assert (cache.stats.hits, cache.stats.misses) == (1, 4)


def test_budget_drops_the_least_recently_used() -> None:
    cache = AnswerCache(8_000)
    jobs = [Job(f"ASK {{ <urn:{i}> ?p ?o }}") for i in range(30)]
    for job in jobs:
        _keep(cache, "d", job, _answer(300))
    assert 0 < cache.stats.bytes <= 8_000
    assert cache.get("d", jobs[-1]) is not None
    assert cache.get("d", jobs[0]) is None
    _keep(cache, "d", Job("big"), _answer(1_000))  # over an eighth of the budget: not kept
    assert cache.get("d", Job("big")) is None


def test_an_answer_is_kept_the_second_time_its_query_is_answered() -> None:
    cache = AnswerCache(10_000)
    once, twice = Job("ASK { <urn:once> ?p ?o }"), Job("ASK { <urn:twice> ?p ?o }")
    cache.put("d", once, _answer(10))
    cache.put("d", twice, _answer(10))
    assert cache.get("d", once) is None and len(cache) == 0
    assert cache.stats.seen_once == 2
    cache.put("d", twice, _answer(10))
    assert cache.get("d", twice) == _answer(10)
    cache.clear()  # forgets the queries seen once too
    cache.put("d", once, _answer(10))
    assert cache.get("d", once) is None


def test_queries_seen_once_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("server.cache.REMEMBERED", 3)
    cache = AnswerCache(10_000)
    jobs = [Job(f"ASK {{ <urn:{i}> ?p ?o }}") for i in range(5)]
    for job in jobs:
        cache.put("d", job, _answer(10))
    cache.put("d", jobs[-1], _answer(10))
    cache.put("d", jobs[0], _answer(10))
    assert cache.get("d", jobs[-1]) is not None
    assert cache.get("d", jobs[0]) is None  # forgotten before its second answer


@pytest.fixture
def served(tmp_path: Path, project_copy: Layout) -> Iterator[Flask]:
    build(tmp_path / "store", project_copy)
    app = create_app({"STORE": str(tmp_path / "store"), "WORKERS": 1, "RELOAD_INTERVAL": 0.05})
    yield app
    app.extensions[KEY].close()


def _count(app: Flask) -> int:
    r = app.test_client().get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"}
    )
    assert r.status_code == 200, r.text
    return int(r.text.splitlines()[1])


def test_repeated_query_is_a_hit_and_a_rebuild_invalidates(
    served: Flask, project_copy: Layout
) -> None:
    state = served.extensions[KEY]
    assert isinstance(state, State) and state.cache is not None
    assert _count(served) == 59
    assert _count(served) == 59  # answered again, and kept
    replay = served.wsgi_app
    assert isinstance(replay, Replay)
    assert state.cache.stats.hits == 0 and replay.responses.hits == 0
    assert _count(served) == 59  # its response is replayed (server/replay.py)
    assert replay.responses.hits == 1
    (project_copy.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    generation = build(Path(state.store_path), project_copy)[1].generation
    assert generation is not None
    assert state.wait_for(generation.id, timeout=30)
    assert _count(served) == 60  # not the cached 59


def test_pages_queries_go_through_the_cache(served: Flask) -> None:
    state = served.extensions[KEY]
    job = Job("ASK { ?s ?p ?o }", "application/sparql-results+json")
    first = state.snapshot().evaluator.run(job)
    assert state.snapshot().evaluator.run(job) == first
    hits = state.cache.stats.hits
    assert state.snapshot().evaluator.run(job) == first
    assert state.cache.stats.hits == hits + 1


def test_cache_can_be_switched_off(tmp_path: Path) -> None:
    build(tmp_path / "store")
    app = create_app({"STORE": str(tmp_path / "store"), "WORKERS": 0, "CACHE_BYTES": 0})
    try:
        assert app.extensions[KEY].cache is None
        assert _count(app) == 59
    finally:
        app.extensions[KEY].close()
