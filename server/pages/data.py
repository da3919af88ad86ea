"""The graph's main resources as pages use them, from queries cached per generation.

Each accessor runs one named query (:mod:`.sparql`) and shapes its rows with a pure function; the
shaped result is cached with the answer, and the query is listed on the page that used it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gcm_kg.terms import FOAF, GCM, ORG

from .model import Item, by_notation, collect, natural_key, parse_date
from .sparql import Row, derived, query, value

PRIORITY_TYPES = (str(GCM.CorePriority), str(GCM.WorkingGroupPriority), str(GCM.ThematicPriority))
SCHEDULE_KINDS = {
    str(GCM.Deadline): "deadline",
    str(GCM.Continuation): "continuation",
    str(GCM.OpenEndedSchedule): "open-ended",
}
AGENT_TYPES = (
    str(GCM.UNEntity),
    str(GCM.IntergovernmentalOrganization),
    str(GCM.CivilSocietyOrganization),
    str(GCM.AcademicInstitution),
    str(GCM.AgentGroup),
    str(GCM.MandateHolder),
    str(FOAF.Person),
)
"""Kinds of agent the pages name, most specific first: an agent is listed under the first of its
types; then under a kind of the ontology the pages do not know yet (:func:`agent_kind`), then
:data:`GENERIC_AGENT_TYPES`."""
GENERIC_AGENT_TYPES = (str(ORG.Organization), str(FOAF.Agent))


@dataclass
class Schedule:
    """One schedule of an activity: the document's wording, its labels and its dates."""

    iri: str
    wording: str | None
    item: Item
    begin: date | None
    end: date | None
    kind: str | None = None
    stated: date | None = None
    """The last day of the period an open-ended schedule starts with (``time:intervalStartedBy``):
    the end the document states, after which it goes on."""


@dataclass
class Activity:
    item: Item
    priority: str
    schedules: list[Schedule] = field(default_factory=list)

    @property
    def begin(self) -> date | None:
        return min((s.begin for s in self.schedules if s.begin), default=None)

    @property
    def end(self) -> date | None:
        return max((s.end for s in self.schedules if s.end), default=None)


@dataclass
class Priority:
    item: Item
    type: str
    area: str | None = None
    line: int | None = None
    """The first line of its passage of the source document (the document's order)."""


@dataclass
class Agent:
    item: Item
    type: str


@dataclass
class Concept:
    item: Item
    type: str


def shape_activities(rows: list[Row]) -> dict[str, Activity]:
    activities: dict[str, Activity] = {}
    labels = collect(rows, "activity", "label", notation="notation")
    schedule_labels = collect(rows, "schedule", "schedule_label")
    for row in rows:
        iri, priority = value(row, "activity"), value(row, "priority")
        if iri is None or priority is None:
            continue
        activity = activities.setdefault(iri, Activity(labels[iri], priority))
        schedule = value(row, "schedule")
        if schedule is None:
            continue
        known = next((s for s in activity.schedules if s.iri == schedule), None)
        if known is None:
            known = Schedule(
                schedule,
                value(row, "wording"),
                schedule_labels[schedule],
                parse_date(value(row, "begin")),
                parse_date(value(row, "end")),
                stated=parse_date(value(row, "stated")),
            )
            activity.schedules.append(known)
        kind = value(row, "kind")
        if kind in SCHEDULE_KINDS:
            known.kind = SCHEDULE_KINDS[kind]
    for activity in activities.values():
        activity.schedules.sort(key=lambda s: (s.begin or date.max, s.iri))
    return activities


def activities() -> dict[str, Activity]:
    """Every activity with its priority and schedules (``timeline.rq``)."""
    return derived(query("timeline"), shape_activities)


def shape_period(rows: list[Row]) -> list[str]:
    schedules = [s for a in shape_activities(rows).values() for s in a.schedules]
    days = [d for s in schedules for d in (s.begin, s.end) if d is not None]
    return [min(days).isoformat(), max(days).isoformat()] if days else []


def period() -> list[str]:
    """The first and last day of every schedule of the workplan (``timeline.rq``), so that
    every timeline has the same axis; empty when nothing is dated."""
    return derived(query("timeline"), shape_period)


def shape_priorities(rows: list[Row]) -> dict[str, Priority]:
    items = collect(rows, "priority", "label", alt="alt", notation="notation")
    out: dict[str, Priority] = {}
    for row in rows:
        iri, kind = value(row, "priority"), value(row, "type")
        if iri is None or kind is None or iri in out:
            continue
        line = value(row, "line")
        out[iri] = Priority(
            items[iri], kind, value(row, "area"), int(line) if line and line.isdigit() else None
        )
    order = {kind: position for position, kind in enumerate(PRIORITY_TYPES)}
    ranked = sorted(
        out.values(),
        key=lambda p: (
            p.line is None,
            p.line or 0,
            order.get(p.type, 9),
            natural_key(p.item.notation),
            p.item.iri,
        ),
    )
    return {p.item.iri: p for p in ranked}


def priorities() -> dict[str, Priority]:
    """Every priority in the order of the document (by the first line of its passage; those
    without one after, core first, then working groups, then thematic) (``priorities.rq``)."""
    return derived(query("priorities"), shape_priorities)


def shape_agents(rows: list[Row]) -> dict[str, Agent]:
    items = collect(rows, "agent", "label", alt="alt")
    types: dict[str, set[str]] = {}
    for row in rows:
        iri, kind = value(row, "agent"), value(row, "type")
        if iri is not None and kind is not None:
            types.setdefault(iri, set()).add(kind)
    out = {iri: Agent(items[iri], agent_kind(kinds)) for iri, kinds in types.items()}
    return dict(
        sorted(out.items(), key=lambda kv: (kv[1].item.labels.get("en") or kv[0]).casefold())
    )


def agent_kind(types: set[str]) -> str:
    """The kind an agent is listed under: the first of :data:`AGENT_TYPES` it has, else a kind of
    the ontology's namespace the pages do not know, else the most specific generic one."""
    known = next((t for t in AGENT_TYPES if t in types), None)
    if known is not None:
        return known
    new = sorted(t for t in types if t.startswith(str(GCM)))
    if new:
        return new[0]
    return next((t for t in GENERIC_AGENT_TYPES if t in types), str(FOAF.Agent))


def agents() -> dict[str, Agent]:
    """Every agent, by English name (``agents.rq``)."""
    return derived(query("agents"), shape_agents)


def shape_concepts(rows: list[Row]) -> dict[str, Concept]:
    items = collect(rows, "concept", "label", alt="alt", notation="notation")
    out: dict[str, Concept] = {}
    for row in rows:
        iri, kind = value(row, "concept"), value(row, "type")
        if iri is not None and kind is not None:
            out.setdefault(iri, Concept(items[iri], kind))
    ordered = by_notation(c.item for c in out.values())
    return {item.iri: out[item.iri] for item in ordered}


def concepts() -> dict[str, Concept]:
    """GCM objectives, thematic areas and guiding principles (``concepts.rq``)."""
    return derived(query("concepts"), shape_concepts)


def of_type(found: dict[str, Concept], kind: object) -> list[Concept]:
    return [c for c in found.values() if c.type == str(kind)]


def shape_terms(rows: list[Row]) -> dict[str, Item]:
    return collect(rows, "term", "label")


def terms() -> dict[str, Item]:
    """Labels of the ontology's classes and properties (``terms.rq``)."""
    return derived(query("terms"), shape_terms)
