"""Nothing reaches the network unless configured to: a local listener stands for every remote
address that queries, data files and pages name (SERVICE, FROM, LOAD, a JSON-LD ``@context``, an
RDF/XML external entity, ``owl:imports``, links to other sites), and must receive no connection
from the endpoint, ``gcm-kg build``, ``gcm-kg load``, ``gcm-kg validate`` or the pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from live import Listener

from gcm_kg.paths import Layout

GCM_KG = Path(sys.executable).with_name("gcm-kg")
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def _run(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"GCM_KG_HOME": str(home)} if home else {})}
    return subprocess.run(
        [str(GCM_KG), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


# --- the endpoint -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def endpoint(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    from gcm_kg.build import build
    from gcm_kg.publish import publish
    from server import create_app
    from server.state import KEY

    path = tmp_path_factory.mktemp("isolation") / "store"
    build(path, publish=publish)
    app = create_app({"STORE": str(path), "WORKERS": 1, "QUERY_TIMEOUT": 5.0})
    yield app
    app.extensions[KEY].close()


def _endpoint_cases(base: str) -> dict[str, dict[str, str]]:
    url = f"{base}/sparql"
    return {
        "SERVICE": {"query": f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"},
        "SERVICE SILENT": {"query": f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}"},
        "SERVICE variable": {
            "query": f"SELECT * WHERE {{ VALUES ?e {{ <{url}> }} SERVICE ?e {{ ?s ?p ?o }} }}"
        },
        "SERVICE by prefix": {
            "query": f"PREFIX r: <{base}/> SELECT * WHERE {{ SERVICE r:sparql {{ ?s ?p ?o }} }}"
        },
        "SERVICE by BASE": {
            "query": f"BASE <{base}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}"
        },
        "SERVICE after a comment ended by CR": {
            "query": f"SELECT * WHERE {{ # note\rSERVICE <{url}> {{ ?s ?p ?o }}\n}}"
        },
        "SERVICE spelt with an escape": {
            "query": f"SELECT * WHERE {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}"
        },
        "SERVICE after an escaped quote": {
            "query": f'SELECT * WHERE {{ BIND("\\u0022 AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} }} #" AS ?y) }}'
        },
        "FROM": {"query": f"SELECT * FROM <{base}/data.ttl> WHERE {{ ?s ?p ?o }}"},
        "FROM NAMED": {
            "query": f"SELECT * FROM NAMED <{base}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        },
        "default-graph-uri": {"query": "ASK { ?s ?p ?o }", "default-graph-uri": f"{base}/d.ttl"},
        "named-graph-uri": {"query": "ASK { ?s ?p ?o }", "named-graph-uri": f"{base}/d.ttl"},
        "LOAD": {"query": f"LOAD <{base}/data.ttl>"},
        "LOAD INTO": {"query": f"LOAD SILENT <{base}/data.ttl> INTO GRAPH <urn:g>"},
        "update with SERVICE": {
            "query": f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}"
        },
    }


@pytest.mark.parametrize("case", list(_endpoint_cases("http://127.0.0.1:0")))
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_the_endpoint_never_connects(
    endpoint: FlaskClient, listener: Listener, case: str, method: str
) -> None:
    params = _endpoint_cases(listener.base)[case]
    before = listener.connections
    if method == "GET":
        response = endpoint.get("/sparql", query_string=params)
    else:
        response = endpoint.post("/sparql", data=params)
    # the store reads \u escapes only inside strings and IRIs, as the guard does: there the
    # SERVICE is text in a string, and the query is answered without a connection
    refused = case != "SERVICE after an escaped quote"
    assert response.status_code in ((400, 403) if refused else (200,)), response.text
    assert response.text.strip()
    assert listener.settled() == before


HIDERS = [
    "",
    "# a comment{sep}",
    'BIND("{quote}" AS ?h)',
    "BIND('{quote}' AS ?h)",
    'BIND("""{quote}""" AS ?h)',
    "FILTER(true) ",
    "?s ?p ?o .",
]
SEPARATORS = ["\n", "\r", "\r\n", "\\u000D", "\\u000A", "\x0b", "\x0c", "\u2028", "\x85", " "]
QUOTES = ['\\"', "\\u0022", "\\'", "\\u0027", '"', "'", "#", "\\u0023", "\\\\"]
KEYWORDS = ["SERVICE", "service", "SeRvIcE", "SERV\\u0049CE", "\\u0053ERVICE"]


@settings(
    max_examples=int(os.environ.get("GCM_KG_FUZZ_EXAMPLES", "150")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    before=st.sampled_from(HIDERS),
    after=st.sampled_from(HIDERS),
    sep=st.sampled_from(SEPARATORS),
    quote=st.sampled_from(QUOTES),
    keyword=st.sampled_from(KEYWORDS),
    silent=st.booleans(),
    endpoint_form=st.sampled_from(["<{url}>", "r:sparql", "<sparql>", "<\\u0068ttp{rest}>"]),
)
def test_no_spelling_of_service_reaches_the_network(
    endpoint: FlaskClient,
    listener: Listener,
    before: str,
    after: str,
    sep: str,
    quote: str,
    keyword: str,
    silent: bool,
    endpoint_form: str,
) -> None:
    """Comments, strings, escapes and spellings that one parser might read differently from
    another: whatever the endpoint answers, the listener hears nothing."""
    url = f"{listener.base}/sparql"
    target = endpoint_form.format(url=url, rest=url[4:])
    query = (
        f"PREFIX r: <{listener.base}/> BASE <{listener.base}/>\n"
        f"SELECT * WHERE {{ {before.format(sep=sep, quote=quote)} "
        f"{keyword}{' SILENT' if silent else ''} {target} {{ ?s ?p ?o }} "
        f"{after.format(sep=sep, quote=quote)}\n}}"
    )
    before_count = listener.connections
    response = endpoint.post("/sparql", data={"query": query})
    assert response.status_code < 500, response.text
    if response.status_code < 400:
        assert listener.settled() == before_count, query
    assert listener.connections == before_count, query


# --- building, loading and validating data --------------------------------------------------------


@pytest.fixture
def linked_project(project_copy: Layout, listener: Listener) -> Layout:
    """The project with an ontology that imports a remote ontology and data that links out."""
    ontology = project_copy.ontology_file
    text = ontology.read_text(encoding="utf-8")
    ontology.write_text(
        text + f"\n<https://w3id.org/gcm-kg/ontology> <http://www.w3.org/2002/07/owl#imports> "
        f"<{listener.base}/imported.ttl> .\n",
        encoding="utf-8",
    )
    agents = project_copy.data_dir / "agents.ttl"
    agents.write_text(
        agents.read_text(encoding="utf-8")
        + f"\nagent:iom <http://www.w3.org/2000/01/rdf-schema#seeAlso> <{listener.base}/home> .\n",
        encoding="utf-8",
    )
    return project_copy


def test_build_with_imports_and_links_never_connects(
    linked_project: Layout, listener: Listener, tmp_path: Path
) -> None:
    before = listener.connections
    result = _run("build", "--store", str(tmp_path / "store"), home=linked_project.root)
    assert result.returncode == 0, result.stderr
    assert listener.settled() == before


@pytest.mark.parametrize("owl", ["--no-owl", "--owl"])
def test_validate_with_imports_never_connects(
    linked_project: Layout, listener: Listener, owl: str
) -> None:
    before = listener.connections
    result = _run("validate", owl, home=linked_project.root)
    assert listener.settled() == before  # owlready2 would download owl:imports: it is not given it
    assert result.returncode in (0, 1), result.stdout + result.stderr


def _remote_files(directory: Path, base: str) -> dict[str, Path]:
    files = {
        "context.jsonld": json.dumps({"@context": f"{base}/context.jsonld", "@id": "urn:a"}),
        "imported-context.jsonld": json.dumps(
            {"@context": [{"@import": f"{base}/c.jsonld"}], "@id": "urn:a"}
        ),
        "entity.rdf": (
            '<?xml version="1.0"?>\n'
            f'<!DOCTYPE rdf:RDF [<!ENTITY ext SYSTEM "{base}/entity.txt">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n'
            '<rdf:Description rdf:about="urn:a"><ex:p>&ext;</ex:p></rdf:Description>\n'
            "</rdf:RDF>\n"
        ),
        "imports.ttl": f"<urn:o> <http://www.w3.org/2002/07/owl#imports> <{base}/o.ttl> .\n",
        "base.ttl": f"@base <{base}/> . <a> <b> <c> .\n",
    }
    paths = {}
    for name, text in files.items():
        paths[name] = directory / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.mark.parametrize(
    "name", ["context.jsonld", "imported-context.jsonld", "entity.rdf", "imports.ttl", "base.ttl"]
)
def test_load_never_connects(listener: Listener, tmp_path: Path, name: str) -> None:
    path = _remote_files(tmp_path, listener.base)[name]
    before = listener.connections
    result = _run("load", "--store", str(tmp_path / "store"), str(path))
    assert result.returncode in (0, 2), result.stderr
    if result.returncode == 2:
        assert str(path.name) in result.stderr  # a refusal names the file
    assert listener.settled() == before


# --- the pages of a resource that links out -------------------------------------------------------


def test_pages_of_a_resource_linking_out_never_connect(
    linked_project: Layout, listener: Listener, tmp_path: Path
) -> None:
    from gcm_kg.build import build
    from gcm_kg.publish import publish
    from server import create_app
    from server.state import KEY

    build(tmp_path / "store", linked_project, publish=publish)
    app = create_app({"STORE": str(tmp_path / "store"), "WORKERS": 0})
    try:
        client = app.test_client()
        before = listener.connections
        for path in (
            "/id/agent/iom",
            "/id/agent/iom.ttl",
            "/id/agent/iom.jsonld",
            "/id/agent/iom.rdf",
            "/ontology",
            "/ontology.jsonld",
            "/.well-known/void",
            "/network",
        ):
            response = client.get(path, headers={"Accept": BROWSER})
            assert response.status_code == 200, path
        page = client.get("/id/agent/iom", headers={"Accept": BROWSER}).text
        assert f"{listener.base}/home" in page  # linked to, not fetched
        assert listener.settled() == before
    finally:
        app.extensions[KEY].close()
