"""The query UI page of ``/sparql``: one language per page, the vendored YASGUI only, the editor
opening on an example without the predeclared prefixes, and every example still valid as shown."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from gcm_kg.terms import PREFIXES
from server.examples import load_examples
from server.pages.query_ui import COMMENT_WIDTH, DEFAULT_EXAMPLE, header, shown, without_predeclared

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
EXAMPLES = load_examples()


def page(client: FlaskClient, lang: str) -> str:
    r = client.get("/sparql", query_string={"lang": lang}, headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.mimetype == "text/html"
    assert r.headers["Content-Language"] == lang
    return r.text


def config_of(html: str) -> dict[str, object]:
    found = re.search(r'<script type="application/json" id="gcm-kg-config">(.*?)</script>', html)
    assert found is not None
    config: dict[str, object] = json.loads(found.group(1))
    return config


def test_page_uses_the_vendored_yasgui_only(client: FlaskClient) -> None:
    html = page(client, "en")
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/vendor/yasgui/yasgui.min.js" in sources
    assert "/static/vendor/yasgui/yasgui.min.css" in sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    for source in sources:
        assert client.get(source).status_code == 200


@pytest.mark.parametrize("lang", ["es", "en"])
def test_examples_in_the_page_language_only(client: FlaskClient, lang: str) -> None:
    html = unescape(page(client, lang))
    other = "en" if lang == "es" else "es"
    config = config_of(html)
    assert config["lang"] == lang
    for example in EXAMPLES:
        mine, theirs = (
            (example.title_es, example.title_en)
            if lang == "es"
            else (example.title_en, example.title_es)
        )
        assert mine in html
        assert theirs not in html, f"{example.name}: the {other} title is on the {lang} page"
        description = " ".join(
            header(example.query)["description-es" if lang == "es" else "description"]
        )
        assert description in html
    words = config["words"]
    assert isinstance(words, dict)
    assert words["table"] == ("Tabla" if lang == "es" else "Table")


def test_every_example_has_both_descriptions() -> None:
    for example in EXAMPLES:
        fields = header(example.query)
        assert fields.get("description") and fields.get("description-es"), example.name


def test_editor_opens_on_an_example_without_the_predeclared_prefixes(client: FlaskClient) -> None:
    config = config_of(page(client, "es"))
    query = str(config["query"])
    default = next(e for e in EXAMPLES if e.name == DEFAULT_EXAMPLE)
    assert query.startswith(f"# {default.title_es}\n")
    assert "PREFIX" not in query
    assert query.count("\n") < 30, "the query is at the top of the editor"
    assert config["prefixes"] == PREFIXES  # what the editor's syntax check knows


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_every_example_as_shown_runs(client: FlaskClient, example: object) -> None:
    text = shown(example, "en").query  # type: ignore[arg-type]
    r = client.post(
        "/sparql",
        data={"query": text},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert r.status_code == 200, r.text
    answer = r.get_json()
    assert answer.get("boolean") is True or answer["results"]["bindings"]


@pytest.mark.parametrize(
    ("lang", "kind", "title"),
    [
        ("es", "prioridad básica", "Asegurar que el Centro de la Red"),
        ("en", "core priority", "Ensure that the Migration Network Hub"),
    ],
)
def test_the_opening_example_answers_in_the_page_language(
    client: FlaskClient, lang: str, kind: str, title: str
) -> None:
    default = next(e for e in EXAMPLES if e.name == DEFAULT_EXAMPLE)
    r = client.post(
        "/sparql",
        data={"query": shown(default, lang).query},
        headers={"Accept": "application/sparql-results+json"},
    )
    rows = r.get_json()["results"]["bindings"]
    assert rows[0]["kind"]["value"] == kind
    assert rows[0]["title"]["value"].startswith(title)
    assert {row["title"]["xml:lang"] for row in rows} == {lang}


def test_only_predeclared_prefix_lines_are_left_out() -> None:
    query = (
        "# title-en: t\nPREFIX gcm: <https://w3id.org/gcm-kg/ontology#>\n"
        "PREFIX gcm2: <https://w3id.org/gcm-kg/ontology#>\n"
        "PREFIX skos: <http://example.org/not-skos#>\n\nSELECT * WHERE { ?s ?p ?o }\n"
    )
    assert without_predeclared(query) == (
        "PREFIX gcm2: <https://w3id.org/gcm-kg/ontology#>\n"
        "PREFIX skos: <http://example.org/not-skos#>\n\nSELECT * WHERE { ?s ?p ?o }\n"
    )


def test_browser_link_with_a_query_gets_the_page(client: FlaskClient) -> None:
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": BROWSER})
    assert r.mimetype == "text/html"


def test_vendored_licence() -> None:
    licence = ROOT / "server/static/vendor/yasgui/LICENSE"
    assert "MIT License" in licence.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_comments_above_an_example_stay_clear_of_the_editor_buttons(lang: str) -> None:
    for example in EXAMPLES:
        comments = [line for line in shown(example, lang).query.splitlines() if line[:1] == "#"]
        assert comments and all(len(line) <= COMMENT_WIDTH + 2 for line in comments), example.name
