"""The ontology's documentation as HTML, written at build time with the generation.

One page per language (``ontology/index.es.html``, ``index.en.html``) lists the ontology's
metadata and every class and property of its namespace with its labels, definition, comments,
super-classes or super-properties, domain, range, inverse, characteristics and alignments
(``rdfs:seeAlso``, ``owl:equivalentClass``, SKOS mappings). Each term has the anchor of its local
name, so ``{base}ontology#Priority`` opens at its entry. The server sends it to browsers at
``/ontology``; every text from the ontology is escaped by the template.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from .namespaces import DCTERMS, GCM, ONTOLOGY_IRI, OWL, PREFIXES, RDF, RDFS, SKOS, VANN, XSD
from .store import GRAPH_ONTOLOGY

LANGUAGES = ("es", "en")

KINDS: tuple[tuple[URIRef, str], ...] = (
    (OWL.Class, "classes"),
    (OWL.ObjectProperty, "object-properties"),
    (OWL.DatatypeProperty, "datatype-properties"),
    (OWL.AnnotationProperty, "annotation-properties"),
)
CHARACTERISTICS = (
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.AsymmetricProperty,
    OWL.ReflexiveProperty,
    OWL.IrreflexiveProperty,
)
ALIGNMENTS = (
    OWL.equivalentClass,
    OWL.equivalentProperty,
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
    RDFS.seeAlso,
)

UI: dict[str, dict[str, str]] = {
    "title": {"en": "Ontology", "es": "Ontología"},
    "home": {"en": "Home", "es": "Inicio"},
    "query": {"en": "SPARQL query", "es": "Consulta SPARQL"},
    "dataset": {"en": "Dataset description (VoID)", "es": "Descripción del conjunto (VoID)"},
    "switch": {"en": "Español", "es": "English"},
    "skip": {"en": "Skip to content", "es": "Saltar al contenido"},
    "contents": {"en": "Contents", "es": "Índice"},
    "metadata": {"en": "About the ontology", "es": "Sobre la ontología"},
    "classes": {"en": "Classes", "es": "Clases"},
    "object-properties": {"en": "Object properties", "es": "Propiedades de objeto"},
    "datatype-properties": {"en": "Datatype properties", "es": "Propiedades de datos"},
    "annotation-properties": {"en": "Annotation properties", "es": "Propiedades de anotación"},
    "reused": {
        "en": "Terms reused from other vocabularies",
        "es": "Términos reutilizados de otros vocabularios",
    },
    "iri": {"en": "IRI", "es": "IRI"},
    "version": {"en": "Version", "es": "Versión"},
    "license": {"en": "Licence", "es": "Licencia"},
    "creator": {"en": "Creator", "es": "Autoría"},
    "created": {"en": "Created", "es": "Creada"},
    "months": {
        "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
        "es": "ene feb mar abr may jun jul ago sep oct nov dic",
    },
    "modified": {"en": "Modified", "es": "Modificada"},
    "prefix": {"en": "Preferred prefix", "es": "Prefijo preferido"},
    "see-also": {"en": "See also", "es": "Véase también"},
    "formats": {"en": "This ontology as", "es": "Esta ontología en"},
    "definition": {"en": "Definition", "es": "Definición"},
    "comment": {"en": "Comment", "es": "Comentario"},
    "super": {"en": "Super-classes", "es": "Superclases"},
    "sub": {"en": "Sub-classes", "es": "Subclases"},
    "super-property": {"en": "Super-properties", "es": "Superpropiedades"},
    "sub-property": {"en": "Sub-properties", "es": "Subpropiedades"},
    "domain": {"en": "Domain", "es": "Dominio"},
    "range": {"en": "Range", "es": "Rango"},
    "inverse": {"en": "Inverse of", "es": "Inversa de"},
    "characteristics": {"en": "Characteristics", "es": "Características"},
    "disjoint": {"en": "Disjoint with", "es": "Disjunta con"},
    "alignments": {"en": "Alignments", "es": "Alineamientos"},
    "or": {"en": "or", "es": "o"},
    "and": {"en": "and", "es": "y"},
    "other-language": {"en": "in Spanish", "es": "en inglés"},
}


@dataclass
class Ref:
    """A reference to a term: an anchor of ours, an external IRI, or a class expression."""

    text: str
    href: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    parts: list[Ref] = field(default_factory=list)
    operator: str | None = None
    """``or`` / ``and`` for a union or intersection of ``parts``."""
    day: date | None = None
    """A date's value, written in the page's language."""


@dataclass
class Term:
    iri: str
    anchor: str
    kind: str
    labels: dict[str, str]
    definitions: dict[str, str]
    comments: dict[str, str]
    rows: list[tuple[str, list[Ref]]] = field(default_factory=list)
    characteristics: list[Ref] = field(default_factory=list)


@dataclass
class OntologyDoc:
    iri: str
    titles: dict[str, str]
    descriptions: dict[str, str]
    metadata: list[tuple[str, list[Ref]]]
    sections: list[tuple[str, list[Term]]]
    reused: list[Ref]


def ontology_graph(store: ox.Store) -> Graph:
    """The ``graph/ontology`` named graph of ``store`` as an rdflib graph."""
    triples = [
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, GRAPH_ONTOLOGY)
    ]
    graph = Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def by_language(graph: Graph, subject: URIRef | BNode, predicate: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal):
            out.setdefault(value.language or "", str(value))
    return out


def curie(iri: str) -> str:
    best = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda pair: len(pair[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def make_ref(graph: Graph, node: object, namespace: str) -> Ref:
    """A link to ``node``: an anchor for our terms, the IRI for others, a union spelled out."""
    if isinstance(node, URIRef):
        iri = str(node)
        labels = by_language(graph, node, RDFS.label)
        if iri.startswith(namespace):
            return Ref(curie(iri), "#" + iri[len(namespace) :], labels)
        return Ref(curie(iri), iri, labels)
    if isinstance(node, BNode):
        for operator, key in ((OWL.unionOf, "or"), (OWL.intersectionOf, "and")):
            members = graph.value(node, operator)
            if members is not None:
                parts = [make_ref(graph, m, namespace) for m in Collection(graph, members)]
                return Ref("", None, {}, parts, key)
    return Ref(str(node))


def refs(graph: Graph, nodes: Iterable[object], namespace: str) -> list[Ref]:
    return sorted((make_ref(graph, n, namespace) for n in nodes), key=lambda r: r.text)


def describe_term(graph: Graph, term: URIRef, kind: str, namespace: str) -> Term:
    local = str(term)[len(namespace) :]
    entry = Term(
        str(term),
        local,
        kind,
        by_language(graph, term, RDFS.label),
        by_language(graph, term, SKOS.definition),
        by_language(graph, term, RDFS.comment),
    )
    relations: list[tuple[str, list[object]]]
    if kind == "classes":
        relations = [
            ("super", list(graph.objects(term, RDFS.subClassOf))),
            ("sub", list(graph.subjects(RDFS.subClassOf, term))),
            ("disjoint", list(graph.objects(term, OWL.disjointWith))),
        ]
    else:
        relations = [
            ("super-property", list(graph.objects(term, RDFS.subPropertyOf))),
            ("sub-property", list(graph.subjects(RDFS.subPropertyOf, term))),
            ("domain", list(graph.objects(term, RDFS.domain))),
            ("range", list(graph.objects(term, RDFS.range))),
            (
                "inverse",
                [*graph.objects(term, OWL.inverseOf), *graph.subjects(OWL.inverseOf, term)],
            ),
        ]
    relations.append(("alignments", [o for p in ALIGNMENTS for o in graph.objects(term, p)]))
    for key, nodes in relations:
        found = refs(graph, set(nodes), namespace)
        if found:
            entry.rows.append((key, found))
    entry.characteristics = [
        make_ref(graph, c, namespace) for c in CHARACTERISTICS if (term, RDF.type, c) in graph
    ]
    return entry


def metadata_value(node: object) -> Ref:
    """A value of the ontology's header: an IRI, a date, or a text in its language."""
    if isinstance(node, URIRef):
        return Ref(str(node), str(node))
    if isinstance(node, Literal) and node.datatype == XSD.date:
        return Ref(str(node), day=date.fromisoformat(str(node)))
    if isinstance(node, Literal) and node.language:
        return Ref(str(node), labels={node.language: str(node)})
    return Ref(str(node))


def in_language(values: list[Ref], lang: str) -> list[Ref]:
    """The values for a page in ``lang``: a text given in several languages once, in ``lang``."""
    texts = [v for v in values if v.labels and not v.href]
    if not texts:
        return values
    chosen = [v for v in texts if lang in v.labels] or texts[:1]
    return [v for v in values if v not in texts] + chosen


def document(graph: Graph) -> OntologyDoc:
    """The documentation's content, from the ontology graph (pure)."""
    ontology = ONTOLOGY_IRI
    namespace = str(GCM)
    metadata: list[tuple[str, list[Ref]]] = [("iri", [Ref(str(ontology), str(ontology))])]
    for key, predicate in (
        ("version", OWL.versionInfo),
        ("license", DCTERMS.license),
        ("creator", DCTERMS.creator),
        ("created", DCTERMS.created),
        ("modified", DCTERMS.modified),
        ("prefix", VANN.preferredNamespacePrefix),
        ("see-also", RDFS.seeAlso),
    ):
        values = [metadata_value(v) for v in graph.objects(ontology, predicate)]
        if values:
            metadata.append((key, values))
    sections: list[tuple[str, list[Term]]] = []
    reused: set[URIRef] = set()
    for kind_iri, kind in KINDS:
        terms = []
        for subject in graph.subjects(RDF.type, kind_iri):
            if not isinstance(subject, URIRef):
                continue
            if str(subject).startswith(namespace):
                terms.append(describe_term(graph, subject, kind, namespace))
            else:
                reused.add(subject)
        if terms:
            sections.append((kind, sorted(terms, key=lambda t: t.anchor.casefold())))
    return OntologyDoc(
        str(ontology),
        by_language(graph, ontology, DCTERMS.title),
        by_language(graph, ontology, DCTERMS.description),
        metadata,
        sections,
        refs(graph, reused, namespace),
    )


def pick(values: dict[str, str], lang: str) -> tuple[str, str] | None:
    """``(text, language)`` in ``lang``, else in another language, else ``None``."""
    for candidate in (lang, *[x for x in LANGUAGES if x != lang], ""):
        if candidate in values:
            return values[candidate], candidate
    return None


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("gcm_kg", "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["pick"] = pick
    return env


def render(doc: OntologyDoc, lang: str) -> str:
    other = next(x for x in LANGUAGES if x != lang)

    def ui(key: str) -> str:
        return UI[key][lang]

    def day_text(day: date) -> str:
        return f"{day.day} {ui('months').split()[day.month - 1]} {day.year}"

    template = environment().get_template("ontology.html")
    return template.render(
        doc=doc, lang=lang, other=other, ui=ui, day_text=day_text, in_language=in_language
    )


def write_ontology_docs(store: ox.Store, directory: Path) -> list[Path]:
    """Write ``index.{lang}.html`` for each language into ``directory``; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    doc = document(ontology_graph(store))
    written = []
    for lang in LANGUAGES:
        path = directory / f"index.{lang}.html"
        path.write_text(render(doc, lang), encoding="utf-8")
        written.append(path)
    return written
