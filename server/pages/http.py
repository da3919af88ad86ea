"""Answering a page, an RDF document or a file: validators, 304s and the headers they share.

Views describe the representation they send (:class:`Variant`) and how to make its body; the
body is made only when the client does not already have it (``If-None-Match`` /
``If-Modified-Since``, RFC 9110, 8.8 and 13).

An entity tag is strong: a digest of the data served (the snapshot's ``etag``, which changes when
and only when the data changes), of the code that renders it (templates, static files, page
queries) and of the representation (path, format, language, query string). ``Last-Modified`` is
the time the generation was built. ``If-None-Match`` takes precedence over ``If-Modified-Since``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from flask import Response, current_app, request, send_file
from werkzeug.http import parse_date, parse_etags

from gcm_kg.generations import file_digest

from ..errors import EndpointError
from ..negotiation import Format
from ..state import snapshot

CACHE_CONTROL = "public, no-cache"
"""Caches may store every page, RDF document and dump, and revalidate it before each use."""


def entity_tag(*parts: str) -> str:
    """A strong entity tag (unquoted) for a representation described by ``parts``."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()[:32]


def parse_created(created: str) -> datetime:
    """The manifest's ``created`` (ISO 8601, ``Z`` for UTC) as an aware datetime, to the second."""
    moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.replace(microsecond=0)


def not_modified(
    if_none_match: str | None,
    if_modified_since: str | None,
    etag: str,
    last_modified: datetime | None,
) -> bool:
    """Whether a GET or HEAD with these preconditions is answered with 304.

    ``If-None-Match`` (weak comparison, ``*`` matches anything) decides when present; otherwise
    ``If-Modified-Since`` when the representation has a modification time.
    """
    if if_none_match is not None:
        return parse_etags(if_none_match).contains_weak(etag)
    if if_modified_since is not None and last_modified is not None:
        since = parse_date(if_modified_since)
        return since is not None and last_modified <= since
    return False


def code_revision(roots: Iterable[Path], suffixes: frozenset[str]) -> str:
    """A digest of the files under ``roots`` with these suffixes (names and bytes): what renders
    the pages, so that new templates or queries change every entity tag."""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and path.suffix in suffixes:
                h.update(str(path.relative_to(root)).encode("utf-8"))
                h.update(file_digest(path))
    return h.hexdigest()[:16]


REVISION_KEY = "gcm_kg_pages_revision"


class ResourceNotFound(EndpointError):
    """The graph does not know the IRI, or the server has no such page or file."""

    status = 404


@dataclass(frozen=True)
class Link:
    """One element of a ``Link`` header (RFC 8288)."""

    url: str
    rel: str
    media_type: str | None = None

    def header(self) -> str:
        typed = f'; type="{self.media_type}"' if self.media_type else ""
        return f'<{self.url}>; rel="{self.rel}"{typed}'


@dataclass(frozen=True)
class Variant:
    """A representation: its format, language (pages only), what it varies on, its links."""

    fmt: Format | None
    lang: str | None = None
    vary: tuple[str, ...] = ()
    links: Sequence[Link] = field(default_factory=tuple)
    content_location: str | None = None


def last_modified() -> datetime:
    """When the served generation was built."""
    return parse_created(snapshot().manifest.created)


def revision() -> str:
    """The digest of the code that renders pages (templates, static files, page queries)."""
    value: str = current_app.extensions[REVISION_KEY]
    return value


def _headers(variant: Variant | None, etag: str, modified: datetime | None) -> Response:
    response = Response(status=200)
    variant = variant or Variant(None)
    response.set_etag(etag)
    if modified is not None:
        response.last_modified = modified
    response.headers["Cache-Control"] = CACHE_CONTROL
    for name in variant.vary:
        response.vary.add(name)
    if variant.links:
        response.headers["Link"] = ", ".join(link.header() for link in variant.links)
    if variant.content_location:
        response.headers["Content-Location"] = variant.content_location
    if variant.lang and variant.fmt is not None and variant.fmt.name == "html":
        response.headers["Content-Language"] = variant.lang
    return response


def _is_fresh(etag: str, modified: datetime | None) -> bool:
    return request.method in ("GET", "HEAD") and not_modified(
        request.headers.get("If-None-Match"),
        request.headers.get("If-Modified-Since"),
        etag,
        modified,
    )


def respond(variant: Variant, body: Callable[[], bytes | str]) -> Response:
    """The representation ``variant`` of the requested URL, or 304 when the client has it."""
    assert variant.fmt is not None
    etag = entity_tag(
        snapshot().etag,
        revision(),
        request.url_root,
        request.full_path,
        variant.fmt.name,
        variant.lang or "",
    )
    modified = last_modified()
    response = _headers(variant, etag, modified)
    if _is_fresh(etag, modified):
        response.status_code = 304
        return response
    response.set_data(body())
    response.content_type = variant.fmt.content_type
    return response


def respond_file(
    path: Path, digest: str, media_type: str, variant: Variant | None = None
) -> Response:
    """A file published with the generation; its entity tag is its own SHA-256."""
    modified = last_modified()
    response = _headers(variant, digest[:32], modified)
    if _is_fresh(digest[:32], modified):
        response.status_code = 304
        return response
    sent = send_file(
        path,
        mimetype=media_type,
        download_name=path.name,
        conditional=False,
        etag=False,
        last_modified=modified,
    )
    for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Link", "Content-Location"):
        if name in response.headers:
            sent.headers[name] = response.headers[name]
    return sent
