"""What the collaboration chart draws, in the page's language: the agents that share activities,
in a fixed order (by kind, then by how many activities each is involved in), so that the circular
layout of ``static/pages/charts.js`` draws the same picture every time, with each kind an arc of
its own colour, and the legend of those kinds. Pure functions of the shaped data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from . import naming
from .data import AGENT_TYPES, GENERIC_AGENT_TYPES, Agent
from .i18n import translate
from .model import Item

PALETTE = (
    "#0b5cad",
    "#d9480f",
    "#2b8a3e",
    "#862e9c",
    "#c2255c",
    "#1098ad",
    "#e67700",
    "#5c940d",
    "#495057",
    "#364fc7",
)
"""Colours of the kinds of agent, in the order of :data:`~.data.AGENT_TYPES` (kinds the pages do
not know take the colours after them)."""
NAME = 16
SHORT = 9
"""The longest label of a node on a wide and on a narrow chart, in characters."""

Pair = tuple[str, str, int]


def kind_order(kinds: set[str]) -> list[str]:
    """The kinds present, known ones in their order, then new kinds, then the generic ones."""
    known = [k for k in AGENT_TYPES if k in kinds]
    generic = [k for k in GENERIC_AGENT_TYPES if k in kinds]
    new = sorted(kinds - set(known) - set(generic))
    return known + new + generic


def node_name(item: Item, lang: str) -> str:
    """An agent's acronym in ``lang``, else its name in ``lang`` (else in the other one)."""
    own = naming.own_short_name(item, lang)
    found = own or item.acronym(lang) or item.label(lang)
    return str(found) if found else naming.local_name(item.iri)


def network_chart(
    pairs: list[Pair],
    agents: Mapping[str, Agent],
    activities_of: Mapping[str, int],
    kind_labels: Callable[[str, int], str],
    lang: str,
    link: Callable[[str], str | None] = str,
) -> dict[str, Any]:
    """Nodes (agents with a partner), edges (pairs and the activities they share) and the legend.
    ``kind_labels(kind, n)`` names a kind of agent in ``lang``."""
    partners: dict[str, set[str]] = {}
    for first, second, _ in pairs:
        partners.setdefault(first, set()).add(second)
        partners.setdefault(second, set()).add(first)

    def kind_of(iri: str) -> str:
        return agents[iri].type if iri in agents else GENERIC_AGENT_TYPES[-1]

    def item(iri: str) -> Item:
        return agents[iri].item if iri in agents else Item(iri)

    kinds = kind_order({kind_of(iri) for iri in partners})
    colours = {kind: PALETTE[n % len(PALETTE)] for n, kind in enumerate(kinds)}
    rank = {kind: n for n, kind in enumerate(kinds)}
    names = {iri: node_name(item(iri), lang) for iri in partners}
    order = sorted(
        partners,
        key=lambda iri: (
            rank[kind_of(iri)],
            -activities_of.get(iri, 0),
            names[iri].casefold(),
            iri,
        ),
    )
    nodes = []
    for iri in order:
        label = item(iri).label(lang)
        nodes.append(
            {
                "id": iri,
                "name": naming.shorten(names[iri], NAME),
                "short": naming.shorten(names[iri], SHORT),
                "title": label.value if label else names[iri],
                "kind": kind_labels(kind_of(iri), 1),
                "colour": colours[kind_of(iri)],
                "activities": activities_of.get(iri, 0),
                "summary": translate("n-activities", lang, n=activities_of.get(iri, 0))
                + " · "
                + translate("n-agents", lang, n=len(partners[iri])),
                "href": link(iri),
            }
        )
    edges = [
        {"source": a, "target": b, "value": n, "text": translate("n-shared", lang, n=n)}
        for a, b, n in pairs
    ]
    counts = {kind: sum(1 for iri in partners if kind_of(iri) == kind) for kind in kinds}
    legend = [
        {"text": kind_labels(kind, counts[kind]), "colour": colours[kind], "count": counts[kind]}
        for kind in kinds
    ]
    return {"nodes": nodes, "edges": edges, "legend": legend}
