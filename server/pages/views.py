"""The ``pages`` blueprint: resource pages and RDF at ``/id/…``, the ontology, the overviews,
search, the dataset description and the dumps. Views are thin: they negotiate, describe the
representation and hand the body to :func:`.http.respond` (validators, 304s)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, render_template, request, url_for

from gcm_kg.answers import graph_bytes
from gcm_kg.generations import file_digest
from gcm_kg.publish import DOCS_DIR, DUMPS_DIR, read_index
from gcm_kg.store import GRAPH_ONTOLOGY
from gcm_kg.terms import PREFIXES

from ..errors import NotAcceptable
from ..negotiation import BY_NAME, Format
from ..state import snapshot
from . import jsonld, overviews
from .context import base_iri, page_language
from .http import Link, ResourceNotFound, Variant, respond, respond_file
from .iris import EXTENSION_OF, ONTOLOGY, Target, iri_for, resource_target
from .language import pick
from .representation import FORMATS, HTML, negotiate, offered
from .resources import page_for
from .sparql import BoundQuery, graph, page_cache, query, select, used_queries, value
from .void import (
    DESCRIPTIONS,
    TITLES,
    DatasetInfo,
    DumpInfo,
    class_partitions,
    used_terms,
    vocabularies,
    void_triples,
)

bp = Blueprint("pages", __name__)
JSON_LD = BY_NAME["jsonld"]

FORMAT_NAMES = {
    "html": "HTML",
    "turtle": "Turtle",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF/XML",
    "ntriples": "N-Triples",
}
EXAMPLES = (
    "id/workplan/2021-2022",
    "id/priority/core-2-1",
    "id/activity/core-2-1/1",
    "id/agent/iom",
    "id/gcm-objective/13",
    "id/thematic-area/1",
)
"""Example resources of the dataset description (the first is its root resource)."""


@dataclass(frozen=True)
class Negotiated:
    """The format chosen for a request, the variant to send and the links to every format."""

    fmt: Format
    variant: Variant
    alternates: list[dict[str, str]]


def rdf(bound: BoundQuery, fmt: Format, first: str) -> bytes:
    """The graph a CONSTRUCT query makes, in ``fmt``; JSON-LD compacted (:mod:`.jsonld`) with
    ``first``, the resource described, first."""
    if fmt is not JSON_LD:
        return graph(bound, fmt.media_type)
    snap = snapshot()
    result: bytes = page_cache().get_or_compute(
        snap.etag,
        ("jsonld", bound.text),
        lambda: jsonld.compact(graph(bound, BY_NAME["ntriples"].media_type), first),
    )
    return result


def render_page(template: str, **context: Any) -> str:
    """A template with the queries that produced it (every page lists them)."""
    return render_template(template, **context, page_queries=used_queries())


def html_variant() -> Variant:
    return Variant(HTML, page_language(), vary=("Accept-Language",))


def negotiated(target: Target, iri: str, url_of: Callable[[str], str]) -> Negotiated:
    """What to send for ``target`` (406 when nothing fits); ``url_of(extension)`` is the URL of
    each format, ``iri`` the canonical IRI."""
    fmt = negotiate(request.headers.get("Accept"), target.extension)
    if fmt is None:
        raise NotAcceptable(
            f"no acceptable format for {request.path}; it is available as " + ", ".join(offered())
        )
    links = [Link(iri, "canonical")] + [
        Link(url_of(EXTENSION_OF[f.name]), "alternate", f.media_type) for f in FORMATS
    ]
    vary: tuple[str, ...] = ("Accept-Language",) if fmt is HTML else ()
    location = None
    if target.extension is None:
        vary = ("Accept", *vary)
        location = url_of(EXTENSION_OF[fmt.name])
    variant = Variant(
        fmt,
        page_language() if fmt is HTML else None,
        vary=vary,
        links=tuple(links),
        content_location=location,
    )
    alternates = [
        {
            "media_type": f.media_type,
            "url": url_of(EXTENSION_OF[f.name]),
            "name": FORMAT_NAMES[f.name],
        }
        for f in FORMATS
    ]
    return Negotiated(fmt, variant, alternates)


@bp.get("/id/<path:key>")
def resource(key: str) -> Response:
    target = resource_target(key)
    if target is None:
        raise ResourceNotFound(
            f"/id/{key} is not an IRI of this graph: keys are lower-case letters, digits and "
            "hyphens, with an optional extension (.html, .ttl, .jsonld, .rdf, .nt)"
        )
    iri = iri_for(base_iri(), target.path)
    bare = target.path.removeprefix("id/")

    def url_of(extension: str) -> str:
        return url_for("pages.resource", key=f"{bare}.{extension}")

    chosen = negotiated(target, iri, url_of)

    def body() -> bytes | str:
        rows = select(query("resource-types", this=iri), record=False)
        if not rows:
            raise ResourceNotFound(f"the graph has nothing about <{iri}>")
        if chosen.fmt is not HTML:
            return rdf(query("describe", this=iri), chosen.fmt, iri)
        types = sorted({t for r in rows if (t := value(r, "type"))})
        template, context = page_for(iri, types, page_language())
        return render_page(template, canonical=iri, alternates=chosen.alternates, **context)

    return respond(chosen.variant, body)


@bp.get("/ontology")
@bp.get("/ontology.<extension>")
def ontology(extension: str | None = None) -> Response:
    if extension is not None and extension not in EXTENSION_OF.values():
        raise ResourceNotFound(f"/ontology.{extension}: no such format of the ontology")

    def url_of(ext: str) -> str:
        return url_for("pages.ontology", extension=ext)

    chosen = negotiated(Target(ONTOLOGY, extension), iri_for(base_iri(), ONTOLOGY), url_of)
    if chosen.fmt is not HTML:
        fmt = chosen.fmt
        return respond(
            chosen.variant,
            lambda: rdf(
                query("ontology", graph=GRAPH_ONTOLOGY.value), fmt, iri_for(base_iri(), ONTOLOGY)
            ),
        )
    snap = snapshot()
    path = snap.generation.path / DOCS_DIR / f"index.{chosen.variant.lang}.html"
    if not path.is_file():
        raise ResourceNotFound(
            "the ontology's documentation was not published with the served generation; "
            "rebuild the store with `gcm-kg build`"
        )
    digest = page_cache().get_or_compute(
        snap.etag, ("file", str(path)), lambda: file_digest(path).hex()
    )
    return respond_file(path, digest, "text/html", chosen.variant)


def html_page(template: str, build: Callable[[str], dict[str, Any]]) -> Response:
    lang = page_language()
    return respond(html_variant(), lambda: render_page(template, **build(lang)))


@bp.get("/")
def home() -> Response:
    return html_page("pages/home.html", overviews.home)


@bp.get("/context.jsonld")
def context() -> Response:
    """The JSON-LD context of every JSON-LD document the server sends (``{base}context.jsonld``)."""
    return respond(Variant(JSON_LD), jsonld.context_document)


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The icon, where browsers look for it when a page does not name one."""
    return current_app.send_static_file("favicon.ico")


@bp.get("/timeline")
def timeline() -> Response:
    return html_page("pages/timeline.html", overviews.timeline)


@bp.get("/network")
def network() -> Response:
    return html_page("pages/network.html", overviews.network)


@bp.get("/matrix")
def matrix() -> Response:
    return html_page("pages/matrix.html", overviews.matrix)


@bp.get("/search")
def search() -> Response:
    text = request.args.get("q", "")[:200]
    return html_page("pages/search.html", lambda lang: overviews.search_page(text, lang))


def dataset_info() -> DatasetInfo:
    snap = snapshot()
    base = base_iri()
    dumps = [
        DumpInfo(
            str(e["file"]),
            url_for("pages.dump", name=str(e["file"]), _external=True),
            str(e["media_type"]),
            int(str(e["bytes"])),
            str(e["sha256"]),
        )
        for e in read_index(snap.generation)
    ]
    examples = [iri_for(base, path) for path in EXAMPLES]
    return DatasetInfo(
        iri=iri_for(base, ".well-known/void#dataset"),
        document=url_for("pages.void", _external=True),
        home=url_for("pages.home", _external=True),
        endpoint=url_for("sparql.endpoint", _external=True),
        uri_space=iri_for(base, "id/"),
        modified=snap.manifest.created,
        triples=snap.manifest.triples,
        graphs=sorted(snap.graphs.items()),
        classes=class_partitions(),
        vocabularies=vocabularies(used_terms(), iri_for(base, "id/")),
        examples=examples,
        root=examples[0],
        dumps=dumps,
    )


@bp.get("/.well-known/void")
@bp.get("/.well-known/void.<extension>")
def void(extension: str | None = None) -> Response:
    if extension is not None and extension not in EXTENSION_OF.values():
        raise ResourceNotFound(f"/.well-known/void.{extension}: no such format")

    def url_of(ext: str) -> str:
        return url_for("pages.void", extension=ext)

    document = url_for("pages.void", _external=True)
    chosen = negotiated(Target(".well-known/void", extension), document, url_of)

    def body() -> bytes | str:
        info = dataset_info()
        if chosen.fmt is JSON_LD:
            triples = graph_bytes(void_triples(info), "ntriples", PREFIXES)
            return jsonld.compact(triples, info.iri)
        if chosen.fmt is not HTML:
            return graph_bytes(void_triples(info), chosen.fmt.name, PREFIXES)
        lang = page_language()
        return render_page(
            "pages/void.html",
            dataset=info,
            title=pick(TITLES, lang),
            description=pick(DESCRIPTIONS, lang),
            alternates=[a for a in chosen.alternates if a["media_type"] != HTML.media_type],
        )

    return respond(chosen.variant, body)


@bp.get(f"/{DUMPS_DIR}/<name>")
def dump(name: str) -> Response:
    generation = snapshot().generation
    entry = next((e for e in read_index(generation) if e.get("file") == name), None)
    path = generation.path / DUMPS_DIR / name
    if entry is None or not path.is_file():
        raise ResourceNotFound(f"no dump {name!r}; the dumps are listed at {url_for('pages.void')}")
    return respond_file(path, str(entry["sha256"]), "application/gzip")
