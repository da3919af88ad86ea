"""The benchmark's query mix: questions a migration-governance researcher asks of the workplans.

Every query declares its prefixes (rdflib-endpoint predeclares none) and reads the default graph,
the union of the named graphs on every engine. ``heavy`` marks the queries whose time is the
engine's rather than the protocol's (aggregates, scans): the target of being within 1.3× of the
engine's in-process time is about them.
"""

from __future__ import annotations

from dataclasses import dataclass

PROLOGUE = """PREFIX gcm: <https://w3id.org/gcm-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX time: <http://www.w3.org/2006/time#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
ACTIVITY = "https://w3id.org/gcm-kg/id/activity/2021-2022/core-1/1"
PRIORITY = "https://w3id.org/gcm-kg/id/priority/2021-2022/core-1"


@dataclass(frozen=True)
class BenchQuery:
    name: str
    kind: str
    """lookup, aggregate, date-range, text-filter, construct or negation."""
    text: str
    heavy: bool = False
    over_http: bool = True
    """False for a query too slow to run repeatedly over HTTP (it is measured in-process)."""

    @property
    def query(self) -> str:
        return PROLOGUE + self.text


def lookup_of(activity: str) -> str:
    return PROLOGUE + f"SELECT ?label WHERE {{ <{activity}> skos:prefLabel ?label }}"


MIX: tuple[BenchQuery, ...] = (
    BenchQuery("lookup", "lookup", f"SELECT ?label WHERE {{ <{ACTIVITY}> skos:prefLabel ?label }}"),
    BenchQuery(
        "partners",
        "aggregate",
        """SELECT ?other (COUNT(DISTINCT ?activity) AS ?shared) WHERE {
  ?activity gcm:leadEntity <https://w3id.org/gcm-kg/id/agent/org-1> ; gcm:participant ?other .
} GROUP BY ?other ORDER BY DESC(?shared) ?other LIMIT 20""",
        heavy=True,
    ),
    BenchQuery(
        "co-participation",
        "aggregate",
        """SELECT ?a ?b (COUNT(DISTINCT ?activity) AS ?shared) WHERE {
  ?activity a gcm:Activity ; gcm:leadEntity ?a ; gcm:participant ?b .
  FILTER(?a != ?b)
} GROUP BY ?a ?b ORDER BY DESC(?shared) ?a ?b LIMIT 20""",
        heavy=True,
    ),
    BenchQuery(
        "objective-coverage",
        "aggregate",
        """SELECT ?objective (COUNT(DISTINCT ?priority) AS ?priorities)
       (COUNT(DISTINCT ?activity) AS ?activities) WHERE {
  ?objective a gcm:GCMObjective .
  OPTIONAL { ?priority gcm:addressesObjective ?objective .
             OPTIONAL { ?priority gcm:hasActivity ?activity } }
} GROUP BY ?objective ORDER BY ?objective""",
        heavy=True,
    ),
    BenchQuery(
        "due-in-quarter",
        "date-range",
        """SELECT ?activity ?due WHERE {
  ?activity a gcm:Activity ; gcm:timeline ?interval .
  ?interval time:hasEnd ?end . ?end time:inXSDDate ?due .
  FILTER(?due >= "2021-10-01"^^xsd:date && ?due <= "2021-12-31"^^xsd:date)
} ORDER BY ?due ?activity""",
        heavy=True,
    ),
    BenchQuery(
        "text-filter",
        "text-filter",
        """SELECT ?activity ?label WHERE {
  ?activity a gcm:Activity ; skos:prefLabel ?label .
  FILTER(LANG(?label) = "es" && CONTAINS(LCASE(STR(?label)), "retorno"))
} ORDER BY ?activity LIMIT 100""",
        heavy=True,
    ),
    BenchQuery(
        "priority-construct",
        "construct",
        f"""CONSTRUCT {{ <{PRIORITY}> ?p ?o . ?activity ?ap ?ao }} WHERE {{
  {{ <{PRIORITY}> ?p ?o }} UNION
  {{ <{PRIORITY}> gcm:hasActivity ?activity . ?activity ?ap ?ao }}
}}""",
    ),
    BenchQuery(
        "unscheduled-not-exists",
        "negation",
        """SELECT (COUNT(?activity) AS ?n) WHERE {
  ?activity a gcm:Activity .
  FILTER NOT EXISTS { ?activity gcm:timeline/time:hasEnd/time:inXSDDate ?due }
}""",
        heavy=True,
        over_http=False,
    ),
    BenchQuery(
        "unscheduled-minus",
        "negation",
        """SELECT (COUNT(?activity) AS ?n) WHERE {
  ?activity a gcm:Activity .
  MINUS { ?activity gcm:timeline/time:hasEnd/time:inXSDDate ?due }
}""",
        heavy=True,
    ),
)
"""The mix; the last two ask the same question, the second as the rewrite the first needs."""

BY_NAME = {q.name: q for q in MIX}
