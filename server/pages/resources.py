"""The page of each kind of resource: what it shows, gathered from the page queries.

:func:`page_for` picks the kind from the resource's types and returns the template and its
context. Pure shaping lives in :mod:`.model` and :mod:`.data`; this module joins them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from gcm_kg.terms import DCTERMS, FOAF, GCM, GRAPH, ORG, OWL, PROV, SKOS

from . import data, naming
from .context import href
from .language import pick
from .model import Item, Statement, by_notation, collect, natural_key, parse_date, statements
from .sources import passage_of
from .sparql import derived, query, select, value
from .timeline import timeline_chart

KINDS: tuple[tuple[str, str], ...] = (
    (str(GCM.Priority), "priority"),
    (str(GCM.Activity), "activity"),
    (str(GCM.Workplan), "workplan"),
    (str(GCM.GCMObjective), "objective"),
    (str(GCM.ThematicArea), "area"),
    (str(FOAF.Agent), "agent"),
)
ROLE_NAMES = {
    str(GCM.leadEntity): "lead",
    str(GCM.participant): "participant",
    str(GCM.observer): "observer",
    str(GCM.representativeAgent): "representative",
}
INFERRED = str(GRAPH.inferred)
LABEL_PROPERTIES = (str(SKOS.prefLabel), str(DCTERMS.title))


def page_kind(types: Iterable[str]) -> str:
    """The kind of page for a resource with these types (``resource``: the generic page)."""
    found = set(types)
    return next((kind for iri, kind in KINDS if iri in found), "resource")


@dataclass
class Facts:
    """A resource's own statements and the statements pointing to it."""

    iri: str
    outgoing: list[Statement]
    incoming: list[Statement]
    item: Item = field(init=False)

    def __post_init__(self) -> None:
        self.item = Item(self.iri)
        for statement in self.outgoing:
            if statement.prop in LABEL_PROPERTIES and statement.item.literal:
                for tag, text in statement.item.labels.items():
                    self.item.add_label(text, tag)
            elif statement.prop == str(SKOS.altLabel):
                for tag, text in statement.item.labels.items():
                    self.item.add_alt(text, tag)
            elif statement.prop == str(SKOS.notation) and self.item.notation is None:
                self.item.notation = statement.item.iri

    def objects(self, prop: object) -> list[Item]:
        return [s.item for s in self.outgoing if s.prop == str(prop)]

    def subjects(self, prop: object) -> list[Item]:
        return [s.item for s in self.incoming if s.prop == str(prop)]

    def texts(self, prop: object) -> dict[str, str]:
        """The literal values of ``prop`` by language."""
        out: dict[str, str] = {}
        for item in self.objects(prop):
            if item.literal:
                out.update({k: v for k, v in item.labels.items() if k not in out})
        return out

    def first(self, prop: object) -> Item | None:
        found = self.objects(prop)
        return found[0] if found else None


def facts(iri: str) -> Facts:
    return Facts(
        iri,
        statements(select(query("outgoing", this=iri)), "o"),
        statements(select(query("incoming", this=iri)), "s"),
    )


@dataclass
class Role:
    """An agent's role on a priority or activity; ``inherited`` when only the priority states it."""

    agent: Item
    role: str
    inherited: bool = False
    represents: Item | None = None


def empty_roles(about: Facts) -> list[str]:
    """The roles whose list the document leaves empty (``gcm:emptyRoleList``)."""
    return [ROLE_NAMES[i.iri] for i in about.objects(GCM.emptyRoleList) if i.iri in ROLE_NAMES]


def roles_of(iri: str, lang: str) -> list[Role]:
    rows = select(query("roles", this=iri))
    items = collect(rows, "agent", "label", alt="alt")
    graphs: dict[tuple[str, str], set[str]] = {}
    represents: dict[str, str] = {}
    for row in rows:
        agent, role = value(row, "agent"), value(row, "role")
        if agent is None or role is None:
            continue
        if role == str(GCM.representative):
            represented = value(row, "for")
            if represented:
                represents[agent] = represented
            continue
        graphs.setdefault((role, agent), set()).add(value(row, "graph") or "")
    out = [
        Role(items[agent], ROLE_NAMES[role], inherited=found == {INFERRED})
        for (role, agent), found in graphs.items()
    ]
    for agent, represented in represents.items():
        out.append(
            Role(
                items[agent], "representative", represents=items.get(represented, Item(represented))
            )
        )
    out.sort(key=lambda r: (r.inherited, naming.sort_key(r.agent, lang)))
    return out


def timeline_of(activities: Iterable[data.Activity], lang: str) -> dict[str, Any]:
    """The timeline chart of ``activities`` (see :mod:`.timeline`), on the workplan's axis."""
    return timeline_chart(activities, data.priorities(), lang, data.period(), href)


def activities_of(priority: str) -> list[data.Activity]:
    found = [a for a in data.activities().values() if a.priority == priority]
    return sorted(found, key=lambda a: natural_key(a.item.notation))


def priority_page(iri: str, about: Facts, lang: str) -> dict[str, Any]:
    priorities = data.priorities()
    activities = activities_of(iri)
    priority = priorities.get(iri)
    return {
        "priority": priority,
        "type": data.terms().get(priority.type) if priority else None,
        "objectives": by_notation(about.objects(GCM.addressesObjective)),
        "objectives_statement": pick(about.texts(GCM.objectivesStatement), lang),
        "area": about.first(GCM.thematicArea),
        "sdgs": by_notation(about.objects(GCM.contributesToSDG)),
        "subjects": about.objects(DCTERMS.subject),
        "principles": by_notation(about.objects(GCM.promotesPrinciple)),
        "events": about.objects(GCM.relatedEvent),
        "qualifier": pick(about.texts(GCM.participantsQualifier), lang),
        "empty_roles": empty_roles(about),
        "roles": roles_of(iri, lang),
        "activities": activities,
        "timeline": timeline_of(activities, lang),
        "workplans": about.subjects(GCM.hasPriority),
        "passage": passage_of(iri),
    }


def activity_page(iri: str, about: Facts, lang: str) -> dict[str, Any]:
    activity = data.activities().get(iri)
    priorities = data.priorities()
    priority = priorities.get(activity.priority) if activity else None
    description = pick(about.texts(DCTERMS.description), lang)
    label = about.item.label(lang)
    same = (
        label is None
        or description is None
        or description.value.rstrip(". ").startswith(label.value.rstrip(". "))
    )
    return {
        "activity": activity,
        "priority": priority,
        "title": naming.activity_title(
            about.item,
            priority.item if priority else None,
            priority.type if priority else None,
            lang,
        ),
        "description": description or label,
        "own_label": None if same else label,
        "notes": pick(about.texts(SKOS.editorialNote), lang),
        "empty_roles": empty_roles(about),
        "schedule_statements": sorted(
            (
                text
                for item in about.objects(GCM.scheduleStatement)
                if item.literal and (text := pick(item.labels, lang)) is not None
            ),
            key=lambda text: text.value,
        ),
        "roles": roles_of(iri, lang),
        "events": about.objects(GCM.relatedEvent),
        "references": about.objects(DCTERMS.references),
        "referenced_by": about.subjects(DCTERMS.references),
        "sdgs": by_notation(about.objects(GCM.contributesToSDG)),
        "timeline": timeline_of([activity], lang) if activity else None,
        "passage": passage_of(iri),
    }


@dataclass
class Involvement:
    """What an agent does on one priority: its roles there and on each of its activities."""

    priority: data.Priority | None
    priority_iri: str
    roles: set[str] = field(default_factory=set)
    activities: list[tuple[data.Activity, set[str], bool]] = field(default_factory=list)
    """(activity, roles, inherited): ``inherited`` when no role is stated on the activity."""


def shape_collaborators(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(value(r, "agent") or "", int(value(r, "shared") or 0)) for r in rows]


def agent_page(iri: str, about: Facts, lang: str) -> dict[str, Any]:
    rows = select(query("agent-involvement", this=iri))
    priorities = data.priorities()
    activities = data.activities()
    stated: dict[str, dict[str, set[str]]] = {}  # item → role → graphs
    for row in rows:
        item, role = value(row, "item"), value(row, "role")
        if item is None or role not in ROLE_NAMES:
            continue
        stated.setdefault(item, {}).setdefault(ROLE_NAMES[role], set()).add(
            value(row, "graph") or ""
        )
    groups: dict[str, Involvement] = {}
    for item, found in stated.items():
        if item in priorities:
            group = groups.setdefault(item, Involvement(priorities[item], item))
            group.roles |= set(found)
        elif item in activities:
            activity = activities[item]
            group = groups.setdefault(
                activity.priority, Involvement(priorities.get(activity.priority), activity.priority)
            )
            inherited = all(graphs == {INFERRED} for graphs in found.values())
            group.activities.append((activity, set(found), inherited))
    ordered = [groups[p] for p in priorities if p in groups]
    ordered += [g for key, g in groups.items() if key not in priorities]
    for group in ordered:
        group.activities.sort(key=lambda entry: natural_key(entry[0].item.notation))
    counts = {
        role: {
            "priorities": sum(1 for g in ordered if role in g.roles),
            "activities": sum(1 for g in ordered for _, r, _ in g.activities if role in r),
        }
        for role in ("lead", "participant", "observer", "representative")
    }
    all_agents = data.agents()
    collaborators = [
        (all_agents[other].item if other in all_agents else Item(other), shared)
        for other, shared in derived(query("collaborators", this=iri), shape_collaborators)
    ]
    involved = [a for g in ordered for a, _, _ in g.activities]
    return {
        "agent": all_agents.get(iri),
        "type": data.terms().get(all_agents[iri].type) if iri in all_agents else None,
        "homepages": about.objects(FOAF.homepage),
        "homepage_evidence": evidence_files(about.objects(GCM.homepageEvidence)),
        "wikidata_evidence": evidence_files(about.objects(GCM.wikidataEvidence)),
        "same_as": about.objects(OWL.sameAs)
        + about.objects(SKOS.closeMatch)
        + about.objects(SKOS.exactMatch),
        "parents": about.objects(ORG.unitOf) + about.objects(ORG.memberOf),
        "involvement": ordered,
        "counts": counts,
        "collaborators": collaborators,
        "timeline": timeline_of(involved, lang) if involved else None,
    }


def evidence_files(items: list[Item]) -> list[tuple[str, str]]:
    """Each file cited as evidence (``https://github.com/owner/repo/blob/commit/path#L…``), named
    by its dataset's repository (``ror-community/ror-records``), numbered where a dataset gives
    several files."""
    addresses = sorted(item.iri for item in items)
    names = [
        "/".join(a.split("/")[3:5]) if a.startswith("https://github.com/") else a for a in addresses
    ]
    total, seen = Counter(names), Counter[str]()
    out = []
    for address, name in zip(addresses, names, strict=True):
        seen[name] += 1
        out.append((address, f"{name} ({seen[name]})" if total[name] > 1 else name))
    return sorted(out, key=lambda pair: pair[1].lower())


def shape_matrix(rows: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(value(r, "priority") or "", value(r, "objective") or "") for r in rows}


def addressed_everything(pairs: set[tuple[str, str]], objectives: int) -> set[str]:
    """The priorities that address every objective (the document's "todos", "transversal")."""
    counts: dict[str, int] = {}
    for priority, _ in pairs:
        counts[priority] = counts.get(priority, 0) + 1
    return {p for p, n in counts.items() if objectives and n >= objectives}


def concept_page(iri: str, about: Facts, lang: str) -> dict[str, Any]:
    priorities = data.priorities()
    rows = select(query("addressed-by", this=iri))
    found = [value(r, "priority") or "" for r in rows]
    listed = [priorities[p] for p in priorities if p in found]
    objectives = data.of_type(data.concepts(), GCM.GCMObjective)
    everything = addressed_everything(derived(query("matrix"), shape_matrix), len(objectives))
    return {
        "concept": data.concepts().get(iri),
        "schemes": about.objects(SKOS.inScheme),
        "priorities": [(p, activities_of(p.item.iri), p.item.iri in everything) for p in listed],
        "specific": sum(1 for p in listed if p.item.iri not in everything),
        "notes": pick(about.texts(SKOS.editorialNote), lang),
    }


def workplan_page(iri: str, about: Facts, lang: str) -> dict[str, Any]:
    priorities = data.priorities()
    return {
        "issued": parse_date(issued.iri) if (issued := about.first(DCTERMS.issued)) else None,
        "publisher": about.first(DCTERMS.publisher),
        "temporal": about.first(DCTERMS.temporal),
        "documents": about.objects(PROV.wasDerivedFrom),
        "priority_groups": group_priorities(priorities.values(), lang),
        "activities": data.activities(),
        "passage": passage_of(iri),
    }


def group_priorities(
    priorities: Iterable[data.Priority], lang: str
) -> list[tuple[str, list[data.Priority]]]:
    """Priorities by kind (core, working group, thematic), each kind named in ``lang``."""
    groups: list[tuple[str, list[data.Priority]]] = []
    for kind in data.PRIORITY_TYPES:
        members = [p for p in priorities if p.type == kind]
        if members:
            groups.append((naming.priority_kind(kind, lang, len(members)), members))
    return groups


BUILDERS = {
    "priority": priority_page,
    "activity": activity_page,
    "agent": agent_page,
    "objective": concept_page,
    "area": concept_page,
    "workplan": workplan_page,
}


def page_for(iri: str, types: list[str], lang: str) -> tuple[str, dict[str, Any]]:
    """The template and context of the page of ``iri``."""
    kind = page_kind(types)
    about = facts(iri)
    terms = data.terms()
    context: dict[str, Any] = {
        "kind": kind,
        "iri": iri,
        "item": about.item,
        "types": [terms.get(t, Item(t)) for t in types],
        "facts": about,
        "terms": terms,
    }
    builder = BUILDERS.get(kind)
    if builder is not None:
        context.update(builder(iri, about, lang))
    template = "concept" if kind in ("objective", "area") else kind
    return f"pages/{template}.html", context
