"""The endpoint's errors, each with its HTTP status, and the one handler that answers them.

Views raise; :func:`handle` turns any exception into a response, so no view builds an error
response itself: an HTML page for a browser (``text/html`` preferred over every data format),
plain text for anyone else (a SPARQL client shows the body to its user). Flask is imported only
by the handler, so that the query process's side of the server raises these errors without it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask, Response

log = logging.getLogger(__name__)
ERROR_PAGE = "gcm_kg_error_page"
"""The app extension that renders an error as an HTML page for a browser (the pages set it)."""


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
    """The query nests or chains more than the endpoint evaluates safely (:mod:`server.guard`)."""


class ReadOnly(EndpointError):
    """An update: the public endpoint is read-only."""

    status = 403


class NotAcceptable(EndpointError):
    status = 406


class UnsupportedMediaType(EndpointError):
    status = 415


class TooManyRequests(EndpointError):
    """The client sent more requests than the rate limit allows (:mod:`server.ratelimit`)."""

    status = 429

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class QueryFailed(EndpointError):
    """The store could not evaluate a query that parsed (an I/O error …)."""

    status = 500


class QueryTimeout(EndpointError):
    """The query ran past the time limit and was stopped, or could not start within it."""

    status = 503


class QueryProcessGone(QueryTimeout):
    """The query process ended while answering (another query's time limit, a crash): the
    client may try again at once, a new one is starting."""


def handle(exc: Exception) -> Response:
    """The response for any exception raised while answering a request."""
    from flask import Response, current_app, has_request_context, request
    from werkzeug.exceptions import HTTPException

    from .negotiation import prefers_page

    if isinstance(exc, EndpointError):
        status, message = exc.status, exc.message
    elif isinstance(exc, HTTPException):
        status, message = exc.code or 500, exc.description or exc.name
    else:
        log.exception("unexpected error")
        status, message = 500, "internal error; the server log has the details"
    render_page = current_app.extensions.get(ERROR_PAGE) if has_request_context() else None
    if render_page is not None and prefers_page(request.headers.get("Accept")):
        response = Response(render_page(status, message), status, mimetype="text/html")
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


def init_app(app: Flask) -> None:
    app.register_error_handler(Exception, handle)
