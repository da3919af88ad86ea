"""Write a :class:`~gcm_kg.validate.ValidationReport` as text, JSON or a SHACL report in Turtle.

* text: one block per violation, then the warnings, then a summary line. Each block starts
  ``file:line: severity: focus`` (the form editors and CI logs link to) and gives the path, the
  value, the message in English and Spanish, and the rule. Warnings are one line saying how
  many of each rule there are, or, with ``warnings=True`` (``gcm-kg validate --warnings``), a
  block each.
* json: ``{"conforms", "violations", "warnings", "owl", "seconds"}``, each problem with its
  focus, path, value, messages, rule, file and line.
* turtle: pySHACL's ``sh:ValidationReport``, with ``gcmsh:sourceFile`` and ``gcmsh:sourceLine``
  on each result, and an OWL inconsistency as one more ``sh:ValidationResult`` whose
  ``sh:sourceConstraintComponent`` is ``gcmsh:OwlConsistencyConstraintComponent``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from .display import term
from .namespaces import RDF, SH, bind_prefixes
from .shacl import GCMSH
from .validate import Finding, ValidationReport, display_file

FORMATS = ("text", "json", "turtle")


WARNINGS_OPTION = "--warnings"
"""The option of ``gcm-kg validate`` that lists every warning in full."""


def render(report: ValidationReport, fmt: str, *, warnings: bool = False) -> str:
    """``report`` in ``fmt``, one of :data:`FORMATS`; ``warnings``: list each warning in the
    text format (the other formats always hold them all)."""
    if fmt == "text":
        return text(report, warnings=warnings)
    return RENDERERS[fmt](report)


def text(report: ValidationReport, *, warnings: bool = False) -> str:
    blocks = [_block(f) for f in report.violations]
    if report.warnings and warnings:
        blocks.append(f"-- {len(report.warnings)} warning(s), which do not fail validation --\n")
        blocks += [_block(f) for f in report.warnings]
    elif report.warnings:
        blocks.append(_warnings_line(report.warnings))
    blocks.append(_summary(report))
    return "\n".join(blocks)


def _warnings_line(warnings: list[Finding]) -> str:
    """``52 warning(s), which do not fail validation: 51 gcmsh:AgentWikidata, 1 gcmsh:…``."""
    counts = Counter(term(f.rule) if f.rule is not None else f.check for f in warnings)
    kinds = ", ".join(f"{n} {rule}" for rule, n in sorted(counts.items(), key=lambda c: -c[1]))
    return (
        f"-- {len(warnings)} warning(s), which do not fail validation: {kinds} "
        f"(`gcm-kg validate {WARNINGS_OPTION}` lists them) --\n"
    )


def _block(finding: Finding) -> str:
    lines = [f"{finding.where()}: {finding.severity}: {term(finding.focus)}"]
    if finding.path:
        lines.append(f"    path:  {finding.path}")
    if finding.value is not None and (finding.path or finding.value != finding.focus):
        lines.append(f"    value: {term(finding.value)}")
    for lang in ("en", "es"):
        if lang in finding.message:
            lines.append(f"    {lang}:    {finding.message[lang]}")
    if finding.rule is not None:
        lines.append(f"    rule:  {term(finding.rule)}")
    return "\n".join(lines) + "\n"


def _summary(report: ValidationReport) -> str:
    checks = [f"SHACL {report.seconds.get('shacl', 0):.1f} s"]
    if report.owl is not None:
        checks.append(f"OWL {report.owl.seconds:.1f} s")
    else:
        checks.append("OWL not checked")
    verdict = "the data conforms" if report.conforms else "the data does not conform"
    return (
        f"{len(report.violations)} violation(s), {len(report.warnings)} warning(s): {verdict} "
        f"({', '.join(checks)}; {len(report.files)} files).\n"
    )


def as_json(report: ValidationReport) -> str:
    owl: dict[str, Any] = {"checked": report.owl is not None}
    if report.owl is not None:
        owl |= {
            "consistent": report.owl.consistent,
            "reasoner": report.owl.reasoner,
            "seconds": round(report.owl.seconds, 3),
        }
    document = {
        "conforms": report.conforms,
        "violations": [_finding(f) for f in report.violations],
        "warnings": [_finding(f) for f in report.warnings],
        "owl": owl,
        "files": [display_file(p) for p in report.files],
        "seconds": {k: round(v, 3) for k, v in report.seconds.items()},
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "check": finding.check,
        "focus": _n3(finding.focus),
        "path": finding.path or None,
        "value": _n3(finding.value) if finding.value is not None else None,
        "message": {
            lang: finding.message[lang] for lang in ("en", "es") if lang in finding.message
        },
        "rule": _n3(finding.rule) if finding.rule is not None else None,
        "component": _n3(finding.component) if finding.component is not None else None,
        "file": display_file(finding.file) if finding.file else None,
        "line": finding.line,
        "individuals": [_n3(n) for n in finding.individuals],
    }


def _n3(node: Any) -> str:
    """An IRI as its text; a literal or blank node in N-Triples form."""
    return str(node) if not isinstance(node, (Literal, BNode)) else str(node.n3())


def turtle(report: ValidationReport) -> str:
    graph = Graph()
    graph += report.shacl_report
    bind_prefixes(graph)
    graph.bind("gcmsh", GCMSH)
    validation = next(graph.subjects(RDF.type, SH.ValidationReport), None)
    if validation is None:
        validation = BNode()
        graph.add((validation, RDF.type, SH.ValidationReport))
    for finding in report.findings:
        result = finding.result
        if result is None:
            result = BNode()
            graph.add((validation, SH.result, result))
            graph.add((result, RDF.type, SH.ValidationResult))
            graph.add((result, SH.focusNode, finding.focus))
            graph.add((result, SH.resultSeverity, SH.Violation))
            if finding.rule is not None:
                graph.add((result, SH.sourceShape, finding.rule))
            if finding.component is not None:
                graph.add((result, SH.sourceConstraintComponent, finding.component))
            if finding.value is not None:
                graph.add((result, SH.value, finding.value))
            if isinstance(finding.path_node, URIRef):
                graph.add((result, SH.resultPath, finding.path_node))
        # the messages as read back: pySHACL drops the language of filled-in SPARQL messages
        graph.remove((result, SH.resultMessage, None))
        for lang, message in finding.message.items():
            graph.add((result, SH.resultMessage, Literal(message, lang=lang)))
        if finding.file is not None:
            graph.add((result, GCMSH.sourceFile, Literal(display_file(finding.file))))
        if finding.line is not None:
            graph.add((result, GCMSH.sourceLine, Literal(finding.line, datatype=XSD.integer)))
    # SHACL's sh:conforms: no result at all, warnings included (the exit code fails on
    # violations only)
    graph.set((validation, SH.conforms, Literal(not report.findings)))
    return graph.serialize(format="turtle")


RENDERERS: dict[str, Callable[[ValidationReport], str]] = {
    "text": text,
    "json": as_json,
    "turtle": turtle,
}
