"""Security headers: the Content-Security-Policy, frame and referrer policies on every HTML
response, nosniff and a locked-down policy on everything else; and pages that need no
``'unsafe-inline'`` (no inline script, style or event handler)."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from server.config import settings_from
from server.security import NOT_HTML_POLICY, QUERY_UI_STYLES, REFERRER_POLICY, with_style_sources

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
CSP = settings_from({})["CONTENT_SECURITY_POLICY"]

HTML = [
    "/",
    "/id/agent/iom",
    "/id/priority/core-2-1?lang=en",
    "/id/activity/core-2-1/1",
    "/id/gcm-objective/13",
    "/timeline",
    "/network",
    "/matrix",
    "/search?q=oim",
    "/ontology",
    "/.well-known/void",
    "/sparql",
    "/sparql?query=ASK%20%7B%7D",
    "/id/agent/nope",  # the 404 page
    "/sparql?query=SELEC",  # a browser following a link gets the UI, whatever the query
]
NOT_HTML = [
    ("/id/agent/iom.ttl", None),
    ("/id/agent/iom.jsonld", None),
    ("/.well-known/void.ttl", None),
    ("/sparql", "text/turtle"),
    ("/sparql?query=ASK%20%7B%7D", "application/sparql-results+json"),
    ("/sparql?query=SELEC", "text/csv"),  # a plain-text 400
    ("/id/agent/nope.ttl", None),  # a plain-text 404
    ("/dumps/gcm-kg.nq.gz", None),
    ("/static/sparql.js", None),
    ("/health", None),
]


def test_the_default_policy() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert "unsafe" not in CSP


@pytest.mark.parametrize("path", HTML)
def test_every_html_response_has_the_policy(client: FlaskClient, path: str) -> None:
    response = client.get(path, headers={"Accept": BROWSER})
    assert response.mimetype == "text/html", path
    if path.startswith("/sparql"):  # YASGUI's one <style> element, allowed by its hash
        assert response.headers["Content-Security-Policy"] == with_style_sources(
            CSP, QUERY_UI_STYLES
        )
        assert "style-src 'self' 'sha256-" in response.headers["Content-Security-Policy"]
    else:
        assert response.headers["Content-Security-Policy"] == CSP
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == REFERRER_POLICY


@pytest.mark.parametrize(("path", "accept"), NOT_HTML)
def test_every_other_response_is_locked_down(
    client: FlaskClient, path: str, accept: str | None
) -> None:
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.mimetype != "text/html", path
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == NOT_HTML_POLICY
    assert response.headers["Referrer-Policy"] == REFERRER_POLICY


def test_304_and_errors_keep_the_headers(client: FlaskClient) -> None:
    first = client.get("/id/agent/iom.ttl")
    again = client.get("/id/agent/iom.ttl", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["X-Content-Type-Options"] == "nosniff"
    refused = client.post("/sparql", data=b"x", headers={"Content-Type": "text/plain"})
    assert refused.status_code == 415
    assert refused.headers["X-Content-Type-Options"] == "nosniff"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"<style[\s>]|<[^>]+\sstyle\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


@pytest.mark.parametrize("path", HTML)
def test_pages_need_no_unsafe_inline(client: FlaskClient, path: str) -> None:
    html = client.get(path, headers={"Accept": BROWSER}).text
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)
    assert not STYLE.search(html), STYLE.search(html)
    assert not JAVASCRIPT_URL.search(html)
    for src in re.findall(r'<script[^>]*\bsrc="([^"]+)"', html):
        assert src.startswith("/static/"), src  # scripts from our own origin only


def test_the_policy_is_a_setting(app_factory) -> None:  # type: ignore[no-untyped-def]
    custom = "default-src 'self'; frame-ancestors https://example.org"
    client = app_factory(CONTENT_SECURITY_POLICY=custom).test_client()
    response = client.get("/", headers={"Accept": BROWSER})
    assert response.headers["Content-Security-Policy"] == custom
    assert "X-Frame-Options" not in response.headers  # the policy allows framing by example.org
    off = app_factory(CONTENT_SECURITY_POLICY="").test_client()
    assert "Content-Security-Policy" not in off.get("/", headers={"Accept": BROWSER}).headers
