"""OWL consistency of the ontology and the data, decided by the HermiT reasoner run by owlready2.

Why HermiT (measured with owlready2 0.51 and OpenJDK 17):

* owlready2 0.51 bundles HermiT and Pellet. Its Pellet loads RDF with Apache Jena classes
  compiled for a newer Java (class file version 69, Java 25) and fails on Java 17 with
  ``UnsupportedClassVersionError`` before reasoning; it cannot be used.
* HermiT accepts only the datatypes of the OWL 2 datatype map, and ``xsd:date`` is not one of
  them: it stops with ``UnsupportedDatatypeException`` unless run with
  ``--ignoreUnsupportedDatatypes`` (owlready2's ``ignore_unsupported_datatypes=True``), which
  leaves the assertions with dates out of reasoning. The ontology says nothing about dates, so
  nothing is lost: SHACL checks every date (``sh:datatype xsd:date``).
* Literals that are not valid for their datatype (``"0"^^xsd:positiveInteger``) would make
  HermiT stop with a parse error; they are left out of the reasoner's copy (SHACL reports them).

The graph goes to owlready2 as N-Triples in memory; owlready2 writes its own temporary file for
HermiT outside the repository. One consistency run over the shipped data takes about 1.5 s.

When HermiT finds the data inconsistent it does not say why, so :func:`explain` names the
offending individuals: it derives the classes of each individual from the statements that
entail them (asserted types, ``rdfs:domain`` and ``rdfs:range`` of a property, its
super-properties and inverses, ``owl:sameAs`` and functional properties) and reports the
individuals that fall into two disjoint classes, with the statements that put them there.
HermiT then checks those statements alone with the ontology, to confirm the explanation. An
inconsistency of another kind is narrowed down by bisection over the statements grouped by
subject (:func:`minimise`), with a bounded number of reasoner runs.
"""

from __future__ import annotations

import io
import shutil
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, TypeVar

import owlready2
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from .display import term
from .errors import GcmKgError
from .namespaces import BASE, OWL, RDF, RDFS

REASONER = "HermiT (bundled with owlready2 0.51), --ignoreUnsupportedDatatypes"
_CHECK_IRI = BASE + "consistency-check"
_INSTANCES = BASE + "id/"
_BISECTION_BUDGET = 48

T = TypeVar("T")
Triple = tuple[Node, Node, Node]


class ReasonerUnavailable(GcmKgError):
    """The OWL check cannot run here (no Java)."""

    exit_code = 2


class ReasonerFailed(GcmKgError):
    """The reasoner stopped with an error other than an inconsistency."""

    exit_code = 2


# ---------------------------------------------------------------------------
# Running HermiT
# ---------------------------------------------------------------------------


def reasoned_world(triples: Graph, *, property_values: bool = False) -> Any:
    """An owlready2 world holding ``triples`` after HermiT has classified it.

    With ``property_values`` HermiT also infers object property values (inverses,
    super-properties, property chains); that takes several seconds more on the shipped data.
    Raises :class:`owlready2.OwlReadyInconsistentOntologyError` if the triples are inconsistent.
    """
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerUnavailable(
            f"the OWL check needs Java ({owlready2.JAVA_EXE!r} is not on the PATH); "
            "install a Java runtime (17 or newer) or skip the check with --no-owl"
        )
    world = owlready2.World()
    ntriples = _reasoner_copy(triples).serialize(format="nt", encoding="utf-8")
    world.get_ontology(_CHECK_IRI).load(fileobj=io.BytesIO(ntriples), format="ntriples")
    try:
        owlready2.sync_reasoner_hermit(
            world,
            infer_property_values=property_values,
            debug=0,
            ignore_unsupported_datatypes=True,
        )
    except owlready2.OwlReadyJavaError as exc:
        lines = [line for line in str(exc).splitlines() if line.strip()]
        raise ReasonerFailed("the reasoner failed: " + " ".join(lines[:3])) from exc
    return world


def is_consistent(triples: Graph) -> bool:
    """Whether HermiT finds ``triples`` (ontology and data) consistent."""
    try:
        reasoned_world(triples)
    except owlready2.OwlReadyInconsistentOntologyError:
        return False
    return True


def _reasoner_copy(triples: Graph) -> Graph:
    """``triples`` without ill-typed literals, which HermiT cannot parse, and without
    ``owl:imports``, which owlready2 would fetch from the network: the check reasons over the
    files it is given, nothing else."""
    copy = Graph()
    for s, p, o in triples:
        if isinstance(o, Literal) and o.ill_typed:
            continue
        if p == OWL.imports:
            continue
        copy.add((s, p, o))
    return copy


# ---------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeSource:
    """Why an individual belongs to a class: the statement that entails it, and how."""

    statement: Triple
    node: Node
    """The individual the statement gives a class (its subject or its object)."""
    kind: str
    """"type" (asserted), "domain" or "range" (of ``via``)."""
    cls: URIRef
    via: Node | None = None

    def describe(self, lang: str) -> str:
        s, p, o = self.statement
        if self.kind == "type":
            cls = term(self.cls)
            return f"it is declared a {cls}" if lang == "en" else f"se declara {cls}"
        statement = f"{term(s)} {term(p)} {term(o)}"
        if lang == "en":
            return (
                f"{statement} makes it one "
                f"(the {self.kind} of {term(self.via)} is {term(self.cls)})"
            )
        kind = "el dominio" if self.kind == "domain" else "el rango"
        return f"{statement} lo implica ({kind} de {term(self.via)} es {term(self.cls)})"


@dataclass(frozen=True)
class Clash:
    """An individual entailed to be in two disjoint classes."""

    individual: Node
    classes: tuple[URIRef, URIRef]
    sources: tuple[TypeSource, TypeSource]
    same_as: tuple[Triple, ...] = ()
    """Statements that make the individual the same as another (``owl:sameAs``, functional)."""

    @property
    def statements(self) -> list[Triple]:
        return [s.statement for s in self.sources] + list(self.same_as)

    @property
    def individuals(self) -> list[Node]:
        """The individuals the clash involves: this one first, then those its statements name."""
        named: list[Node] = [self.individual]
        for s, p, o in self.statements:
            for node in (s,) if p == RDF.type else (s, o):
                if node not in named and str(node).startswith(_INSTANCES):
                    named.append(node)
        return named

    @property
    def link(self) -> Triple | None:
        """The statement between two individuals that brings a class in, if there is one."""
        for source in self.sources:
            if source.kind != "type":
                return source.statement
        return None

    def message(self, lang: str) -> str:
        (a, b), (first, second) = self.classes, self.sources
        same = ", ".join(f"{term(s)} {term(p)} {term(o)}" for s, p, o in self.same_as)
        if lang == "en":
            text = (
                f"{term(self.individual)} cannot be both a {term(a)} and a {term(b)}: "
                f"the two classes are disjoint. It is a {term(a)} because {first.describe('en')}; "
                f"a {term(b)} because {second.describe('en')}."
            )
            return text + (f" It is the same individual as another by {same}." if same else "")
        text = (
            f"{term(self.individual)} no puede ser a la vez {term(a)} y {term(b)}: "
            f"las dos clases son disjuntas. Es {term(a)} porque {first.describe('es')}; "
            f"{term(b)} porque {second.describe('es')}."
        )
        return text + (f" Es el mismo individuo que otro por {same}." if same else "")


@dataclass
class OwlReport:
    """The outcome of the OWL check."""

    consistent: bool
    clashes: list[Clash] = field(default_factory=list)
    confirmed: bool = False
    """Whether HermiT finds the clashes' statements inconsistent on their own, with the ontology."""
    suspects: list[Node] = field(default_factory=list)
    """Without a clash: the subjects whose statements bisection found inconsistent together."""
    seconds: float = 0.0
    reasoner: str = REASONER


def check(ontology: Graph, data: Graph) -> OwlReport:
    """Run HermiT over ``ontology`` and ``data``; if inconsistent, name the offending ones."""
    started = time.perf_counter()
    if is_consistent(ontology + data):
        return OwlReport(consistent=True, seconds=time.perf_counter() - started)
    report = OwlReport(consistent=False, clashes=explain(ontology, data))
    if report.clashes:
        module = Graph()
        for clash in report.clashes:
            for statement in clash.statements:
                module.add(statement)
        report.confirmed = not is_consistent(ontology + module)
    else:
        groups = _by_subject(data)
        subjects, _ = minimise(
            list(groups), lambda keep: not is_consistent(_module(ontology, groups, keep))
        )
        report.suspects = subjects
    report.seconds = time.perf_counter() - started
    return report


def _by_subject(data: Graph) -> dict[Node, list[Triple]]:
    groups: dict[Node, list[Triple]] = defaultdict(list)
    for triple in data:
        groups[triple[0]].append(triple)
    return groups


def _module(ontology: Graph, groups: dict[Node, list[Triple]], subjects: Iterable[Node]) -> Graph:
    graph = Graph()
    graph += ontology
    for subject in subjects:
        for triple in groups[subject]:
            graph.add(triple)
    return graph


def minimise(
    items: Sequence[T], fails: Callable[[Sequence[T]], bool], budget: int = _BISECTION_BUDGET
) -> tuple[list[T], bool]:
    """A small subset of ``items`` that still ``fails`` (delta debugging); whether it is minimal.

    ``fails(items)`` must be true, and the items distinct. Each call of ``fails`` runs the
    reasoner, so at most ``budget`` calls are made; the subset returned then may not be minimal.
    """
    current = list(items)
    if fails([]):
        return [], True
    calls, granularity = 1, 2
    while len(current) >= 2:
        chunks = _split(current, granularity)
        complements = [[x for x in current if x not in set(c)] for c in chunks]
        candidates = [(c, 2) for c in chunks]
        if granularity > 2:
            candidates += [(c, max(granularity - 1, 2)) for c in complements]
        for candidate, next_granularity in candidates:
            if calls >= budget:
                return current, False
            calls += 1
            if fails(candidate):
                current, granularity = candidate, next_granularity
                break
        else:
            if granularity >= len(current):
                break
            granularity = min(len(current), granularity * 2)
    return current, True


def _split(items: list[T], parts: int) -> list[list[T]]:
    size, extra = divmod(len(items), parts)
    chunks, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        if end > start:
            chunks.append(items[start:end])
        start = end
    return chunks


# ---------------------------------------------------------------------------
# Explaining an inconsistency: which individuals are in two disjoint classes, and why
# ---------------------------------------------------------------------------


@dataclass
class _Axioms:
    """The parts of the ontology that give individuals their classes, and the disjoint pairs."""

    supers: dict[Node, set[Node]]
    """Each class's super-classes, itself included."""
    super_properties: dict[Node, set[Node]]
    domains: dict[Node, set[URIRef]]
    ranges: dict[Node, set[URIRef]]
    inverses: dict[Node, set[Node]]
    functional: set[Node]
    inverse_functional: set[Node]
    disjoint: set[frozenset[Node]]

    @classmethod
    def of(cls, ontology: Graph) -> _Axioms:
        disjoint: set[frozenset[Node]] = {
            frozenset((a, b)) for a, b in ontology.subject_objects(OWL.disjointWith) if a != b
        }
        for group in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
            members = ontology.value(group, OWL.members)
            if members is not None:
                disjoint |= {frozenset(p) for p in combinations(Collection(ontology, members), 2)}
        inverses: dict[Node, set[Node]] = defaultdict(set)
        for p, q in ontology.subject_objects(OWL.inverseOf):
            inverses[p].add(q)
            inverses[q].add(p)
        return cls(
            supers=_closure(ontology, RDFS.subClassOf),
            super_properties=_closure(ontology, RDFS.subPropertyOf),
            domains=_named(ontology, RDFS.domain),
            ranges=_named(ontology, RDFS.range),
            inverses=inverses,
            functional=set(ontology.subjects(RDF.type, OWL.FunctionalProperty)),
            inverse_functional=set(ontology.subjects(RDF.type, OWL.InverseFunctionalProperty)),
            disjoint=disjoint,
        )

    def supers_of(self, node: Node) -> set[Node]:
        return self.supers.get(node, {node})

    def properties_of(self, prop: Node) -> set[Node]:
        return self.super_properties.get(prop, {prop})


def _closure(graph: Graph, predicate: URIRef) -> dict[Node, set[Node]]:
    direct: dict[Node, set[Node]] = defaultdict(set)
    for a, b in graph.subject_objects(predicate):
        if isinstance(b, URIRef):
            direct[a].add(b)
    closed: dict[Node, set[Node]] = {}
    for start in list(direct):
        seen, todo = {start}, [start]
        while todo:
            for nxt in direct.get(todo.pop(), ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        closed[start] = seen
    return closed


def _named(graph: Graph, predicate: URIRef) -> dict[Node, set[URIRef]]:
    found: dict[Node, set[URIRef]] = defaultdict(set)
    for prop, cls in graph.subject_objects(predicate):
        if isinstance(cls, URIRef):
            found[prop].add(cls)
    return found


class _Same:
    """Individuals made equal by ``owl:sameAs`` or functional properties (union–find)."""

    def __init__(self) -> None:
        self._parent: dict[Node, Node] = {}
        self.because: dict[Node, list[Triple]] = defaultdict(list)

    def find(self, node: Node) -> Node:
        parent = self._parent.get(node, node)
        if parent == node:
            return node
        root = self.find(parent)
        self._parent[node] = root
        return root

    def union(self, a: Node, b: Node, statements: Sequence[Triple]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra
            self.because[ra] += self.because.pop(rb, []) + list(statements)


def explain(ontology: Graph, data: Graph) -> list[Clash]:
    """Every individual of ``data`` that the ontology puts in two disjoint classes, and why."""
    axioms = _Axioms.of(ontology)
    same = _same_individuals(axioms, data)
    sources: dict[Node, list[TypeSource]] = defaultdict(list)
    for s, p, o in data:
        statement = (s, p, o)
        if p == RDF.type:
            if isinstance(o, URIRef):
                sources[same.find(s)].append(TypeSource(statement, s, "type", o))
            continue
        for prop in axioms.properties_of(p):
            for cls in axioms.domains.get(prop, ()):
                sources[same.find(s)].append(TypeSource(statement, s, "domain", cls, prop))
            if isinstance(o, Literal):
                continue
            for cls in axioms.ranges.get(prop, ()):
                sources[same.find(o)].append(TypeSource(statement, o, "range", cls, prop))
            for inverse in axioms.inverses.get(prop, ()):
                for inv in axioms.properties_of(inverse):
                    for cls in axioms.domains.get(inv, ()):
                        sources[same.find(o)].append(TypeSource(statement, o, "domain", cls, inv))
                    for cls in axioms.ranges.get(inv, ()):
                        sources[same.find(s)].append(TypeSource(statement, s, "range", cls, inv))
    clashes: list[Clash] = []
    for individual, found in sources.items():
        clash = _first_clash(axioms, individual, found, tuple(same.because.get(individual, ())))
        if clash is not None:
            clashes.append(clash)
    return sorted(clashes, key=lambda c: str(c.individual))


def _same_individuals(axioms: _Axioms, data: Graph) -> _Same:
    same = _Same()
    for s, o in data.subject_objects(OWL.sameAs):
        same.union(s, o, [(s, OWL.sameAs, o)])
    for prop in axioms.functional:
        values: dict[Node, Triple] = {}
        for s, o in data.subject_objects(prop):
            if isinstance(o, Literal):
                continue
            if s in values:
                same.union(values[s][2], o, [values[s], (s, prop, o)])
            else:
                values[s] = (s, prop, o)
    for prop in axioms.inverse_functional:
        subjects: dict[Node, Triple] = {}
        for s, o in data.subject_objects(prop):
            if o in subjects:
                same.union(subjects[o][0], s, [subjects[o], (s, prop, o)])
            else:
                subjects[o] = (s, prop, o)
    return same


def _first_clash(
    axioms: _Axioms, individual: Node, found: list[TypeSource], same_as: tuple[Triple, ...]
) -> Clash | None:
    # asserted types first: "declared a gcm:UNEntity, but the range of … makes it a …"
    unique = sorted(dict.fromkeys(found), key=lambda source: source.kind != "type")
    for i, first in enumerate(unique):
        for second in unique[i:]:
            for a in axioms.supers_of(first.cls):
                for b in axioms.supers_of(second.cls):
                    if frozenset((a, b)) in axioms.disjoint:
                        assert isinstance(a, URIRef) and isinstance(b, URIRef)
                        merged = same_as if first.node != second.node else ()
                        return Clash(individual, (a, b), (first, second), merged)
    return None
