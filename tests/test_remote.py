"""The remote backend against a real (small) SPARQL 1.1 store over HTTP (tests/remote_store.py):
build, load, query and export through it, and the server in front of it answering exactly as it
does on the embedded store, with the same refusals, limits and cache."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from answers import same_answer
from click.testing import CliRunner
from flask import Flask
from remote_store import RemoteStore

from gcm_kg.cli import main
from gcm_kg.remote import MANIFEST_GRAPH, RemoteError, parse_backend, read_manifest
from server import create_app
from server.examples import load_examples
from server.state import KEY

EXAMPLES = load_examples()
JSON = "application/sparql-results+json"


@pytest.fixture(scope="module")
def remote() -> Iterator[RemoteStore]:
    """A remote store with the shipped graph uploaded by `gcm-kg build --backend`."""
    store = RemoteStore()
    result = CliRunner().invoke(main, ["build", "--backend", store.backend, "--gsp", store.gsp])
    assert result.exit_code == 0, result.output
    yield store
    store.close()


def _app(**config: object) -> Iterator[Flask]:
    app = create_app({"QUERY_TIMEOUT": 5.0, **config})
    app.config["TESTING"] = True
    yield app
    app.extensions[KEY].close()


@pytest.fixture(scope="module")
def remote_app(remote: RemoteStore) -> Iterator[Flask]:
    yield from _app(BACKEND=remote.backend, RELOAD_INTERVAL=0)


@pytest.fixture(scope="module")
def embedded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    path = tmp_path_factory.mktemp("embedded") / "store"
    assert CliRunner().invoke(main, ["build", "--store", str(path)]).exit_code == 0
    yield from _app(STORE=str(path), WORKERS=0)


@pytest.mark.parametrize(
    ("url", "endpoint"),
    [
        ("sparql+http://127.0.0.1:8890/sparql", "http://127.0.0.1:8890/sparql"),
        ("sparql+https://example.org/query?x=1", "https://example.org/query?x=1"),
    ],
)
def test_backend_url(url: str, endpoint: str) -> None:
    backend = parse_backend(url, environ={"GCM_KG_BACKEND_PASSWORD": "secret"})
    assert backend.endpoint == endpoint
    assert backend.url == url
    assert "secret" not in repr(backend)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1/sparql", "sparql+ftp://x/sparql", "sparql+http://dba:pw@h/sparql"]
)
def test_bad_backend_url(url: str) -> None:
    with pytest.raises(RemoteError):
        parse_backend(url)


def test_build_writes_graphs_and_manifest(remote: RemoteStore) -> None:
    manifest = read_manifest(parse_backend(remote.backend))
    assert manifest is not None and manifest.origin == "build"
    assert "https://w3id.org/gcm-kg/graph/workplan-2021-2022" in manifest.graphs
    assert MANIFEST_GRAPH not in manifest.graphs
    for graph, count in manifest.graphs.items():
        stored = remote.store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        assert sum(1 for _ in stored) == count


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_examples_answer_as_on_the_embedded_store(
    remote_app: Flask, embedded_app: Flask, example: object
) -> None:
    query = example.query  # type: ignore[attr-defined]
    answers = []
    for app in (embedded_app, remote_app):
        r = app.test_client().post("/sparql", data={"query": query}, headers={"Accept": JSON})
        assert r.status_code == 200, r.text
        answers.append(r.data)
    embedded, remote = same_answer(query, *answers)
    assert remote == embedded


@pytest.mark.parametrize(
    ("query", "accept", "media"),
    [
        ("SELECT ?n WHERE { objective:7 skos:notation ?n }", "text/csv", "text/csv"),
        ("ASK { ?p gcm:leadEntity agent:iom }", "application/sparql-results+xml", "xml"),
        ("CONSTRUCT WHERE { objective:7 skos:notation ?n }", "application/n-triples", "n-triples"),
    ],
)
def test_formats_and_prefixes(remote_app: Flask, query: str, accept: str, media: str) -> None:
    r = remote_app.test_client().get(
        "/sparql", query_string={"query": query}, headers={"Accept": accept}
    )
    assert r.status_code == 200, r.text
    assert media in r.content_type


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}, 400),
        ({"query": "SELECT * FROM <http://127.0.0.1:1/x> WHERE { ?s ?p ?o }"}, 400),
        ({"query": "ASK { ?s ?p ?o }", "default-graph-uri": "http://127.0.0.1:1/x"}, 400),
        ({"query": "LOAD <http://127.0.0.1:1/x>"}, 403),
        ({"query": "SELECT ?x WHERE { ?x ex:y ?z }"}, 400),
    ],
)
def test_refusals_never_reach_the_remote_store(
    remote: RemoteStore, remote_app: Flask, params: dict[str, str], status: int
) -> None:
    before = len(remote.requests)
    r = remote_app.test_client().get("/sparql", query_string=params)
    assert r.status_code == status, r.text
    assert len(remote.requests) == before


def test_a_syntax_error_is_the_remote_store_s_400(remote: RemoteStore, remote_app: Flask) -> None:
    r = remote_app.test_client().get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert r.status_code == 400
    assert "the remote store refused the query" in r.text


def test_union_default_graph_names_every_graph(remote: RemoteStore, remote_app: Flask) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # uncached"
    r = remote_app.test_client().get("/sparql", query_string={"query": query})
    assert r.status_code == 200, r.text
    sent = remote.requests[-1]
    manifest = read_manifest(parse_backend(remote.backend))
    assert manifest is not None
    assert sorted(sent["default-graph-uri"]) == sorted(manifest.graphs)
    count = int(json.loads(r.data)["results"]["bindings"][0]["n"]["value"])
    assert count == sum(manifest.graphs.values())


def test_time_limit(remote: RemoteStore) -> None:
    app = next(_app(BACKEND=remote.backend, QUERY_TIMEOUT=0.5, CACHE_BYTES=0))
    remote.delay = 2.0
    try:
        r = app.test_client().get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})
    finally:
        remote.delay = 0.0
        app.extensions[KEY].close()
    assert r.status_code == 503
    assert "time limit" in r.text


def test_row_cap(remote: RemoteStore) -> None:
    app = next(_app(BACKEND=remote.backend, MAX_ROWS=3))
    r = app.test_client().get("/sparql", query_string={"query": "SELECT * WHERE { ?s ?p ?o }"})
    app.extensions[KEY].close()
    assert r.status_code == 200
    assert len(json.loads(r.data)["results"]["bindings"]) == 3
    assert r.headers["GCM-KG-Truncated"] == "3"


def test_cli_query_and_export(remote: RemoteStore, tmp_path: Path) -> None:
    """The commands as they run (each a process of its own: pyoxigraph's results belong to the
    thread that made them, and this process's store serves from threads)."""
    query = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a gcm:Activity }"
    result = _gcm_kg("query", "--backend", remote.backend, "--format", "csv", query)
    assert result.stdout.splitlines()[1] == "59"
    out = tmp_path / "dump.nq"
    _gcm_kg("export", "--backend", remote.backend, "-o", str(out))
    dumped = ox.Store()
    dumped.load(path=str(out), format=ox.RdfFormat.N_QUADS)
    manifest = read_manifest(parse_backend(remote.backend))
    assert manifest is not None
    assert len(dumped) == sum(manifest.graphs.values())


def _gcm_kg(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(Path(sys.executable).with_name("gcm-kg")), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done


def test_load_adds_a_graph_and_the_server_moves_to_it(remote: RemoteStore, tmp_path: Path) -> None:
    app = next(_app(BACKEND=remote.backend, RELOAD_INTERVAL=0))
    client = app.test_client()
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/p> ?o }"
    assert (
        json.loads(client.get("/sparql", query_string={"query": query}).data)["results"][
            "bindings"
        ][0]["n"]["value"]
        == "0"
    )
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://example.org/a> <http://example.org/p> 1, 2 .\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(
        main, ["load", str(extra), "--backend", remote.backend, "--gsp", remote.gsp]
    )
    assert result.exit_code == 0, result.output
    state = app.extensions[KEY]
    assert state.reload()
    answer = json.loads(client.get("/sparql", query_string={"query": query}).data)
    assert answer["results"]["bindings"][0]["n"]["value"] == "2"
    app.extensions[KEY].close()


def test_bad_file_uploads_nothing(remote: RemoteStore, tmp_path: Path) -> None:
    before = read_manifest(parse_backend(remote.backend))
    requests = len(remote.requests)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/p> .\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["load", str(bad), "--backend", remote.backend, "--gsp", remote.gsp]
    )
    assert result.exit_code == 2
    assert "bad.ttl:1" in result.output
    assert not [r for r in remote.requests[requests:] if r["method"] == "PUT"]
    assert read_manifest(parse_backend(remote.backend)) == before


def test_failed_upload_keeps_the_manifest(remote: RemoteStore, tmp_path: Path) -> None:
    before = read_manifest(parse_backend(remote.backend))
    extra = tmp_path / "more.ttl"
    extra.write_text("<http://example.org/b> <http://example.org/p> 3 .\n", encoding="utf-8")
    remote.fail_gsp_after = 0
    try:
        result = CliRunner().invoke(
            main, ["load", str(extra), "--backend", remote.backend, "--gsp", remote.gsp]
        )
    finally:
        remote.fail_gsp_after = None
    assert result.exit_code == 2
    assert "manifest was not changed" in result.output
    assert read_manifest(parse_backend(remote.backend)) == before


def test_credentials_are_not_in_messages(
    remote: RemoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GCM_KG_BACKEND_USER", "dba")
    monkeypatch.setenv("GCM_KG_BACKEND_PASSWORD", "s3cret-pw")
    result = CliRunner().invoke(
        main, ["query", "--backend", "sparql+http://127.0.0.1:1/sparql", "ASK {}"]
    )
    assert result.exit_code == 2
    assert "s3cret-pw" not in result.output
