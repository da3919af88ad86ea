"""The endpoint's errors, each with its HTTP status, and the one handler that answers them.

Views raise; :func:`handle` turns any exception into a response, so no view builds an error
response itself: an HTML page for a browser (``text/html`` preferred over every data format),
plain text for anyone else (a SPARQL client shows the body to its user).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, has_request_context, request
from werkzeug.exceptions import HTTPException

from .negotiation import prefers_page

log = logging.getLogger(__name__)


class EndpointError(Exception):
    """A request the endpoint refuses; ``status`` is the HTTP status of the answer."""

    status = 400

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class BadRequest(EndpointError):
    """Malformed, repeated or conflicting parameters; an update sent by GET."""


class QuerySyntaxError(BadRequest):
    """The query does not parse; the message says where (line and column)."""


class UnsafeQuery(BadRequest):
    """The query would reach the network (SERVICE, a remote graph) or names an unknown graph."""


class QueryTooComplex(BadRequest):
    """The query nests or chains more than the endpoint evaluates safely (see
    :func:`server.analysis.check_complexity`)."""


class ReadOnly(EndpointError):
    """An update: the public endpoint is read-only."""

    status = 403


class NotAcceptable(EndpointError):
    status = 406


class UnsupportedMediaType(EndpointError):
    status = 415


class QueryTimeout(EndpointError):
    """The query ran past the time limit and was stopped."""

    status = 503


class TooManyRequests(EndpointError):
    """The client sent more requests than the rate limit allows (:mod:`server.ratelimit`)."""

    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryFailed(EndpointError):
    """The store could not evaluate a query that parsed (a type error, an I/O error)."""

    status = 500


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
