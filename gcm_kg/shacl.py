"""SHACL validation: the shapes of ``shapes/`` run by pySHACL over the data and the ontology.

The data graph given to pySHACL holds the ontology too, so that ``sh:targetClass`` and
``sh:class`` see its class hierarchy (a ``gcm:UNEntity`` is a ``foaf:Agent``); no other
inference is made. pySHACL's results graph is kept as it is (it is the standard SHACL
validation report) and read into :class:`ShaclResult` records.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from pyshacl.errors import ReportableRuntimeError
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import Result
from rdflib.term import Node

from .errors import GcmKgError
from .namespaces import BASE, SH
from .sources import TurtleFile, merge, read_folder

GCMSH = Namespace(BASE + "shapes#")
"""The namespace of our shapes (``gcmsh:``); each shape's IRI names the rule it checks."""


SEVERITIES = (SH.Violation, SH.Warning, SH.Info)


class ShapesError(GcmKgError):
    """The shapes themselves cannot be used (a malformed shape or SPARQL constraint)."""

    exit_code = 2


@dataclass(frozen=True)
class ShaclResult:
    """One ``sh:ValidationResult`` of the report graph."""

    node: Node = field(repr=False)
    """The result's own node in the report graph."""
    focus: Node
    path: Node | None
    value: Node | None
    severity: URIRef
    messages: Mapping[str, str]
    """``sh:resultMessage`` by language tag ("en", "es")."""
    shape: Node | None
    constraint: Node | None
    """The SPARQL constraint (``sh:sourceConstraint``) for SHACL-SPARQL results."""
    component: URIRef | None


def read_shapes(shapes_dir: Path) -> tuple[list[TurtleFile], Graph]:
    """Every file of ``shapes_dir`` and the shapes graph they make together."""
    files = read_folder(shapes_dir)
    return files, merge(files)


class _PreparedQueryGraph(Graph):
    """An rdflib graph that parses each SPARQL query text once.

    pySHACL runs a SPARQL-based constraint once per focus node, passing the query as text, and
    rdflib parses the text again each time (about 50 ms: half a minute over the shipped data).
    The parsed query is cached by its text and prefixes (:func:`_prepared`); evaluation is
    unchanged, and so are the prefixes a query may use: those given, or else the graph's own, as
    rdflib's :meth:`~rdflib.Graph.query` does (the W3C SHACL suite's ``prefixes-001`` checks it).
    """

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Mapping[str, Any] | None = None,  # rdflib's parameter names
        initBindings: Mapping[str, Any] | None = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Result:
        if isinstance(query_object, str):
            namespaces = initNs or dict(self.namespaces())
            query_object = _prepared(query_object, tuple(sorted(namespaces.items())))
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@lru_cache(maxsize=256)
def _prepared(query: str, namespaces: tuple[tuple[str, Any], ...]) -> Any:
    return prepareQuery(query, initNs=dict(namespaces))


def data_graph() -> Graph:
    """An empty graph to gather data into for :func:`run` (which then uses it without a copy)."""
    return _PreparedQueryGraph()


def run(data: Graph, shapes: Graph) -> Graph:
    """Validate ``data`` (the ontology merged in) against ``shapes``: pySHACL's report graph.

    ``data`` is not changed; it is copied unless it comes from :func:`data_graph`.
    """
    if isinstance(data, _PreparedQueryGraph):
        graph = data
    else:
        graph = _PreparedQueryGraph()
        graph += data
        for prefix, namespace in data.namespaces():
            graph.bind(prefix, namespace, override=True, replace=True)
    try:
        _, report, text = pyshacl.validate(graph, shacl_graph=shapes, inplace=True)
    except (ReportableRuntimeError, NotImplementedError) as exc:
        raise ShapesError(f"the shapes cannot be used: {exc}") from exc
    if not isinstance(report, Graph):
        raise ShapesError(f"the shapes cannot be used: {text}")
    return report


def results(report: Graph, shapes: Graph) -> list[ShaclResult]:
    """The results of a report graph, violations first, then by shape and focus node."""
    found: list[ShaclResult] = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        if focus is None:
            continue
        severity = report.value(node, SH.resultSeverity)
        component = report.value(node, SH.sourceConstraintComponent)
        constraint = report.value(node, SH.sourceConstraint)
        found.append(
            ShaclResult(
                node=node,
                focus=focus,
                path=report.value(node, SH.resultPath),
                value=report.value(node, SH.value),
                severity=severity if isinstance(severity, URIRef) else SH.Violation,
                messages=_messages(report, node, shapes, constraint),
                shape=report.value(node, SH.sourceShape),
                constraint=constraint,
                component=component if isinstance(component, URIRef) else None,
            )
        )
    found.sort(key=lambda r: (_rank(r.severity), str(r.shape), str(r.focus), str(r.value)))
    return found


def _messages(
    report: Graph, result: Node, shapes: Graph, constraint: Node | None
) -> dict[str, str]:
    """The result's messages by language.

    pySHACL 0.40 fills in the ``{?var}`` of a SPARQL constraint's messages but drops their
    language tags, and adds the node shape's own messages: for such a result, each message is
    matched back to the constraint's templates to recover its language, and others are left out.
    """
    texts = [m for m in report.objects(result, SH.resultMessage) if isinstance(m, Literal)]
    if constraint is None:
        return {m.language or "": str(m) for m in reversed(texts)}
    templates = [t for t in shapes.objects(constraint, SH.message) if isinstance(t, Literal)]
    messages: dict[str, str] = {}
    for text in texts:
        for template in templates:
            if template.language and _fills(str(template), str(text)):
                messages.setdefault(template.language, str(text))
    return messages


def _fills(template: str, text: str) -> bool:
    """Whether ``text`` is ``template`` with its ``{?var}`` and ``{$var}`` filled in."""
    parts = re.split(r"\{[?$][A-Za-z_][A-Za-z0-9_]*\}", template)
    return re.fullmatch(".*?".join(re.escape(p) for p in parts), text, re.DOTALL) is not None


def _rank(severity: URIRef) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)
