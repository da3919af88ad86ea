"""The pages' pure functions: paths and IRIs, negotiation, language, validators, search, words."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from server.pages.http import entity_tag, not_modified, parse_created
from server.pages.i18n import MESSAGES, PLURALS, translate
from server.pages.iris import Target, compact, local_path, resource_target, split_extension
from server.pages.language import Text, choose_language, from_accept_language, pick
from server.pages.model import natural_key
from server.pages.representation import negotiate
from server.pages.search import build_index, normalise, search
from server.pages.sparql import PageQuery
from server.pages.void import namespace_of, vocabularies

BASE = "https://w3id.org/gcm-kg/"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
TEMPLATES = Path(__file__).resolve().parents[2] / "server" / "templates"


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("agent/iom", Target("id/agent/iom")),
        ("agent/iom.ttl", Target("id/agent/iom", "ttl")),
        ("activity/core-2-1/3.jsonld", Target("id/activity/core-2-1/3", "jsonld")),
        ("period/2021-01-01--2022-12-31.nt", Target("id/period/2021-01-01--2022-12-31", "nt")),
        ("agent/iom.html", Target("id/agent/iom", "html")),
        ("agent/IOM", None),
        ("agent/iom.exe", None),
        ("agent/iom.ttl.ttl", None),
        ("agent//iom", None),
        ("agent/iom/", None),
        ("../etc/passwd", None),
        (".ttl", None),
    ],
)
def test_resource_targets(key: str, expected: Target | None) -> None:
    assert resource_target(key) == expected


def test_split_extension_leaves_plain_paths() -> None:
    assert split_extension("ontology") == Target("ontology")
    assert split_extension("ontology.rdf") == Target("ontology", "rdf")


@pytest.mark.parametrize(
    ("iri", "path"),
    [
        (BASE + "id/agent/iom", "id/agent/iom"),
        (BASE + "ontology", "ontology"),
        (BASE + "ontology#Priority", "ontology#Priority"),
        (BASE + "graph/agents", None),
        ("http://metadata.un.org/sdg/10.7", None),
        ("http://www.wikidata.org/entity/Q472311", None),
    ],
)
def test_local_paths(iri: str, path: str | None) -> None:
    assert local_path(iri, BASE) == path


def test_compact() -> None:
    assert compact("http://www.w3.org/2004/02/skos/core#prefLabel") == "skos:prefLabel"
    assert compact(BASE + "id/agent/iom") == "agent:iom"
    assert compact(BASE + "id/activity/core-1/2") == BASE + "id/activity/core-1/2"


@pytest.mark.parametrize(
    ("accept", "extension", "expected"),
    [
        (BROWSER, None, "html"),
        ("text/html", None, "html"),
        (None, None, "turtle"),
        ("*/*", None, "turtle"),
        ("text/turtle", None, "turtle"),
        ("application/ld+json", None, "jsonld"),
        ("application/json", None, "jsonld"),
        ("application/rdf+xml", None, "rdfxml"),
        ("application/n-triples", None, "ntriples"),
        ("text/plain", None, "ntriples"),
        ("text/turtle;q=0.5, application/ld+json", None, "jsonld"),
        ("application/sparql-results+json", None, None),
        ("image/png", None, None),
        ("image/png", "ttl", "turtle"),
        (BROWSER, "nt", "ntriples"),
        ("text/turtle", "html", "html"),
    ],
)
def test_negotiate(accept: str | None, extension: str | None, expected: str | None) -> None:
    fmt = negotiate(accept, extension)
    assert (fmt.name if fmt else None) == expected


@pytest.mark.parametrize(
    ("param", "header", "expected"),
    [
        (None, None, "es"),
        (None, "en-GB,en;q=0.9", "en"),
        (None, "es-ES,es;q=0.9,en;q=0.8", "es"),
        (None, "fr-FR,fr;q=0.9,en;q=0.8,es;q=0.7", "en"),
        (None, "de", "es"),
        (None, "en;q=0, *", "es"),
        (None, "en;q=0.5, es;q=0.5", "en"),
        (None, "*", "es"),
        ("en", "es", "en"),
        ("es", "en", "es"),
        ("fr", "en", "en"),
        (None, "en;q=x, es", "es"),
    ],
)
def test_language(param: str | None, header: str | None, expected: str) -> None:
    assert choose_language(param, header) == expected


def test_accept_language_with_neither() -> None:
    assert from_accept_language("de, fr;q=0.5") is None


def test_pick_falls_back_and_says_which_language() -> None:
    assert pick({"es": "OIM", "en": "IOM"}, "en") == Text("IOM", "en")
    assert pick({"es": "detención"}, "en") == Text("detención", "es")
    assert pick({"": "2.1"}, "en") == Text("2.1", None)
    assert pick({}, "en") is None


def test_entity_tags_differ_by_every_part() -> None:
    tags = {
        entity_tag("data1", "/id/agent/iom", "html", "es"),
        entity_tag("data2", "/id/agent/iom", "html", "es"),
        entity_tag("data1", "/id/agent/iom", "html", "en"),
        entity_tag("data1", "/id/agent/iom", "turtle", ""),
        entity_tag("data1", "/id/agent/iom/", "html", "es"),
    }
    assert len(tags) == 5
    assert entity_tag("a", "b") == entity_tag("a", "b")
    assert entity_tag("ab", "") != entity_tag("a", "b")


MODIFIED = datetime(2026, 11, 24, 7, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("if_none_match", "if_modified_since", "expected"),
    [
        ('"abc"', None, True),
        ('W/"abc"', None, True),
        ('"x", "abc"', None, True),
        ("*", None, True),
        ('"x"', None, False),
        ('"x"', "Tue, 24 Nov 2026 08:00:00 GMT", False),  # If-None-Match takes precedence
        (None, "Tue, 24 Nov 2026 07:00:00 GMT", True),
        (None, "Tue, 24 Nov 2026 08:00:00 GMT", True),
        (None, "Tue, 24 Nov 2026 06:59:59 GMT", False),
        (None, "not a date", False),
        (None, None, False),
    ],
)
def test_not_modified(
    if_none_match: str | None, if_modified_since: str | None, expected: bool
) -> None:
    assert not_modified(if_none_match, if_modified_since, "abc", MODIFIED) is expected


def test_parse_created() -> None:
    assert parse_created("2026-11-24T07:00:00Z") == MODIFIED


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("Detención", "detencion"),
        ("  ALTERNATIVAS a la  detención ", "alternativas a la detencion"),
        ("Niño", "nino"),
        ("OIM/IOM", "oim iom"),
        ("<script>", "script"),
    ],
)
def test_normalise(text: str, normal: str) -> None:
    assert normalise(text) == normal


def test_search_is_accent_and_language_insensitive() -> None:
    index = build_index(
        [
            {
                "iri": "a",
                "kind": "priority",
                "field": "label",
                "lang": "es",
                "text": "Alternativas a la detención",
            },
            {
                "iri": "a",
                "kind": "priority",
                "field": "label",
                "lang": "en",
                "text": "Alternatives to detention",
            },
            {
                "iri": "b",
                "kind": "agent",
                "field": "label",
                "lang": "es",
                "text": "Organización Internacional para las Migraciones",
            },
            {"iri": "b", "kind": "agent", "field": "alt", "lang": "es", "text": "OIM"},
            {"iri": "b", "kind": "agent", "field": "alt", "lang": "en", "text": "IOM"},
        ]
    )
    assert [h.entry.iri for h in search(index, "detencion")] == ["a"]
    assert [h.entry.iri for h in search(index, "DETENTION")] == ["a"]
    assert [h.entry.iri for h in search(index, "iom")] == ["b"]
    assert [h.entry.iri for h in search(index, "organizacion migraciones")] == ["b"]
    assert search(index, "   ") == []
    assert search(index, "nothing") == []


def test_natural_order_of_notations() -> None:
    notations = ["10", "2.10", "2.9", "2", "1", None, "2.1"]
    assert sorted(notations, key=natural_key) == ["1", "2", "2.1", "2.9", "2.10", "10", None]


def test_vocabularies_of_terms() -> None:
    terms = [
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "https://w3id.org/gcm-kg/ontology#leadEntity",
        "http://example.org/vocab/thing",
        BASE + "id/agent/iom",
    ]
    assert namespace_of("http://example.org/vocab/thing") == "http://example.org/vocab/"
    assert vocabularies(terms, BASE + "id/") == [
        "http://example.org/vocab/",
        "http://www.w3.org/2004/02/skos/core#",
        "https://w3id.org/gcm-kg/ontology#",
    ]


def test_page_query_binds_iris_and_refuses_anything_else() -> None:
    q = PageQuery("q", "# es: Un título\n# en: A title\nSELECT * WHERE { $this ?p ?o }")
    bound = q.bind(this=BASE + "id/agent/iom")
    assert bound.text == f"SELECT * WHERE {{ <{BASE}id/agent/iom> ?p ?o }}"
    assert (bound.title("es"), bound.title("en")) == ("Un título", "A title")
    assert bound.shown("es").startswith("# Un título\nSELECT")
    with pytest.raises(ValueError, match="not an IRI"):
        q.bind(this="x> } ; DROP ALL ; <y")
    with pytest.raises(KeyError):
        q.bind()


def fields(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"es", "en"}, key
        assert texts["es"] and texts["en"], key
        assert fields(texts["es"]) == fields(texts["en"]), key
    assert not set(MESSAGES) & set(PLURALS)
    for key, forms in PLURALS.items():
        assert set(forms) == {"es", "en"}, key
        for lang in ("es", "en"):
            assert {"one", "other"} <= set(forms[lang]) <= {"zero", "one", "other"}, key
        every = {f for lang in ("es", "en") for form in forms[lang].values() for f in fields(form)}
        for lang in ("es", "en"):  # "one" may leave out {n}; "other" names every value
            assert fields(forms[lang]["other"]) == every, key


@pytest.mark.parametrize(
    ("key", "lang", "n", "expected"),
    [
        ("n-activities", "en", 1, "1 activity"),
        ("n-activities", "en", 2, "2 activities"),
        ("n-activities", "es", 1, "1 actividad"),
        ("n-activities", "es", 0, "0 actividades"),
        ("results", "en", 1, "1 result"),
        ("results", "es", 0, "Ningún resultado"),
        ("matrix-uncovered", "es", 0, "Todos los objetivos los aborda al menos una prioridad"),
        ("matrix-uncovered", "es", 1, "1 objetivo no lo aborda ninguna prioridad"),
        ("matrix-uncovered", "en", 3, "3 objectives are addressed by no priority"),
    ],
)
def test_counted_phrases_agree_with_their_number(
    key: str, lang: str, n: int, expected: str
) -> None:
    assert translate(key, lang, n=n) == expected


def test_every_message_a_template_names_exists() -> None:
    used: set[str] = set()
    dynamic: set[str] = set()
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9-]+)["']\s*[,)]""", text))
        dynamic |= set(re.findall(r"""\bt\(\s*["']([a-z0-9-]+)["']\s*~""", text))
    assert used, "no message found: the pattern is wrong"
    assert sorted(used - set(MESSAGES) - set(PLURALS)) == []
    for prefix in dynamic:
        assert any(key.startswith(prefix) for key in [*MESSAGES, *PLURALS]), prefix
    assert translate("yasgui-seconds", "en", seconds="0.5") == "0.5 s"
