"""What the charts draw and how pages name things, from shaped data (pure functions): timelines
by kind and priority in the document's order, each schedule drawn as what it is; the circular
collaboration chart's fixed order and legend; names in one language."""

from __future__ import annotations

from datetime import date

import pytest

from gcm_kg.terms import FOAF, GCM, ORG
from server.pages import naming
from server.pages.data import Activity, Agent, Priority, Schedule, agent_kind
from server.pages.model import Item
from server.pages.network import network_chart
from server.pages.timeline import bar_kind, date_text, timeline_chart

ID = "https://w3id.org/gcm-kg/id/"
CORE, WG, THEMATIC = str(GCM.CorePriority), str(GCM.WorkingGroupPriority), str(GCM.ThematicPriority)


def priority(
    key: str,
    kind: str,
    notation: str | None,
    line: int,
    es: str,
    en: str,
    alt_en: str | None = None,
) -> Priority:
    item = Item(f"{ID}priority/{key}", {"es": es, "en": en}, notation=notation)
    if alt_en:
        item.add_alt(alt_en, "en")
    return Priority(item, kind, line=line)


PRIORITIES = {
    p.item.iri: p
    for p in (
        priority("core-2-1", CORE, "2.1", 10, "Reforzar el sistema", "Strengthen the system"),
        priority("wg-detention", WG, None, 20, "Alternativas a la detención de inmigrantes", "Alternatives to immigration detention", "Alternatives to detention"),
        priority("thematic-1", THEMATIC, "1", 30, "Inclusión de los migrantes", "Inclusion of migrants"),
    )
}  # fmt: skip


def schedule(n: int, begin: date | None, end: date | None, kind: str | None = None) -> Schedule:
    return Schedule(
        f"{ID}schedule/x/{n}",
        "segundo trimestre de 2021",
        Item(f"{ID}schedule/x/{n}", {"en": "Q2 2021"}),
        begin,
        end,
        kind,
    )


def activity(key: str, notation: str, *schedules: Schedule) -> Activity:
    priority = f"{ID}priority/{key}"
    item = Item(
        f"{ID}activity/{key}/{notation}",
        {"es": f"Actividad {notation}", "en": f"Activity {notation}"},
        notation=notation,
    )
    return Activity(item, priority, list(schedules))


Q2 = (date(2021, 4, 1), date(2021, 6, 30))
NEW_KIND = str(GCM) + "SomeNewKind"
"""A kind of agent the ontology may gain and the pages do not know."""


@pytest.mark.parametrize(
    ("begin", "end", "kind", "drawn"),
    [
        (*Q2, None, "dated"),
        (None, date(2021, 7, 31), "deadline", "deadline"),
        (date(2021, 1, 1), date(2021, 7, 31), "deadline", "deadline"),
        (None, date(2021, 7, 31), None, "deadline"),
        (date(2021, 4, 1), None, "open-ended", "open-ended"),
        (date(2021, 4, 1), None, None, "open-ended"),
        (date(2021, 4, 1), date(2021, 9, 30), "open-ended", "open-ended"),
        (date(2021, 7, 1), date(2021, 12, 31), "continuation", "continuation"),
        (None, None, None, None),
    ],
)
def test_each_schedule_is_drawn_as_what_it_is(
    begin: date | None, end: date | None, kind: str | None, drawn: str | None
) -> None:
    assert bar_kind(schedule(1, begin, end, kind)) == drawn


def test_a_deadline_has_no_invented_beginning() -> None:
    chart = timeline_chart(
        [activity("core-2-1", "1", schedule(1, date(2021, 1, 1), date(2021, 7, 31), "deadline"))],
        PRIORITIES,
        "en",
        [],
    )
    (bar,) = chart["lines"][0]["bars"]
    assert bar["begin"] is None and bar["end"] == "2021-07-31" and bar["dates"] == "by 31 Jul 2021"


def test_timeline_in_the_documents_order_under_headings() -> None:
    activities = [
        activity("thematic-1", "2", schedule(1, *Q2)),
        activity("core-2-1", "10", schedule(2, *Q2)),
        activity("thematic-1", "1", schedule(3, *Q2)),
        activity("core-2-1", "2", schedule(4, *Q2)),
        activity("wg-detention", "1"),
    ]
    chart = timeline_chart(activities, PRIORITIES, "es", ["2021-01-01", "2022-12-31"])
    shown = [
        line.get("heading", "") + ":" + (line.get("text") if "heading" in line else line["label"])
        for line in chart["lines"]
    ]
    assert shown == [
        "kind:Prioridades básicas",
        "priority:Básica 2.1 — Reforzar el sistema",
        ":Básica 2.1 · 2",
        ":Básica 2.1 · 10",
        "kind:Objetivos de los grupos de trabajo temáticos existentes",
        "priority:Alternativas a la detención de inmigrantes",
        ":Alternativas a la detención… · 1",
        "kind:Prioridades temáticas nuevas",
        "priority:Temática 1 — Inclusión de los migrantes",
        ":Temática 1 · 1",
        ":Temática 1 · 2",
    ]
    assert chart["activities"] == 5
    assert chart["months"][3] == "abr"
    assert [entry["kind"] for entry in chart["legend"]] == ["dated"]
    assert chart["lines"][6]["note"] == "el documento no indica plazo"


def test_one_priority_has_no_headings() -> None:
    chart = timeline_chart([activity("core-2-1", "1", schedule(1, *Q2))], PRIORITIES, "en", [])
    assert [line["label"] for line in chart["lines"]] == ["Core 2.1 · 1"]
    assert chart["lines"][0]["title"] == "Activity 1 of core priority 2.1"


def test_names_in_one_language_only() -> None:
    wg = PRIORITIES[f"{ID}priority/wg-detention"]
    assert naming.priority_short(wg.item, wg.type, "en") == "Alternatives to detention"
    assert naming.priority_short(wg.item, wg.type, "es") == "Alternativas a la detención…"
    assert naming.activity_title(Item("a", notation="3"), wg.item, wg.type, "es") == (
        "Actividad 3 de la prioridad del grupo de trabajo «Alternativas a la detención de inmigrantes»"
    )
    assert date_text(date(2021, 8, 1), "es") == "1 ago 2021"


@pytest.mark.parametrize(
    ("text", "size", "short"),
    [
        ("Alternativas a la detención de inmigrantes", 36, "Alternativas a la detención…"),
        (
            "Safe and dignified return and sustainable reintegration",
            30,
            "Safe and dignified return…",
        ),
        ("Short", 30, "Short"),
    ],
)
def test_shorten_ends_on_a_word_that_means_something(text: str, size: int, short: str) -> None:
    assert naming.shorten(text, size) == short


@pytest.mark.parametrize(
    ("types", "kind"),
    [
        ({str(GCM.UNEntity), str(ORG.Organization), str(FOAF.Agent)}, str(GCM.UNEntity)),
        ({NEW_KIND, str(ORG.Organization), str(FOAF.Agent)}, NEW_KIND),
        ({str(ORG.Organization), str(FOAF.Agent)}, str(ORG.Organization)),
        ({str(FOAF.Agent)}, str(FOAF.Agent)),
    ],
)
def test_an_agent_is_listed_under_its_most_specific_kind(types: set[str], kind: str) -> None:
    assert agent_kind(types) == kind


@pytest.mark.parametrize(
    ("kind", "lang", "n", "name"),
    [
        (str(GCM.UNEntity), "es", 2, "Entidades de las Naciones Unidas"),
        (str(FOAF.Person), "es", 1, "Persona"),
        (str(FOAF.Person), "en", 2, "Persons"),
        (NEW_KIND, "en", 2, "Other agents"),
    ],
)
def test_every_kind_of_agent_has_a_name(kind: str, lang: str, n: int, name: str) -> None:
    assert naming.agent_kind(kind, lang, n) == name


def test_the_network_in_a_fixed_order_with_its_legend() -> None:
    def agent(key: str, kind: object, es: str, en: str, alt: str | None = None) -> Agent:
        item = Item(f"{ID}agent/{key}", {"es": es, "en": en})
        if alt:
            item.add_alt(alt, "es")
        return Agent(item, str(kind))

    agents = {
        a.item.iri: a
        for a in (
            agent("picum", GCM.CivilSocietyOrganization, "Plataforma PICUM", "PICUM Platform", "PICUM"),
            agent("iom", GCM.UNEntity, "Organización Internacional para las Migraciones", "International Organization for Migration", "OIM"),
            agent("ilo", GCM.UNEntity, "Organización Internacional del Trabajo", "International Labour Organization", "OIT"),
            agent("jill", FOAF.Person, "Jill Alpes", "Jill Alpes"),
        )
    }  # fmt: skip
    pairs = [
        (f"{ID}agent/ilo", f"{ID}agent/iom", 5),
        (f"{ID}agent/iom", f"{ID}agent/picum", 2),
        (f"{ID}agent/jill", f"{ID}agent/picum", 1),
    ]
    activities = {
        f"{ID}agent/iom": 30,
        f"{ID}agent/ilo": 20,
        f"{ID}agent/picum": 10,
        f"{ID}agent/jill": 1,
    }
    chart = network_chart(
        pairs, agents, activities, lambda kind, n: naming.agent_kind(kind, "es", n), "es"
    )
    assert [node["name"] for node in chart["nodes"]] == ["OIM", "OIT", "PICUM", "Jill Alpes"]
    assert [(e["text"], e["count"]) for e in chart["legend"]] == [
        ("Entidades de las Naciones Unidas", 2),
        ("Organización o red de la sociedad civil", 1),
        ("Persona", 1),
    ]
    assert chart["nodes"][0]["summary"] == "30 actividades · 2 agentes"
    assert chart["edges"][2]["text"] == "1 actividad en común"
    assert len({node["colour"] for node in chart["nodes"]}) == 3


def test_overlapping_schedules_of_a_row_get_lanes_of_their_own() -> None:
    chart = timeline_chart(
        [
            activity(
                "core-2-1",
                "1",
                schedule(1, date(2021, 1, 1), date(2022, 12, 31)),
                schedule(2, date(2022, 1, 1), date(2022, 6, 30)),
                schedule(3, date(2021, 4, 1), None, "open-ended"),
            ),
            activity(
                "core-2-1", "2", schedule(4, *Q2), schedule(5, date(2021, 7, 1), date(2021, 9, 30))
            ),
        ],
        PRIORITIES,
        "en",
        [],
    )
    first, second = (line["bars"] for line in chart["lines"])
    assert sorted(b["lane"] for b in first) == [0, 1, 2] and {b["lanes"] for b in first} == {3}
    assert [b["lane"] for b in second] == [0, 0], "one after the other share a lane"
