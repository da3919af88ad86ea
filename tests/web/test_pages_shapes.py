"""Pages on data shapes the shipped workplan does not have yet, from a few lines of Turtle added to
it: a deadline with no beginning, an open-ended schedule with no end, a continuation, an activity
with no schedule and an editorial note, an agent of a kind the pages do not know, homepages with
schemes that may and may not be links."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from changed_data import app_on_changed_data
from flask import Flask
from flask.testing import FlaskClient

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
EXTRA = """
@prefix gcm: <https://w3id.org/gcm-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix id: <https://w3id.org/gcm-kg/id/> .

<https://w3id.org/gcm-kg/id/priority/thematic-7> gcm:hasActivity <https://w3id.org/gcm-kg/id/activity/thematic-7/8>, <https://w3id.org/gcm-kg/id/activity/thematic-7/9> .

<https://w3id.org/gcm-kg/id/activity/thematic-7/8> a gcm:Activity ;
  skos:notation "8" ;
  skos:prefLabel "Actividad de prueba con tres plazos"@es, "A test activity with three schedules"@en ;
  dcterms:description "Actividad de prueba con tres plazos"@es, "A test activity with three schedules"@en ;
  skos:editorialNote "El documento da dos plazos que no concuerdan."@es, "The document gives two schedules that disagree."@en ;
  gcm:timeline <https://w3id.org/gcm-kg/id/schedule/thematic-7/8/1>, <https://w3id.org/gcm-kg/id/schedule/thematic-7/8/2>, <https://w3id.org/gcm-kg/id/schedule/thematic-7/8/3> ;
  gcm:participant <https://w3id.org/gcm-kg/id/agent/test-network>, <https://w3id.org/gcm-kg/id/agent/iom> .

<https://w3id.org/gcm-kg/id/schedule/thematic-7/8/1> a gcm:Deadline, time:Interval ;
  rdfs:label "septiembre de 2021 a más tardar"@es ;
  skos:prefLabel "septiembre de 2021 a más tardar"@es, "by September 2021"@en ;
  time:hasEnd <https://w3id.org/gcm-kg/id/instant/2021-09-30> .
<https://w3id.org/gcm-kg/id/schedule/thematic-7/8/2> a gcm:OpenEndedSchedule, time:Interval ;
  rdfs:label "desde el segundo trimestre de 2022 en adelante"@es ;
  skos:prefLabel "from the second quarter of 2022 onwards"@en ;
  time:hasBeginning <https://w3id.org/gcm-kg/id/instant/2022-04-01> .
<https://w3id.org/gcm-kg/id/schedule/thematic-7/8/3> a gcm:Continuation, time:Interval ;
  rdfs:label "continuación durante el cuarto trimestre"@es ;
  time:hasBeginning <https://w3id.org/gcm-kg/id/instant/2021-10-01> ;
  time:hasEnd <https://w3id.org/gcm-kg/id/instant/2021-12-31> .
<https://w3id.org/gcm-kg/id/instant/2021-09-30> time:inXSDDate "2021-09-30"^^xsd:date .
<https://w3id.org/gcm-kg/id/instant/2022-04-01> time:inXSDDate "2022-04-01"^^xsd:date .
<https://w3id.org/gcm-kg/id/instant/2021-10-01> time:inXSDDate "2021-10-01"^^xsd:date .
<https://w3id.org/gcm-kg/id/instant/2021-12-31> time:inXSDDate "2021-12-31"^^xsd:date .

<https://w3id.org/gcm-kg/id/activity/thematic-7/9> a gcm:Activity ;
  skos:notation "9" ;
  skos:prefLabel "Actividad de prueba sin plazo"@es, "A test activity with no schedule"@en .

<https://w3id.org/gcm-kg/id/agent/test-network> a gcm:TestNetworkKind, foaf:Agent ;
  skos:prefLabel "Red de prueba"@es, "Test network"@en ;
  skos:altLabel "RDP"@es, "TN"@en ;
  foaf:homepage <javascript:alert(document.domain)>, <mailto:info@example.org>, <https://example.org/network> .
"""


@pytest.fixture(scope="module")
def shaped_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The shipped data and :data:`EXTRA`, built and served."""

    def change(data: Path) -> None:
        (data / "workplan-extra.ttl").write_text(EXTRA, encoding="utf-8")

    yield from app_on_changed_data(tmp_path_factory.mktemp("shapes"), change)


@pytest.fixture(scope="module")
def shaped(shaped_app: Flask) -> FlaskClient:
    return shaped_app.test_client()


def page(client: FlaskClient, path: str, lang: str) -> str:
    r = client.get(path, query_string={"lang": lang}, headers={"Accept": BROWSER})
    assert r.status_code == 200, r.text
    return r.text


def chart(html: str, name: str) -> dict[str, object]:
    found = re.search(
        rf'<script type="application/json" id="{name}-data">(.*?)</script>', html, re.S
    )
    assert found is not None, name
    data: dict[str, object] = json.loads(found.group(1))
    return data


def line_of(data: dict[str, object], label: str) -> dict[str, object]:
    lines = data["lines"]
    assert isinstance(lines, list)
    return next(line for line in lines if line.get("label") == label)


def test_each_schedule_is_drawn_as_what_it_is(shaped: FlaskClient) -> None:
    data = chart(page(shaped, "/timeline", "en"), "workplan-timeline")
    bars = {b["kind"]: b for b in line_of(data, "Thematic 7 · 8")["bars"]}  # type: ignore[union-attr]
    assert bars["deadline"]["begin"] is None and bars["deadline"]["end"] == "2021-09-30"
    assert bars["deadline"]["dates"] == "by 30 Sep 2021"
    assert bars["open-ended"]["begin"] == "2022-04-01" and bars["open-ended"]["end"] is None
    assert bars["open-ended"]["dates"] == "from 1 Apr 2022, with no end"
    assert bars["continuation"]["dates"] == "1 Oct 2021 to 31 Dec 2021"
    legend = {entry["kind"] for entry in data["legend"]}  # type: ignore[attr-defined]
    assert legend == {"dated", "deadline", "open-ended", "continuation"}
    none = line_of(data, "Thematic 7 · 9")
    assert none["bars"] == [] and none["note"] == "the document states no schedule"


def test_the_dates_in_spanish(shaped: FlaskClient) -> None:
    data = chart(page(shaped, "/timeline", "es"), "workplan-timeline")
    bars = {b["kind"]: b for b in line_of(data, "Temática 7 · 8")["bars"]}  # type: ignore[union-attr]
    assert bars["deadline"]["dates"] == "a más tardar el 30 sep 2021"
    assert bars["deadline"]["wording"] == "septiembre de 2021 a más tardar"
    assert bars["open-ended"]["dates"] == "desde el 1 abr 2022, sin fecha de fin"
    assert data["months"][3] == "abr"  # type: ignore[index]


@pytest.mark.parametrize(
    ("lang", "note", "other"),
    [
        ("es", "El documento da dos plazos que no concuerdan.", "disagree"),
        ("en", "The document gives two schedules that disagree.", "no concuerdan"),
    ],
)
def test_the_editorial_note_in_the_page_language(
    shaped: FlaskClient, lang: str, note: str, other: str
) -> None:
    html = page(shaped, "/id/activity/thematic-7/8", lang)
    notes = re.findall(r'<aside class="editorial-note".*?</aside>', html, re.S)
    assert len(notes) == 1 and note in notes[0] and other not in notes[0]


def test_a_deadline_in_the_schedule_list_says_its_end_only(shaped: FlaskClient) -> None:
    html = unescape(page(shaped, "/id/activity/thematic-7/8", "en"))
    assert re.search(r"by <time datetime=\"2021-09-30\">30 Sep 2021</time>", html)
    assert re.search(r"from <time datetime=\"2022-04-01\">1 Apr 2022</time>, with no end", html)


def test_an_agent_of_an_unknown_kind_is_listed_under_a_named_kind(shaped: FlaskClient) -> None:
    home = page(shaped, "/", "en")
    assert '<h3>Other agent <span class="count">(1)</span></h3>' in home
    network = chart(page(shaped, "/network", "es"), "network")
    legend = [entry["text"] for entry in network["legend"]]  # type: ignore[attr-defined]
    assert all(legend), "every kind has a name"
    node = next(n for n in network["nodes"] if n["id"].endswith("/agent/test-network"))  # type: ignore[attr-defined]
    assert node["kind"] == "Otro agente" and node["name"] == "RDP"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_only_http_https_and_mailto_become_links(shaped: FlaskClient, lang: str) -> None:
    html = page(shaped, "/id/agent/test-network", lang)
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert not [h for h in hrefs if unescape(h).strip().lower().startswith("javascript:")]
    assert "mailto:info@example.org" in hrefs
    assert "https://example.org/network" in hrefs
    assert re.search(
        r'<span class="unlinked" title="[^"]+">javascript:alert\(document.domain\)</span>', html
    )
    for path in ("/id/agent/test-network.ttl", "/id/agent/test-network.jsonld"):
        assert "javascript:alert(document.domain)" in shaped.get(path).text  # the data is kept
