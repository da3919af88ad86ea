"""The reference vocabularies as RDF, from the verified tables of ``reference/`` (pure)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, RDF, SKOS, XSD

from . import iris
from .curation import Agent
from .namespaces import GCM, GRAPH, SDGO, bind_prefixes
from .reference import Row, evidence


def _labels(g: Graph, node: URIRef, prop: URIRef, **by_lang: str) -> None:
    for lang, text in by_lang.items():
        if text:
            g.add((node, prop, Literal(text, lang=lang)))


def _scheme(g: Graph, key: str, es: str, en: str) -> URIRef:
    node = iris.scheme(key)
    g.add((node, RDF.type, SKOS.ConceptScheme))
    _labels(g, node, SKOS.prefLabel, es=es, en=en)
    return node


def _concept(g: Graph, scheme: URIRef, node: URIRef, cls: URIRef, notation: str) -> None:
    g.add((node, RDF.type, cls))
    g.add((node, SKOS.notation, Literal(notation)))
    g.add((node, SKOS.inScheme, scheme))
    g.add((node, SKOS.topConceptOf, scheme))
    g.add((scheme, SKOS.hasTopConcept, node))


def gcm_objectives(rows: list[Row]) -> Graph:
    g = bind_prefixes(Graph())
    scheme = _scheme(
        g,
        "gcm-objectives",
        "Objetivos del Pacto Mundial para la Migración Segura, Ordenada y Regular",
        "Objectives of the Global Compact for Safe, Orderly and Regular Migration",
    )
    g.add((scheme, DCTERMS.source, Literal("A/RES/73/195")))
    for row in rows:
        node = iris.gcm_objective(row["number"])
        _concept(g, scheme, node, GCM.GCMObjective, row["number"])
        # Where the official Spanish title is not verified, the Network's short label stands in,
        # and the objective says so.
        _labels(g, node, SKOS.prefLabel, es=row["title_es"] or row["short_es"], en=row["title_en"])
        if not row["title_es"]:
            _labels(
                g,
                node,
                SKOS.editorialNote,
                es="El título oficial en español no está verificado: se da la etiqueta breve "
                "de la Red.",
                en="The official Spanish title is not verified: the Network's short label is "
                "given.",
            )
        _labels(
            g,
            node,
            SKOS.altLabel,
            es=row["short_es"] if row["title_es"] else "",
            en=row["short_en"],
        )
    return g


def guiding_principles(rows: list[Row]) -> Graph:
    g = bind_prefixes(Graph())
    scheme = _scheme(
        g,
        "guiding-principles",
        "Principios rectores del Pacto Mundial para la Migración",
        "Guiding principles of the Global Compact for Migration",
    )
    g.add((scheme, DCTERMS.source, Literal("A/RES/73/195, paragraph 15")))
    for row in rows:
        node = iris.guiding_principle(row["letter"])
        _concept(g, scheme, node, GCM.GuidingPrinciple, row["letter"])
        _labels(g, node, SKOS.prefLabel, es=row["label_es"], en=row["label_en"])
    return g


def thematic_areas(rows: list[Row]) -> Graph:
    g = bind_prefixes(Graph())
    scheme = _scheme(
        g,
        "thematic-areas",
        "Esferas temáticas del Fondo Fiduciario de Asociados Múltiples para la Migración",
        "Thematic areas of the Migration Multi-Partner Trust Fund",
    )
    for row in rows:
        node = iris.thematic_area(row["number"])
        _concept(g, scheme, node, GCM.ThematicArea, row["number"])
        _labels(g, node, SKOS.prefLabel, es=row["title_es"], en=row["title_en"])
        if row.get("status_en", "").startswith("not verified"):
            _labels(
                g,
                node,
                SKOS.editorialNote,
                es="El título en inglés no está verificado con una fuente oficial; el español es "
                "el del plan de trabajo.",
                en="The English title is not verified against an official source; the Spanish "
                "one is the workplan's.",
            )
    return g


def sdg(goals: list[Row], targets: list[Row]) -> Graph:
    g = bind_prefixes(Graph())
    for row in goals:
        node = URIRef(row["iri"])
        g.add((node, RDF.type, SDGO.Goal))
        g.add((node, SKOS.notation, Literal(row["notation"])))
        _labels(g, node, SKOS.prefLabel, es=row["preflabel_es"], en=row["short_en"])
        for match in (row["sdgio"], row["wikidata"]):
            if match:
                g.add((node, SKOS.exactMatch, URIRef(match)))
        _iri_evidence(g, node, row)
    for row in targets:
        node = URIRef(row["iri"])
        _iri_evidence(g, node, row)
        g.add((node, RDF.type, SDGO.Target))
        g.add((node, SKOS.notation, Literal(row["notation"])))
        _labels(g, node, SKOS.prefLabel, es=row["preflabel_es"], en=row["preflabel_en"])
        g.add((node, SKOS.broader, iris.sdg(row["notation"].split(".")[0])))
    return g


def _iri_evidence(g: Graph, node: URIRef, row: Row) -> None:
    """The files of public datasets that give the UN's IRI with its label (``source_of_iri``)."""
    for address in evidence(row.get("source_of_iri", "")).files:
        g.add((node, GCM.iriEvidence, URIRef(address)))


def unbis(rows: list[Row]) -> Graph:
    g = bind_prefixes(Graph())
    for row in rows:
        node = URIRef(row["iri"])
        g.add((node, RDF.type, SKOS.Concept))
        _iri_evidence(g, node, row)
        _labels(
            g,
            node,
            SKOS.prefLabel,
            en=row["preflabel_en"],
            es=row["preflabel_es"],
            fr=row["preflabel_fr"],
        )
    return g


AGENT_CLASS = {
    "un": GCM.UNEntity,
    "igo": GCM.IntergovernmentalOrganization,
    "cso": GCM.CivilSocietyOrganization,
    "academic": GCM.AcademicInstitution,
    "partnership": GCM.Partnership,
    "group": GCM.AgentGroup,
    "person": FOAF.Person,
    "mandate": GCM.MandateHolder,
}


def agents(table: dict[str, Agent]) -> Graph:
    g = bind_prefixes(Graph())
    _labels(
        g,
        URIRef(GRAPH["agents"]),
        DCTERMS.description,
        es="Los agentes que nombra el plan de trabajo. Su tipo, sus nombres y siglas en cada "
        "idioma y sus enlaces externos (con su evidencia) son del proyecto "
        "(gcm_kg/curation/agents.toml, reference/organizations.tsv); las líneas que los nombran "
        "están en el grafo del plan de trabajo (gcm:namedIn).",
        en="The agents the workplan names. Their kinds, their names and acronyms in each "
        "language and their external links (with their evidence) are the project's "
        "(gcm_kg/curation/agents.toml, reference/organizations.tsv); the lines that name them are "
        "in the workplan's graph (gcm:namedIn).",
    )
    for agent in table.values():
        node = iris.agent(agent.key)
        g.add((node, RDF.type, AGENT_CLASS[agent.kind]))
        _labels(g, node, SKOS.prefLabel, es=agent.name_es, en=agent.name_en)
        _labels(g, node, SKOS.altLabel, es=agent.acronym_es, en=agent.acronym_en)
        for lang, names in (("es", agent.alt_es), ("en", agent.alt_en)):
            for name in names:
                g.add((node, SKOS.altLabel, Literal(name, lang=lang)))
        for name in agent.hidden:
            g.add((node, SKOS.hiddenLabel, Literal(name, lang="es")))
        _labels(g, node, DCTERMS.description, es=agent.description_es, en=agent.description_en)
        if agent.homepage:
            g.add((node, FOAF.homepage, URIRef(agent.homepage)))
            for address in agent.homepage_evidence.files:
                g.add((node, GCM.homepageEvidence, URIRef(address)))
        if agent.wikidata:
            link = SKOS.closeMatch if agent.close_match else OWL.sameAs
            g.add((node, link, iris.wikidata(agent.wikidata)))
            for address in agent.wikidata_evidence.files:
                g.add((node, GCM.wikidataEvidence, URIRef(address)))
        for note in (*agent.wikidata_evidence.notes, *agent.homepage_evidence.notes):
            g.add((node, GCM.evidenceNote, Literal(note, lang="en")))
        if agent.unit_of:
            g.add((node, RDF.type, ORG.OrganizationalUnit))
            g.add((node, ORG.unitOf, iris.agent(agent.unit_of)))
        for other in agent.member_of:
            g.add((node, ORG.memberOf, iris.agent(other)))
        if agent.members is not None:
            g.add((node, GCM.membersListed, Literal(bool(agent.members), datatype=XSD.boolean)))
            for member in agent.members:
                g.add((node, FOAF.member, iris.agent(member)))
    return g
