"""Answer one query against a store: analyse, check, negotiate, evaluate, serialise.

This runs inside a query worker process (see :mod:`server.workers`), so the time limit covers
every step; the job and the answer are plain data that cross the process boundary.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from .analysis import analyse, check, check_graphs
from .errors import NotAcceptable, QueryFailed, QuerySyntaxError
from .negotiation import acceptable, choose
from .results import serialize


@dataclass(frozen=True)
class EvalSettings:
    """The settings a worker needs."""

    prefixes: Mapping[str, str]
    base_iri: str | None
    max_rows: int
    service_allowlist: tuple[str, ...] = ()


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


def dataset_options(job: Job, query_has_dataset: bool) -> dict[str, Any]:
    """The ``Store.query`` options that give the query its dataset.

    Protocol parameters win over FROM; FROM is left to the store; otherwise the default graph is
    the union of every graph (DESIGN.md).
    """
    if job.has_dataset:
        return {
            "default_graph": [ox.NamedNode(g) for g in job.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs],
        }
    if query_has_dataset:
        return {}
    return {"use_default_graph_as_union": True}


def execute(store: ox.Store, graphs: Collection[str], settings: EvalSettings, job: Job) -> Answer:
    """The answer to ``job``, or an :class:`~server.errors.EndpointError` saying why not."""
    info = analyse(job.query, settings.prefixes, settings.base_iri)
    check(info, graphs, settings.service_allowlist)
    check_graphs(job.default_graphs, graphs, "default-graph-uri")
    check_graphs(job.named_graphs, graphs, "named-graph-uri")
    fmt = choose(job.accept, info.kind)
    if fmt is None:
        raise NotAcceptable(
            f"no acceptable format for a {info.form} answer; this endpoint writes "
            + ", ".join(acceptable(info.kind))
        )
    try:
        result = store.query(
            job.query,
            prefixes=dict(settings.prefixes),
            base_iri=settings.base_iri,
            **dataset_options(job, info.has_dataset),
        )
        body = serialize(result, fmt, settings.max_rows)
    except SyntaxError as exc:
        raise QuerySyntaxError(f"SPARQL syntax error: {exc.msg or exc}") from exc
    except (OSError, ValueError, TypeError) as exc:
        raise QueryFailed(f"the query could not be evaluated: {exc}") from exc
    return Answer(info.kind.value, fmt.content_type, body.data, body.truncated)
