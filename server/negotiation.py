"""Content negotiation: pure functions over a table of formats.

A format has a canonical media type, the other media types clients use for it, and the kinds of
answer it can carry. The answers for a given ``Accept`` header are memoised: clients send the same
few headers over and over. :func:`choose` picks, for an ``Accept`` header and a kind of answer, the
format with the highest quality, where the quality of a format is that of the *most specific*
media range matching it (RFC 9110, 12.5.1); ties go to the server's order in :data:`FORMATS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache


class Kind(Enum):
    """The kinds of answer the endpoint gives."""

    SOLUTIONS = "select"
    BOOLEAN = "ask"
    GRAPH = "construct"
    PAGE = "page"


RESULTS = frozenset({Kind.SOLUTIONS, Kind.BOOLEAN})
GRAPHS = frozenset({Kind.GRAPH})


@dataclass(frozen=True)
class Format:
    """A serialisation the endpoint can write."""

    name: str
    media_type: str
    aliases: tuple[str, ...]
    kinds: frozenset[Kind]

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def content_type(self) -> str:
        """The ``Content-Type`` of an answer in this format (always UTF-8)."""
        if self.media_type.startswith("text/") or self.media_type.endswith("json"):
            return f"{self.media_type}; charset=utf-8"
        return self.media_type


FORMATS: tuple[Format, ...] = (
    Format("json", "application/sparql-results+json", ("application/json",), RESULTS),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml"), RESULTS),
    Format("csv", "text/csv", (), RESULTS),
    Format("tsv", "text/tab-separated-values", (), RESULTS),
    Format("turtle", "text/turtle", ("application/turtle", "application/x-turtle"), GRAPHS),
    Format("ntriples", "application/n-triples", ("text/plain",), GRAPHS),
    Format("jsonld", "application/ld+json", ("application/json", "application/x-json+ld"), GRAPHS),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml"), GRAPHS),
    Format("trig", "application/trig", ("application/x-trig",), GRAPHS),
    Format("nquads", "application/n-quads", ("text/x-nquads",), GRAPHS),
    Format("n3", "text/n3", ("text/rdf+n3",), GRAPHS),
    Format("html", "text/html", ("application/xhtml+xml",), frozenset({Kind.PAGE})),
)
"""Every format, in the server's order of preference (the first of a kind is its default)."""

BY_NAME = {f.name: f for f in FORMATS}


@dataclass(frozen=True)
class MediaRange:
    """One element of an ``Accept`` header."""

    type: str
    subtype: str
    params: tuple[tuple[str, str], ...] = ()
    q: float = 1.0

    @property
    def specificity(self) -> int:
        """0 for ``*/*``, 1 for ``type/*``, 2 for ``type/subtype``, 3 with parameters."""
        if self.type == "*":
            return 0
        if self.subtype == "*":
            return 1
        return 3 if self.params else 2

    def matches(self, media_type: str) -> bool:
        main, _, sub = media_type.partition("/")
        return self.type in ("*", main) and self.subtype in ("*", sub)


ANY = (MediaRange("*", "*"),)


def parse_accept(header: str | None) -> tuple[MediaRange, ...]:
    """The media ranges of an ``Accept`` header; an absent or empty header accepts anything.

    Malformed elements are skipped, as are quality values that are not numbers in [0, 1].
    """
    if header is None or not header.strip():
        return ANY
    ranges = []
    for element in header.split(","):
        media, *raw_params = (part.strip() for part in element.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub or (main == "*" and sub != "*"):
            continue
        q = 1.0
        params = []
        for raw in raw_params:
            key, _, value = raw.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = -1.0
            elif key:
                params.append((key, value))
        if 0.0 <= q <= 1.0:
            ranges.append(MediaRange(main, sub, tuple(params), q))
    return tuple(ranges)


def quality(ranges: Sequence[MediaRange], fmt: Format) -> float:
    """How much the client wants ``fmt``: the q of the most specific range matching it."""
    best: tuple[int, float] | None = None
    for media_type in fmt.media_types:
        for r in ranges:
            if r.matches(media_type):
                candidate = (r.specificity, r.q)
                if best is None or candidate > best:
                    best = candidate
    return 0.0 if best is None else best[1]


@lru_cache(maxsize=512)
def choose(accept: str | None, kind: Kind, formats: Sequence[Format] = FORMATS) -> Format | None:
    """The format to answer ``kind`` in, or ``None`` when the client accepts none (406)."""
    ranges = parse_accept(accept)
    best: Format | None = None
    best_q = 0.0
    for fmt in formats:
        if kind not in fmt.kinds:
            continue
        q = quality(ranges, fmt)
        if q > best_q:
            best, best_q = fmt, q
    return best


def default_format(kind: Kind, formats: Sequence[Format] = FORMATS) -> Format:
    """The format of ``kind`` a client gets when it names none of that kind."""
    return next(f for f in formats if kind in f.kinds)


def acceptable(kind: Kind, formats: Sequence[Format] = FORMATS) -> list[str]:
    """The media types offered for ``kind``, for a 406 message."""
    return [f.media_type for f in formats if kind in f.kinds]


@lru_cache(maxsize=512)
def prefers_page(accept: str | None) -> bool:
    """Whether a browser asks: ``text/html`` is wanted strictly more than any data format."""
    ranges = parse_accept(accept)
    page = quality(ranges, BY_NAME["html"])
    data = max(quality(ranges, f) for f in FORMATS if Kind.PAGE not in f.kinds)
    return page > data
