"""The SPARQL 1.1 Protocol endpoint at ``/sparql``: queries, service description, query UI.

A query takes one path, in one direction (``docs/architecture.md``): the protocol's parameters
(:mod:`.protocol`), the guard (:mod:`.guard`), the formats (:mod:`.query`), the answer cache
(:mod:`.cache`), then the served snapshot's evaluator (:mod:`.state`: the query process, or a
remote store). ``GET`` answers carry a strong entity tag (the data's digest, the query, its
dataset and formats) and are answered 304 when the client has them.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, Flask, Response, current_app, request, url_for

from gcm_kg.answers import graph_bytes
from gcm_kg.terms import PREFIXES

from . import access_log
from .cache import AnswerCache
from .description import service_description
from .errors import BadRequest, NotAcceptable
from .guard import Limits, check
from .negotiation import BY_NAME, Kind, acceptable, choose, prefers_page
from .pages.query_ui import query_ui_page
from .protocol import read
from .query import Answer, Job, formats_for, not_acceptable, query_hash
from .state import deadline, snapshot

bp = Blueprint("sparql", __name__)
CACHE_KEY = "gcm_kg_answers"
CACHE_CONTROL = "public, no-cache"

CORS_HEADERS = (
    ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type"),
    ("Access-Control-Expose-Headers", "GCM-KG-Truncated, ETag"),
    ("Access-Control-Max-Age", "86400"),
)


@bp.after_request
def cors(response: Response) -> Response:
    origin = current_app.config["CORS_ORIGIN"]
    if origin:
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
    if request.method != "POST" and prefers_page(accept):
        return page()  # a browser following a link: YASGUI shows the query (from the URL)
    query = query_request.query
    access_log.note(query_hash=query_hash(query))
    snap = snapshot()
    config = current_app.config
    checked = check(
        query,
        graphs=snap.graphs,
        prefixes=PREFIXES,
        base_iri=config["BASE_IRI"] or None,
        service_allowlist=config["SERVICE_ALLOWLIST"],
        default_graphs=query_request.default_graphs,
        named_graphs=query_request.named_graphs,
        limits=Limits(config["MAX_QUERY_DEPTH"], config["MAX_QUERY_OPERATORS"]),
    )
    job = Job(
        query,
        formats_for(accept),
        query_request.default_graphs,
        query_request.named_graphs,
        checked.has_dataset,
    )
    if checked.form is not None and dict(job.formats)[checked.form.value] is None:
        raise not_acceptable(checked.form)
    etag = hashlib.sha256(repr((snap.etag, job)).encode("utf-8")).hexdigest()[:32]
    if request.method != "POST" and request.if_none_match.contains(etag):
        response = Response(status=304)
    else:
        answer = evaluate(snap.etag, job)
        access_log.note(query_kind=answer.kind)
        response = Response(answer.body, 200, content_type=BY_NAME[answer.fmt].content_type)
        if answer.truncated:
            response.headers["GCM-KG-Truncated"] = str(config["MAX_ROWS"])
    if request.method != "POST":
        response.set_etag(etag)
        response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def evaluate(digest: str, job: Job) -> Answer:
    """The answer to ``job``: from the cache, else from the served snapshot's evaluator."""
    cache: AnswerCache | None = current_app.extensions.get(CACHE_KEY)
    answer = cache.get(digest, job) if cache is not None else None
    if answer is None:
        answer = snapshot().evaluator.run(job, deadline(), public=True)
        if cache is not None:
            cache.put(digest, job, answer)
    return answer


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
    return Response(graph_bytes(triples, fmt.name, PREFIXES), 200, content_type=fmt.content_type)


def page() -> Response:
    return query_ui_page()


def init_app(app: Flask) -> None:
    """Register the endpoint, with a cache of repeated answers (setting ``CACHE_BYTES``)."""
    budget = int(app.config["CACHE_BYTES"])
    if budget > 0:
        app.extensions[CACHE_KEY] = AnswerCache(budget)
    app.register_blueprint(bp)
