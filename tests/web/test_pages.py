"""Linked-data pages against the running app: every kind of resource in every format and
language, validators and 304s, 404s and 406s, and what the pages show."""

from __future__ import annotations

import itertools
import json
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

BASE = "https://w3id.org/gcm-kg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

RESOURCES = {
    "priority": "priority/core-2-1",
    "activity": "activity/core-2-1/1",
    "agent": "agent/iom",
    "objective": "gcm-objective/13",
    "area": "thematic-area/1",
    "workplan": "workplan/2021-2022",
    "schedule": "schedule/core-2-1/1/1",
    "passage": "passage/workplan-2021-2022-es/97-113",
}
RDF = {
    "text/turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "application/ld+json": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "application/rdf+xml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    "application/n-triples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
}
EXTENSIONS = {
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "nt": "application/n-triples",
}


def triples(body: bytes, fmt: ox.RdfFormat) -> list[tuple[str, str, str]]:
    out = []
    for quad in ox.parse(body, format=fmt):
        out.append((str(quad.subject), str(quad.predicate), str(quad.object)))
    return out


@pytest.mark.parametrize("kind", RESOURCES)
@pytest.mark.parametrize("accept", RDF)
def test_rdf_by_accept(client: FlaskClient, kind: str, accept: str) -> None:
    key = RESOURCES[kind]
    r = client.get(f"/id/{key}", headers={"Accept": accept})
    media_type, fmt = RDF[accept]
    assert r.status_code == 200, r.text
    assert r.mimetype == media_type
    assert {"Accept", "Accept-Language"} >= set(r.vary) >= {"Accept"}
    assert f'<{BASE}id/{key}>; rel="canonical"' in r.headers["Link"]
    assert r.headers["Content-Location"].startswith(f"/id/{key}.")
    found = triples(r.data, fmt)
    iri = f"<{BASE}id/{key}>"
    assert any(s == iri for s, _, _ in found), "its own statements"
    assert any(o == iri for _, _, o in found) or kind == "workplan", "what points to it"


@pytest.mark.parametrize("kind", RESOURCES)
@pytest.mark.parametrize("extension", EXTENSIONS)
def test_rdf_by_extension(client: FlaskClient, kind: str, extension: str) -> None:
    r = client.get(f"/id/{RESOURCES[kind]}.{extension}", headers={"Accept": BROWSER})
    assert r.status_code == 200
    assert r.mimetype == EXTENSIONS[extension]
    assert "Accept" not in r.vary
    assert "Content-Location" not in r.headers


@pytest.mark.parametrize("kind", RESOURCES)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_html_in_each_language(client: FlaskClient, kind: str, lang: str) -> None:
    key = RESOURCES[kind]
    r = client.get(f"/id/{key}", headers={"Accept": BROWSER, "Accept-Language": lang})
    assert r.status_code == 200
    assert r.mimetype == "text/html"
    assert r.headers["Content-Language"] == lang
    assert set(r.vary) == {"Accept", "Accept-Language"}
    html = r.text
    assert f'<html lang="{lang}">' in html
    assert f'<link rel="canonical" href="{BASE}id/{key}">' in html
    for media_type in RDF:
        assert f'<link rel="alternate" type="{media_type}" href="/id/{key}.' in html
    other = "en" if lang == "es" else "es"
    assert f'hreflang="{other}"' in html
    assert f'href="/id/{key}?lang={other}"' in html
    assert "/sparql?query=" in html  # the queries that produced the page, openable in the UI


def test_lang_parameter_wins_and_is_carried_by_links(client: FlaskClient) -> None:
    r = client.get("/id/agent/iom?lang=en", headers={"Accept": BROWSER, "Accept-Language": "es"})
    assert '<html lang="en">' in r.text
    assert "International Organization for Migration" in r.text
    assert 'href="/id/priority/core-2-1?lang=en"' in r.text
    es = client.get("/id/agent/iom", headers={"Accept": BROWSER, "Accept-Language": "es"})
    assert "Organización Internacional para las Migraciones" in es.text


def test_missing_label_falls_back_to_the_other_language(client: FlaskClient) -> None:
    r = client.get("/id/activity/core-2-1/1?lang=en", headers={"Accept": BROWSER})
    # the document's wording of a schedule exists in Spanish only: shown, marked as Spanish
    assert '<q lang="es">' in r.text or 'lang="es"' in r.text


@pytest.mark.parametrize(
    "path",
    [f"/id/{key}" for key in RESOURCES.values()]
    + ["/", "/timeline", "/network", "/matrix", "/search?q=oim", "/ontology", "/.well-known/void"],
)
@pytest.mark.parametrize("accept", [BROWSER, "text/turtle"])
def test_validators_and_304(client: FlaskClient, path: str, accept: str) -> None:
    first = client.get(path, headers={"Accept": accept})
    assert first.status_code == 200
    etag = first.headers["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag), "a strong entity tag"
    assert "Last-Modified" in first.headers
    assert "no-cache" in first.headers["Cache-Control"]
    again = client.get(path, headers={"Accept": accept, "If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    since = client.get(
        path, headers={"Accept": accept, "If-Modified-Since": first.headers["Last-Modified"]}
    )
    assert since.status_code == 304
    stale = client.get(
        path,
        headers={
            "Accept": accept,
            "If-None-Match": '"0000"',
            "If-Modified-Since": first.headers["Last-Modified"],
        },
    )
    assert stale.status_code == 200, "If-None-Match takes precedence over If-Modified-Since"


def test_entity_tag_differs_per_representation(client: FlaskClient) -> None:
    tags = {
        client.get("/id/agent/iom", headers={"Accept": BROWSER, "Accept-Language": "es"}).headers[
            "ETag"
        ],
        client.get("/id/agent/iom", headers={"Accept": BROWSER, "Accept-Language": "en"}).headers[
            "ETag"
        ],
        client.get("/id/agent/iom", headers={"Accept": "text/turtle"}).headers["ETag"],
        client.get("/id/agent/iom.ttl").headers["ETag"],
        client.get("/id/agent/unhcr", headers={"Accept": "text/turtle"}).headers["ETag"],
    }
    assert len(tags) == 5


@pytest.mark.parametrize(
    "path",
    [
        "/id/agent/nobody",
        "/id/agent/nobody.ttl",
        "/id/agent/IOM",
        "/id/agent/iom.exe",
        "/id/priority/core-99",
        "/id/",
        "/ontology.exe",
        "/dumps/nothing.nq.gz",
        "/no/such/page",
    ],
)
@pytest.mark.parametrize("accept", [BROWSER, "text/turtle"])
def test_404(client: FlaskClient, path: str, accept: str) -> None:
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 404
    if accept == BROWSER:
        assert r.mimetype == "text/html" and '<html lang="es">' in r.text
    else:
        assert r.mimetype == "text/plain"


@pytest.mark.parametrize("path", ["/id/agent/iom", "/ontology", "/.well-known/void"])
def test_406(client: FlaskClient, path: str) -> None:
    r = client.get(path, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "text/turtle" in r.text


def test_ontology_by_negotiation(client: FlaskClient) -> None:
    page = client.get("/ontology", headers={"Accept": BROWSER, "Accept-Language": "en"})
    assert page.mimetype == "text/html" and '<html lang="en">' in page.text
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    for anchor in ("Priority", "Activity", "leadEntity", "timeline", "addressesObjective"):
        assert f'id="{anchor}"' in page.text
    assert "entidad encargada" in page.text  # both languages' labels are listed
    es = client.get("/ontology?lang=es", headers={"Accept": BROWSER})
    assert '<html lang="es">' in es.text and "Clases" in es.text
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.mimetype == "text/turtle"
    found = triples(turtle.data, ox.RdfFormat.TURTLE)
    assert (
        f"<{BASE}ontology>",
        "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>",
        "<http://www.w3.org/2002/07/owl#Ontology>",
    ) in found
    assert client.get("/ontology.jsonld").mimetype == "application/ld+json"


def served_definitions(client: FlaskClient, term: str) -> dict[str, str]:
    """``skos:definition`` of ``gcm:{term}`` by language, as the server sends the ontology."""
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    subject = ox.NamedNode(f"{BASE}ontology#{term}")
    definition = ox.NamedNode("http://www.w3.org/2004/02/skos/core#definition")
    return {
        quad.object.language or "": quad.object.value
        for quad in ox.parse(turtle.data, format=ox.RdfFormat.TURTLE)
        if quad.subject == subject
        and quad.predicate == definition
        and isinstance(quad.object, ox.Literal)
    }


@pytest.mark.parametrize("term", ["Activity", "leadEntity"])
@pytest.mark.parametrize(("lang", "other"), [("es", "en"), ("en", "es")])
def test_ontology_page_defines_terms_in_its_language(
    client: FlaskClient, term: str, lang: str, other: str
) -> None:
    defined = served_definitions(client, term)
    assert set(defined) == {"es", "en"}
    page = client.get(f"/ontology?lang={lang}", headers={"Accept": BROWSER})
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    article = re.search(rf'<article class="term" id="{term}".*?</article>', page.text, re.S)
    assert article is not None
    shown = re.search(r"<dt>Defini(?:tion|ción)</dt><dd>(.*?)</dd>", article.group(), re.S)
    assert shown is not None
    # the definition in the page's language, unmarked: it is in the language of <html lang>
    assert unescape(shown.group(1)) == defined[lang]
    assert defined[other] not in unescape(page.text)


def test_iom_page_tells_what_iom_leads_and_when(client: FlaskClient) -> None:
    html = client.get("/id/agent/iom?lang=en", headers={"Accept": BROWSER}).text
    assert "<h1>International Organization for Migration</h1>" in html
    assert re.search(r"Leads \d+ priorities and \d+ activities", html)
    assert 'href="/id/priority/core-2-1?lang=en"' in html
    assert re.search(r'<time datetime="2021-\d\d-\d\d">', html)
    assert "inherited from the priority" in html
    assert "https://www.iom.int/" in html and "http://www.wikidata.org/entity/Q472311" in html
    assert "Who it works with most" in html
    assert 'data-chart="timeline"' in html


@pytest.mark.parametrize(
    ("lang", "says", "never"),
    [
        ("en", "Represents another agent in 1 priority and", "The workplan gives it no role"),
        ("es", "Representa a otro agente en 1 prioridad y", "no le asigna ninguna función"),
    ],
)
def test_a_representative_is_involved_where_it_represents(
    client: FlaskClient, lang: str, says: str, never: str
) -> None:
    """Migrant Forum in Asia represents the Civil Society Action Committee in core priority 2.1
    (line 113): its page says so, and no page says it has no role."""
    html = client.get(f"/id/agent/mfa?lang={lang}", headers={"Accept": BROWSER}).text
    assert says in html and never not in html
    assert f'href="/id/priority/core-2-1?lang={lang}"' in html
    network = client.get(f"/network?lang={lang}", headers={"Accept": BROWSER}).text
    row = re.search(
        r'<tr><th scope="row">[^\n]*?/id/agent/mfa\?[^\n]*?</th>'
        r'<td class="number">(\d+)</td><td class="number">(\d+)</td></tr>',
        network,
    )
    assert row is not None
    assert int(row.group(2)) > 0  # the activities it is involved in


def test_priority_page(client: FlaskClient) -> None:
    html = client.get(
        "/id/priority/wg-alternatives-to-detention?lang=es", headers={"Accept": BROWSER}
    ).text
    assert "Actividades" in html and 'data-chart="timeline"' in html
    assert '<table class="activities">' in html  # the timeline without JavaScript
    assert 'href="/id/gcm-objective/13?lang=es"' in html
    assert "Entidades encargadas" in html
    assert "líneas" in html and 'class="source-lines"' in html


def test_activity_page_marks_inherited_roles(client: FlaskClient) -> None:
    html = client.get("/id/activity/core-2-1/1?lang=en", headers={"Accept": BROWSER}).text
    assert html.count('class="description"') == 1
    assert "inherited from the priority" in html
    assert 'href="/id/priority/core-2-1?lang=en"' in html
    # the passage by its label (file and lines), not said a second time in other words
    assert re.search(r"workplan-2021-2022\.es\.txt, lines \d+–\d+", html)
    assert not re.search(r"lines \d+ to \d+", html)


def test_objective_page_lists_priorities(client: FlaskClient) -> None:
    html = client.get("/id/gcm-objective/13?lang=en", headers={"Accept": BROWSER}).text
    assert 'href="/id/priority/wg-alternatives-to-detention?lang=en"' in html
    assert "Objectives × priorities" in html


def test_matrix_covers_every_objective(client: FlaskClient) -> None:
    html = client.get("/matrix?lang=en", headers={"Accept": BROWSER}).text
    for n in range(1, 24):
        assert f'href="/id/gcm-objective/{n}?lang=en"' in html
    assert '<th scope="col"' in html and '<th scope="row"' in html


def test_timeline_page_has_every_activity(client: FlaskClient) -> None:
    html = client.get("/timeline", headers={"Accept": BROWSER}).text
    data = re.search(
        r'<script type="application/json" id="workplan-timeline-data">(.*?)</script>', html, re.S
    )
    assert data is not None
    lines = json.loads(data.group(1))["lines"]
    activities = [line for line in lines if "heading" not in line]
    assert len({line["href"] for line in activities}) == 59
    bars = [bar for line in activities for bar in line["bars"]]
    assert all(b["begin"] <= b["end"] for b in bars if b["begin"] and b["end"])
    assert html.count('<th scope="row"') >= 50


def test_network_page(client: FlaskClient) -> None:
    html = client.get("/network?lang=en", headers={"Accept": BROWSER}).text
    data = re.search(
        r'<script type="application/json" id="network-data">(.*?)</script>', html, re.S
    )
    assert data is not None
    network = json.loads(data.group(1))
    ids = {n["id"] for n in network["nodes"]}
    assert f"{BASE}id/agent/iom" in ids
    assert all(e["source"] in ids and e["target"] in ids for e in network["edges"])
    assert "Shared activities" in html
    assert [entry["text"] for entry in network["legend"]][:1] == ["United Nations entities"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("detencion", "/id/priority/wg-alternatives-to-detention"),
        ("DETENCIÓN", "/id/priority/wg-alternatives-to-detention"),
        ("detention", "/id/priority/wg-alternatives-to-detention"),
        ("oim", "/id/agent/iom"),
        ("Organizacion Internacional para las Migraciones", "/id/agent/iom"),
        ("APRNN", "/id/agent/aprrn"),  # the document's spelling, a hidden label
    ],
)
def test_search(client: FlaskClient, query: str, expected: str) -> None:
    html = client.get("/search", query_string={"q": query}, headers={"Accept": BROWSER}).text
    assert f'href="{expected}"' in html


@pytest.mark.parametrize(
    ("lang", "heading", "note"),
    [
        ("en", r"(\d+) results", "The first 100 are listed"),
        ("es", r"(\d+) resultados", "los 100 primeros"),
    ],
)
def test_a_long_search_says_how_many_it_found_and_lists(
    client: FlaskClient, lang: str, heading: str, note: str
) -> None:
    html = client.get(
        "/search", query_string={"q": "a", "lang": lang}, headers={"Accept": BROWSER}
    ).text
    found = re.search(rf'<h2 id="results-heading">{heading}</h2>', html)
    assert found is not None and int(found.group(1)) > 100
    assert note in html
    listed = html.split('<ol class="results"', 1)[1].split("</ol>", 1)[0]
    assert listed.count("<li>") == 100


def test_home_page(client: FlaskClient) -> None:
    html = client.get("/?lang=en", headers={"Accept": BROWSER}).text
    for link in (
        "/sparql",
        "/ontology",
        "/.well-known/void",
        "/timeline",
        "/network",
        "/matrix",
        "/search",
    ):
        assert f'href="{link}' in html or f'action="{link}' in html
    assert 'href="/id/priority/core-1?lang=en"' in html
    assert 'href="/id/gcm-objective/1?lang=en"' in html
    assert 'href="/id/thematic-area/1?lang=en"' in html
    assert 'href="/id/agent/iom?lang=en"' in html
    assert 'href="/dumps/gcm-kg.nq.gz"' in html


def test_queries_listed_open_in_the_query_ui(client: FlaskClient) -> None:
    html = client.get("/id/agent/iom", headers={"Accept": BROWSER}).text
    links = re.findall(r'href="(/sparql\?query=[^"]+)"', html)
    assert links
    for link in links:
        query = parse_qs(urlsplit(unescape(link)).query)["query"][0]
        r = client.get(
            "/sparql", query_string={"query": query}, headers={"Accept": "text/csv, text/turtle"}
        )
        assert r.status_code == 200, query


class Structure(HTMLParser):
    """Collects what the accessibility checks look at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/id/agent/iom",
        "/id/priority/core-2-1",
        "/id/activity/core-2-1/1",
        "/id/gcm-objective/13",
        "/timeline",
        "/network",
        "/matrix",
        "/search?q=oim",
        "/.well-known/void",
        "/sparql",
        "/id/instant/2021-02-01",
    ],
)
def test_semantic_html_without_inline_code(client: FlaskClient, path: str) -> None:
    html = client.get(path, headers={"Accept": BROWSER}).text
    parser = Structure()
    parser.feed(html)
    names = [tag for tag, _ in parser.tags]
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in names
    assert names.count("h1") == 1
    headings = [int(tag[1]) for tag in names if re.fullmatch(r"h[1-6]", tag)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings)), headings
    assert parser.tags[0][0] == "html" and parser.tags[0][1].get("lang") in ("es", "en")
    assert any(tag == "a" and attrs.get("class") == "skip" for tag, attrs in parser.tags)
    for tag, attrs in parser.tags:
        assert "style" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), tag
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json", "no inline script"
        if tag == "th":
            assert attrs.get("scope") in ("col", "row"), "table headers say what they head"
    sources = re.findall(r'(?:src)="([^"]+)"', html)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]


def test_vendored_chart_library(client: FlaskClient) -> None:
    assert client.get("/static/vendor/echarts/echarts.min.js").status_code == 200
    assert client.get("/static/pages/charts.js").status_code == 200


def test_errors_are_html_for_browsers_and_text_for_programs(client: FlaskClient) -> None:
    page = client.get("/id/agent/nobody?lang=en", headers={"Accept": BROWSER})
    assert page.mimetype == "text/html" and "Not found" in page.text
    assert "&lt;https://w3id.org/gcm-kg/id/agent/nobody&gt;" in page.text
    sparql = client.get(
        "/sparql",
        query_string={"query": "SELEC"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert sparql.status_code == 400 and sparql.mimetype == "text/plain"


def test_head_requests(client: FlaskClient) -> None:
    r = client.head("/id/agent/iom", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.data == b"" and r.headers["ETag"]


def timeline_lines(html: str, name: str) -> list[dict[str, object]]:
    data = re.search(
        rf'<script type="application/json" id="{name}-data">(.*?)</script>', html, re.S
    )
    assert data is not None
    lines: list[dict[str, object]] = json.loads(data.group(1))["lines"]
    return lines


def test_timelines_follow_the_document_under_headings(client: FlaskClient) -> None:
    lines = timeline_lines(
        client.get("/timeline?lang=en", headers={"Accept": BROWSER}).text, "workplan-timeline"
    )
    kinds = [line["text"] for line in lines if line.get("heading") == "kind"]
    assert kinds == [
        "Core priorities",
        "Objectives of the existing thematic working groups",
        "New thematic priorities",
    ]
    labels = [str(line["label"]) for line in lines if "label" in line]
    assert labels[:3] == ["Core 1 · 1", "Core 1 · 2", "Core 1 · 3"]
    assert labels[-1] == "Thematic 7 · 4"
    assert len(set(labels)) == len(labels) == 59, "every row says which priority"
    # an agent's timeline too: by priority, not by activity number across priorities
    iom = timeline_lines(
        client.get("/id/agent/iom?lang=es", headers={"Accept": BROWSER}).text, "agent-timeline"
    )
    priorities = [str(line["label"]).rsplit(" · ", 1)[0] for line in iom if "label" in line]
    assert priorities == sorted(priorities, key=priorities.index), "each priority's rows together"
    assert (
        next(line["text"] for line in iom if line.get("heading") == "kind") == "Prioridades básicas"
    )


@pytest.mark.parametrize(
    ("lang", "note"),
    [("es", "El documento da a esta actividad"), ("en", "The document gives this activity")],
)
def test_an_activity_with_conflicting_schedules_says_so(
    client: FlaskClient, lang: str, note: str
) -> None:
    html = client.get(f"/id/activity/thematic-6/5?lang={lang}", headers={"Accept": BROWSER}).text
    aside = re.search(r'<aside class="editorial-note".*?</aside>', html, re.S)
    assert aside is not None and note in aside.group(0)
    lines = timeline_lines(html, "activity-timeline")
    assert {bar["lanes"] for bar in lines[0]["bars"]} == {2}, (
        "both schedules visible, one above the other"
    )  # type: ignore[union-attr]


def test_a_list_the_document_leaves_empty_says_so(client: FlaskClient) -> None:
    html = client.get("/id/activity/thematic-5/1?lang=es", headers={"Accept": BROWSER}).text
    assert re.search(
        r"<h3>Participantes <span class=\"count\">\(\d+\)</span></h3>\s*<p class=\"note\">El documento deja esta lista vacía.</p>",
        html,
    )


def test_an_open_ended_schedule_is_solid_to_its_stated_end(client: FlaskClient) -> None:
    lines = timeline_lines(
        client.get("/id/activity/thematic-6/2?lang=en", headers={"Accept": BROWSER}).text,
        "activity-timeline",
    )
    (bar,) = lines[0]["bars"]  # type: ignore[misc]
    assert (bar["kind"], bar["begin"], bar["end"]) == ("open-ended", "2021-04-01", "2021-09-30")
    assert bar["dates"] == "1 Apr 2021 to 30 Sep 2021, and after"


@pytest.mark.parametrize(
    ("lang", "term", "day", "area"),
    [
        ("es", "<dt>Publicado</dt>", "28 abr 2021", "esfera temática"),
        ("en", "<dt>Issued</dt>", "28 Apr 2021", "thematic area"),
    ],
)
def test_dates_and_terms_read_as_the_rest_of_the_site(
    client: FlaskClient, lang: str, term: str, day: str, area: str
) -> None:
    workplan = client.get(f"/id/workplan/2021-2022?lang={lang}", headers={"Accept": BROWSER}).text
    assert term in workplan and f'<time datetime="2021-04-28">{day}</time>' in workplan
    home = client.get(f"/?lang={lang}", headers={"Accept": BROWSER}).text
    assert f'<time datetime="2021-04-28">{day}</time>' in home
    page = client.get(f"/id/thematic-area/1?lang={lang}", headers={"Accept": BROWSER}).text
    assert area in page.lower()


@pytest.mark.parametrize(
    ("lang", "lead"),
    [
        ("es", "Lo atestiguan (conjuntos de datos públicos, en una versión fija)"),
        ("en", "Attested by (public datasets, at a fixed version)"),
    ],
)
def test_an_agent_page_links_the_evidence_of_its_identifiers(
    client: FlaskClient, lang: str, lead: str
) -> None:
    """Beside the homepage and the Wikidata item, the datasets' files (at a commit) that say so."""
    page = client.get(f"/id/agent/unhcr?lang={lang}", headers={"Accept": BROWSER}).text
    evidence = re.findall(r'<p class="evidence">(.*?)</p>', page, re.S)
    assert len(evidence) == 2  # the homepage's and the Wikidata item's
    assert all(e.startswith(lead + ": ") for e in evidence)
    assert ">ror-community/ror-records</a>" in evidence[1]
    assert (
        'href="https://github.com/ror-community/ror-records/blob/'
        'd93fc667872f8ef9386896bd6c68bd3c6103603e/v1.9/0437ej039.json#L3-L94"' in evidence[1]
    )
    # an agent without evidence for a homepage has none
    picum = client.get(f"/id/agent/picum?lang={lang}", headers={"Accept": BROWSER}).text
    assert "picum.org" not in picum


@pytest.mark.parametrize(
    ("lang", "triples", "size"),
    [
        ("en", r"<strong>\d{1,2},\d{3}</strong>", r"\d+\.\d KiB"),
        ("es", r"<strong>\d{4}</strong>", r"\d+,\d KiB"),
    ],
)
def test_numbers_are_written_as_the_language_writes_them(
    client: FlaskClient, lang: str, triples: str, size: str
) -> None:
    home = client.get(f"/?lang={lang}", headers={"Accept": BROWSER}).text
    assert re.search(triples, home) and re.search(size, home)


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("es", "El documento no nombra a nadie para la prioridad en su conjunto"),
        ("en", "The document names no one for the priority as a whole"),
    ],
)
def test_a_priority_without_roles_of_its_own_says_so(
    client: FlaskClient, lang: str, note: str
) -> None:
    """Core priority 3 names its leads activity by activity; 2.1 names them for the priority."""
    assert note in client.get(f"/id/priority/core-3?lang={lang}", headers={"Accept": BROWSER}).text
    assert (
        note
        not in client.get(f"/id/priority/core-2-1?lang={lang}", headers={"Accept": BROWSER}).text
    )


def test_the_source_is_shown_with_its_marks_read() -> None:
    from server.pages.sources import source_markup

    assert str(source_markup("Grupo *Ad Hoc* sobre <x>")) == "Grupo <em>Ad Hoc</em> sobre &lt;x&gt;"
    assert (
        str(source_markup("los **grupos de trabajo**")) == "los <strong>grupos de trabajo</strong>"
    )
    assert str(source_markup("- [Cronograma: 2021- 2022](#)")) == "- Cronograma: 2021- 2022"
    assert str(source_markup("5 * 3 * 2")) == "5 * 3 * 2"


def test_a_workplan_page_shows_no_markdown(client: FlaskClient) -> None:
    page = client.get("/id/workplan/2021-2022?lang=es", headers={"Accept": BROWSER}).text
    source = page[page.index('class="source-lines"') :]
    assert "**" not in source and "](#)" not in source
    assert "<strong>grupos de trabajo temáticos</strong>" in source


def test_a_short_name_in_words_of_another_language_is_not_shown(client: FlaskClient) -> None:
    home = client.get("/?lang=en", headers={"Accept": BROWSER}).text
    assert "(Secretaría de la Red)" not in home
    assert "(APRRN)" in home  # an acronym is the same in every language


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ("colaboradores de gcm-kg", "23 nov 2026")),
        ("en", ("gcm-kg contributors", "23 Nov 2026")),
    ],
)
def test_the_ontology_page_speaks_its_language(
    client: FlaskClient, lang: str, words: tuple[str, ...]
) -> None:
    page = client.get(f"/ontology?lang={lang}", headers={"Accept": BROWSER}).text
    assert all(w in page for w in words)
    assert "2026-11-23</dd>" not in page


@pytest.mark.parametrize(("number", "noted"), [("15", True), ("13", False)])
def test_an_objective_without_its_official_spanish_title_says_so(
    client: FlaskClient, number: str, noted: bool
) -> None:
    page = client.get(f"/id/gcm-objective/{number}?lang=es", headers={"Accept": BROWSER}).text
    assert ("El título oficial en español no está verificado" in page) is noted


def test_a_thematic_area_says_its_english_title_is_not_verified(client: FlaskClient) -> None:
    page = client.get("/id/thematic-area/1?lang=en", headers={"Accept": BROWSER}).text
    assert "The English title is not verified against an official source" in page
