"""The SPARQL 1.1 Protocol's query operation, against the app (Flask test client)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient
from werkzeug.datastructures import MultiDict

GRAPH = "https://w3id.org/gcm-kg/graph/"
COUNT_OBJECTIVES = "SELECT (COUNT(?o) AS ?n) WHERE { ?o a gcm:GCMObjective }"
ASK_IOM = "ASK { ?p gcm:leadEntity agent:iom }"
CONSTRUCT_WORKPLAN = "CONSTRUCT WHERE { ?w a gcm:Workplan ; gcm:hasPriority ?p }"
DESCRIBE_IOM = "DESCRIBE agent:iom"
FORM = "application/x-www-form-urlencoded"


def _select_n(body: bytes, media_type: str) -> str:
    if media_type == "application/sparql-results+json":
        return str(json.loads(body)["results"]["bindings"][0]["n"]["value"])
    if media_type == "application/sparql-results+xml":
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        return str(ET.fromstring(body).find(".//r:literal", ns).text)  # type: ignore[union-attr]
    rows = list(
        csv.reader(io.StringIO(body.decode()), delimiter="\t" if "tab" in media_type else ",")
    )
    value = rows[1][0]
    return value.split("^^")[0].strip('"')


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
@pytest.mark.parametrize("method", ["GET", "POST form", "POST direct"])
def test_select_in_every_format_and_method(
    client: FlaskClient, method: str, media_type: str
) -> None:
    headers = {"Accept": media_type}
    if method == "GET":
        r = client.get("/sparql", query_string={"query": COUNT_OBJECTIVES}, headers=headers)
    elif method == "POST form":
        r = client.post("/sparql", data={"query": COUNT_OBJECTIVES}, headers=headers)
    else:
        headers["Content-Type"] = "application/sparql-query"
        r = client.post("/sparql", data=COUNT_OBJECTIVES.encode(), headers=headers)
    assert r.status_code == 200, r.text
    assert r.mimetype == media_type
    assert _select_n(r.data, media_type) == "23"


@pytest.mark.parametrize(
    ("media_type", "expected"),
    [
        ("application/sparql-results+json", b'"boolean":true'),
        ("application/sparql-results+xml", b"<boolean>true</boolean>"),
        ("text/csv", b"true"),
        ("text/tab-separated-values", b"true"),
    ],
)
def test_ask(client: FlaskClient, media_type: str, expected: bytes) -> None:
    r = client.get("/sparql", query_string={"query": ASK_IOM}, headers={"Accept": media_type})
    assert r.status_code == 200 and r.mimetype == media_type
    assert expected in r.data


@pytest.mark.parametrize(
    ("media_type", "rdf_format"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
    ],
)
@pytest.mark.parametrize("query", [CONSTRUCT_WORKPLAN, DESCRIBE_IOM])
def test_graph_results_in_every_format(
    client: FlaskClient, query: str, media_type: str, rdf_format: ox.RdfFormat
) -> None:
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": media_type})
    assert r.status_code == 200, r.text
    assert r.mimetype == media_type
    quads = list(ox.parse(r.data, format=rdf_format))
    subjects = {q.subject.value for q in quads}
    if query == CONSTRUCT_WORKPLAN:
        assert len(quads) == 17  # a type and 16 priorities
        assert subjects == {"https://w3id.org/gcm-kg/id/workplan/2021-2022"}
    else:
        assert "https://w3id.org/gcm-kg/id/agent/iom" in subjects


@pytest.mark.parametrize(
    ("query", "media_type"),
    [
        (COUNT_OBJECTIVES, "application/sparql-results+json"),
        (ASK_IOM, "application/sparql-results+json"),
        (CONSTRUCT_WORKPLAN, "text/turtle"),
    ],
)
def test_default_format_without_accept(client: FlaskClient, query: str, media_type: str) -> None:
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 200 and r.mimetype == media_type
    assert "Accept" in r.headers["Vary"]


@pytest.mark.parametrize(
    ("query", "accept", "media_type"),
    [
        (COUNT_OBJECTIVES, "text/turtle", "application/sparql-results+json"),
        (CONSTRUCT_WORKPLAN, "text/csv", "text/turtle"),
        (CONSTRUCT_WORKPLAN, "application/sparql-results+json", "text/turtle"),
        (ASK_IOM, "application/n-triples", "application/sparql-results+json"),
    ],
)
def test_the_default_format_of_the_answer_when_accept_names_only_another_kind(
    client: FlaskClient, query: str, accept: str, media_type: str
) -> None:
    """A client sends one Accept for every query (rdflib asks for SPARQL JSON): an answer of a
    kind it names no format of comes in that kind's default format (RFC 9110, 12.5.1)."""
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert r.status_code == 200 and r.mimetype == media_type


@pytest.mark.parametrize(
    ("query", "accept"),
    [(COUNT_OBJECTIVES, "image/png"), (CONSTRUCT_WORKPLAN, "application/pdf"), (ASK_IOM, "x/y")],
)
def test_406_when_nothing_acceptable(client: FlaskClient, query: str, accept: str) -> None:
    """406 only when the Accept header names no format this endpoint writes at all."""
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert r.status_code == 406
    assert "writes" in r.text


def test_json_is_what_oxigraph_writes(client: FlaskClient) -> None:
    query = "SELECT ?s ?label WHERE { ?s skos:notation ?n ; skos:prefLabel ?label } LIMIT 50"
    r = client.get("/sparql", query_string={"query": query})
    ours = json.loads(r.data)
    store = ox.Store()
    assert ours["head"] == {"vars": ["s", "label"]} and len(ours["results"]["bindings"]) == 50
    # the same shape as pyoxigraph's own writer
    reference = json.loads(
        store.query("SELECT ?s ?label WHERE {}").serialize(format=ox.QueryResultsFormat.JSON)
        or b"{}"
    )
    assert reference["head"] == {"vars": ["s", "label"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # default-graph-uri replaces the union: only the objectives graph
        ({"default-graph-uri": GRAPH + "gcm-objectives"}, "23"),
        ({"default-graph-uri": GRAPH + "agents"}, "0"),
        # named-graph-uri alone: an empty default graph
        ({"named-graph-uri": GRAPH + "gcm-objectives"}, "0"),
    ],
)
def test_dataset_parameters(client: FlaskClient, params: dict[str, str], expected: str) -> None:
    r = client.get("/sparql", query_string={"query": COUNT_OBJECTIVES, **params})
    assert r.status_code == 200, r.text
    assert _select_n(r.data, r.mimetype) == expected


def test_named_graph_parameter_with_graph_pattern(client: FlaskClient) -> None:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    params = [("named-graph-uri", GRAPH + "agents"), ("named-graph-uri", GRAPH + "sdg")]
    r = client.post("/sparql", data=MultiDict([("query", query), *params]))
    assert r.status_code == 200 and _select_n(r.data, r.mimetype) == "2"


def test_from_a_named_graph_of_the_store(client: FlaskClient) -> None:
    query = f"SELECT (COUNT(?o) AS ?n) FROM <{GRAPH}agents> WHERE {{ ?o a gcm:GCMObjective }}"
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 200 and _select_n(r.data, r.mimetype) == "0"
    query = query.replace("agents", "gcm-objectives")
    r = client.get("/sparql", query_string={"query": query})
    assert _select_n(r.data, r.mimetype) == "23"


# The negative tests of the W3C SPARQL 1.1 Protocol test suite for queries (and the update ones
# that a read-only endpoint must also refuse), each as (method, URL params, headers, body).
W3C_NEGATIVE = {
    "bad_query_method": ("PUT", {"query": "ASK {}"}, {}, None, 405),
    "bad_multiple_queries": ("GET", [("query", "ASK {}"), ("query", "SELECT * {}")], {}, None, 400),
    "bad_query_wrong_media_type": ("POST", {}, {"Content-Type": "text/plain"}, b"ASK {}", 415),
    "bad_query_missing_form_type": ("POST", {}, {}, b"query=ASK%20%7B%7D", 415),
    "bad_query_missing_direct_type": ("POST", {}, {}, b"ASK {}", 415),
    "bad_query_non_utf8": (
        "POST",
        {},
        {"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
        'ASK { FILTER("é" = "é") }'.encode("latin-1"),
        415,
    ),
    "bad_query_syntax": ("GET", {"query": "ASK {"}, {}, None, 400),
    "bad_update_get": ("GET", {"update": "CLEAR ALL"}, {}, None, 400),
    "bad_multiple_updates": (
        "POST",
        {},
        {"Content-Type": FORM},
        b"update=CLEAR%20ALL&update=CLEAR%20ALL",
        403,
    ),
    "bad_update_wrong_media_type": ("POST", {}, {"Content-Type": "text/plain"}, b"CLEAR ALL", 415),
    "bad_update_syntax": (
        "POST",
        {},
        {"Content-Type": "application/sparql-update"},
        b"INSERT DATA {",
        403,
    ),
    "query_and_update_conflict": (
        "POST",
        {"query": "ASK {}"},
        {"Content-Type": "application/sparql-query"},
        b"ASK {}",
        400,
    ),
    "form_and_url_query_conflict": (
        "POST",
        {"query": "ASK {}"},
        {"Content-Type": FORM},
        b"query=ASK%20%7B%7D",
        400,
    ),
}


@pytest.mark.parametrize(
    ("method", "params", "headers", "body", "status"),
    W3C_NEGATIVE.values(),
    ids=W3C_NEGATIVE.keys(),
)
def test_w3c_negative(
    client: FlaskClient,
    method: str,
    params: object,
    headers: dict[str, str],
    body: bytes | None,
    status: int,
) -> None:
    r = client.open("/sparql", method=method, query_string=params, headers=headers, data=body)
    assert r.status_code == status, r.text
    assert r.mimetype == "text/plain" and r.text.strip()


def test_syntax_error_says_where(client: FlaskClient) -> None:
    r = client.get(
        "/sparql", query_string={"query": "SELECT ?s\nWHERE {\n  ?s ?p ?o .\n  FILTER(\n}"}
    )
    assert r.status_code == 400
    assert "line" in r.text and "column" in r.text


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://w3id.org/gcm-kg/graph/agents>",
    ],
)
@pytest.mark.parametrize("how", ["query param", "update form", "sparql-update"])
def test_updates_are_refused_and_change_nothing(client: FlaskClient, update: str, how: str) -> None:
    if how == "query param":
        r = client.post("/sparql", data={"query": update})
    elif how == "update form":
        r = client.post("/sparql", data={"update": update})
    else:
        r = client.post("/sparql", data=update.encode(), content_type="application/sparql-update")
    assert r.status_code == 403, r.text
    assert "read-only" in r.text
    count = client.get("/sparql", query_string={"query": COUNT_OBJECTIVES})
    assert _select_n(count.data, count.mimetype) == "23"


def test_body_size_cap(client: FlaskClient) -> None:
    query = "ASK {}" + " " * (300 * 1024)
    r = client.post("/sparql", data=query.encode(), content_type="application/sparql-query")
    assert r.status_code == 413


def test_row_cap_for_json(app_factory) -> None:  # type: ignore[no-untyped-def]
    client = app_factory(MAX_ROWS=5).test_client()
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    r = client.get("/sparql", query_string={"query": query})
    assert r.status_code == 200 and len(r.json["results"]["bindings"]) == 5  # type: ignore[index]
    assert r.headers["GCM-KG-Truncated"] == "5"
    r = client.get("/sparql", query_string={"query": query}, headers={"Accept": "text/csv"})
    assert r.data.count(b"\n") > 5 and "GCM-KG-Truncated" not in r.headers


def test_cors(client: FlaskClient) -> None:
    r = client.options(
        "/sparql",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "POST"},
    )
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in r.headers["Access-Control-Allow-Methods"]
    r = client.get("/sparql", query_string={"query": ASK_IOM}, headers={"Origin": "https://x.org"})
    assert r.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    ("accept", "rdf_format"),
    [
        (None, ox.RdfFormat.TURTLE),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ],
)
def test_service_description(
    client: FlaskClient, accept: str | None, rdf_format: ox.RdfFormat
) -> None:
    r = client.get("/sparql", headers={"Accept": accept} if accept else {})
    assert r.status_code == 200
    store = ox.Store()
    store.load(r.data, format=rdf_format)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    rows = list(
        store.query(
            f"""PREFIX sd: <{sd}>
            SELECT ?endpoint ?name WHERE {{
              ?service a sd:Service ; sd:endpoint ?endpoint ;
                       sd:supportedLanguage sd:SPARQL11Query ;
                       sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ;
                       sd:defaultDataset/sd:namedGraph/sd:name ?name .
            }}"""
        )
    )
    names = {row["name"].value for row in rows}
    assert GRAPH + "workplan-2021-2022" in names and GRAPH + "inferred" in names
    assert rows[0]["endpoint"].value.endswith("/sparql")


def test_access_log_line(client: FlaskClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="gcm_kg.access")
    client.get("/sparql", query_string={"query": ASK_IOM})
    client.get("/sparql", query_string={"query": "ASK {"})
    lines = [json.loads(r.message) for r in caplog.records if r.name == "gcm_kg.access"]
    ok, bad = lines[-2:]
    assert ok["method"] == "GET" and ok["path"] == "/sparql" and ok["status"] == 200
    assert ok["query_kind"] == "ask" and len(ok["query_hash"]) == 16
    assert isinstance(ok["duration_ms"], float)
    assert bad["status"] == 400 and bad["query_hash"] != ok["query_hash"]
