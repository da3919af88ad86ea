"""Fixtures of the W3C suites: the test store built by ``gcm-kg load``, ``gcm-kg serve`` on it,
and pyoxigraph in-process on the same N-Quads."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest

from .client import GCM_KG, Endpoint, Server, StoreState
from .evaluation import Evaluation, write_nquads
from .manifests import evaluation_cases


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "w3c: a test of the W3C SPARQL 1.0/1.1 suites")


@dataclass(frozen=True)
class SuiteData:
    nquads: Path
    graphs: frozenset[str]


@pytest.fixture(scope="session")
def suite_data(tmp_path_factory: pytest.TempPathFactory) -> SuiteData:
    """Every data file of every evaluation test in the named graph of its own IRI."""
    path = tmp_path_factory.mktemp("w3c") / "w3c.nq"
    graphs = write_nquads([Evaluation(c) for c in evaluation_cases()], path)
    return SuiteData(path, frozenset(graphs))


@pytest.fixture(scope="session")
def store_dir(suite_data: SuiteData) -> Path:
    """The test store, loaded by the command line as a user would."""
    store = suite_data.nquads.parent / "store"
    done = subprocess.run(
        [str(GCM_KG), "load", str(suite_data.nquads), "--store", str(store)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"gcm-kg load: {done.stderr}"
    return store


@pytest.fixture(scope="session")
def server(store_dir: Path) -> Iterator[Server]:
    """``gcm-kg serve`` on the test store, for the whole session."""
    served = Server(store_dir, store_dir.parent / "serve.log")
    try:
        served.wait_healthy()
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="session")
def endpoint(server: Server) -> Endpoint:
    return server.endpoint


@pytest.fixture(autouse=True)
def _endpoint_survives(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test that left the endpoint unable to answer ``/health`` within 5 s, an error
    names that test, and the server is restarted so that the other tests still say something
    about the endpoint (each would otherwise wait out the time limit)."""
    yield
    if "endpoint" not in request.fixturenames:
        return
    server: Server = request.getfixturevalue("server")
    if server.answers():
        return
    tail = server.log_tail()
    server.restart()
    pytest.fail(
        f"the endpoint stopped answering after this test (restarted); its log:\n{tail}",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def local_store(suite_data: SuiteData) -> ox.Store:
    """pyoxigraph in-process, in memory, on the same N-Quads."""
    store = ox.Store()
    store.bulk_load(path=suite_data.nquads, format=ox.RdfFormat.N_QUADS)
    return store


@pytest.fixture(scope="session")
def initial_state(endpoint: Endpoint, local_store: ox.Store) -> StoreState:
    """What the endpoint serves before any update was sent: the whole test store."""
    found = endpoint.state()
    assert found.triples == len(local_store) > 0, "the endpoint serves the whole test store"
    assert found.quads >= found.triples
    return found
