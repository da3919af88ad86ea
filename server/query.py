"""A query as the endpoint and the pages hand it to the served data, and the answer they get.

A :class:`Job` carries the query, the format to write each kind of answer in (negotiated from
``Accept`` by :func:`formats_for`) and the dataset. An :class:`Evaluator` answers it before a
deadline: the query process of the served generation (:mod:`server.engine.client`) or a remote
store (:mod:`server.remote`). :func:`finish` turns what the evaluator reports into an
:class:`Answer` or a refusal.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from gcm_kg.answers import Written

from .errors import NotAcceptable, QueryFailed
from .guard import syntax_error
from .negotiation import (
    FORMATS,
    Kind,
    acceptable,
    choose,
    default_format,
    parse_accept,
    quality,
)

FORM_NAMES = {Kind.SOLUTIONS: "SELECT", Kind.BOOLEAN: "ASK", Kind.GRAPH: "CONSTRUCT or DESCRIBE"}
ANSWER_KINDS = (Kind.SOLUTIONS, Kind.BOOLEAN, Kind.GRAPH)
Formats = tuple[tuple[str, str | None], ...]


@lru_cache(maxsize=512)
def formats_for(accept: str | None) -> Formats:
    """The format of each kind of answer for an ``Accept`` header.

    A kind the header names no format of is answered in its default format when the header names
    a format of another kind (``application/sparql-results+json`` for a CONSTRUCT gets Turtle, as
    RFC 9110 12.5.1 allows): clients send one header for every query. A header that names no
    format this endpoint writes gets ``None`` (406)."""
    ranges = parse_accept(accept)
    names_one = any(quality(ranges, f) > 0 for f in FORMATS if f.kinds & set(ANSWER_KINDS))
    out = []
    for kind in ANSWER_KINDS:
        fmt = choose(accept, kind) or (default_format(kind) if names_one else None)
        out.append((kind.value, fmt.name if fmt else None))
    return tuple(out)


def query_hash(query: str) -> str:
    """What identifies a query in the logs (the text itself is never logged)."""
    return hashlib.sha256(query.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Job:
    """A query to answer: its text, formats, and the protocol's dataset parameters
    (``default-graph-uri``/``named-graph-uri``, which override FROM) or its own FROM."""

    query: str
    formats: Formats
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    has_dataset: bool = False

    @classmethod
    def of(cls, query: str, accept: str | None, **dataset: Any) -> Job:
        return cls(query, formats_for(accept), **dataset)

    def request(self) -> tuple[Any, ...]:
        """The request as the query process reads it (:mod:`server.engine.process`)."""
        return (
            self.query,
            self.default_graphs,
            self.named_graphs,
            self.has_dataset,
            dict(self.formats),
        )


Answer = Written
"""An answer: its kind, the name of its format (:data:`~server.negotiation.BY_NAME`), its bytes,
and whether the row cap cut it; what the query process writes, as it writes it."""


class Evaluator(Protocol):
    """Answers jobs before a deadline (``time.monotonic()``); ``public`` jobs (the endpoint's)
    leave a share of the evaluator to the others (pages, ``/health``)."""

    def run(self, job: Job, deadline: float, *, public: bool = False) -> Answer: ...

    def status(self) -> dict[str, Any]: ...

    def close(self) -> None: ...


def not_acceptable(kind: Kind) -> NotAcceptable:
    return NotAcceptable(
        f"no acceptable format for a {FORM_NAMES[kind]} answer; this endpoint writes "
        + ", ".join(acceptable(kind))
    )


def finish(job: Job, outcome: tuple[Any, ...]) -> Answer:
    """The :class:`Answer` for what evaluation reported (:mod:`server.engine.process`)."""
    status, payload = outcome
    if status == "ok":
        assert isinstance(payload, Written)
        return payload
    if status == "syntax":
        raise syntax_error(job.query, str(payload))
    if status == "format":
        raise not_acceptable(Kind(payload))
    raise QueryFailed(f"the query could not be evaluated: {payload}")
