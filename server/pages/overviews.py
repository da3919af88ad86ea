"""The pages about the whole workplan: home, timeline, collaboration network, coverage matrix,
search. Each is built from cached per-generation answers (see :mod:`.data`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from gcm_kg.publish import read_index
from gcm_kg.terms import FOAF, GCM, ORG

from ..state import snapshot
from . import data, naming
from .context import href
from .i18n import number
from .model import Item, natural_key, parse_date, statements
from .network import kind_order, network_chart
from .resources import Facts, addressed_everything, group_priorities, shape_matrix, timeline_of
from .search import Entry, Hit, build_index, search
from .sparql import derived, query, select, value

COUNTED = (
    ("priorities", str(GCM.Priority)),
    ("activities", str(GCM.Activity)),
    ("schedules", str(GCM.Schedule)),
    ("organisations", str(ORG.Organization)),
    ("agents", str(FOAF.Agent)),
    ("objectives", str(GCM.GCMObjective)),
    ("areas", str(GCM.ThematicArea)),
    ("events", str(GCM.Event)),
)


def human_size(size: int, lang: str) -> str:
    """``123 456`` bytes → ``120.6 KiB`` (``120,6 KiB`` in Spanish)."""
    amount = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if amount < 1024 or unit == "GiB":
            return f"{number(amount, lang, 0 if unit == 'B' else 1)} {unit}"
        amount /= 1024
    return f"{size} B"


@dataclass
class Workplan:
    item: Item
    issued: date | None


def shape_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    return {value(r, "class") or "": int(value(r, "n") or 0) for r in rows}


def activity_counts(activities: dict[str, data.Activity]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for activity in activities.values():
        counts[activity.priority] = counts.get(activity.priority, 0) + 1
    return counts


def dumps(lang: str) -> list[dict[str, Any]]:
    """The dumps published with the served generation, with their sizes written in ``lang``."""
    entries = read_index(snapshot().generation)
    return [{**e, "size": human_size(int(str(e.get("bytes", 0))), lang)} for e in entries]


def home(lang: str) -> dict[str, Any]:
    rows = select(query("workplans"))
    workplan = None
    if rows:
        iri = value(rows[0], "workplan") or ""
        about = Facts(iri, statements(select(query("outgoing", this=iri)), "o"), [])
        workplan = Workplan(about.item, parse_date(value(rows[0], "issued")))
    counts = derived(query("counts"), shape_counts)
    concepts = data.concepts()
    agents = data.agents()
    name = kind_labeller(lang)
    agent_groups = []
    for kind in kind_order({a.type for a in agents.values()}):
        members = sorted(
            (a for a in agents.values() if a.type == kind),
            key=lambda a: naming.sort_key(a.item, lang),
        )
        agent_groups.append((name(kind, len(members)), members))
    return {
        "workplan": workplan,
        "counts": [(key, counts.get(iri, 0)) for key, iri in COUNTED],
        "triples": snapshot().manifest.triples,
        "priority_groups": group_priorities(data.priorities().values(), lang),
        "activity_counts": activity_counts(data.activities()),
        "objectives": data.of_type(concepts, GCM.GCMObjective),
        "areas": data.of_type(concepts, GCM.ThematicArea),
        "agent_groups": agent_groups,
        "dumps": dumps(lang),
    }


def timeline(lang: str) -> dict[str, Any]:
    priorities = data.priorities()
    activities = data.activities()
    groups = []
    ordered = []
    for iri, priority in priorities.items():
        members = sorted(
            (a for a in activities.values() if a.priority == iri),
            key=lambda a: natural_key(a.item.notation),
        )
        if members:
            groups.append((priority, members))
            ordered += members
    return {"groups": groups, "timeline": timeline_of(ordered, lang)}


def shape_pairs(rows: list[dict[str, Any]]) -> list[tuple[str, str, int]]:
    pairs = [
        (value(r, "first") or "", value(r, "second") or "", int(value(r, "shared") or 0))
        for r in rows
    ]
    return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))


def kind_labeller(lang: str) -> Callable[[str, int], str]:
    """Names kinds of agent in ``lang``: the pages' words, else the ontology's label."""
    terms = data.terms()

    def name(kind: str, n: int) -> str:
        found = terms[kind].labels.get(lang) if kind in terms else None
        return naming.agent_kind(kind, lang, n, found)

    return name


def network(lang: str) -> dict[str, Any]:
    pairs = derived(query("network"), shape_pairs)
    agents = data.agents()
    involvement = derived(query("involvement"), shape_involvement)
    activities_of = {agent: len(items) for agent, items in involvement.items()}
    chart = network_chart(pairs, agents, activities_of, kind_labeller(lang), lang, href)
    partners: dict[str, set[str]] = {}
    for first, second, _ in pairs:
        partners.setdefault(first, set()).add(second)
        partners.setdefault(second, set()).add(first)

    def item(iri: str) -> Item:
        return agents[iri].item if iri in agents else Item(iri)

    degrees = sorted(
        ((item(iri), len(others), activities_of.get(iri, 0)) for iri, others in partners.items()),
        key=lambda d: (-d[1], -d[2], d[0].iri),
    )
    return {
        "chart": chart,
        "pairs": [(item(a), item(b), n) for a, b, n in pairs[:50]],
        "degrees": degrees,
    }


def shape_involvement(rows: list[dict[str, Any]]) -> dict[str, set[str]]:
    """Agent → the activities it is involved in."""
    out: dict[str, set[str]] = {}
    activities = {r["item"]["value"] for r in rows if "/id/activity/" in r["item"]["value"]}
    for row in rows:
        item, agent = value(row, "item"), value(row, "agent")
        if item is not None and item in activities and agent:
            out.setdefault(agent, set()).add(item)
    return out


def matrix(lang: str) -> dict[str, Any]:
    concepts = data.concepts()
    objectives = data.of_type(concepts, GCM.GCMObjective)
    pairs = derived(query("matrix"), shape_matrix)
    addressing = {p for p, _ in pairs}
    everyone = list(data.priorities().values())
    priorities = [p for p in everyone if p.item.iri in addressing]
    transversal = addressed_everything(pairs, len(objectives))
    cells = {o.item.iri: {p for p, obj in pairs if obj == o.item.iri} for o in objectives}
    specific = {iri: len(found - transversal) for iri, found in cells.items()}
    return {
        "objectives": objectives,
        "priorities": priorities,
        "silent": [p for p in everyone if p.item.iri not in addressing],
        "cells": cells,
        "transversal": transversal,
        "specific": specific,
        "specific_count": sum(1 for n in specific.values() if n),
        "only_transversal": [
            o.item for o in objectives if cells[o.item.iri] and not specific[o.item.iri]
        ],
        "uncovered": [o.item for o in objectives if not cells[o.item.iri]],
    }


def search_index() -> list[Entry]:
    """The search index of the served generation (built once per generation)."""
    bound = query("search")

    def rows_to_index(rows: list[dict[str, Any]]) -> list[Entry]:
        return build_index(
            {
                "iri": value(r, "iri") or "",
                "kind": value(r, "kind") or "",
                "field": value(r, "field") or "",
                "text": value(r, "text") or "",
                "lang": r.get("text", {}).get("xml:lang", ""),
            }
            for r in rows
        )

    return derived(bound, rows_to_index)


SEARCH_SHOWN = 100
"""Results a search page lists; it says how many more there are."""


def search_page(text: str, lang: str) -> dict[str, Any]:
    found: list[Hit] = search(search_index(), text) if text.strip() else []
    hits = found[:SEARCH_SHOWN]
    items = {
        hit.entry.iri: Item(hit.entry.iri, dict(hit.entry.labels), notation=hit.entry.notation)
        for hit in hits
    }
    return {"hits": hits, "found": len(found), "hit_items": items, "search_query": text}
