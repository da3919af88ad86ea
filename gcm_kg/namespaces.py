"""Every namespace the project uses as rdflib namespaces, and the one place that binds prefixes.

The IRIs are :mod:`gcm_kg.terms`'s (the same as rdflib's own for the W3C vocabularies, a test
checks). Terms of our own ontology are a closed :class:`~rdflib.namespace.DefinedNamespace`, so a
misspelt term raises ``AttributeError`` instead of minting a new IRI.
"""

from __future__ import annotations

import types

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

from . import terms
from .terms import BASE, PREFIXES, sparql_prologue

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

ID = Namespace(str(terms.ID))
GRAPH = Namespace(str(terms.GRAPH))
ONTOLOGY_IRI = URIRef(terms.ONTOLOGY_IRI)

GCM: type[DefinedNamespace] = types.new_class(
    "GCM",
    (DefinedNamespace,),
    exec_body=lambda body: body.update(
        __doc__="The gcm-kg ontology, ``https://w3id.org/gcm-kg/ontology#``.",
        __annotations__=dict.fromkeys(terms.GCM_TERMS, URIRef),
        _fail=True,
        _NS=Namespace(str(terms.GCM)),
    ),
)
"""The gcm-kg ontology (its terms: :data:`gcm_kg.terms.GCM_TERMS`), closed."""

SDGO = Namespace(str(terms.SDGO))
SDG = Namespace(str(terms.SDG))
UNBIS = Namespace(str(terms.UNBIS))
WD = Namespace(str(terms.WD))
PPLAN = Namespace(str(terms.PPLAN))
VANN = Namespace(str(terms.VANN))
SD = Namespace(str(terms.SD))
SCHEMA = Namespace(str(terms.SCHEMA))


def bind_prefixes(graph: Graph) -> Graph:
    """Bind every project prefix on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, Namespace(namespace), override=True, replace=True)
    return graph
