"""Read a SPARQL 1.1 Protocol query request (GET, POST form, POST ``application/sparql-query``).

Refuses what the protocol says is malformed (repeated or conflicting parameters, an update by
GET, a wrong content type or charset) before anything is evaluated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from flask import Request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from .errors import BadRequest, ReadOnly, UnsupportedMediaType

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
UTF8 = {"utf-8", "utf8"}


@dataclass(frozen=True)
class QueryRequest:
    """The protocol's parameters; ``query`` is ``None`` when none was sent."""

    query: str | None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _single(params: MultiDict[str, str], name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise BadRequest(f"the parameter {name!r} is given {len(values)} times; give it once")
    return values[0] if values else None


def _graphs(params: MultiDict[str, str]) -> dict[str, tuple[str, ...]]:
    return {
        "default_graphs": tuple(params.getlist("default-graph-uri")),
        "named_graphs": tuple(params.getlist("named-graph-uri")),
    }


def _refuse_update(params: Mapping[str, object], how: str) -> None:
    if "update" in params:
        if how == "GET":
            raise BadRequest(
                "an update cannot be sent by GET (SPARQL 1.1 Protocol, 2.2); and this endpoint "
                "is read-only"
            )
        raise ReadOnly("the endpoint is read-only: updates are refused")


def _read_body(request: Request) -> None:
    """Read the body (and parse a form), so that the web server's own errors reading it are a
    400 that says so."""
    try:
        request.get_data(cache=True, parse_form_data=True)
    except HTTPException:
        raise
    except Exception as exc:  # the web server's reader: a malformed chunk, an early close …
        raise BadRequest(f"the request body could not be read: {exc}") from exc


def read(request: Request) -> QueryRequest:
    """The query request in ``request``; raise an :class:`~server.errors.EndpointError` if it is
    malformed."""
    args = request.args
    if request.method in ("GET", "HEAD"):
        _refuse_update(args, "GET")
        return QueryRequest(_single(args, "query"), **_graphs(args))
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.lower() not in UTF8:
        raise UnsupportedMediaType(f"charset {charset!r} is not supported; send UTF-8")
    _read_body(request)
    mimetype = request.mimetype
    if mimetype == FORM:
        form = request.form
        _refuse_update(form, "POST")
        if "query" in args:
            raise BadRequest("'query' is in both the URL and the form body; send it once")
        query = _single(form, "query")
        if query is None:
            raise BadRequest("the form has no 'query' parameter")
        params = MultiDict(list(args.items(multi=True)) + list(form.items(multi=True)))
        return QueryRequest(query, **_graphs(params))
    if mimetype == QUERY:
        if "query" in args:
            raise BadRequest(
                "a POST with Content-Type application/sparql-query carries the query in its "
                "body; 'query' in the URL conflicts with it"
            )
        try:
            query = request.get_data().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UnsupportedMediaType(f"the query is not UTF-8: {exc}") from exc
        return QueryRequest(query, **_graphs(args))
    if mimetype == UPDATE:
        raise ReadOnly("the endpoint is read-only: updates are refused")
    raise UnsupportedMediaType(
        f"Content-Type {mimetype or '(none)'!r} is not accepted; POST a query as {FORM} "
        f"(query=…) or as {QUERY}"
    )
