"""Answer one query: check, negotiate, evaluate, serialise.

:func:`prepare` runs in the web process: it refuses what the endpoint does not run (SERVICE,
remote graphs, updates; see :mod:`server.analysis`) and chooses the format of each kind of answer
the query may give. The store's part (evaluate and write, :func:`gcm_kg.answers.answer`) runs in a
query worker process under the time limit (:mod:`server.workers`) or in this process
(:func:`execute`); :func:`finish` turns its outcome into an :class:`Answer` or a refusal.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from gcm_kg.answers import Written
from gcm_kg.worker import handle

from .errors import EndpointError, NotAcceptable, QueryFailed, QuerySyntaxError
from .negotiation import BY_NAME, Kind, acceptable, choose
from .screen import check_graphs, needs_analysis

FORM_NAMES = {Kind.SOLUTIONS: "SELECT", Kind.BOOLEAN: "ASK", Kind.GRAPH: "CONSTRUCT or DESCRIBE"}
ANSWER_KINDS = (Kind.SOLUTIONS, Kind.BOOLEAN, Kind.GRAPH)


@dataclass(frozen=True)
class EvalSettings:
    """The settings of evaluation."""

    prefixes: Mapping[str, str]
    base_iri: str | None
    max_rows: int
    service_allowlist: tuple[str, ...] = ()

    def for_worker(self) -> dict[str, Any]:
        """What a query worker needs, as plain data."""
        return {
            "prefixes": dict(self.prefixes),
            "base_iri": self.base_iri,
            "max_rows": self.max_rows,
        }


@dataclass(frozen=True)
class Job:
    """A query request, after the protocol layer has read it.

    ``default_graphs``/``named_graphs`` are the protocol's ``default-graph-uri`` and
    ``named-graph-uri``; when either is given they define the dataset (and override FROM).
    """

    query: str
    accept: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def has_dataset(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


@dataclass(frozen=True)
class Answer:
    kind: str
    content_type: str
    body: bytes
    truncated: bool = False


@dataclass(frozen=True)
class Plan:
    """What :func:`prepare` found: whether the query names its dataset (``FROM``), and the
    format to write each kind of answer in (``None``: the client accepts none)."""

    has_dataset: bool
    formats: dict[str, str | None] = field(default_factory=dict)


@lru_cache(maxsize=256)
def formats_for(accept: str | None) -> tuple[tuple[str, str | None], ...]:
    """The negotiated format of each kind of answer for an ``Accept`` header."""
    out = []
    for kind in ANSWER_KINDS:
        fmt = choose(accept, kind)
        out.append((kind.value, fmt.name if fmt else None))
    return tuple(out)


def not_acceptable(kind: Kind) -> NotAcceptable:
    return NotAcceptable(
        f"no acceptable format for a {FORM_NAMES[kind]} answer; this endpoint writes "
        + ", ".join(acceptable(kind))
    )


def prepare(
    job: Job, graphs: Collection[str], settings: EvalSettings, *, analyse_always: bool = False
) -> Plan:
    """Refuse what the endpoint does not run; the formats to answer in.

    With ``analyse_always`` the query is analysed even when its text shows there is nothing to
    refuse, so that the plan has its one kind of answer (a remote store is asked for it)."""
    check_graphs(job.default_graphs, graphs, "default-graph-uri")
    check_graphs(job.named_graphs, graphs, "named-graph-uri")
    if not analyse_always and not needs_analysis(job.query):
        return Plan(False, dict(formats_for(job.accept)))
    from .analysis import analyse_cached, check  # rdflib's parser: loaded when first needed

    info = analyse_cached(job.query, settings.prefixes, settings.base_iri)
    check(info, graphs, settings.service_allowlist)
    fmt = choose(job.accept, info.kind)
    if fmt is None:
        raise not_acceptable(info.kind)
    return Plan(info.has_dataset, {info.kind.value: fmt.name})


def syntax_error(job: Job, settings: EvalSettings, message: str) -> EndpointError:
    """The refusal of a query the store could not parse: rdflib's analysis says whether it is an
    update (403) and where the syntax error is; if rdflib parses it, the store's message."""
    from .analysis import analyse

    try:
        analyse(job.query, settings.prefixes, settings.base_iri)
    except EndpointError as exc:
        return exc
    return QuerySyntaxError(f"SPARQL syntax error: {message}")


def finish(job: Job, settings: EvalSettings, outcome: tuple[Any, ...]) -> Answer:
    """The :class:`Answer` for the outcome of evaluation (as :mod:`gcm_kg.worker` reports it)."""
    status, payload = outcome
    if status == "ok":
        assert isinstance(payload, Written)
        fmt = BY_NAME[payload.fmt]
        return Answer(payload.kind, fmt.content_type, payload.body, payload.truncated)
    if status == "syntax":
        raise syntax_error(job, settings, str(payload))
    if status == "format":
        raise not_acceptable(Kind(payload))
    raise QueryFailed(f"the query could not be evaluated: {payload}")


def request_for(job: Job, plan: Plan) -> tuple[Any, ...]:
    """The request a query worker evaluates (see :mod:`gcm_kg.worker`)."""
    return (job.query, job.default_graphs, job.named_graphs, plan.has_dataset, plan.formats)


def evaluate(store: ox.Store, settings: EvalSettings, job: Job, plan: Plan) -> tuple[Any, ...]:
    """Evaluate in this process; the outcome as a query process would report it."""
    return handle(store, settings.for_worker(), request_for(job, plan))
