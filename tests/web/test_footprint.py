"""What a web process loads and keeps: never rdflib's SPARQL parser (the guard reads tokens, the
store parses), and of a page query whose answer is reshaped, the shape only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from flask import Flask

from server.pages.sparql import CACHE_KEY as PAGES_CACHE
from server.pages.sparql import GenerationCache
from server.state import KEY

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, sys
from server import create_app
app = create_app({"STORE": sys.argv[1], "CACHE_BYTES": 0})
client = app.test_client()
loaded = []
for query in sys.argv[2:]:
    response = client.get("/sparql", query_string={"query": query},
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    loaded.append(sorted(m for m in ("pyparsing", "rdflib.plugins.sparql") if m in sys.modules))
print(json.dumps(loaded))
"""
PLAIN = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/gcm-kg/graph/agents> WHERE { ?s ?p ?o }"


SERVICE = "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://example.org/> {} FROM LOAD"


def test_no_query_loads_rdflib_s_parser(store_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(store_path), PLAIN, NAMED, SERVICE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [[], [], []]


def test_a_reshaped_page_query_keeps_its_shape_not_its_solutions(app: Flask) -> None:
    cache = app.extensions[PAGES_CACHE]
    assert isinstance(cache, GenerationCache)
    assert app.test_client().get("/?lang=en").status_code == 200
    keys = cache.keys(app.extensions[KEY].snapshot().etag)
    reshaped = {key[-1] for key in keys if key[0] == "derived"}
    kept_solutions = {key[-1] for key in keys if key[0] == "select"}
    assert reshaped, keys
    assert not reshaped & kept_solutions
