"""Every namespace the project uses, and the one place that binds prefixes.

Terms of our own ontology are a closed :class:`~rdflib.namespace.DefinedNamespace`, so a
misspelt term raises ``AttributeError`` instead of minting a new IRI.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import (
    DCAT,
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SH,
    SKOS,
    TIME,
    VOID,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "BASE",
    "DCAT",
    "DCTERMS",
    "FOAF",
    "GCM",
    "GRAPH",
    "ID",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PPLAN",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SD",
    "SDG",
    "SDGO",
    "SH",
    "SKOS",
    "TIME",
    "UNBIS",
    "VANN",
    "VOID",
    "WD",
    "XSD",
    "bind_prefixes",
    "sparql_prologue",
]

BASE = "https://w3id.org/gcm-kg/"
"""The base of every IRI we mint (see DESIGN.md, "IRIs")."""

ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")
ONTOLOGY_IRI = URIRef(BASE + "ontology")


class GCM(DefinedNamespace):
    """The gcm-kg ontology, ``https://w3id.org/gcm-kg/ontology#``."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Workplan: URIRef
    Priority: URIRef
    CorePriority: URIRef
    WorkingGroupPriority: URIRef
    ThematicPriority: URIRef
    Activity: URIRef
    GCMObjective: URIRef
    GuidingPrinciple: URIRef
    ThematicArea: URIRef
    Schedule: URIRef
    Deadline: URIRef
    Continuation: URIRef
    OpenEndedSchedule: URIRef
    UNEntity: URIRef
    IntergovernmentalOrganization: URIRef
    CivilSocietyOrganization: URIRef
    AcademicInstitution: URIRef
    AgentGroup: URIRef
    MandateHolder: URIRef
    Representation: URIRef
    Event: URIRef
    SourceDocument: URIRef
    SourcePassage: URIRef
    # object properties
    hasPriority: URIRef
    priorityOf: URIRef
    hasActivity: URIRef
    activityOf: URIRef
    involvedAgent: URIRef
    leadEntity: URIRef
    participant: URIRef
    observer: URIRef
    involvedIn: URIRef
    leads: URIRef
    participatesIn: URIRef
    observes: URIRef
    addressesObjective: URIRef
    addressedBy: URIRef
    thematicArea: URIRef
    promotesPrinciple: URIRef
    contributesToSDG: URIRef
    timeline: URIRef
    representation: URIRef
    representedAgent: URIRef
    representative: URIRef
    relatedEvent: URIRef
    sourcePassage: URIRef
    # datatype properties
    objectivesStatement: URIRef
    participantsQualifier: URIRef
    scheduleStatement: URIRef
    firstLine: URIRef
    lastLine: URIRef
    sha256: URIRef


SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
SDG = Namespace("http://metadata.un.org/sdg/")
UNBIS = Namespace("http://metadata.un.org/thesaurus/")
WD = Namespace("http://www.wikidata.org/entity/")
PPLAN = Namespace("http://purl.org/net/p-plan#")
VANN = Namespace("http://purl.org/vocab/vann/")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "gcm": str(GCM._NS),
    "id": str(ID),
    "workplan": str(ID) + "workplan/",
    "priority": str(ID) + "priority/",
    "activity": str(ID) + "activity/",
    "agent": str(ID) + "agent/",
    "objective": str(ID) + "gcm-objective/",
    "principle": str(ID) + "guiding-principle/",
    "area": str(ID) + "thematic-area/",
    "event": str(ID) + "event/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "org": str(ORG),
    "prov": str(PROV),
    "p-plan": str(PPLAN),
    "time": str(TIME),
    "sdg": str(SDG),
    "sdgo": str(SDGO),
    "unbis": str(UNBIS),
    "wd": str(WD),
    "vann": str(VANN),
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
    "sd": str(SD),
    "schema": str(SCHEMA),
}
"""Prefix → namespace, in the order shown to users (SPARQL UI, README, exports).

A prefixed name cannot contain "/", so each kind of resource has its own prefix
(``agent:iom``, ``priority:core-2-1``, ``objective:13``); activities, whose keys have a slash,
are written in full or with an escaped slash (``activity:core-1\\/2``)."""


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every project prefix on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph


def sparql_prologue(prefixes: dict[str, str] | None = None) -> str:
    """``PREFIX`` declarations for ``prefixes`` (all of ours by default), one per line."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or PREFIXES).items())
