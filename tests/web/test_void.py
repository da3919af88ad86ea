"""The dataset description at /.well-known/void and the dumps it lists."""

from __future__ import annotations

import gzip
import hashlib

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCTERMS = "http://purl.org/dc/terms/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def void(client: FlaskClient) -> ox.Store:
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.mimetype == "text/turtle"
    store = ox.Store()
    store.load(r.data, format=ox.RdfFormat.TURTLE)
    return store


def ask(store: ox.Store, where: str) -> bool:
    prefixes = f"PREFIX void: <{VOID}> PREFIX dcat: <{DCAT}> PREFIX dcterms: <{DCTERMS}> "
    result = store.query(prefixes + f"ASK {{ {where} }}")
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


@pytest.mark.parametrize(
    "pattern",
    [
        "?d a void:Dataset, dcat:Dataset",
        '?d a void:Dataset ; dcterms:title ?en, ?es FILTER(LANG(?en) = "en" && LANG(?es) = "es")',
        "?d a void:Dataset ; dcterms:license <https://creativecommons.org/licenses/by/4.0/>",
        "?d a void:Dataset ; dcterms:publisher ?p",
        "?d a void:Dataset ; void:triples ?n FILTER(?n > 1000)",
        "?d a void:Dataset ; void:classPartition [ void:class <https://w3id.org/gcm-kg/ontology#Activity> ; void:entities ?n ] FILTER(?n >= 50)",
        "?d a void:Dataset ; void:sparqlEndpoint ?e FILTER(STRENDS(STR(?e), '/sparql'))",
        "?d a void:Dataset ; void:exampleResource <https://w3id.org/gcm-kg/id/agent/iom>",
        "?d a void:Dataset ; void:vocabulary <https://w3id.org/gcm-kg/ontology#>, <http://www.w3.org/2004/02/skos/core#>",
        '?d a void:Dataset ; void:uriSpace "https://w3id.org/gcm-kg/id/"',
        "?d a void:Dataset ; void:dataDump ?dump FILTER(STRENDS(STR(?dump), '.nq.gz'))",
        "?d a void:Dataset ; void:dataDump ?dump FILTER(STRENDS(STR(?dump), '.trig.gz'))",
        "?d a void:Dataset ; void:dataDump ?dump FILTER(STRENDS(STR(?dump), '.ttl.gz'))",
        "?d a void:Dataset ; void:dataDump ?dump FILTER(STRENDS(STR(?dump), '.jsonld.gz'))",
        "?d dcat:distribution ?x . ?x dcat:byteSize ?size ; dcat:mediaType <https://www.iana.org/assignments/media-types/application/n-quads>",
        "?s a dcat:DataService ; dcat:servesDataset ?d ; dcat:endpointURL ?s",
    ],
)
def test_description_says(void: ox.Store, pattern: str) -> None:
    assert ask(void, pattern), pattern


def test_void_for_browsers_and_formats(client: FlaskClient) -> None:
    page = client.get("/.well-known/void?lang=en", headers={"Accept": BROWSER})
    assert page.mimetype == "text/html" and "CC BY 4.0" in page.text
    assert client.get("/.well-known/void.jsonld").mimetype == "application/ld+json"
    home = client.get("/", headers={"Accept": BROWSER}).text
    assert 'href="/.well-known/void"' in home


def test_dumps_match_their_description(client: FlaskClient, void: ox.Store) -> None:
    sizes = {
        str(row["dump"].value).rsplit("/", 1)[-1]: int(row["size"].value)  # type: ignore[index, union-attr]
        for row in void.query(
            f"SELECT ?dump ?size WHERE {{ ?d <{VOID}dataDump> ?dump . ?dump <{DCAT}byteSize> ?size }}"
        )
    }
    assert set(sizes) == {"gcm-kg.nq.gz", "gcm-kg.trig.gz", "gcm-kg.ttl.gz", "gcm-kg.jsonld.gz"}
    for name, size in sizes.items():
        r = client.get(f"/dumps/{name}")
        assert r.status_code == 200 and r.mimetype == "application/gzip"
        assert len(r.data) == size == int(r.headers["Content-Length"])
        assert r.headers["ETag"] == f'"{hashlib.sha256(r.data).hexdigest()[:32]}"'
        assert (
            client.get(f"/dumps/{name}", headers={"If-None-Match": r.headers["ETag"]}).status_code
            == 304
        )
        assert gzip.decompress(r.data)
    nquads = gzip.decompress(client.get("/dumps/gcm-kg.nq.gz").data)
    quads = list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} >= {  # type: ignore[union-attr]
        "https://w3id.org/gcm-kg/graph/ontology",
        "https://w3id.org/gcm-kg/graph/agents",
    }
