"""The server in front of Virtuoso (Debian's ``virtuoso-opensource``) answers every example query
exactly as it does on the embedded store.

A private Virtuoso is started for the test: a temporary database directory, 127.0.0.1 only,
free (non-default) ports for SQL and HTTP. The graph is uploaded by `gcm-kg build --backend …
--gsp …` through Virtuoso's Graph Store Protocol endpoint (digest authentication as ``dba``).
Skipped, saying so, only where the ``virtuoso-t`` binary is not installed.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from answers import same_answer
from click.testing import CliRunner
from flask import Flask

from gcm_kg.cli import main
from server import create_app
from server.examples import load_examples
from server.state import KEY

VIRTUOSO = shutil.which("virtuoso-t")
pytestmark = pytest.mark.skipif(
    VIRTUOSO is None,
    reason="virtuoso-t is not installed (apt-get install virtuoso-opensource)",
)
EXAMPLES = load_examples()
JSON = "application/sparql-results+json"
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {dir}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
MaxQueryMem = 500M
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {vsp}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 0
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"virtuoso-t exited ({process.returncode}): {log.read_text()[-2000:]}"
            )
        try:
            with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"Virtuoso did not answer within 90 s: {log.read_text()[-2000:]}")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private Virtuoso holding the shipped graph; yields its backend URL."""
    directory = tmp_path_factory.mktemp("virtuoso")
    http_port = free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(
        INI.format(dir=directory, sql_port=free_port(), http_port=http_port, vsp=VSP),
        encoding="utf-8",
    )
    assert VIRTUOSO is not None
    log = directory / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [VIRTUOSO, "+foreground", "+configfile", str(ini)],
            cwd=directory,
            stdout=out,
            stderr=out,
        )
    try:
        endpoint = f"http://127.0.0.1:{http_port}/sparql"
        wait_until_ready(endpoint, process, log)
        yield f"sparql+{endpoint}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def uploaded(virtuoso: str) -> str:
    gsp = virtuoso.removeprefix("sparql+").removesuffix("/sparql") + "/sparql-graph-crud-auth"
    env = {"GCM_KG_BACKEND_USER": "dba", "GCM_KG_BACKEND_PASSWORD": "dba"}
    result = CliRunner(env=env).invoke(main, ["build", "--backend", virtuoso, "--gsp", gsp])
    assert result.exit_code == 0, result.output
    return virtuoso


def _app(**config: object) -> Iterator[Flask]:
    app = create_app({"QUERY_TIMEOUT": 30.0, "RELOAD_INTERVAL": 0, **config})
    app.config["TESTING"] = True
    yield app
    app.extensions[KEY].close()


@pytest.fixture(scope="module")
def virtuoso_app(uploaded: str) -> Iterator[Flask]:
    yield from _app(BACKEND=uploaded, CACHE_BYTES=0)


@pytest.fixture(scope="module")
def embedded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    path = tmp_path_factory.mktemp("embedded") / "store"
    assert CliRunner().invoke(main, ["build", "--store", str(path)]).exit_code == 0
    yield from _app(STORE=str(path), WORKERS=0, CACHE_BYTES=0)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_example_answers_as_on_the_embedded_store(
    virtuoso_app: Flask, embedded_app: Flask, example: object
) -> None:
    query = example.query  # type: ignore[attr-defined]
    answers = []
    for app in (embedded_app, virtuoso_app):
        r = app.test_client().post("/sparql", data={"query": query}, headers={"Accept": JSON})
        assert r.status_code == 200, r.text
        answers.append(r.data)
    embedded, remote = same_answer(query, *answers)
    assert remote == embedded
    assert embedded  # every example has an answer on the shipped data


def test_counts_match(virtuoso_app: Flask, embedded_app: Flask) -> None:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    answers = [
        app.test_client()
        .get("/sparql", query_string={"query": query}, headers={"Accept": JSON})
        .data
        for app in (embedded_app, virtuoso_app)
    ]
    embedded, remote = same_answer(query, *answers)
    assert remote == embedded


def test_service_is_refused_before_virtuoso_sees_it(virtuoso_app: Flask) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
    r = virtuoso_app.test_client().get("/sparql", query_string={"query": query})
    assert r.status_code == 400
    assert "SERVICE" in r.text
