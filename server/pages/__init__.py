"""Linked-data pages: every IRI of the graph dereferenceable, for people (HTML in Spanish or
English) and for programs (Turtle, JSON-LD, RDF/XML, N-Triples), with strong validators.

Modules, one job each: :mod:`.iris` (paths ↔ IRIs), :mod:`.representation` (content
negotiation), :mod:`.language` (``?lang=``, ``Accept-Language``, fallback), :mod:`.caching`
(entity tags, conditional requests), :mod:`.http` (responses), :mod:`.sparql` (the page queries
through the evaluator), :mod:`.cache` (per-generation cache), :mod:`.data`, :mod:`.model`,
:mod:`.resources`, :mod:`.overviews`, :mod:`.sources`, :mod:`.search`, :mod:`.void` (what each
page shows), :mod:`.i18n` (the interface's words), :mod:`.context` (template helpers),
:mod:`.views` (the blueprint), :mod:`.errors` (the HTML error page).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from . import context
from .cache import KEY as CACHE_KEY
from .cache import GenerationCache
from .caching import code_revision
from .http import REVISION_KEY

PACKAGE = Path(__file__).resolve().parent
SERVER = PACKAGE.parent
RENDERING = frozenset({".py", ".rq", ".html", ".css", ".js"})


def init_app(app: Flask) -> None:
    """Register the pages blueprint, the template helpers and the per-generation cache."""
    from ..errors import ERROR_PAGE
    from .errors import render_error
    from .views import bp

    app.extensions[ERROR_PAGE] = render_error
    app.extensions[CACHE_KEY] = GenerationCache()
    app.extensions[REVISION_KEY] = code_revision(
        [PACKAGE, SERVER / "templates", SERVER / "static"], RENDERING
    )
    context.init_app(app)
    app.register_blueprint(bp)
