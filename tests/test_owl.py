"""OWL consistency with HermiT (run by owlready2): the shipped data is consistent, an inconsistency
is reported with the individuals it involves, and the inferred graph the build writes without a
reasoner holds what the reasoner infers."""

from __future__ import annotations

import owlready2
import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import FOAF, OWL, RDF

from gcm_kg import owl
from gcm_kg.namespaces import GCM, PREFIXES
from gcm_kg.paths import Layout
from gcm_kg.sources import merge, read_folder, read_turtle

ID = "https://w3id.org/gcm-kg/id/"
OWL_TIME = "http://www.w3.org/2006/time#"
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())


def _triples(turtle: str) -> Graph:
    return Graph().parse(data=TURTLE_PREFIXES + turtle, format="turtle")


@pytest.fixture(scope="module")
def ontology(layout: Layout) -> Graph:
    return read_turtle(layout.ontology_file).graph


@pytest.fixture(scope="module")
def data(layout: Layout) -> Graph:
    return merge(read_folder(layout.data_dir))


@pytest.fixture(scope="module")
def agents(layout: Layout) -> Graph:
    """The agents alone: enough for the reasoner to judge what is said about them."""
    return read_turtle(layout.data_dir / "agents.ttl").graph


def test_the_shipped_data_is_consistent(layout: Layout, ontology: Graph, data: Graph) -> None:
    before = sorted(p.name for p in layout.root.iterdir())
    report = owl.check(ontology, data)
    assert report.consistent, [c.message("en") for c in report.clashes]
    assert report.seconds < 60
    # HermiT's input goes to the system's temporary folder, never beside the data
    assert sorted(p.name for p in layout.root.iterdir()) == before


@pytest.mark.parametrize(
    ("mistake", "individuals", "classes"),
    [
        (  # an agent given a second, disjoint kind
            "agent:iom a gcm:CivilSocietyOrganization .",
            {ID + "agent/iom"},
            {GCM.UNEntity, GCM.CivilSocietyOrganization},
        ),
        (  # a value that breaks a range: an agent as an activity's schedule
            "<https://w3id.org/gcm-kg/id/activity/core-1/1> gcm:timeline agent:iom .",
            {ID + "agent/iom", ID + "activity/core-1/1"},
            {FOAF.Agent, URIRef(OWL_TIME + "TemporalEntity")},
        ),
    ],
    ids=["two-disjoint-kinds", "range-of-timeline"],
)
def test_individuals_in_disjoint_classes_are_named(
    ontology: Graph, agents: Graph, mistake: str, individuals: set[str], classes: set[URIRef]
) -> None:
    report = owl.check(ontology, agents + _triples(mistake))
    assert not report.consistent
    assert report.confirmed  # HermiT finds the named statements inconsistent on their own
    (clash,) = report.clashes
    assert set(clash.classes) == classes
    assert {str(i) for i in clash.individuals} == individuals
    assert "disjoint" in clash.message("en") and "disjuntas" in clash.message("es")


def test_explanation_follows_same_as(ontology: Graph, agents: Graph) -> None:
    """No reasoner needed: two agents of disjoint kinds given the same Wikidata item are one."""
    (clash,) = owl.explain(ontology, agents + _triples("agent:picum owl:sameAs wd:Q472311 ."))
    assert set(clash.classes) == {GCM.UNEntity, GCM.CivilSocietyOrganization}
    assert {str(i) for i in clash.individuals} == {ID + "agent/iom", ID + "agent/picum"}
    assert len(clash.same_as) == 2 and "owl:sameAs wd:Q472311" in clash.message("en")


def test_explanation_follows_inverse_properties(ontology: Graph) -> None:
    """No reasoner needed: ``gcm:addressedBy`` is the inverse of ``gcm:addressesObjective``."""
    clashes = owl.explain(
        ontology, _triples("area:1 a gcm:ThematicArea ; gcm:addressedBy priority:core-1 .")
    )
    (clash,) = [c for c in clashes if c.individual == URIRef(ID + "thematic-area/1")]
    assert set(clash.classes) == {GCM.ThematicArea, GCM.GCMObjective}
    assert clash.sources[1].via == GCM.addressesObjective


def test_minimise_finds_the_smallest_failing_subset() -> None:
    calls: list[int] = []

    def fails(items: object) -> bool:
        calls.append(1)
        assert isinstance(items, list)
        return 3 in items and 17 in items

    assert owl.minimise(list(range(300)), fails, budget=100) == ([3, 17], True)
    assert len(calls) <= 100
    subset, minimal = owl.minimise(list(range(300)), fails, budget=5)
    assert not minimal and {3, 17} <= set(subset)


def test_without_java_the_check_says_so(
    ontology: Graph, agents: Graph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-here")
    with pytest.raises(owl.ReasonerUnavailable, match="--no-owl") as raised:
        owl.check(ontology, agents)
    assert raised.value.exit_code == 2


# --- what the reasoner infers is in the inferred graph ---------------------------------------


def _sample(data: Graph) -> tuple[Graph, list[URIRef]]:
    """Core priorities 1 and 2.1 with their activities, schedules and representations, the
    workplan and the agents, and the individuals whose every statement the sample holds (the
    agents' are not all there)."""
    keep = {URIRef(ID + "workplan/2021-2022")}
    priorities = [URIRef(ID + "priority/core-1"), URIRef(ID + "priority/core-2-1")]
    activities = [a for p in priorities for a in data.objects(p, GCM.hasActivity)]
    schedules = [s for a in activities for s in data.objects(a, GCM.timeline)]
    representations = [r for p in priorities for r in data.objects(p, GCM.representation)]
    keep |= {*priorities, *activities, *schedules, *representations}
    sample = Graph()
    for s, p, o in data:
        if s in keep or str(s).startswith(ID + "agent/"):
            sample.add((s, p, o))
    return sample, [*priorities, *activities, *schedules]


def _named(values: object) -> set[str]:
    items = values if isinstance(values, list) else [values]
    return {v.iri for v in items if getattr(v, "iri", "").startswith(ID)}


def test_the_inferred_graph_holds_what_the_reasoner_infers(
    ontology: Graph, data: Graph, store: ox.Store
) -> None:
    """For a sample of individuals: HermiT's classes and object property values (inverses,
    super-properties, roles inherited through the property chains) are exactly those of the
    built graph (asserted and inferred), apart from owl:sameAs copies on Wikidata items."""
    sample, individuals = _sample(data)
    world = owl.reasoned_world(ontology + sample, property_values=True)
    classes = {str(c) for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    properties = [
        p for p in world.object_properties() if p.iri.startswith((str(GCM._NS), OWL_TIME))
    ]
    assert len(properties) > 20
    compared = 0
    for iri in individuals:
        individual = world[str(iri)]
        reasoned_types = {c.iri for c in individual.INDIRECT_is_a if getattr(c, "iri", "")}
        built_types = {str(o) for o in _objects(store, iri, RDF.type)}
        assert reasoned_types & classes == built_types & classes, iri
        for prop in properties:
            reasoned = _named(getattr(individual, "INDIRECT_" + prop.python_name))
            built = {v for v in _objects(store, iri, URIRef(prop.iri)) if v.startswith(ID)}
            assert reasoned == built, (iri, prop.iri)
            compared += len(built)
    # roles inherited from priority to activity (the property chains), and their inverses
    assert ID + "agent/iom" in _named(world[ID + "activity/core-1/1"].INDIRECT_leadEntity)
    iom = world[ID + "agent/iom"]
    assert _named(iom.INDIRECT_leads) <= {
        str(o) for o in _objects(store, URIRef(iom.iri), GCM.leads)
    }
    assert ID + "activity/core-2-1/3" in _named(iom.INDIRECT_leads)
    # representation implies involvement, in the priority and its activities
    mfa = _named(world[ID + "agent/mfa"].INDIRECT_involvedIn)
    assert {ID + "priority/core-2-1", ID + "activity/core-2-1/3"} <= mfa
    assert compared > 200


def _objects(store: ox.Store, subject: URIRef, predicate: URIRef) -> set[str]:
    quads = store.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, None)
    return {q.object.value for q in quads if isinstance(q.object, ox.NamedNode)}
