"""Materialise the entailments researchers need without a reasoner, into the inferred graph.

Rules (each a SPARQL CONSTRUCT over the union of every graph, run to a fixed point):

* role inheritance: an activity carries the lead entities, participants and observers stated
  for its priority (the vocabulary contract), and the document's qualifier of those
  participants (``gcm:participantsQualifier``, "lucha contra el racismo");
* representation implies involvement: the representative of an agent named for a priority
  is its ``gcm:representativeAgent`` (and so, by the rules below, ``gcm:involvedIn`` it), and
  so of each of its activities — the ontology states this as two property chains;
* ``rdfs:subClassOf`` and ``rdfs:subPropertyOf`` closure for the classes and properties of the
  ontology graph (a ``gcm:CorePriority`` is a ``gcm:Priority``, a ``gcm:leadEntity`` is a
  ``gcm:involvedAgent``);
* ``owl:inverseOf``: ``gcm:leads``, ``gcm:activityOf``, ``gcm:addressedBy`` …;
* ``rdfs:domain`` and ``rdfs:range`` that name a class (not a union): the subject or value of a
  property is typed with them;
* ``owl:propertyChainAxiom`` of two properties (the ontology states role inheritance this way:
  ``gcm:activityOf`` then ``gcm:leadEntity`` is a ``gcm:leadEntity``), ``owl:SymmetricProperty``
  and ``owl:TransitiveProperty``.

These are the inferences of an OWL reasoner that a query needs (``tests/test_owl.py`` compares
them with HermiT's); the build needs no Java. ``owl:sameAs`` is not followed: copying every
statement about an agent onto its Wikidata item would say nothing new about the workplan.

Only triples that no graph asserts yet are added.
"""

from __future__ import annotations

import pyoxigraph as ox

from .store import GRAPH_INFERRED
from .terms import sparql_prologue

RULES: dict[str, str] = {
    "role inheritance": """
        CONSTRUCT { ?activity ?role ?agent }
        WHERE {
          VALUES ?role { gcm:leadEntity gcm:participant gcm:observer gcm:participantsQualifier }
          ?priority a gcm:Priority ; gcm:hasActivity ?activity ; ?role ?agent .
        }""",
    "subclass": """
        CONSTRUCT { ?x a ?super }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> { ?class rdfs:subClassOf ?super }
          FILTER(isIRI(?super))
          ?x a ?class .
        }""",
    "subproperty": """
        CONSTRUCT { ?s ?super ?o }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> { ?prop rdfs:subPropertyOf ?super }
          FILTER(isIRI(?super))
          ?s ?prop ?o .
        }""",
    "inverse": """
        CONSTRUCT { ?o ?inverse ?s }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> {
            { ?prop owl:inverseOf ?inverse } UNION { ?inverse owl:inverseOf ?prop }
          }
          ?s ?prop ?o .
          FILTER(isIRI(?o) || isBlank(?o))
        }""",
    "domain": """
        CONSTRUCT { ?s a ?class }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> { ?prop rdfs:domain ?class }
          FILTER(isIRI(?class))
          ?s ?prop ?o .
        }""",
    "range": """
        CONSTRUCT { ?o a ?class }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> { ?prop rdfs:range ?class }
          FILTER(isIRI(?class))
          ?s ?prop ?o .
          FILTER(isIRI(?o) || isBlank(?o))
        }""",
    "property chain": """
        CONSTRUCT { ?x ?prop ?z }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> {
            ?prop owl:propertyChainAxiom ?chain .
            ?chain rdf:first ?first ; rdf:rest ?rest .
            ?rest rdf:first ?second ; rdf:rest rdf:nil .
          }
          ?x ?first ?y .
          ?y ?second ?z .
        }""",
    "symmetric": """
        CONSTRUCT { ?o ?prop ?s }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> { ?prop a owl:SymmetricProperty }
          ?s ?prop ?o .
          FILTER(isIRI(?o) || isBlank(?o))
        }""",
    "transitive": """
        CONSTRUCT { ?a ?prop ?c }
        WHERE {
          GRAPH <https://w3id.org/gcm-kg/graph/ontology> { ?prop a owl:TransitiveProperty }
          ?a ?prop ?b .
          ?b ?prop ?c .
        }""",
}


def infer(store: ox.Store, *, max_rounds: int = 10) -> int:
    """Add the entailments of :data:`RULES` to the inferred graph; return how many were added."""
    prologue = sparql_prologue()
    added = 0
    for _ in range(max_rounds):
        new: set[ox.Triple] = set()
        for query in RULES.values():
            result = store.query(prologue + query, use_default_graph_as_union=True)
            assert isinstance(result, ox.QueryTriples)
            for triple in result:
                if not _asserted(store, triple):
                    new.add(triple)
        if not new:
            return added
        store.extend(ox.Quad(t.subject, t.predicate, t.object, GRAPH_INFERRED) for t in new)
        added += len(new)
    raise RuntimeError(f"inference did not reach a fixed point in {max_rounds} rounds")


def _asserted(store: ox.Store, triple: ox.Triple) -> bool:
    quads = store.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)
    return next(iter(quads), None) is not None
