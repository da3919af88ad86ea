"""The project's IRIs as plain strings: its base, its prefixes and the terms of each vocabulary.

The server and the query process work on pyoxigraph terms and SPARQL text, and need IRIs only
as strings; this module gives them without importing rdflib (about 6 MB and a tenth of a second
in every web process). :mod:`gcm_kg.namespaces` builds rdflib's namespaces from the same IRIs
for the code that makes graphs with rdflib.

Attribute access gives a term's IRI (``GCM.Activity``, ``VOID["class"]``); the gcm-kg ontology
is closed, so a misspelt term of it raises ``AttributeError`` instead of minting a new IRI.
"""

from __future__ import annotations

BASE = "https://w3id.org/gcm-kg/"
"""The base of every IRI we mint (docs/data-model.md)."""


class Vocabulary:
    """A namespace IRI whose attributes and string items are the IRIs of its terms.

    Not a ``str``: a term named like a method of ``str`` (``dcterms:title``, ``dcterms:format``)
    would be that method. ``str(vocabulary)`` is the namespace IRI, and ``vocabulary + "x"`` a
    string."""

    __slots__ = ("_iri",)

    def __init__(self, iri: str) -> None:
        self._iri = iri

    def _term(self, name: str) -> str:
        return self._iri + name

    def __getattr__(self, name: str) -> str:
        if name.startswith("_"):
            raise AttributeError(name)
        return self._term(name)

    def __getitem__(self, name: str) -> str:
        return self._term(name)

    def __add__(self, other: str) -> str:
        return self._iri + other

    def __str__(self) -> str:
        return self._iri

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._iri!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Vocabulary) and other._iri == self._iri

    def __hash__(self) -> int:
        return hash(self._iri)


class ClosedVocabulary(Vocabulary):
    """A vocabulary whose terms are listed: any other name raises ``AttributeError``."""

    __slots__ = ("_terms",)

    def __init__(self, iri: str, terms: tuple[str, ...]) -> None:
        super().__init__(iri)
        self._terms = frozenset(terms)

    def _term(self, name: str) -> str:
        if name not in self._terms:
            raise AttributeError(f"term {name!r} not in namespace {self._iri!r}")
        return self._iri + name


GCM_TERMS: tuple[str, ...] = (
    # classes
    "Workplan",
    "Priority",
    "CorePriority",
    "WorkingGroupPriority",
    "ThematicPriority",
    "Activity",
    "GCMObjective",
    "GuidingPrinciple",
    "ThematicArea",
    "Schedule",
    "Deadline",
    "Continuation",
    "OpenEndedSchedule",
    "UNEntity",
    "IntergovernmentalOrganization",
    "CivilSocietyOrganization",
    "AcademicInstitution",
    "Partnership",
    "AgentGroup",
    "MandateHolder",
    "Representation",
    "Event",
    "SourceDocument",
    "SourcePassage",
    # object properties
    "hasPriority",
    "priorityOf",
    "hasActivity",
    "activityOf",
    "involvedAgent",
    "leadEntity",
    "participant",
    "observer",
    "involvedIn",
    "leads",
    "participatesIn",
    "observes",
    "addressesObjective",
    "addressedBy",
    "thematicArea",
    "promotesPrinciple",
    "contributesToSDG",
    "timeline",
    "representation",
    "representedAgent",
    "representative",
    "representativeAgent",
    "representsIn",
    "continues",
    "relatedEvent",
    "sourcePassage",
    "namedIn",
    "wikidataEvidence",
    "homepageEvidence",
    "iriEvidence",
    # datatype properties
    "objectivesStatement",
    "participantsQualifier",
    "scheduleStatement",
    "dueBy",
    "membersListed",
    "firstLine",
    "lastLine",
    "sha256",
    "evidenceNote",
    # annotation properties
    "emptyRoleList",
)
"""Every term of the gcm-kg ontology (``ontology/gcm.ttl`` declares each, as
``tests/test_terms.py`` checks)."""

GCM = ClosedVocabulary(BASE + "ontology#", GCM_TERMS)
ID = Vocabulary(BASE + "id/")
GRAPH = Vocabulary(BASE + "graph/")
ONTOLOGY_IRI = BASE + "ontology"

RDF = Vocabulary("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Vocabulary("http://www.w3.org/2000/01/rdf-schema#")
OWL = Vocabulary("http://www.w3.org/2002/07/owl#")
XSD = Vocabulary("http://www.w3.org/2001/XMLSchema#")
SKOS = Vocabulary("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Vocabulary("http://purl.org/dc/terms/")
FOAF = Vocabulary("http://xmlns.com/foaf/0.1/")
ORG = Vocabulary("http://www.w3.org/ns/org#")
PROV = Vocabulary("http://www.w3.org/ns/prov#")
PPLAN = Vocabulary("http://purl.org/net/p-plan#")
TIME = Vocabulary("http://www.w3.org/2006/time#")
SDG = Vocabulary("http://metadata.un.org/sdg/")
SDGO = Vocabulary("http://metadata.un.org/sdg/ontology#")
UNBIS = Vocabulary("http://metadata.un.org/thesaurus/")
WD = Vocabulary("http://www.wikidata.org/entity/")
VANN = Vocabulary("http://purl.org/vocab/vann/")
VOID = Vocabulary("http://rdfs.org/ns/void#")
DCAT = Vocabulary("http://www.w3.org/ns/dcat#")
SH = Vocabulary("http://www.w3.org/ns/shacl#")
SD = Vocabulary("http://www.w3.org/ns/sparql-service-description#")
SCHEMA = Vocabulary("https://schema.org/")

PREFIXES: dict[str, str] = {
    "gcm": str(GCM),
    "id": str(ID),
    "workplan": ID + "workplan/",
    "priority": ID + "priority/",
    "activity": ID + "activity/",
    "agent": ID + "agent/",
    "objective": ID + "gcm-objective/",
    "principle": ID + "guiding-principle/",
    "area": ID + "thematic-area/",
    "event": ID + "event/",
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


def sparql_prologue(prefixes: dict[str, str] | None = None) -> str:
    """``PREFIX`` declarations for ``prefixes`` (all of ours by default), one per line."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or PREFIXES).items())
