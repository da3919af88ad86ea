"""Turn a parsed workplan document and the curated tables into RDF (pure: no file access)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, TIME, XSD

from . import iris
from .agents import AliasIndex, Mention, UnknownAgent, named_lines, resolve
from .curation import Curation, SDGLink
from .document import (
    ActivityRecord,
    PriorityKind,
    PriorityRecord,
    Role,
    RoleStatement,
    WorkplanDocument,
)
from .errors import ScheduleError, SourceError
from .namespaces import GCM, GRAPH, PROV, bind_prefixes
from .schedule import (
    MONTHS,
    Interval,
    Kind,
    date_label_en,
    date_label_es,
    parse_schedule,
    range_en,
)

ROLE_PROPERTY = {
    Role.LEAD: GCM.leadEntity,
    Role.PARTICIPANT: GCM.participant,
    Role.OBSERVER: GCM.observer,
}
KIND_CLASS = {
    PriorityKind.CORE: GCM.CorePriority,
    PriorityKind.WORKING_GROUP: GCM.WorkingGroupPriority,
    PriorityKind.THEMATIC: GCM.ThematicPriority,
}
SCHEDULE_CLASS = {
    Kind.PERIOD: None,
    Kind.DEADLINE: GCM.Deadline,
    Kind.CONTINUATION: GCM.Continuation,
    Kind.OPEN_ENDED: GCM.OpenEndedSchedule,
}
ALL_OBJECTIVES = ("todos", "transversal")
CONTINUATION_YEAR_ES = Literal(
    "El documento no indica el año de la continuación: se toma el del cronograma al que sigue.",
    lang="es",
)
CONTINUATION_YEAR_EN = Literal(
    "The document does not give the continuation's year: it is taken to be that of the schedule"
    " it follows.",
    lang="en",
)
READ_AS_ALL = ("transversal",)
"""Objectives statements that the document does not spell out as every objective ("todos" does):
the links to each are the project's reading, so they are editorial."""
EDITORIAL_GRAPH = "workplan-2021-2022-editorial"
"""The named graph (and data file) of the links the project makes that the document does not
state (docs/data-model.md, "What is editorial")."""
PERIOD = (date(2021, 1, 1), date(2022, 12, 31))


@dataclass(frozen=True)
class SourceInfo:
    """The source file: its path relative to the project, and its SHA-256."""

    path: Path
    relative: str
    sha256: str


def es(text: str) -> Literal:
    return Literal(text, lang="es")


def en(text: str) -> Literal:
    return Literal(text, lang="en")


def xsd_date(day: date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def priority_key(record: PriorityRecord, curation: Curation, source: SourceInfo) -> str:
    """The IRI key of a priority: its number, or (working groups) the curated title match."""
    if record.kind is PriorityKind.CORE:
        return "core-" + (record.notation or "").replace(".", "-")
    if record.kind is PriorityKind.THEMATIC:
        return f"thematic-{record.notation}"
    matches = [
        c.key
        for c in curation.priorities.values()
        if c.title_starts and record.title.startswith(c.title_starts)
    ]
    if len(matches) != 1:
        raise SourceError(
            source.path,
            f"working-group priority {record.title[:60]!r} matches {len(matches)} entries "
            "of priorities.toml (title_starts), not one",
            record.span.first,
        )
    return matches[0]


def first_sentence(text: str) -> str:
    """The first sentence of an activity's text, without its final full stop."""
    head = re.split(r"(?<=[a-záéíóúñ)])\.\s+(?=[A-ZÁÉÍÓÚÑ¿¡])", text, maxsplit=1)[0]
    return head.rstrip(".").strip()


def parse_objectives(text: str, line: int, source: SourceInfo) -> list[int]:
    """ "13, 7 y 10" → [13, 7, 10]; "todos" and "transversal" → 1..23."""
    words = text.strip().lower()
    if words in ALL_OBJECTIVES:
        return list(range(1, 24))
    numbers = re.split(r"\s*(?:,|\by\b)\s*", words)
    if not all(n.isdigit() for n in numbers):
        raise SourceError(source.path, f"cannot read the GCM objectives {text!r}", line)
    values = [int(n) for n in numbers]
    bad = [n for n in values if not 1 <= n <= 23]
    if bad:
        raise SourceError(source.path, f"GCM objective(s) {bad} outside 1..23", line)
    return values


def parse_issued(text: str, line: int, source: SourceInfo) -> date:
    m = re.match(r"^(\d{1,2}) de ([a-z]+) de (\d{4})$", text)
    if not m or m[2] not in MONTHS:
        raise SourceError(source.path, f"cannot read the date {text!r}", line)
    return date(int(m[3]), MONTHS[m[2]], int(m[1]))


class WorkplanBuilder:
    """Accumulates the workplan graph; one instance per build."""

    def __init__(
        self,
        doc: WorkplanDocument,
        curation: Curation,
        source: SourceInfo,
        area_titles: dict[int, str],
    ) -> None:
        self.doc = doc
        self.cur = curation
        self.source = source
        self.area_titles = area_titles
        self.g = bind_prefixes(Graph())
        self.editorial = bind_prefixes(Graph())
        self.index = AliasIndex(curation.agents, curation.joint_aliases)
        self.instants: set[date] = set()
        self.periods: set[tuple[date, date]] = set()
        self.activity_iris: dict[str, URIRef] = {}

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.g.add((s, p, o))

    def add_editorial(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        """A link the document does not state: the project's reading, in its own graph."""
        self.editorial.add((s, p, o))

    # -- whole document --------------------------------------------------------------------
    def build(self) -> tuple[Graph, Graph]:
        """The graph of what the document states, and the graph of the editorial links."""
        wp = iris.workplan()
        self._document()
        issued = parse_issued(self.doc.issued_text, self.doc.issued_line, self.source)
        title_es = "Plan de trabajo de la Red: prioridades para el periodo 2021-2022"
        title_en = "Network workplan: priorities for the period 2021–2022"
        self.add(wp, RDF.type, GCM.Workplan)
        for p, value in ((SKOS.prefLabel, title_es), (DCTERMS.title, title_es)):
            self.add(wp, p, es(value))
        for p, value in ((SKOS.prefLabel, title_en), (DCTERMS.title, title_en)):
            self.add(wp, p, en(value))
        self.add(wp, DCTERMS.issued, xsd_date(issued))
        self.add(wp, DCTERMS.publisher, iris.agent("unnm"))
        self.add(wp, DCTERMS.language, Literal("es"))
        self.add(wp, DCTERMS.temporal, self._period(*PERIOD))
        self.add(wp, PROV.wasDerivedFrom, iris.document())
        self.add(wp, GCM.sourcePassage, self._passage(1, self.doc.line_count))
        keys: list[str] = []
        for record in self.doc.priorities:
            key = priority_key(record, self.cur, self.source)
            if key in keys:
                raise SourceError(self.source.path, f"priority {key!r} twice", record.span.first)
            keys.append(key)
            self.add(wp, GCM.hasPriority, iris.priority(key))
            self._priority(record, key)
        missing = sorted(set(self.cur.priorities) - set(keys))
        if missing:
            raise SourceError(
                self.source.path, f"priorities.toml lists {missing}, not in the document"
            )
        self._sdg(wp, self.cur.workplan_sdg)
        self._events()
        self._references()
        self._named()
        self._instants()
        self._describe_editorial()
        return self.g, self.editorial

    def _describe_editorial(self) -> None:
        graph = URIRef(GRAPH[EDITORIAL_GRAPH])
        self.add_editorial(graph, DCTERMS.source, iris.document())
        self.add_editorial(
            graph,
            DCTERMS.description,
            es(
                "Vínculos que el proyecto establece y el plan de trabajo no enuncia: las metas de "
                "los ODS a las que contribuye cada prioridad, sus temas del tesauro UNBIS, los "
                "principios rectores que su propio texto menciona, la lectura de «transversal» "
                "como todos los objetivos del Pacto y la actividad que otra cita. Las razones de "
                "cada vínculo están en gcm_kg/curation/priorities.toml."
            ),
        )
        self.add_editorial(
            graph,
            DCTERMS.description,
            en(
                "Links the project makes that the workplan does not state: the SDG targets each "
                "priority contributes to, its UNBIS Thesaurus subjects, the guiding principles "
                "its own text names, the reading of 'transversal' as every objective of the "
                "Compact, and the activity another one cites. The reason for each link is in "
                "gcm_kg/curation/priorities.toml."
            ),
        )

    def _document(self) -> None:
        d = iris.document()
        self.add(d, RDF.type, GCM.SourceDocument)
        self.add(
            d,
            SKOS.prefLabel,
            es(
                "Plan de trabajo de la Red, prioridades para el periodo 2021-2022"
                " (edición en español, texto)"
            ),
        )
        self.add(
            d,
            SKOS.prefLabel,
            en("Network workplan, priorities for 2021–2022 (Spanish edition, text)"),
        )
        self.add(d, DCTERMS.language, Literal("es"))
        self.add(d, DCTERMS.format, Literal("text/plain"))
        self.add(d, DCTERMS.identifier, Literal(self.source.relative))
        self.add(d, GCM.sha256, Literal(self.source.sha256))

    def _passage(self, first: int, last: int) -> URIRef:
        node = iris.passage(first, last)
        self.add(node, RDF.type, GCM.SourcePassage)
        self.add(node, GCM.firstLine, Literal(first, datatype=XSD.positiveInteger))
        self.add(node, GCM.lastLine, Literal(last, datatype=XSD.positiveInteger))
        self.add(node, DCTERMS.isPartOf, iris.document())
        lines_es, lines_en = (
            (f"líneas {first}–{last}", f"lines {first}–{last}")
            if first != last
            else (f"línea {first}", f"line {first}")
        )
        self.add(node, SKOS.prefLabel, es(f"{self.source.relative}, {lines_es}"))
        self.add(node, SKOS.prefLabel, en(f"{self.source.relative}, {lines_en}"))
        return node

    # -- priorities ------------------------------------------------------------------------
    def _priority(self, record: PriorityRecord, key: str) -> None:
        node = iris.priority(key)
        curation = self.cur.priorities.get(key)
        translation = self.cur.translations.get(key)
        if curation is None or translation is None:
            table = "priorities.toml" if curation is None else "translations.toml"
            raise SourceError(
                self.source.path, f"priority {key!r} is missing from {table}", record.span.first
            )
        self.add(node, RDF.type, KIND_CLASS[record.kind])
        if record.notation:
            self.add(node, SKOS.notation, Literal(record.notation))
        self.add(node, SKOS.prefLabel, es(record.title))
        self.add(node, SKOS.prefLabel, en(translation.title))
        if translation.short:
            self.add(node, SKOS.altLabel, en(translation.short))
        self.add(node, GCM.sourcePassage, self._passage(record.span.first, record.span.last))
        self._roles(node, key, record.roles)
        if record.objectives is not None:
            assert record.objectives_line is not None
            self.add(node, GCM.objectivesStatement, es(record.objectives))
            add = (
                self.add_editorial if record.objectives.strip().lower() in READ_AS_ALL else self.add
            )
            for n in parse_objectives(record.objectives, record.objectives_line, self.source):
                add(node, GCM.addressesObjective, iris.gcm_objective(n))
        if record.area is not None:
            self._check_area(record)
            self.add(node, GCM.thematicArea, iris.thematic_area(record.area))
        self._sdg(node, curation.sdg)
        for concept in curation.unbis:
            self.add_editorial(node, DCTERMS.subject, iris.unbis(concept))
        for letter in curation.principles:
            self.add_editorial(node, GCM.promotesPrinciple, iris.guiding_principle(letter))
        for activity in record.activities:
            a = self._activity(activity, key, translation.activities)
            self.add(node, GCM.hasActivity, a)

    def _sdg(self, node: URIRef, links: tuple[SDGLink, ...]) -> None:
        for link in links:
            self.add_editorial(node, GCM.contributesToSDG, iris.sdg(link.notation))

    def _check_area(self, record: PriorityRecord) -> None:
        assert record.area is not None and record.area_title is not None
        expected = self.area_titles.get(record.area)
        if expected is None:
            raise SourceError(
                self.source.path,
                f"thematic area {record.area} is not one of 1..5",
                record.area_line,
            )
        if record.area_title.rstrip(".") != expected.rstrip("."):
            raise SourceError(
                self.source.path,
                f"thematic area {record.area} is titled {record.area_title!r} here"
                f" but {expected!r} in thematic_areas.tsv",
                record.area_line,
            )

    def _roles(self, node: URIRef, priority_key: str, statements: list[RoleStatement]) -> None:
        for statement in statements:
            try:
                mentions = resolve(statement.text, self.index)
            except UnknownAgent as exc:
                raise SourceError(
                    self.source.path,
                    f"{exc}; add it to the aliases of gcm_kg/curation/agents.toml",
                    statement.line,
                ) from None
            if statement.qualifier:
                self.add(node, GCM.participantsQualifier, es(statement.qualifier))
            if not mentions:
                self.add(node, GCM.emptyRoleList, ROLE_PROPERTY[statement.role])
            for mention in mentions:
                self.add(node, ROLE_PROPERTY[statement.role], iris.agent(mention.key))
                if mention.represented_by:
                    self._representation(node, priority_key, mention)

    def _representation(self, node: URIRef, priority_key: str, mention: Mention) -> None:
        rep = iris.representation(priority_key, mention.key)
        agents = self.cur.agents
        names_es = " y ".join(agents[k].name_es for k in mention.represented_by)
        names_en = " and ".join(agents[k].name_en for k in mention.represented_by)
        self.add(node, GCM.representation, rep)
        self.add(rep, RDF.type, GCM.Representation)
        self.add(rep, GCM.representedAgent, iris.agent(mention.key))
        for k in mention.represented_by:
            self.add(rep, GCM.representative, iris.agent(k))
        self.add(
            rep, SKOS.prefLabel, es(f"{agents[mention.key].name_es}, representado por {names_es}")
        )
        self.add(
            rep, SKOS.prefLabel, en(f"{agents[mention.key].name_en}, represented by {names_en}")
        )

    # -- activities ------------------------------------------------------------------------
    def _activity(self, record: ActivityRecord, key: str, english: dict[str, str]) -> URIRef:
        node = iris.activity(key, record.number)
        self.activity_iris[f"{key}/{record.number}"] = node
        text_en = english.get(str(record.number))
        if not text_en:
            raise SourceError(
                self.source.path,
                f"activity {key}/{record.number} has no English text in translations.toml",
                record.span.first,
            )
        self.add(node, RDF.type, GCM.Activity)
        self.add(node, SKOS.notation, Literal(str(record.number)))
        self.add(node, SKOS.prefLabel, es(first_sentence(record.text)))
        self.add(node, SKOS.prefLabel, en(first_sentence(text_en)))
        self.add(node, DCTERMS.description, es(record.text))
        self.add(node, DCTERMS.description, en(text_en))
        self.add(node, GCM.sourcePassage, self._passage(record.span.first, record.span.last))
        n = 0
        for statement in record.schedules:
            self.add(node, GCM.scheduleStatement, es(statement.text))
            try:
                intervals = parse_schedule(statement.text)
            except ScheduleError as exc:
                raise SourceError(self.source.path, str(exc), statement.line) from None
            previous: URIRef | None = None
            for interval in intervals:
                n += 1
                schedule = self._schedule(key, record.number, n, interval)
                # the "Cronograma" line it is read from (of two lines that disagree, which one)
                self.add(schedule, GCM.sourcePassage, self._passage(statement.line, statement.line))
                if interval.kind is Kind.CONTINUATION and previous is not None:
                    self.add(schedule, GCM.continues, previous)
                    self.add(schedule, SKOS.editorialNote, CONTINUATION_YEAR_ES)
                    self.add(schedule, SKOS.editorialNote, CONTINUATION_YEAR_EN)
                self.add(node, GCM.timeline, schedule)
                previous = schedule
        self._conflict(node, record)
        self._roles(node, key, record.roles)
        return node

    def _schedule(self, key: str, number: int, n: int, interval: Interval) -> URIRef:
        """A schedule states only what the document states: a deadline has no beginning, an
        open-ended schedule no end (and so no due date)."""
        node = iris.schedule(key, number, n)
        self.add(node, RDF.type, GCM.Schedule)
        extra = SCHEDULE_CLASS[interval.kind]
        if extra is not None:
            self.add(node, RDF.type, extra)
        self.add(node, RDFS.label, es(interval.wording))
        self.add(node, SKOS.prefLabel, es(interval.wording))
        self.add(node, SKOS.prefLabel, en(interval.english))
        if interval.begin is not None:
            self.add(node, TIME.hasBeginning, iris.instant(interval.begin))
            self.instants.add(interval.begin)
        if interval.end is not None:
            self.add(node, TIME.hasEnd, iris.instant(interval.end))
            self.add(node, GCM.dueBy, xsd_date(interval.end))
            self.instants.add(interval.end)
        if interval.starts_with is not None:
            self.add(node, TIME.intervalStartedBy, self._period(*interval.starts_with))
        return node

    def _conflict(self, node: URIRef, record: ActivityRecord) -> None:
        """An activity whose schedule the document states on more than one line, differently."""
        statements = record.schedules
        if len(statements) < 2 or len({s.text for s in statements}) == 1:
            return
        lines_es = " y ".join(str(s.line) for s in statements)
        lines_en = " and ".join(str(s.line) for s in statements)
        quoted_es = " y ".join(f"«{s.text}»" for s in statements)
        quoted_en = " and ".join(f"“{s.text}”" for s in statements)
        self.add(
            node,
            SKOS.editorialNote,
            es(
                f"El documento da a esta actividad {len(statements)} cronogramas distintos, "
                f"en las líneas {lines_es}: {quoted_es}. Se recogen todos; el documento no "
                "dice cuál prevalece."
            ),
        )
        self.add(
            node,
            SKOS.editorialNote,
            en(
                f"The document gives this activity {len(statements)} different schedules, "
                f"on lines {lines_en}: {quoted_en}. All are recorded; the document does not "
                "say which applies."
            ),
        )

    def _period(self, begin: date, end: date) -> URIRef:
        node = iris.period(begin, end)
        self.periods.add((begin, end))
        self.add(node, RDF.type, TIME.ProperInterval)
        self.add(node, TIME.hasBeginning, iris.instant(begin))
        self.add(node, TIME.hasEnd, iris.instant(end))
        self.add(node, SKOS.prefLabel, es(f"del {date_label_es(begin)} al {date_label_es(end)}"))
        self.add(node, SKOS.prefLabel, en(range_en(begin, end)))
        self.instants.update((begin, end))
        return node

    # -- events, cross-references, instants --------------------------------------------------
    def _events(self) -> None:
        for event in self.cur.events.values():
            node = iris.event(event.key)
            self.add(node, RDF.type, GCM.Event)
            self.add(node, SKOS.prefLabel, es(event.name_es))
            self.add(node, SKOS.prefLabel, en(event.name_en))
            if event.description_es and event.description_en:
                self.add(node, DCTERMS.description, es(event.description_es))
                self.add(node, DCTERMS.description, en(event.description_en))
            if event.part_of:
                self.add(node, DCTERMS.isPartOf, iris.event(event.part_of))
            if event.begin and event.end:
                when = (
                    iris.instant(event.begin)
                    if event.begin == event.end
                    else self._period(event.begin, event.end)
                )
                self.instants.add(event.begin)
                self.add(node, TIME.hasTime, when)
                if event.date_wording:
                    self.add(
                        node,
                        RDFS.comment,
                        es(f"Fecha según el plan de trabajo: {event.date_wording}"),
                    )
            for ref in event.activities:
                activity = self.activity_iris.get(ref)
                if activity is None:
                    raise SourceError(
                        self.source.path,
                        f"events.toml: event {event.key!r} names unknown activity {ref!r}",
                    )
                text = " ".join(
                    str(o)
                    for o in self.g.objects(activity, DCTERMS.description)
                    if getattr(o, "language", None) == "es"
                )
                if event.mention not in text:
                    raise SourceError(
                        self.source.path,
                        f"events.toml: activity {ref} does not mention {event.mention!r}",
                    )
                self.add(activity, GCM.relatedEvent, node)

    def _references(self) -> None:
        for curation in self.cur.priorities.values():
            for number, target in curation.references.items():
                source = self.activity_iris.get(f"{curation.key}/{number}")
                cited = self.activity_iris.get(target)
                if source is None or cited is None:
                    raise SourceError(
                        self.source.path,
                        f"priorities.toml: reference {curation.key}/{number} → {target}"
                        " names an unknown activity",
                    )
                self.add_editorial(source, DCTERMS.references, cited)

    def _named(self) -> None:
        """Every agent, with each line of the document that names it."""
        found = named_lines(self.doc.lines, self.index)
        for agent in self.cur.agents.values():
            for line in sorted(found.get(agent.key, set()) | set(agent.lines)):
                self.add(iris.agent(agent.key), GCM.namedIn, self._passage(line, line))

    def _instants(self) -> None:
        for day in sorted(self.instants):
            node = iris.instant(day)
            self.add(node, RDF.type, TIME.Instant)
            self.add(node, TIME.inXSDDate, xsd_date(day))
            self.add(node, SKOS.prefLabel, es(date_label_es(day)))
            self.add(node, SKOS.prefLabel, en(date_label_en(day)))


def workplan_graph(
    doc: WorkplanDocument, curation: Curation, source: SourceInfo, area_titles: dict[int, str]
) -> tuple[Graph, Graph]:
    """The workplan as RDF: what the document states, and the editorial links."""
    return WorkplanBuilder(doc, curation, source, area_titles).build()
