"""The ontology's own quality, in SPARQL: every term defined, labelled and used as declared."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Select = Callable[[str], list[dict[str, str]]]
ONTOLOGY = "https://w3id.org/gcm-kg/graph/ontology"
GCM = "https://w3id.org/gcm-kg/ontology#"

CONTRACT = [
    "Workplan",
    "Priority",
    "CorePriority",
    "WorkingGroupPriority",
    "ThematicPriority",
    "Activity",
    "GCMObjective",
    "GuidingPrinciple",
    "ThematicArea",
    "hasPriority",
    "hasActivity",
    "leadEntity",
    "participant",
    "observer",
    "addressesObjective",
    "thematicArea",
    "contributesToSDG",
    "timeline",
]


@pytest.mark.parametrize("term", CONTRACT)
def test_contract_term_is_defined(select: Select, term: str) -> None:
    rows = select(f"SELECT ?t WHERE {{ GRAPH <{ONTOLOGY}> {{ <{GCM}{term}> a ?t }} }}")
    assert rows, term


def test_every_term_has_labels_definition_and_is_defined_by(select: Select) -> None:
    rows = select(
        f"""SELECT ?term WHERE {{ GRAPH <{ONTOLOGY}> {{
              ?term a ?kind FILTER(STRSTARTS(STR(?term), "{GCM}"))
              FILTER NOT EXISTS {{
                ?term rdfs:label ?en FILTER(LANG(?en) = 'en')
                ?term rdfs:label ?es FILTER(LANG(?es) = 'es')
                ?term skos:definition ?d .
                ?term rdfs:isDefinedBy <https://w3id.org/gcm-kg/ontology>
              }} }} }}"""
    )
    assert rows == []


def test_every_gcm_term_used_in_the_data_is_defined(select: Select) -> None:
    rows = select(
        f"""SELECT DISTINCT ?term WHERE {{
              GRAPH ?g {{ {{ ?s ?term ?o }} UNION {{ ?s a ?term }} }}
              FILTER(?g != <{ONTOLOGY}> && STRSTARTS(STR(?term), "{GCM}"))
              FILTER NOT EXISTS {{ GRAPH <{ONTOLOGY}> {{ ?term a ?kind }} }} }}"""
    )
    assert rows == []


def test_ontology_metadata(select: Select) -> None:
    rows = select(
        f"""SELECT ?p WHERE {{ GRAPH <{ONTOLOGY}> {{ <https://w3id.org/gcm-kg/ontology> ?p ?o }} }}"""
    )
    predicates = {r["p"] for r in rows}
    for needed in (
        "http://purl.org/dc/terms/title",
        "http://purl.org/dc/terms/description",
        "http://www.w3.org/2002/07/owl#versionIRI",
        "http://www.w3.org/2002/07/owl#versionInfo",
        "http://purl.org/dc/terms/license",
        "http://purl.org/dc/terms/creator",
        "http://purl.org/vocab/vann/preferredNamespacePrefix",
    ):
        assert needed in predicates, needed


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("predicate", ["rdfs:label", "skos:definition"])
def test_every_term_is_labelled_and_defined_in_both_languages(
    select: Select, predicate: str, lang: str
) -> None:
    rows = select(
        f"""SELECT ?term WHERE {{ GRAPH <{ONTOLOGY}> {{
              ?term rdfs:isDefinedBy <https://w3id.org/gcm-kg/ontology>
              FILTER NOT EXISTS {{ ?term {predicate} ?text FILTER(LANG(?text) = '{lang}') }}
            }} }}"""
    )
    assert [r["term"] for r in rows] == []


@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_comment_is_in_both_languages(select: Select, lang: str) -> None:
    rows = select(
        f"""SELECT DISTINCT ?subject WHERE {{ GRAPH <{ONTOLOGY}> {{
              ?subject rdfs:comment ?any
              FILTER NOT EXISTS {{ ?subject rdfs:comment ?text FILTER(LANG(?text) = '{lang}') }}
            }} }}"""
    )
    assert [r["subject"] for r in rows] == []
