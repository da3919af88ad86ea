"""The gcm-kg web application: a SPARQL 1.1 endpoint with a query UI, and linked-data pages.

``create_app()`` is the factory (``flask --app server run`` for development; ``gcm-kg serve``
runs it on gunicorn). ``docs/architecture.md`` describes the modules and the path of a request.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from flask import Flask

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """The app, configured by :mod:`server.config`'s defaults, the ``GCM_KG_*`` environment
    variables, then ``config`` (a test's settings, the CLI's options)."""
    from flask import Flask

    from . import access_log, endpoint, errors, health, pages, ratelimit, security, state
    from . import config as settings

    app = Flask(__name__)
    app.config.from_mapping(settings.load(config))
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_BODY_BYTES"]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]

    errors.init_app(app)
    access_log.init_app(app)
    security.init_app(app)
    ratelimit.init_app(app)
    state.init_app(app)
    endpoint.init_app(app)
    app.register_blueprint(health.bp)
    pages.init_app(app)
    if app.config["PUBLIC_URL"]:
        app.wsgi_app = public_url(app.wsgi_app, app.config["PUBLIC_URL"])  # type: ignore[method-assign,assignment]
    return app


def public_url(app: WSGIApp, url: str) -> WSGIApp:
    """``app`` answering as if every request came to ``url`` (scheme, host, path prefix): the
    absolute URLs it writes are then the public ones, whatever Host a request names."""
    parts = urlsplit(url)
    scheme, host, prefix = parts.scheme, parts.netloc, parts.path.rstrip("/")
    port = str(parts.port or (443 if scheme == "https" else 80))

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ["wsgi.url_scheme"] = scheme
        environ["HTTP_HOST"] = host
        environ["SERVER_NAME"] = parts.hostname or host
        environ["SERVER_PORT"] = port
        path = environ.get("PATH_INFO", "")
        if prefix and path.startswith(prefix + "/"):
            environ["PATH_INFO"] = path[len(prefix) :]
        environ["SCRIPT_NAME"] = prefix
        return app(environ, start_response)

    return wrapped
