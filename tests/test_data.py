"""The built graph against the document: counts, and spot checks of every section."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from gcm_kg.document import strip_markup

Select = Callable[[str], list[dict[str, str]]]
ID = "https://w3id.org/gcm-kg/id/"


def values(select: Select, query: str, var: str = "x") -> set[str]:
    return {r[var] for r in select(query) if var in r}


def local(iris: set[str], kind: str) -> set[str]:
    return {i.removeprefix(f"{ID}{kind}/") for i in iris}


@pytest.mark.parametrize(
    ("cls", "count"),
    [
        ("gcm:Priority", 16),
        ("gcm:CorePriority", 6),
        ("gcm:WorkingGroupPriority", 3),
        ("gcm:ThematicPriority", 7),
        ("gcm:Activity", 59),
        ("gcm:GCMObjective", 23),
        ("gcm:GuidingPrinciple", 10),
        ("gcm:ThematicArea", 5),
        ("sdgo:Goal", 17),
        ("foaf:Agent", 100),
        ("org:Organization", 92),
        ("org:OrganizationalUnit", 12),
        ("gcm:Partnership", 1),
        ("foaf:Person", 4),
        ("gcm:AgentGroup", 4),
        ("gcm:Event", 8),
        ("gcm:Representation", 2),
        ("gcm:Workplan", 1),
    ],
)
def test_counts(select: Select, cls: str, count: int) -> None:
    n = select(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}")[0]["n"]
    assert int(n) == count


def test_priorities_belong_to_the_workplan(select: Select) -> None:
    rows = select(
        "SELECT ?p WHERE { <https://w3id.org/gcm-kg/id/workplan/2021-2022> gcm:hasPriority ?p }"
    )
    assert len(rows) == 16


@pytest.mark.parametrize(
    ("node", "prop", "expected"),
    [
        ("priority/core-1", "gcm:leadEntity", {"iom"}),
        ("priority/core-2-1", "gcm:leadEntity", {"iom", "undp"}),
        ("priority/core-2-2", "gcm:leadEntity", {"iom", "ohchr", "undp"}),
        ("priority/wg-alternatives-to-detention", "gcm:leadEntity", {"idc", "unhcr", "unicef"}),
        (
            "priority/wg-alternatives-to-detention",
            "gcm:observer",
            {"global-detention-project", "icrc"},
        ),
        ("priority/wg-regular-pathways", "gcm:leadEntity", {"act-alliance", "aprrn", "ohchr"}),
        ("priority/wg-return-reintegration", "gcm:leadEntity", {"ohchr", "iom", "unicef"}),
        (
            "priority/thematic-6",
            "gcm:participant",
            {"afford", "civil-society-action-committee", "quno"},
        ),
        (
            "priority/thematic-7",
            "gcm:participant",
            {"un-women", "gender-hub", "wimn", "iom", "unicef"},
        ),
        ("activity/thematic-1/1", "gcm:participant", {"executive-committee-members"}),
        ("activity/thematic-1/3", "gcm:leadEntity", {"who", "un-habitat"}),
        ("activity/thematic-1/5", "gcm:leadEntity", {"iom", "undp", "who", "ilo"}),
        ("activity/thematic-2/1", "gcm:leadEntity", {"iom", "undp", "un-desa"}),
        ("activity/thematic-3/1", "gcm:participant", {"remittance-task-force-members"}),
        ("activity/thematic-4/1", "gcm:leadEntity", {"unfccc", "iom"}),
        ("activity/thematic-5/2", "gcm:leadEntity", {"unodc", "iom"}),
    ],
)
def test_roles_as_stated(select: Select, node: str, prop: str, expected: set[str]) -> None:
    query = f"SELECT ?x WHERE {{ GRAPH <https://w3id.org/gcm-kg/graph/workplan-2021-2022> {{ <{ID}{node}> {prop} ?x }} }}"
    assert local(values(select, query), "agent") == expected


def test_participant_lists_are_complete(select: Select) -> None:
    q = "SELECT ?x WHERE { GRAPH <https://w3id.org/gcm-kg/graph/workplan-2021-2022> { priority:wg-regular-pathways gcm:participant ?x } }"
    found = local(values(select, q), "agent")
    assert len(found) == 30
    assert {"kaldor-centre", "isim", "mmc", "imumi", "bloque-latinoamericano", "oxfam"} <= found


def test_activities_without_stated_roles_have_none_asserted(select: Select) -> None:
    q = "SELECT ?x WHERE { GRAPH <https://w3id.org/gcm-kg/graph/workplan-2021-2022> { <https://w3id.org/gcm-kg/id/activity/thematic-5/1> gcm:participant ?x } }"
    assert values(select, q) == set()


def test_one_network_despite_two_spellings(select: Select) -> None:
    q = "SELECT ?x WHERE { ?x skos:altLabel|skos:hiddenLabel ?l FILTER(STR(?l) IN ('APRRN', 'APRNN')) }"
    assert values(select, q) == {f"{ID}agent/aprrn"}
    q = "SELECT ?p WHERE { GRAPH <https://w3id.org/gcm-kg/graph/workplan-2021-2022> { ?p gcm:involvedAgent|gcm:leadEntity|gcm:participant ?a } FILTER(?a = agent:aprrn) }"
    assert local(values(select, q, "p"), "priority") == {
        "wg-alternatives-to-detention",
        "wg-regular-pathways",
        "wg-return-reintegration",
    }


def test_representations(select: Select) -> None:
    rows = select(
        "SELECT ?p ?r WHERE { ?p gcm:representation ?x . ?x gcm:representedAgent agent:civil-society-action-committee ; gcm:representative ?r }"
    )
    got = {
        (r["p"].removeprefix(f"{ID}priority/"), r["r"].removeprefix(f"{ID}agent/")) for r in rows
    }
    assert got == {("core-2-1", "mfa"), ("core-2-2", "alianza-americas"), ("core-2-2", "picum")}


def test_group_is_not_an_organisation(select: Select) -> None:
    classes = values(select, "SELECT ?x WHERE { agent:executive-committee-members a ?x }")
    assert "https://w3id.org/gcm-kg/ontology#AgentGroup" in classes
    assert "http://www.w3.org/ns/org#Organization" not in classes


@pytest.mark.parametrize(
    ("priority", "objectives", "statement"),
    [
        ("wg-alternatives-to-detention", {13, 7, 10}, "13, 7 y 10"),
        ("wg-regular-pathways", {5, 7}, "5 y 7"),
        ("wg-return-reintegration", {21, 7, 10, 12, 15, 16}, "21, 7, 10, 12, 15 y 16"),
        ("thematic-1", {15, 16, 19, 21}, "15, 16, 19 y 21"),
        ("thematic-2", set(range(1, 24)), "transversal"),
        ("thematic-3", {20}, "20"),
        ("thematic-4", {2, 7}, "2, 7"),
        ("thematic-5", {7, 9, 10, 11}, "7, 9, 10 y 11"),
        ("thematic-6", set(range(1, 24)), "todos"),
        ("thematic-7", set(range(1, 24)), "todos"),
        ("core-1", set(), None),
    ],
)
def test_objectives(
    select: Select, priority: str, objectives: set[int], statement: str | None
) -> None:
    found = values(
        select, f"SELECT ?x WHERE {{ <{ID}priority/{priority}> gcm:addressesObjective ?x }}"
    )
    assert {int(x.rsplit("/", 1)[1]) for x in found} == objectives
    stated = values(
        select, f"SELECT ?x WHERE {{ <{ID}priority/{priority}> gcm:objectivesStatement ?x }}"
    )
    assert stated == ({statement} if statement else set())


@pytest.mark.parametrize(
    ("priority", "area"),
    [
        ("wg-alternatives-to-detention", 2),
        ("wg-regular-pathways", 2),
        ("wg-return-reintegration", 3),
        ("thematic-1", 5),
        ("thematic-2", 4),
        ("thematic-3", 4),
        ("thematic-4", 2),
        ("thematic-5", 3),
        ("thematic-6", 1),
        ("thematic-7", 1),
    ],
)
def test_thematic_area(select: Select, priority: str, area: int) -> None:
    found = values(select, f"SELECT ?x WHERE {{ <{ID}priority/{priority}> gcm:thematicArea ?x }}")
    assert found == {f"{ID}thematic-area/{area}"}


@pytest.mark.parametrize(
    ("activity", "intervals"),
    [
        ("core-1/1", [("2021-01-01", "2022-12-31")]),
        ("core-2-1/1", [("2021-04-01", "2021-06-30")]),
        ("core-3/1", [("2021-01-01", "2022-03-31")]),
        ("core-3/3", [("2021-07-01", "2021-12-31"), ("2022-01-01", "2022-06-30")]),
        ("core-4/2", []),
        (
            "wg-alternatives-to-detention/2",
            [("", "2021-07-31"), ("2021-07-01", "2021-12-31")],
        ),
        ("thematic-1/1", [("2021-02-01", "2021-02-28")]),
        ("thematic-6/1", [("2021-01-01", "2021-03-31"), ("2022-04-01", "2022-06-30")]),
        ("thematic-6/2", [("2021-04-01", "")]),
        ("thematic-6/5", [("2021-01-01", "2022-12-31"), ("2022-01-01", "2022-06-30")]),
    ],
)
def test_schedules(select: Select, activity: str, intervals: list[tuple[str, str]]) -> None:
    """Beginning and end of each schedule; "" where the document states none."""
    rows = select(
        f"""SELECT ?b ?e WHERE {{ <{ID}activity/{activity}> gcm:timeline ?i .
              OPTIONAL {{ ?i time:hasBeginning/time:inXSDDate ?b }}
              OPTIONAL {{ ?i time:hasEnd/time:inXSDDate ?e }} }}"""
    )
    assert sorted((r.get("b", ""), r.get("e", "")) for r in rows) == sorted(intervals)


def test_schedule_kinds_and_wording(select: Select) -> None:
    rows = select(
        f"SELECT ?c ?l WHERE {{ <{ID}activity/wg-alternatives-to-detention/2> gcm:timeline ?i . ?i a ?c ; rdfs:label ?l FILTER(STRSTARTS(STR(?c), STR(gcm:)) && ?c != gcm:Schedule) }}"
    )
    assert {(r["c"].rsplit("#", 1)[1], r["l"]) for r in rows} == {
        ("Deadline", "julio de 2021 a más tardar"),
        ("Continuation", "continuación durante los trimestres tercero y cuarto"),
    }
    assert values(
        select, f"SELECT ?x WHERE {{ <{ID}activity/thematic-6/2> gcm:timeline/a ?x }}"
    ) >= {"https://w3id.org/gcm-kg/ontology#OpenEndedSchedule"}


def test_agents_have_both_languages_and_acronyms(select: Select) -> None:
    rows = select("SELECT ?l WHERE { agent:iom skos:prefLabel|skos:altLabel ?l }")
    assert {r["l"] for r in rows} == {
        "International Organization for Migration",
        "Organización Internacional para las Migraciones",
        "IOM",
        "OIM",
    }
    missing = select(
        """SELECT ?a WHERE { ?a a foaf:Agent .
             FILTER NOT EXISTS { ?a skos:prefLabel ?es FILTER(LANG(?es) = 'es') }
             FILTER NOT EXISTS { ?a skos:prefLabel ?en FILTER(LANG(?en) = 'en') } }"""
    )
    assert missing == []


def test_external_links_come_from_the_reference(select: Select, layout) -> None:  # type: ignore[no-untyped-def]
    from gcm_kg.reference import organizations

    qids = {
        r["wikidata_qid"] for r in organizations(layout.reference_dir).values() if r["wikidata_qid"]
    }
    linked = values(select, "SELECT ?x WHERE { ?a a foaf:Agent ; owl:sameAs|skos:closeMatch ?x }")
    assert {x.rsplit("/", 1)[1] for x in linked} == qids
    assert values(select, "SELECT ?x WHERE { agent:iom owl:sameAs ?x }") == {
        "http://www.wikidata.org/entity/Q472311"
    }
    assert values(select, "SELECT ?x WHERE { agent:oxfam skos:closeMatch ?x }") == {
        "http://www.wikidata.org/entity/Q267941"
    }
    assert values(select, "SELECT ?x WHERE { agent:oxfam owl:sameAs ?x }") == set()


def test_sdg_links_use_official_iris(select: Select) -> None:
    linked = values(select, "SELECT ?x WHERE { ?p gcm:contributesToSDG ?x }")
    assert linked and all(x.startswith("http://metadata.un.org/sdg/") for x in linked)
    labelled = values(
        select,
        "SELECT ?x WHERE { ?p gcm:contributesToSDG ?x . ?x skos:prefLabel ?l FILTER(LANG(?l) = 'es') }",
    )
    assert labelled == linked
    assert values(select, "SELECT ?x WHERE { priority:thematic-3 gcm:contributesToSDG ?x }") >= {
        "http://metadata.un.org/sdg/10.c"
    }


def test_every_priority_and_activity_is_traceable(select: Select, source_lines: list[str]) -> None:
    rows = select(
        """SELECT ?x ?label ?first ?last WHERE {
             { ?x a gcm:Priority } UNION { ?x a gcm:Activity }
             ?x skos:prefLabel ?label FILTER(LANG(?label) = 'es')
             ?x gcm:sourcePassage [ gcm:firstLine ?first ; gcm:lastLine ?last ] }"""
    )
    assert len(rows) == 16 + 59
    for row in rows:
        passage = " ".join(
            strip_markup(x) for x in source_lines[int(row["first"]) - 1 : int(row["last"])]
        )
        passage = " ".join(passage.split())
        assert row["label"] in passage, row["x"]


def test_activity_text_is_verbatim(select: Select, source_lines: list[str]) -> None:
    rows = select(
        "SELECT ?d WHERE { <https://w3id.org/gcm-kg/id/activity/core-2-1/1> dcterms:description ?d FILTER(LANG(?d) = 'es') }"
    )
    assert rows[0]["d"] == strip_markup(source_lines[102]).removeprefix("1. ")


@pytest.mark.parametrize(
    ("activity", "event"),
    [
        ("core-3/3", "imrf-2022"),
        ("thematic-4/1", "cop-26"),
        ("thematic-5/1", "ccpcj-30"),
        ("thematic-3/3", "idfr-2021"),
    ],
)
def test_events(select: Select, activity: str, event: str) -> None:
    assert f"{ID}event/{event}" in values(
        select, f"SELECT ?x WHERE {{ <{ID}activity/{activity}> gcm:relatedEvent ?x }}"
    )


def test_every_resource_has_a_spanish_and_english_label(select: Select) -> None:
    rows = select(
        """SELECT DISTINCT ?x WHERE {
             GRAPH ?g { ?x a ?c } FILTER(?g != <https://w3id.org/gcm-kg/graph/ontology> && ?g != <https://w3id.org/gcm-kg/graph/inferred>)
             FILTER(STRSTARTS(STR(?x), 'https://w3id.org/gcm-kg/id/'))
             FILTER NOT EXISTS { ?x skos:prefLabel ?es FILTER(LANG(?es) = 'es') ?x skos:prefLabel ?en FILTER(LANG(?en) = 'en') } }"""
    )
    assert rows == []
