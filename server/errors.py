"""The endpoint's errors, each with its HTTP status.

Views raise; :mod:`server.handlers` turns any exception into a response. This module imports
nothing else, so that the query-process side (:mod:`server.query_process`, run by ``gcm-kg
serve``'s supervising process) raises these errors without loading Flask.
"""

from __future__ import annotations


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
