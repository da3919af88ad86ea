"""Linked-data pages: every IRI of the graph dereferenceable, for people (HTML in Spanish or
English) and for programs (Turtle, JSON-LD, RDF/XML, N-Triples), with strong validators.

Modules, one job each: :mod:`.iris` (paths ↔ IRIs), :mod:`.representation` (content
negotiation), :mod:`.language` (``?lang=``, ``Accept-Language``, fallback), :mod:`.http`
(entity tags, conditional requests, responses), :mod:`.sparql` (the page queries through the
evaluator, and the per-generation cache), :mod:`.data`, :mod:`.model`, :mod:`.resources`,
:mod:`.overviews`, :mod:`.sources`, :mod:`.search`, :mod:`.void` (what each page shows),
:mod:`.timeline`, :mod:`.network`, :mod:`.naming` (charts and names), :mod:`.query_ui`,
:mod:`.jsonld`, :mod:`.i18n` (the interface's words), :mod:`.context` (template helpers),
:mod:`.views` (the blueprint). The HTML error page is :func:`render_error`, here.
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, render_template

from . import context
from .http import REVISION_KEY, code_revision
from .i18n import MESSAGES
from .sparql import CACHE_KEY, GenerationCache

PACKAGE = Path(__file__).resolve().parent
SERVER = PACKAGE.parent
RENDERING = frozenset({".py", ".rq", ".html", ".css", ".js"})


def init_app(app: Flask) -> None:
    """Register the pages blueprint, the template helpers and the per-generation cache."""
    from ..errors import ERROR_PAGE
    from .views import bp

    app.extensions[ERROR_PAGE] = render_error
    app.extensions[CACHE_KEY] = GenerationCache()
    app.extensions[REVISION_KEY] = code_revision(
        [PACKAGE, SERVER / "templates", SERVER / "static"], RENDERING
    )
    context.init_app(app)
    app.register_blueprint(bp)


def render_error(status: int, message: str) -> str:
    """The HTML page of an error, for browsers (:func:`server.errors.handle` decides when)."""
    title_key = f"error-{status}" if f"error-{status}" in MESSAGES else "error"
    return render_template("pages/error.html", status=status, message=message, title_key=title_key)
