"""The VoID and DCAT description of the dataset, served at ``/.well-known/void``.

:func:`gather` collects the facts (the manifest's counts, class partitions and the vocabularies
used from SPARQL, the dumps published with the generation); :func:`void_triples` writes them as
RDF (pure). The HTML page for browsers shows the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from gcm_kg.terms import DCAT, DCTERMS, FOAF, PREFIXES, RDF, SD, VOID, XSD

from .sparql import Row, derived, query, value

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
PUBLISHER = "gcm-kg contributors"
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
SPARQL_PROTOCOL = "https://www.w3.org/TR/sparql11-protocol/"
TITLES = {
    "en": "gcm-kg: the UN Network on Migration's workplans as linked data",
    "es": "gcm-kg: los planes de trabajo de la Red de las Naciones Unidas sobre la Migración "
    "como datos enlazados",
}
DESCRIPTIONS = {
    "en": "The 2021–2022 workplan of the United Nations Network on Migration as a knowledge "
    "graph: its priorities and activities, their schedules, who leads and joins each, the "
    "objectives of the Global Compact for Migration and the thematic areas they serve, with "
    "labels in Spanish and English and every statement traced to a line of the source document.",
    "es": "El plan de trabajo 2021-2022 de la Red de las Naciones Unidas sobre la Migración como "
    "grafo de conocimiento: sus prioridades y actividades, sus plazos, quién encabeza cada una y "
    "quién participa, los objetivos del Pacto Mundial para la Migración y las áreas temáticas a "
    "las que contribuyen, con etiquetas en español e inglés y cada afirmación vinculada a una "
    "línea del documento de origen.",
}


@dataclass
class DumpInfo:
    file: str
    url: str
    media_type: str
    bytes: int
    sha256: str


@dataclass
class DatasetInfo:
    """Everything the description says."""

    iri: str
    document: str
    home: str
    endpoint: str
    uri_space: str
    modified: str
    triples: int
    graphs: list[tuple[str, int]]
    classes: list[tuple[str, int]]
    vocabularies: list[str]
    examples: list[str]
    root: str | None
    dumps: list[DumpInfo] = field(default_factory=list)
    license: str = LICENSE
    publisher: str = PUBLISHER


def namespace_of(term: str) -> str | None:
    """The vocabulary (namespace IRI) of a class or property: a known prefix's namespace, else
    the IRI up to its last ``#`` or ``/``."""
    known = [ns for ns in PREFIXES.values() if term.startswith(ns) and len(term) > len(ns)]
    if known:
        return max(known, key=len)
    for separator in ("#", "/"):
        head, found, tail = term.rpartition(separator)
        if found and tail:
            return head + found
    return None


def vocabularies(terms: list[str], own_data: str) -> list[str]:
    """The vocabularies the terms come from; our own instance namespace is data, not one."""
    found = {namespace_of(term) for term in terms}
    return sorted(ns for ns in found if ns and not ns.startswith(own_data))


def shape_classes(rows: list[Row]) -> list[tuple[str, int]]:
    return [(value(r, "class") or "", int(value(r, "entities") or 0)) for r in rows]


def shape_terms(rows: list[Row]) -> list[str]:
    return sorted(value(r, "term") or "" for r in rows)


def class_partitions() -> list[tuple[str, int]]:
    return derived(query("void-classes"), shape_classes)


def used_terms() -> list[str]:
    return derived(query("void-terms"), shape_terms)


def _iri(value: object) -> ox.NamedNode:
    return ox.NamedNode(str(value))


def _literal(text: str, lang: str | None = None, datatype: object | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(text, language=lang)
    if datatype is not None:
        return ox.Literal(text, datatype=_iri(datatype))
    return ox.Literal(text)


def void_triples(info: DatasetInfo) -> list[ox.Triple]:
    """The VoID + DCAT description of ``info`` (pure)."""
    dataset, a = _iri(info.iri), _iri(RDF.type)
    out: list[ox.Triple] = []

    def add(
        s: ox.NamedNode | ox.BlankNode, p: object, o: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> None:
        out.append(ox.Triple(s, _iri(p), o))

    document = _iri(info.document)
    add(document, RDF.type, _iri(VOID.DatasetDescription))
    add(document, DCTERMS.title, _literal("VoID description of gcm-kg", "en"))
    add(document, FOAF.primaryTopic, dataset)
    out.append(ox.Triple(dataset, a, _iri(VOID.Dataset)))
    out.append(ox.Triple(dataset, a, _iri(DCAT.Dataset)))
    for lang, title in TITLES.items():
        add(dataset, DCTERMS.title, _literal(title, lang))
    for lang, text in DESCRIPTIONS.items():
        add(dataset, DCTERMS.description, _literal(text, lang))
    add(dataset, DCTERMS.license, _iri(info.license))
    publisher = ox.BlankNode("publisher")
    add(dataset, DCTERMS.publisher, publisher)
    add(publisher, RDF.type, _iri(FOAF.Organization))
    add(publisher, FOAF.name, _literal(info.publisher))
    add(dataset, DCTERMS.modified, _literal(info.modified, datatype=XSD.dateTime))
    add(dataset, FOAF.homepage, _iri(info.home))
    add(dataset, DCAT.landingPage, _iri(info.home))
    add(dataset, VOID.triples, _literal(str(info.triples), datatype=XSD.integer))
    add(dataset, VOID.uriSpace, _literal(info.uri_space))
    add(dataset, VOID.sparqlEndpoint, _iri(info.endpoint))
    if info.root:
        add(dataset, VOID.rootResource, _iri(info.root))
    for example in info.examples:
        add(dataset, VOID.exampleResource, _iri(example))
    for vocabulary in info.vocabularies:
        add(dataset, VOID.vocabulary, _iri(vocabulary))
    for klass, entities in info.classes:
        partition = ox.BlankNode()
        add(dataset, VOID.classPartition, partition)
        add(partition, VOID["class"], _iri(klass))
        add(partition, VOID.entities, _literal(str(entities), datatype=XSD.integer))
    for graph, triples in info.graphs:
        subset = ox.BlankNode()
        add(dataset, VOID.subset, subset)
        add(subset, RDF.type, _iri(VOID.Dataset))
        add(subset, SD.name, _iri(graph))
        add(subset, VOID.triples, _literal(str(triples), datatype=XSD.integer))
    for dump in info.dumps:
        url = _iri(dump.url)
        add(dataset, VOID.dataDump, url)
        add(dataset, DCAT.distribution, url)
        add(url, RDF.type, _iri(DCAT.Distribution))
        add(url, DCAT.downloadURL, url)
        add(url, DCAT.accessURL, url)
        add(url, DCAT.mediaType, _iri(MEDIA_TYPES + dump.media_type))
        add(url, DCAT.compressFormat, _iri(MEDIA_TYPES + "application/gzip"))
        add(url, DCAT.byteSize, _literal(str(dump.bytes), datatype=XSD.nonNegativeInteger))
        add(url, DCTERMS.license, _iri(info.license))
        add(url, DCTERMS.title, _literal(dump.file))
    service = _iri(info.endpoint)
    add(service, RDF.type, _iri(DCAT.DataService))
    add(service, DCAT.endpointURL, service)
    add(service, DCAT.servesDataset, dataset)
    add(service, DCTERMS.conformsTo, _iri(SPARQL_PROTOCOL))
    access = ox.BlankNode("sparql")
    add(dataset, DCAT.distribution, access)
    add(access, RDF.type, _iri(DCAT.Distribution))
    add(access, DCAT.accessURL, service)
    add(access, DCAT.accessService, service)
    add(access, DCTERMS.title, _literal("SPARQL endpoint", "en"))
    return out
