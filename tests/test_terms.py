"""The plain-string vocabularies of :mod:`gcm_kg.terms` against rdflib's and the ontology."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import namespace as rdflib_ns

from gcm_kg import namespaces, terms

Select = Callable[[str], list[dict[str, str]]]

W3C = [
    (terms.RDF, rdflib_ns.RDF),
    (terms.RDFS, rdflib_ns.RDFS),
    (terms.OWL, rdflib_ns.OWL),
    (terms.XSD, rdflib_ns.XSD),
    (terms.SKOS, rdflib_ns.SKOS),
    (terms.DCTERMS, rdflib_ns.DCTERMS),
    (terms.FOAF, rdflib_ns.FOAF),
    (terms.ORG, rdflib_ns.ORG),
    (terms.PROV, rdflib_ns.PROV),
    (terms.TIME, rdflib_ns.TIME),
    (terms.VOID, rdflib_ns.VOID),
    (terms.DCAT, rdflib_ns.DCAT),
    (terms.SH, rdflib_ns.SH),
]


@pytest.mark.parametrize(("ours", "theirs"), W3C, ids=lambda v: str(v).rsplit("/", 2)[-2])
def test_w3c_namespaces_are_rdflibs(ours: terms.Vocabulary, theirs: object) -> None:
    assert str(ours) == str(theirs)


@pytest.mark.parametrize(
    ("vocabulary", "name"),
    [
        (terms.DCTERMS, "title"),
        (terms.DCTERMS, "format"),
        (terms.VOID, "count"),
        (terms.SKOS, "index"),
        (terms.FOAF, "title"),
        (terms.DCTERMS, "replace"),
    ],
)
def test_a_term_named_like_a_string_method_is_an_iri(
    vocabulary: terms.Vocabulary, name: str
) -> None:
    assert getattr(vocabulary, name) == str(vocabulary) + name
    assert vocabulary[name] == str(vocabulary) + name


def test_a_misspelt_gcm_term_is_an_error() -> None:
    assert terms.GCM.Activity == "https://w3id.org/gcm-kg/ontology#Activity"
    with pytest.raises(AttributeError, match="Activty"):
        _ = terms.GCM.Activty


def test_gcm_terms_are_the_ontologys(select: Select) -> None:
    rows = select(
        """SELECT ?term WHERE { GRAPH <https://w3id.org/gcm-kg/graph/ontology> {
             ?term a ?kind FILTER(STRSTARTS(STR(?term), "https://w3id.org/gcm-kg/ontology#")) } }"""
    )
    declared = {row["term"].removeprefix(str(terms.GCM)) for row in rows}
    assert set(terms.GCM_TERMS) == declared


def test_rdflib_namespaces_are_built_from_the_same_iris() -> None:
    assert str(namespaces.GCM.Activity) == terms.GCM.Activity
    assert str(namespaces.ID) == str(terms.ID)
    assert namespaces.PREFIXES is terms.PREFIXES
