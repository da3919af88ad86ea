"""The inferred graph: roles inherited from priorities, subclasses, inverses."""

from __future__ import annotations

from collections.abc import Callable

Select = Callable[[str], list[dict[str, str]]]
INFERRED = "https://w3id.org/gcm-kg/graph/inferred"


def test_activity_inherits_the_roles_of_its_priority(select: Select) -> None:
    rows = select(f"SELECT ?a WHERE {{ GRAPH <{INFERRED}> {{ ?a gcm:leadEntity agent:iom }} }}")
    inherited = {r["a"].split("/id/")[1] for r in rows}
    assert {
        "activity/core-1/1",
        "activity/core-1/2",
        "activity/core-1/3",
        "activity/core-2-2/4",
    } <= inherited
    # stated directly, not inherited
    assert "activity/thematic-2/2" not in inherited


def test_inherited_roles_are_only_in_the_inferred_graph(select: Select) -> None:
    rows = select(
        "SELECT ?g WHERE { GRAPH ?g { <https://w3id.org/gcm-kg/id/activity/core-1/1> gcm:leadEntity agent:iom } }"
    )
    assert [r["g"] for r in rows] == [INFERRED]


def test_inverses_and_superclasses(select: Select) -> None:
    assert select(
        "SELECT ?p WHERE { <https://w3id.org/gcm-kg/id/activity/core-1/1> gcm:activityOf ?p }"
    )[0]["p"].endswith("priority/core-1")
    assert select("SELECT ?w WHERE { priority:core-1 gcm:priorityOf ?w }")[0]["w"].endswith(
        "workplan/2021-2022"
    )
    leads = {r["x"] for r in select("SELECT ?x WHERE { agent:iom gcm:leads ?x }")}
    assert any(x.endswith("priority/core-1") for x in leads)
    assert select("SELECT ?c WHERE { agent:iom a org:Organization BIND(1 AS ?c) }")
    assert select("SELECT ?c WHERE { priority:core-1 a gcm:Priority BIND(1 AS ?c) }")
    involved = select(
        "SELECT ?x WHERE { <https://w3id.org/gcm-kg/id/activity/core-1/1> gcm:involvedAgent ?x }"
    )
    assert len(involved) == 12  # IOM and the 11 participants of core priority 1
