"""Security headers on every response.

* HTML (pages, the query UI, error pages, the ontology's documentation): the
  ``Content-Security-Policy`` of the setting ``CONTENT_SECURITY_POLICY`` (scripts, styles,
  images and connections from this server only; no plugins; the page cannot be framed or change
  its base URL; forms submit here), and ``X-Frame-Options: DENY`` for browsers without
  ``frame-ancestors``. The pages have no inline script, style or event handler, YASGUI and
  ECharts are served from ``/static/``, and data reaches scripts in ``<script
  type="application/json">`` blocks, so the policy needs no ``'unsafe-inline'``. The one
  exception is a ``<style>`` element that YASGUI 4.6.2 writes while it starts: the query UI's
  page allows that exact element by its hash (:data:`QUERY_UI_STYLES`), nothing else.
* Everything else (RDF, query results, dumps, plain-text errors): ``default-src 'none'`` with
  ``frame-ancestors 'none'`` and ``sandbox``, so that a document opened directly in a browser runs
  nothing, whatever a literal in it says.
* Every response: ``X-Content-Type-Options: nosniff`` (a browser never reads Turtle or a result
  as HTML or script) and ``Referrer-Policy: strict-origin-when-cross-origin`` (links out of a
  page, or out of YASGUI's results, never carry a query in the URL to another site).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

NOT_HTML_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
REFERRER_POLICY = "strict-origin-when-cross-origin"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
QUERY_UI = "sparql.endpoint"
QUERY_UI_STYLES = ("'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk='",)
"""Hashes of the ``<style>`` elements the vendored YASGUI writes (the browser test of the query UI
fails, naming the new hash, if an update of YASGUI changes them)."""


def with_style_sources(policy: str, sources: tuple[str, ...]) -> str:
    """``policy`` with ``sources`` added to its ``style-src`` directive (when it has one)."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    for i, directive in enumerate(directives):
        if directive.split(" ", 1)[0] == "style-src":
            directives[i] = " ".join([directive, *sources])
    return "; ".join(directives)


def add_headers(response: Response) -> Response:
    headers = response.headers
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Referrer-Policy", REFERRER_POLICY)
    if response.mimetype in HTML_TYPES:
        policy = current_app.config["CONTENT_SECURITY_POLICY"]
        if policy and request.endpoint == QUERY_UI:
            policy = with_style_sources(policy, QUERY_UI_STYLES)
        if policy:
            headers["Content-Security-Policy"] = policy
        if "frame-ancestors" not in policy or "frame-ancestors 'none'" in policy:
            headers["X-Frame-Options"] = "DENY"  # a policy that allows framing has the last word
    else:
        headers["Content-Security-Policy"] = NOT_HTML_POLICY
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_headers)
