"""Validate the data: the SHACL shapes and OWL consistency, every problem traced to a file and line.

:func:`validate` reads ``ontology/gcm.ttl``, the data (``data/*.ttl`` or another folder) and
``shapes/*.ttl``, runs pySHACL (:mod:`gcm_kg.shacl`) and, unless told not to, HermiT
(:mod:`gcm_kg.owl`), and returns a :class:`ValidationReport`: the data conforms when there is no
violation; warnings are reported and do not fail. :func:`check` is the quick form for
``gcm-kg build``: SHACL only (no Java), raising :class:`DataInvalid` on any violation.

A Turtle file that cannot be read or parsed raises :class:`~gcm_kg.errors.FileProblem` (with
its line and column) before anything is validated.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from . import owl as owl_check
from . import shacl
from .display import path as display_path
from .display import term
from .errors import GcmKgError
from .namespaces import ONTOLOGY_IRI, SH
from .paths import Layout, default_layout
from .sources import Location, Locator, TurtleFile, merge, read_folder, read_turtle

OWL_RULE = shacl.GCMSH.OwlConsistency
"""The rule an OWL inconsistency breaks, as it appears in reports (not a SHACL shape)."""
OWL_COMPONENT = shacl.GCMSH.OwlConsistencyConstraintComponent

SEVERITY_NAMES: Mapping[URIRef, str] = {
    SH.Violation: "violation",
    SH.Warning: "warning",
    SH.Info: "info",
}


class DataInvalid(GcmKgError):
    """The data breaks at least one rule of the shapes or of the ontology."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        shown = report.violations[:10]
        lines = [f"{f.where()}: {f.statement()}: {f.message.get('en', '')}" for f in shown]
        more = len(report.violations) - len(shown)
        if more:
            lines.append(f"… and {more} more (run `gcm-kg validate`)")
        super().__init__(
            f"the data does not validate: {len(report.violations)} violation(s)\n"
            + "\n".join(lines)
        )


@dataclass(frozen=True)
class Finding:
    """One problem: what is wrong, where, and which rule says so."""

    severity: str
    """"violation", "warning" or "info"."""
    check: str
    """"shacl" or "owl"."""
    focus: Node
    path: str
    """The property path in SPARQL syntax (``gcm:leadEntity``, ``^gcm:hasActivity``), or ""."""
    value: Node | None
    message: Mapping[str, str]
    """The message by language: "en" and "es"."""
    rule: Node | None
    """The shape (or SPARQL constraint) broken, or :data:`OWL_RULE`."""
    component: URIRef | None
    location: Location = field(default_factory=Location)
    result: Node | None = field(default=None, repr=False)
    """The result's node in the SHACL report graph."""
    individuals: tuple[Node, ...] = ()
    """For an OWL inconsistency: the individuals it involves, the inconsistent one first."""
    path_node: Node | None = None
    """The path as RDF: a property IRI, or a SHACL path node of the report graph."""

    @property
    def file(self) -> Path | None:
        return self.location.path

    @property
    def line(self) -> int | None:
        return self.location.line

    def where(self) -> str:
        """``data/agents.ttl:21``, relative to the working folder when it is under it."""
        if self.location.path is None:
            return "(no file)"
        text = display_file(self.location.path)
        return f"{text}:{self.location.line}" if self.location.line else text

    def statement(self) -> str:
        """Focus, path and value as one line: ``priority:thematic-1 gcm:addressesObjective …``."""
        parts = [term(self.focus), self.path]
        if self.value is not None and (self.path or self.value != self.focus):
            parts.append(term(self.value))
        return " ".join(p for p in parts if p)


def display_file(path: Path) -> str:
    """``path`` relative to the working folder if it is under it, else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class ValidationReport:
    """The findings of a validation, the SHACL report graph, and what was checked."""

    findings: list[Finding]
    shacl_report: Graph
    owl: owl_check.OwlReport | None
    files: list[Path]
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class _Inputs:
    ontology: TurtleFile
    data: list[TurtleFile]
    shapes: Graph

    @property
    def files(self) -> list[TurtleFile]:
        return [*self.data, self.ontology]


def _read(layout: Layout, data_dir: Path | None) -> _Inputs:
    ontology = read_turtle(layout.ontology_file, blank_prefix="ontology-")
    data = read_folder(data_dir or layout.data_dir)
    _, shapes = shacl.read_shapes(layout.shapes_dir)
    return _Inputs(ontology, data, shapes)


def validate(
    layout: Layout | None = None, data_dir: Path | None = None, *, owl: bool = True
) -> ValidationReport:
    """Validate the data of ``data_dir`` (the layout's ``data/`` by default) with the shapes
    and the ontology of ``layout``; with ``owl``, also check OWL consistency with HermiT."""
    layout = layout or default_layout()
    started = time.perf_counter()
    inputs = _read(layout, data_dir)
    seconds = {"read": time.perf_counter() - started}
    locator = Locator(inputs.files)

    started = time.perf_counter()
    report_graph = shacl.run(
        merge([inputs.ontology, *inputs.data], shacl.data_graph()), inputs.shapes
    )
    findings = [
        _shacl_finding(r, report_graph, locator) for r in shacl.results(report_graph, inputs.shapes)
    ]
    seconds["shacl"] = time.perf_counter() - started

    owl_report = None
    if owl:
        owl_report = owl_check.check(inputs.ontology.graph, merge(inputs.data))
        seconds["owl"] = owl_report.seconds
        findings = _owl_findings(owl_report, locator) + findings
    findings.sort(key=lambda f: f.severity != "violation")
    return ValidationReport(
        findings, report_graph, owl_report, [f.path for f in inputs.files], seconds
    )


def check(layout: Layout) -> None:
    """Refuse data that breaks a shape: SHACL only, no Java (for ``gcm-kg build``).

    About two seconds on the shipped data. Raises :class:`DataInvalid`, or
    :class:`~gcm_kg.errors.FileProblem` for a file that cannot be parsed.
    """
    report = validate(layout, owl=False)
    if not report.conforms:
        raise DataInvalid(report)


def _shacl_finding(result: shacl.ShaclResult, report: Graph, locator: Locator) -> Finding:
    path_node = result.path
    inverse = isinstance(path_node, BNode) and (path_node, SH.inversePath, None) in report
    if inverse and result.value is not None:
        location = locator.locate(result.value, result.focus)
    else:
        location = locator.locate(result.focus, result.value)
    rule = result.constraint if isinstance(result.constraint, URIRef) else result.shape
    return Finding(
        severity=SEVERITY_NAMES.get(result.severity, "violation"),
        check="shacl",
        focus=result.focus,
        path=display_path(report, path_node),
        value=result.value,
        message=_messages(result),
        rule=rule,
        component=result.component,
        location=location,
        result=result.node,
        path_node=path_node,
    )


def _messages(result: shacl.ShaclResult) -> dict[str, str]:
    messages = {lang: text for lang, text in result.messages.items() if lang in ("en", "es")}
    if not messages:
        fallback = result.messages.get("", f"breaks {term(result.component)}")
        messages = {"en": fallback, "es": fallback}
    return messages


def _owl_findings(report: owl_check.OwlReport, locator: Locator) -> list[Finding]:
    if report.consistent:
        return []
    findings = []
    for clash in report.clashes:
        message = {lang: clash.message(lang) for lang in ("en", "es")}
        if not report.confirmed:
            message["en"] += " (HermiT did not confirm this explanation on its own.)"
            message["es"] += " (HermiT no confirmó esta explicación por sí sola.)"
        link = clash.link
        focus, predicate, value = (clash.individual, None, None) if link is None else link
        findings.append(
            _owl_finding(
                focus, message, locator.locate(focus, value), predicate, value, clash.individuals
            )
        )
    if not report.clashes:
        findings.append(_unexplained(report.suspects, locator))
    return findings


def _owl_finding(
    focus: Node,
    message: dict[str, str],
    location: Location,
    predicate: Node | None = None,
    value: Node | None = None,
    individuals: Sequence[Node] = (),
) -> Finding:
    return Finding(
        severity="violation",
        check="owl",
        focus=focus,
        path=term(predicate) if predicate is not None else "",
        path_node=predicate,
        value=value,
        message=message,
        rule=OWL_RULE,
        component=OWL_COMPONENT,
        location=location,
        individuals=tuple(individuals),
    )


def _unexplained(suspects: Sequence[Node], locator: Locator) -> Finding:
    if not suspects:
        message = {
            "en": "The ontology is inconsistent on its own, whatever the data.",
            "es": "La ontología es inconsistente por sí sola, sean cuales sean los datos.",
        }
        return _owl_finding(ONTOLOGY_IRI, message, locator.locate(ONTOLOGY_IRI))
    names = ", ".join(term(s) for s in suspects)
    message = {
        "en": f"The reasoner finds the statements about these resources inconsistent together: "
        f"{names}.",
        "es": f"El razonador encuentra inconsistentes en conjunto las afirmaciones sobre estos "
        f"recursos: {names}.",
    }
    return _owl_finding(suspects[0], message, locator.locate(suspects[0]), individuals=suspects)
