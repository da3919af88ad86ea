"""The caches: one least-recently-used class in a budget, the answer cache of repeated queries,
and the endpoint's validators (a repeated GET is answered 304 without evaluation; a change of the
data is never answered from an older answer)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from gcm_kg.build import build
from gcm_kg.paths import Layout
from server import create_app
from server.cache import AnswerCache, Budgeted
from server.endpoint import CACHE_KEY
from server.query import Answer, Job
from server.state import KEY

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }"
EXTRA = """
@prefix gcm: <https://w3id.org/gcm-kg/ontology#> .
<https://w3id.org/gcm-kg/id/activity/core-1/99> a gcm:Activity .
"""


def _answer(size: int) -> Answer:
    return Answer("select", "csv", b"x" * size)


def _keep(cache: AnswerCache, digest: str, job: Job, answer: Answer) -> None:
    """Answer ``job`` twice: the second answer is kept."""
    cache.put(digest, job, answer)
    cache.put(digest, job, answer)


def test_budgeted_drops_the_least_recently_used() -> None:
    lru: Budgeted[str, int] = Budgeted(10)
    for n in range(5):
        lru.put(f"k{n}", n, size=3)
    assert lru.size <= 10 and len(lru) == 3
    assert lru.get("k0") is None and lru.get("k4") == 4
    lru.get("k2")  # now the most recently used
    lru.put("k5", 5, size=3)
    assert lru.get("k2") == 2 and lru.get("k3") is None
    assert lru.get_or_compute("k6", lambda: 6, size=3) == 6
    assert lru.get_or_compute("k6", lambda: 7, size=3) == 6


def test_hits_and_keys() -> None:
    cache = AnswerCache(10_000)
    job = Job.of("ASK {}", "text/csv")
    assert cache.get("d1", job) is None
    _keep(cache, "d1", job, _answer(10))
    assert cache.get("d1", job) == _answer(10)
    assert cache.get("d2", job) is None  # other data
    assert cache.get("d1", Job.of("ASK {}", "application/rdf+xml")) is None  # other format
    assert cache.get("d1", Job.of("ASK {}", "text/csv", default_graphs=("urn:g",))) is None
    assert (cache.stats.hits, cache.stats.misses) == (1, 4)


def test_budget_drops_the_least_recently_used() -> None:
    cache = AnswerCache(8_000)
    jobs = [Job.of(f"ASK {{ <urn:{i}> ?p ?o }}", None) for i in range(30)]
    for job in jobs:
        _keep(cache, "d", job, _answer(300))
    assert 0 < cache.size <= 8_000
    assert cache.get("d", jobs[-1]) is not None
    assert cache.get("d", jobs[0]) is None
    big = Job.of("big", None)
    _keep(cache, "d", big, _answer(1_000))  # over an eighth of the budget: not kept
    assert cache.get("d", big) is None


def test_an_answer_is_kept_the_second_time_its_query_is_answered() -> None:
    cache = AnswerCache(10_000)
    once, twice = (
        Job.of("ASK { <urn:once> ?p ?o }", None),
        Job.of("ASK { <urn:twice> ?p ?o }", None),
    )
    cache.put("d", once, _answer(10))
    cache.put("d", twice, _answer(10))
    assert cache.get("d", once) is None and len(cache) == 0
    assert cache.stats.seen_once == 2
    cache.put("d", twice, _answer(10))
    assert cache.get("d", twice) == _answer(10)


def test_queries_seen_once_are_remembered_within_a_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("server.cache.REMEMBERED", 1)
    cache = AnswerCache(10_000)
    jobs = [Job.of(f"ASK {{ <urn:{i}> ?p ?o }}", None) for i in range(5)]
    for job in jobs:
        cache.put("d", job, _answer(10))
    cache.put("d", jobs[-1], _answer(10))
    cache.put("d", jobs[0], _answer(10))
    assert cache.get("d", jobs[-1]) is not None
    assert cache.get("d", jobs[0]) is None  # forgotten before its second answer


@pytest.fixture
def served(tmp_path: Path, project_copy: Layout) -> Iterator[Flask]:
    build(tmp_path / "store", project_copy)
    app = create_app({"STORE": str(tmp_path / "store"), "RELOAD_INTERVAL": 0.05})
    yield app
    app.extensions[KEY].close()


def _count(app: Flask, **headers: str) -> tuple[int, int | None, str | None]:
    r = app.test_client().get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv", **headers}
    )
    assert r.status_code in (200, 304), r.text
    number = int(r.text.splitlines()[1]) if r.status_code == 200 else None
    return r.status_code, number, r.headers.get("ETag")


def test_repeated_query_is_a_hit_and_a_rebuild_invalidates(
    served: Flask, project_copy: Layout
) -> None:
    cache = served.extensions[CACHE_KEY]
    assert _count(served)[1] == 59
    assert _count(served)[1] == 59  # answered again, and kept
    assert cache.stats.hits == 0
    status, count, etag = _count(served)
    assert (status, count) == (200, 59) and cache.stats.hits == 1
    assert etag is not None
    assert _count(served, **{"If-None-Match": etag})[:2] == (304, None)
    (project_copy.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    state = served.extensions[KEY]
    generation = build(Path(state.source.name), project_copy)[1].generation
    assert generation is not None
    assert state.wait_for(generation.id, timeout=30)
    status, count, new_etag = _count(served, **{"If-None-Match": etag})
    assert (status, count) == (200, 60)  # not the cached 59, not a 304
    assert new_etag != etag


def test_cache_can_be_switched_off(tmp_path: Path) -> None:
    build(tmp_path / "store")
    app = create_app({"STORE": str(tmp_path / "store"), "CACHE_BYTES": 0})
    try:
        assert CACHE_KEY not in app.extensions
        assert _count(app)[1] == 59
    finally:
        app.extensions[KEY].close()
