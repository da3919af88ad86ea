"""What a web process loads and keeps: rdflib's SPARQL parser only for a query that needs it, and
of a page query whose answer is reshaped, the shape only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask

from server.pages.cache import KEY as PAGES_CACHE
from server.pages.cache import GenerationCache
from server.state import KEY

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from server import create_app
app = create_app({"STORE": sys.argv[1], "WORKERS": 0, "CACHE_BYTES": 0})
client = app.test_client()
loaded = []
for query in sys.argv[2:]:
    response = client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    loaded.append(sorted(m for m in ("pyparsing", "server.analysis") if m in sys.modules))
print(json.dumps(loaded))
"""
PLAIN = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/gcm-kg/graph/agents> WHERE { ?s ?p ?o }"


@pytest.mark.parametrize(
    ("queries", "last"),
    [
        ([PLAIN, "ASK { ?s a ?o }"], []),
        ([PLAIN, NAMED], ["pyparsing", "server.analysis"]),
    ],
    ids=["plain queries", "then a FROM clause"],
)
def test_the_parser_is_loaded_only_for_a_query_that_needs_it(
    store_path: Path, queries: list[str], last: list[str]
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(store_path), *queries],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert loaded[0] == []  # a plain query: neither the parser nor the analysis
    assert loaded[-1] == last


def test_a_reshaped_page_query_keeps_its_shape_not_its_solutions(app: Flask) -> None:
    cache = app.extensions[PAGES_CACHE]
    assert isinstance(cache, GenerationCache)
    assert app.test_client().get("/?lang=en").status_code == 200
    keys = cache.keys(app.extensions[KEY].snapshot().etag)
    reshaped = {key[-1] for key in keys if key[0] == "derived"}
    kept_solutions = {key[-1] for key in keys if key[0] == "select"}
    assert reshaped, keys
    assert not reshaped & kept_solutions
