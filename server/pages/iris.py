"""Request paths ↔ IRIs: the server maps paths under its root to IRIs under the base IRI.

``/id/agent/iom`` is ``{base}id/agent/iom``; ``/ontology`` is ``{base}ontology`` and its terms
``{base}ontology#Term``. A key is lower-case ``[a-z0-9-]`` segments joined by ``/``, so a dot can
only start an extension (``/id/agent/iom.ttl``): extensions never collide with keys.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gcm_kg.terms import PREFIXES

KEY = re.compile(r"[a-z0-9-]+(?:/[a-z0-9-]+)*")
"""A resource key below ``id/``: lower-case ASCII letters, digits and hyphens, in segments."""

EXTENSIONS: dict[str, str] = {
    "html": "html",
    "ttl": "turtle",
    "jsonld": "jsonld",
    "rdf": "rdfxml",
    "nt": "ntriples",
}
"""File extension → name of a format of :data:`server.negotiation.FORMATS`."""

EXTENSION_OF = {name: ext for ext, name in EXTENSIONS.items()}

ONTOLOGY = "ontology"


@dataclass(frozen=True)
class Target:
    """What a request path names: a path relative to the base (``id/agent/iom``) and the
    extension it ended with, if any (``ttl``)."""

    path: str
    extension: str | None = None


def split_extension(path: str) -> Target | None:
    """``id/agent/iom.ttl`` → ``Target("id/agent/iom", "ttl")``; ``None`` when the last
    segment has a dot that is not one of :data:`EXTENSIONS`."""
    head, slash, last = path.rpartition("/")
    stem, dot, extension = last.partition(".")
    if not dot:
        return Target(path)
    if extension not in EXTENSIONS or not stem:
        return None
    return Target(f"{head}{slash}{stem}", extension)


def resource_target(key_with_extension: str) -> Target | None:
    """The target of ``/id/<key>``; ``None`` when the key is not a key of ours."""
    target = split_extension(key_with_extension)
    if target is None or not KEY.fullmatch(target.path):
        return None
    return Target(f"id/{target.path}", target.extension)


def iri_for(base: str, path: str) -> str:
    """The IRI a path relative to the server's root names."""
    return base + path


def local_path(iri: str, base: str) -> str | None:
    """The path (relative to the server's root, with its ``#fragment``) at which this server
    describes ``iri``; ``None`` for an IRI it does not serve (an external vocabulary)."""
    if not iri.startswith(base):
        return None
    rest = iri[len(base) :]
    document, hash_, fragment = rest.partition("#")
    if document == ONTOLOGY:
        return f"{ONTOLOGY}{hash_}{fragment}"
    if document.startswith("id/") and not hash_ and KEY.fullmatch(document[3:]):
        return document
    return None


def compact(iri: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``skos:prefLabel`` for ``http://www.w3.org/2004/02/skos/core#prefLabel``; the IRI itself
    when no prefix fits (the longest namespace wins; the local part must be a plain name)."""
    best = ""
    chosen = ""
    for prefix, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(best):
            local = iri[len(namespace) :]
            if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", local) and not local.endswith("."):
                best, chosen = namespace, f"{prefix}:{local}"
    return chosen or iri


LINK_SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes an IRI from the data may have to become a link on a page; any other
(``javascript:``, ``data:``, ``file:`` …) is shown as text."""


def linkable(iri: str) -> bool:
    """Whether ``iri`` may be the target of a link: its scheme is one of :data:`LINK_SCHEMES`."""
    scheme, colon, _ = iri.partition(":")
    return bool(colon) and scheme.strip().lower() in LINK_SCHEMES and scheme == scheme.strip()
