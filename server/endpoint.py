"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries, service description, query UI."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, request, url_for

from . import access_log, replay
from .cache import Cached
from .description import service_description
from .errors import BadRequest, NotAcceptable
from .execute import Job
from .negotiation import Kind, acceptable, choose, prefers_page
from .pages.query_ui import query_ui_page
from .protocol import read
from .results import graph_bytes
from .state import snapshot

bp = Blueprint("sparql", __name__)

CORS_HEADERS = (
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
    ("Access-Control-Expose-Headers", "GCM-KG-Truncated"),
    ("Access-Control-Max-Age", "86400"),
)


@bp.after_request
def cors(response: Response) -> Response:
    origin = current_app.config["CORS_ORIGIN"]
    if origin:
        # none of these is set by the views: adding is enough (and cheaper than replacing)
        response.headers.extend([("Access-Control-Allow-Origin", origin), *CORS_HEADERS])
    response.vary.add("Accept")
    return response


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    query_request = read(request)
    accept = request.headers.get("Accept")
    if query_request.query is None:
        if request.method == "POST":
            raise BadRequest("no query given")
        return page() if prefers_page(accept) else description(accept)
    if not query_request.query.strip():
        raise BadRequest("the query is empty")
    access_log.note(query_hash=access_log.query_hash(query_request.query))
    if request.method == "GET" and prefers_page(accept):
        return page()  # a browser following a link: YASGUI shows the query (from the URL)
    evaluator = snapshot().evaluator
    job = Job(query_request.query, accept, query_request.default_graphs, query_request.named_graphs)
    answer = evaluator.run(job)
    access_log.note(query_kind=answer.kind)
    response = Response(answer.body, 200, content_type=answer.content_type)
    if answer.truncated:
        response.headers["GCM-KG-Truncated"] = str(current_app.config["MAX_ROWS"])
    if request.method == "GET" and isinstance(evaluator, Cached) and evaluator.keeps(job):
        replay.mark(request.environ, access_log.fields())
    return response


def description(accept: str | None) -> Response:
    fmt = choose(accept, Kind.GRAPH)
    if fmt is None:
        raise NotAcceptable(
            "no acceptable format for the service description; this endpoint writes "
            + ", ".join(acceptable(Kind.GRAPH))
        )
    endpoint_iri = url_for("sparql.endpoint", _external=True)
    triples = service_description(
        endpoint_iri, snapshot().graphs, bool(current_app.config["SERVICE_ALLOWLIST"])
    )
    return Response(graph_bytes(triples, fmt), 200, content_type=fmt.content_type)


def page() -> Response:
    return query_ui_page()
