"""Validators and conditional requests (RFC 9110, 8.8 and 13).

An entity tag is strong: a digest of the data served (the snapshot's ``etag``, which changes when
and only when the data changes), of the code that renders it (templates, static files, page
queries) and of the representation (path, format, language, query string). ``Last-Modified`` is
the time the generation was built. ``If-None-Match`` takes precedence over ``If-Modified-Since``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from werkzeug.http import parse_date, parse_etags

from gcm_kg.generations import file_digest

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
