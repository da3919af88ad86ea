"""Fuzzing the pages: paths under ``/id/`` and the other addresses, extensions, ``?lang=`` and
``?q=``, ``Accept``, ``Accept-Language``, ``If-None-Match`` and ``If-Modified-Since`` full of
garbage. Every request gets a page, RDF, a 304 or a 4xx with a message, never a 5xx; markup sent
in is never echoed raw; no path reaches a file outside what the server publishes."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask
from flask.testing import FlaskClient
from fuzzing import FUZZ, MARKUP, accepts, check_answer, header_safe, nasty_text
from hypothesis import given
from hypothesis import strategies as st

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

KEYS = [
    "agent/iom",
    "priority/core-2-1",
    "activity/core-2-1/1",
    "gcm-objective/13",
    "thematic-area/1",
    "workplan/2021-2022",
    "agent/nope",
    "",
    "agent/",
    "AGENT/IOM",
]
EXTENSIONS = ["", ".html", ".ttl", ".jsonld", ".rdf", ".nt", ".exe", ".", ".ttl.ttl", "%2ettl"]
segment = st.one_of(
    st.sampled_from(["..", ".", "%2e%2e", "%2E%2E%2F", "%00", "%ff", "etc", "passwd", "~", "//"]),
    nasty_text.map(lambda t: quote(t, safe="")),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-./%", max_size=12),
)
id_paths = st.one_of(
    st.tuples(st.sampled_from(KEYS), st.sampled_from(EXTENSIONS)).map(
        lambda t: "/id/" + "".join(t)
    ),
    st.lists(segment, min_size=1, max_size=4).map(lambda s: "/id/" + "/".join(s)),
)
other_paths = st.one_of(
    st.sampled_from(
        [
            "/",
            "/timeline",
            "/network",
            "/matrix",
            "/search",
            "/ontology",
            "/ontology.ttl",
            "/ontology.exe",
            "/.well-known/void",
            "/.well-known/void.jsonld",
            "/dumps/",
            "/dumps/gcm-kg.nq.gz",
            "/static/pages.css",
            "/sparql",
            "/health",
        ]
    ),
    st.tuples(
        st.sampled_from(["/dumps/", "/static/", "/ontology.", "/.well-known/void.", "/"]), segment
    ).map("".join),
)
langs = st.one_of(st.none(), st.sampled_from(["es", "en", "fr", "", "EN"]), nasty_text)
accept_languages = st.one_of(
    st.none(),
    st.sampled_from(["en", "es-MX,es;q=0.9", "*", "en;q=abc", "fr;q=2, en;q=-1", ",,;;"]),
    nasty_text,
)
etags = st.one_of(
    st.none(), st.sampled_from(["*", '"abc"', 'W/"x"', '"unterminated', ",", ""]), nasty_text
)
dates = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "Sat, 01 Jan 2000 00:00:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT",
            "Thu, 01 Jan 1970 00:00:00 GMT",
            "Mon, 32 Foo 2021 25:61:61 GMT",
            "-1",
            "99999999999999999999",
        ]
    ),
    nasty_text,
)


def _headers(**values: str | None) -> dict[str, str]:
    names = {
        "accept": "Accept",
        "accept_language": "Accept-Language",
        "if_none_match": "If-None-Match",
        "if_modified_since": "If-Modified-Since",
    }
    return {names[k]: header_safe(v) for k, v in values.items() if v is not None}


@pytest.fixture(scope="module")
def pages(app_factory) -> FlaskClient:  # type: ignore[no-untyped-def]
    app: Flask = app_factory()
    return app.test_client()


@FUZZ
@given(
    path=st.one_of(id_paths, other_paths),
    lang=langs,
    accept=st.one_of(accepts, st.just(BROWSER)),
    accept_language=accept_languages,
    if_none_match=etags,
    if_modified_since=dates,
)
def test_paths_and_headers(
    pages: FlaskClient,
    path: str,
    lang: str | None,
    accept: str | None,
    accept_language: str | None,
    if_none_match: str | None,
    if_modified_since: str | None,
) -> None:
    response = pages.get(
        path,
        query_string={"lang": lang} if lang is not None else None,
        headers=_headers(
            accept=accept,
            accept_language=accept_language,
            if_none_match=if_none_match,
            if_modified_since=if_modified_since,
        ),
    )
    check_answer(response)


@FUZZ
@given(
    q=st.one_of(nasty_text, st.text(max_size=500)),
    lang=langs,
    accept=st.one_of(st.just(BROWSER), accepts),
)
def test_search_and_parameters(
    pages: FlaskClient, q: str, lang: str | None, accept: str | None
) -> None:
    params = [("q", q)] + ([("lang", lang)] if lang is not None else [])
    for path in ("/search", "/", "/timeline", "/id/agent/iom"):
        response = pages.get(path, query_string=params, headers=_headers(accept=accept))
        check_answer(response)


@pytest.mark.parametrize(
    "path",
    [
        "/id/../../etc/passwd",
        "/id/%2e%2e/%2e%2e/etc/passwd",
        "/id/..%2f..%2fetc%2fpasswd",
        "/id/%00",
        "/id/agent/iom%00.ttl",
        "/static/../server/config.py",
        "/static/%2e%2e/config.py",
        "/static/..%2fconfig.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/dumps/../manifest.json",
        "/dumps/%2e%2e/manifest.json",
        "/dumps/%2e%2e%2fmanifest.json",
        "/dumps/..",
        "/dumps/index.json",
        "/ontology.%2e%2e",
        "/.well-known/void.%2fetc%2fpasswd",
        "/%ff%fe",
        "/id/agent/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    ],
)
def test_no_path_reaches_a_file_it_should_not(pages: FlaskClient, path: str) -> None:
    response = pages.get(path, headers={"Accept": BROWSER})
    check_answer(response)
    assert response.status_code == 404, (path, response.status_code)
    text = response.get_data(as_text=True)
    for secret in ("root:x:0:0", '"digest"', "[project]", "SETTINGS"):
        assert secret not in text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (f"/id/agent/{quote(MARKUP, safe='')}", {}),
        ("/search", {"q": MARKUP}),
        ("/id/agent/iom", {"lang": MARKUP}),
        ("/", {"lang": '"><script>alert(1)</script>'}),
        ("/sparql", {"query": f"SELECT * WHERE {{ ?s ?p '{MARKUP}' }}"}),
        ("/sparql", {"query": "</script><script>alert(1)</script>"}),
    ],
)
def test_markup_in_paths_and_parameters_is_escaped(
    pages: FlaskClient, path: str, params: dict[str, str]
) -> None:
    response = pages.get(path, query_string=params, headers={"Accept": BROWSER})
    check_answer(response)
    assert response.mimetype == "text/html"
    body = response.get_data(as_text=True)
    assert MARKUP not in body
    assert "<script>alert(1)</script>" not in body
