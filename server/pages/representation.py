"""Which representation of a resource to send: content negotiation over the format table.

A resource has an HTML page and four RDF serialisations. An explicit extension wins; otherwise a
browser (HTML preferred over every data format, :func:`server.negotiation.prefers_page`) gets the
page and anyone else the best RDF format its ``Accept`` allows, Turtle by default.
"""

from __future__ import annotations

from ..negotiation import BY_NAME, Format, Kind, choose, prefers_page
from .iris import EXTENSION_OF, EXTENSIONS

HTML = BY_NAME["html"]
RDF_FORMATS: tuple[Format, ...] = tuple(
    BY_NAME[name] for name in ("turtle", "jsonld", "rdfxml", "ntriples")
)
"""The RDF serialisations of a resource, in the server's order of preference."""

FORMATS: tuple[Format, ...] = (HTML, *RDF_FORMATS)


def negotiate(accept: str | None, extension: str | None = None) -> Format | None:
    """The format to answer in; ``None`` when nothing acceptable is offered (406)."""
    if extension is not None:
        return BY_NAME[EXTENSIONS[extension]]
    if prefers_page(accept):
        return HTML
    return choose(accept, Kind.GRAPH, RDF_FORMATS)


def negotiate_rdf(accept: str | None, extension: str | None = None) -> Format | None:
    """Like :func:`negotiate` for something that has no page of its own (RDF only)."""
    if extension is not None:
        fmt = BY_NAME[EXTENSIONS[extension]]
        return fmt if fmt in RDF_FORMATS else None
    return choose(accept, Kind.GRAPH, RDF_FORMATS)


def offered() -> list[str]:
    """The media types of a resource, for a 406 message."""
    return [fmt.media_type for fmt in FORMATS]


def extension_of(fmt: Format) -> str:
    return EXTENSION_OF[fmt.name]
