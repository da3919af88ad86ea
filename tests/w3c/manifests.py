"""The vendored W3C SPARQL tests (``rdf-tests/``, see SOURCE.md there) read from their manifests.

A file's IRI is where w3c/rdf-tests publishes it (:data:`PUBLISHED` + its path under
``rdf-tests/``): the base of the relative IRIs in the file, and the name of the named graph
that holds a data file in the test store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF

VENDORED = Path(__file__).resolve().parent / "rdf-tests"
PUBLISHED = "https://w3c.github.io/rdf-tests/"

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")

SPARQL10 = (
    "algebra ask basic bnode-coreference boolean-effective-value bound cast construct dataset "
    "distinct expr-builtin expr-equals expr-ops graph i18n open-world optional optional-filter "
    "reduced regex solution-seq sort triple-match type-promotion "
    "syntax-sparql1 syntax-sparql2 syntax-sparql3 syntax-sparql4 syntax-sparql5"
)
SPARQL11 = (
    "aggregates bind bindings cast construct exists functions grouping negation "
    "project-expression property-path subquery syntax-query syntax-fed csv-tsv-res json-res "
    "syntax-update-1 syntax-update-2 delete-insert"
)
FOLDERS = tuple(f"sparql/sparql10/{name}" for name in SPARQL10.split()) + tuple(
    f"sparql/sparql11/{name}" for name in SPARQL11.split()
)
"""The vendored folders, each with its ``manifest.ttl`` (``delete-insert`` only for its negative
syntax tests: its update evaluation tests are not vendored)."""

POSITIVE_SYNTAX = {MF.PositiveSyntaxTest, MF.PositiveSyntaxTest11, MF.PositiveUpdateSyntaxTest11}
NEGATIVE_SYNTAX = {MF.NegativeSyntaxTest, MF.NegativeSyntaxTest11, MF.NegativeUpdateSyntaxTest11}
EVALUATION = {MF.QueryEvaluationTest, MF.CSVResultFormatTest}


def iri_of(path: Path) -> str:
    return PUBLISHED + path.resolve().relative_to(VENDORED).as_posix()


def path_of(iri: str) -> Path:
    if not iri.startswith(PUBLISHED):
        raise ValueError(f"{iri} is not a file of the vendored tests")
    return VENDORED / iri.removeprefix(PUBLISHED)


@dataclass(frozen=True)
class Case:
    """What every W3C test has: its IRI, its name and its place (``sparql11/bind/bind01``)."""

    iri: str
    name: str
    folder: str

    @property
    def id(self) -> str:
        return f"{self.folder.removeprefix('sparql/')}/{self.iri.rsplit('#', 1)[-1]}"

    def __str__(self) -> str:
        return f"{self.iri} ({self.name})"


@dataclass(frozen=True)
class SyntaxCase(Case):
    path: Path
    positive: bool
    update: bool

    @property
    def text(self) -> str:
        return self.path.read_bytes().decode("utf-8")


@dataclass(frozen=True)
class EvaluationCase(Case):
    query: Path
    data: tuple[str, ...]
    """IRIs of the files whose merge is the default graph (``qt:data``)."""
    graph_data: tuple[str, ...]
    """IRIs of the files that are the named graphs (``qt:graphData``)."""
    result: Path
    csv: bool
    """A ``mf:CSVResultFormatTest``: the answer is compared in CSV."""

    @property
    def text(self) -> str:
        return self.query.read_bytes().decode("utf-8")


def _entries(graph: rdflib.Graph) -> Iterator[rdflib.term.Node]:
    for manifest in graph.subjects(RDF.type, MF.Manifest):
        for entries in graph.objects(manifest, MF.entries):
            yield from Collection(graph, entries)


def _name(graph: rdflib.Graph, test: rdflib.term.Node) -> str:
    return str(graph.value(test, MF.name) or test)


def _read(folder: str) -> Iterator[Case]:
    path = VENDORED / folder / "manifest.ttl"
    graph = rdflib.Graph().parse(path, format="turtle", publicID=iri_of(path))
    for test in _entries(graph):
        kind = graph.value(test, RDF.type)
        action = graph.value(test, MF.action)
        common = {"iri": str(test), "name": _name(graph, test), "folder": folder}
        if kind in POSITIVE_SYNTAX or kind in NEGATIVE_SYNTAX:
            query = path_of(str(action))
            yield SyntaxCase(
                **common,
                path=query,
                positive=kind in POSITIVE_SYNTAX,
                update="Update" in str(kind) or query.suffix == ".ru",
            )
        elif kind in EVALUATION:
            yield EvaluationCase(
                **common,
                query=path_of(str(graph.value(action, QT.query))),
                data=tuple(sorted(str(d) for d in graph.objects(action, QT.data))),
                graph_data=tuple(sorted(str(d) for d in graph.objects(action, QT.graphData))),
                result=path_of(str(graph.value(test, MF.result))),
                csv=kind == MF.CSVResultFormatTest,
            )


@cache
def cases() -> tuple[Case, ...]:
    """Every test of the vendored manifests' ``mf:entries`` this suite runs."""
    return tuple(case for folder in FOLDERS for case in _read(folder))


def syntax_cases(*, update: bool) -> list[SyntaxCase]:
    return [c for c in cases() if isinstance(c, SyntaxCase) and c.update == update]


def evaluation_cases() -> list[EvaluationCase]:
    return [c for c in cases() if isinstance(c, EvaluationCase)]
