"""Which representation of a resource to send: content negotiation over the format table.

A resource has an HTML page and four RDF serialisations. An explicit extension wins; otherwise a
browser (HTML preferred over every data format, :func:`server.negotiation.prefers_page`) gets the
page and anyone else the best RDF format its ``Accept`` allows, Turtle by default.
"""

from __future__ import annotations

from ..negotiation import BY_NAME, Format, Kind, choose, prefers_page
from .iris import EXTENSIONS

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


def offered() -> list[str]:
    """The media types of a resource, for a 406 message."""
    return [fmt.media_type for fmt in FORMATS]
