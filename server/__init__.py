"""The gcm-kg web application: a SPARQL 1.1 endpoint with a query UI, and linked-data pages.

``create_app()`` is the factory (``flask --app server run`` for development; ``gcm-kg serve``
runs it on waitress).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app, configured by :mod:`server.config`'s defaults, the ``GCM_KG_*`` environment
    variables, then ``config`` (a test's settings, the CLI's options)."""
    # imported here, so that `gcm-kg serve`'s supervising process, which imports this package's
    # command and broker only, does not load Flask
    from flask import Flask

    from . import access_log, handlers, pages, ratelimit, replay, security, state
    from . import config as settings

    app = Flask(__name__)
    app.config.from_mapping(settings.load(config))
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    handlers.init_app(app)
    access_log.init_app(app)
    security.init_app(app)
    ratelimit.init_app(app)
    state.init_app(app)

    from .endpoint import bp as sparql
    from .health import bp as health

    app.register_blueprint(sparql)
    app.register_blueprint(health)
    pages.init_app(app)
    replay.init_app(app)
    return app
