"""The one handler that answers every error raised while answering a request.

:func:`handle` turns any exception into a response, so no view builds an error response itself:
an HTML page for a browser (``text/html`` preferred over every data format), plain text for
anyone else (a SPARQL client shows the body to its user). The errors are :mod:`server.errors`.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, has_request_context, request
from werkzeug.exceptions import HTTPException

from .errors import EndpointError, TooManyRequests
from .negotiation import prefers_page

log = logging.getLogger(__name__)


def handle(exc: Exception) -> Response:
    """The response for any exception raised while answering a request."""
    if isinstance(exc, EndpointError):
        status, message = exc.status, exc.message
    elif isinstance(exc, HTTPException):
        status, message = exc.code or 500, exc.description or exc.name
    else:
        log.exception("unexpected error")
        status, message = 500, "internal error; the server log has the details"
    if _browser_asks():
        from .pages.errors import render_error  # the pages package imports this module

        response = Response(render_error(status, message), status, mimetype="text/html")
        response.vary.add("Accept")
    else:
        response = Response(message.rstrip("\n") + "\n", status, mimetype="text/plain")
    if isinstance(exc, HTTPException):
        for name, value in exc.get_headers():
            if name.lower() == "allow":
                response.headers[name] = value
    if isinstance(exc, TooManyRequests):
        response.headers["Retry-After"] = str(exc.retry_after)
    elif status == 503:
        response.headers["Retry-After"] = "1"
    return response


def _browser_asks() -> bool:
    return has_request_context() and prefers_page(request.headers.get("Accept"))


def init_app(app: Flask) -> None:
    app.register_error_handler(Exception, handle)
