"""Every SHACL shape, with a conforming and a non-conforming example each.

Each case changes the small conforming workplan of ``tests/shapes/base.ttl`` with a SPARQL
update: the conforming change must leave the rule's node shapes without a single result, the
non-conforming one must make the rule report, with its severity and its messages in English
and Spanish. Only the node shapes that hold the rule (and what they use) are run, which keeps
each case to a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from gcm_kg import shacl
from gcm_kg.namespaces import PREFIXES, sparql_prologue
from gcm_kg.paths import Layout
from gcm_kg.sources import read_turtle

HERE = Path(__file__).parent
GCMSH = shacl.GCMSH
PROLOGUE = sparql_prologue({**PREFIXES, "gcmsh": str(GCMSH)})

A1 = "<https://w3id.org/gcm-kg/id/activity/core-2-1/1>"
AT = "<https://w3id.org/gcm-kg/id/activity/thematic-1/1>"
AW = "<https://w3id.org/gcm-kg/id/activity/wg-regular-pathways/1>"
S1 = "<https://w3id.org/gcm-kg/id/schedule/core-2-1/1/1>"
PERIOD = "<https://w3id.org/gcm-kg/id/period/2021-01-01--2022-12-31>"
DOC = "<https://w3id.org/gcm-kg/id/document/workplan-2021-2022-es>"
PASSAGE = "<https://w3id.org/gcm-kg/id/passage/workplan-2021-2022-es/12-13>"
REP = "<https://w3id.org/gcm-kg/id/representation/core-2-1/civil-society-action-committee>"
GCM_SCHEME = "<https://w3id.org/gcm-kg/id/scheme/gcm-objectives>"
GP_SCHEME = "<https://w3id.org/gcm-kg/id/scheme/guiding-principles>"
AREA_SCHEME = "<https://w3id.org/gcm-kg/id/scheme/thematic-areas>"
LABELS = 'skos:prefLabel "x"@es , "x"@en'
S2 = "<https://w3id.org/gcm-kg/id/schedule/core-2-1/1/2>"
S1_END = f'{S1} time:hasEnd <https://w3id.org/gcm-kg/id/instant/2021-06-30> ; gcm:dueBy "2021-06-30"^^xsd:date'
EVIDENCE = "<https://github.com/ror-community/ror-records/blob/d93fc667872f8ef9386896bd6c68bd3c6103603e/v1.9/0437ej039.json#L3-L94>"
SDG_EVIDENCE = "<https://github.com/UNStats/LOD4Stats/blob/0ae578bacb1f4339596f5a6a19338457e4b22ba3/sdg-data/sdg-kos-goals-targets-indicators.ttl#L2696-L2697>"
GROUP = f"agent:champions a gcm:AgentGroup ; {LABELS} . priority:thematic-1 gcm:participant agent:champions"


def instant(day: str) -> str:
    return f"<https://w3id.org/gcm-kg/id/instant/{day}>"


def insert(triples: str) -> str:
    return f"INSERT DATA {{ {triples} }}"


def delete(triples: str) -> str:
    return f"DELETE DATA {{ {triples} }}"


def replace(old: str, new: str) -> str:
    return f"{delete(old)} ;\n{insert(new)}"


OPEN_ENDED = replace(S1_END, f"{S1} a gcm:OpenEndedSchedule ; time:intervalStartedBy {PERIOD}")
"""The base's schedule made open-ended, as the document states one."""


BASE = ""
"""The base itself: for a rule the base already satisfies in the ordinary way."""


@dataclass(frozen=True)
class Case:
    rule: str
    conforming: str
    non_conforming: str


CASES = [
    # --- labels, notations, IRIs --------------------------------------------------------
    Case(
        "prefLabel-es",
        insert('agent:mfa skos:altLabel "MFA"@es'),
        delete('agent:iom skos:prefLabel "Organización Internacional para las Migraciones"@es'),
    ),
    Case(
        "prefLabel-en",
        replace(
            'event:imrf-2022 skos:prefLabel "Review Forum 2022"@en',
            'event:imrf-2022 skos:prefLabel "IMRF 2022"@en',
        ),
        insert('agent:iom skos:prefLabel "IOM"@en'),
    ),
    Case(
        "prefLabel-form",
        insert('agent:mfa skos:prefLabel "Migrant Forum in Asia"@fr'),
        replace(
            'event:imrf-2022 skos:prefLabel "Review Forum 2022"@en',
            'event:imrf-2022 skos:prefLabel "  Review Forum 2022"@en',
        ),
    ),
    Case(
        "hiddenLabel",
        insert('agent:mfa skos:hiddenLabel "MFA Asia"@es'),
        insert('agent:mfa skos:hiddenLabel "MFA Asia"@en'),
    ),
    Case(
        "altLabel",
        insert('agent:mfa skos:altLabel "MFA"@en'),
        insert('agent:mfa skos:altLabel "MFA"'),
    ),
    Case("notation", BASE, replace(f'{A1} skos:notation "1"', f'{A1} skos:notation "1"@es')),
    Case(
        "ProjectIri",
        insert(f"<http://example.org/elsewhere> a gcm:Event ; {LABELS}"),
        insert(f"<https://w3id.org/gcm-kg/id/organisation/iom> a gcm:Event ; {LABELS}"),
    ),
    # --- roles and links shared by priorities and activities ----------------------------
    Case(
        "leadEntity",
        insert("priority:core-2-1 gcm:leadEntity agent:mfa"),
        insert("priority:core-2-1 gcm:leadEntity <https://w3id.org/gcm-kg/id/agent/nobody>"),
    ),
    Case(
        "participant",
        insert(f"{A1} gcm:participant agent:mfa"),
        insert(f"{A1} gcm:participant objective:1"),
    ),
    Case(
        "observer",
        insert("priority:core-2-1 gcm:observer agent:mfa"),
        insert("priority:thematic-1 gcm:observer area:1"),
    ),
    Case(
        "participantsQualifier",
        BASE,
        insert('priority:thematic-1 gcm:participantsQualifier "lucha contra el racismo"'),
    ),
    Case("representation", BASE, insert("priority:thematic-1 gcm:representation agent:mfa")),
    Case(
        "contributesToSDG-iri",
        insert(f"{A1} gcm:contributesToSDG sdg:10.7"),
        insert("priority:core-2-1 gcm:contributesToSDG <https://sdgs.un.org/goals/goal10>"),
    ),
    Case(
        "contributesToSDG-known",
        insert("priority:thematic-1 gcm:contributesToSDG sdg:10"),
        insert("priority:thematic-1 gcm:contributesToSDG sdg:16.9"),
    ),
    Case("sourcePassage", BASE, delete(f"{AT} gcm:sourcePassage {PASSAGE}")),
    # --- workplan -------------------------------------------------------------------------
    Case(
        "Workplan",
        BASE,
        insert(f"<https://w3id.org/gcm-kg/id/workplan/2021_2022> a gcm:Workplan ; {LABELS}"),
    ),
    Case(
        "Workplan-title",
        insert('workplan:2021-2022 dcterms:title "Plan de travail"@fr'),
        insert('workplan:2021-2022 dcterms:title "Otro título"@es'),
    ),
    Case(
        "Workplan-issued",
        replace(
            'workplan:2021-2022 dcterms:issued "2021-04-28"^^xsd:date',
            'workplan:2021-2022 dcterms:issued "2021-04-30"^^xsd:date',
        ),
        replace(
            'workplan:2021-2022 dcterms:issued "2021-04-28"^^xsd:date',
            'workplan:2021-2022 dcterms:issued "2021-04-31"^^xsd:date',
        ),
    ),
    Case("Workplan-publisher", BASE, insert("workplan:2021-2022 dcterms:publisher agent:iom")),
    Case("Workplan-temporal", BASE, delete(f"workplan:2021-2022 dcterms:temporal {PERIOD}")),
    Case("Workplan-hasPriority", BASE, insert("workplan:2021-2022 gcm:hasPriority agent:iom")),
    Case("Workplan-derivedFrom", BASE, delete(f"workplan:2021-2022 prov:wasDerivedFrom {DOC}")),
    # --- priorities -----------------------------------------------------------------------
    Case(
        "Priority", BASE, insert("<https://w3id.org/gcm-kg/id/priority/Core_9> a gcm:CorePriority")
    ),
    Case(
        "PriorityKind", BASE, insert("<https://w3id.org/gcm-kg/id/priority/core-9> a gcm:Priority")
    ),
    Case(
        "Priority-workplan",
        insert("priority:thematic-1 gcm:priorityOf workplan:2021-2022"),
        delete("workplan:2021-2022 gcm:hasPriority priority:thematic-1"),
    ),
    Case("Priority-hasActivity", BASE, insert("priority:thematic-1 gcm:hasActivity agent:iom")),
    Case("Priority-activities", BASE, delete(f"priority:wg-regular-pathways gcm:hasActivity {AW}")),
    Case(
        "Priority-addressesObjective",
        insert("priority:thematic-1 gcm:addressesObjective objective:23"),
        insert("priority:thematic-1 gcm:addressesObjective objective:24"),
    ),
    Case(
        "Priority-objectivesStatement",
        BASE,
        insert('priority:thematic-1 gcm:objectivesStatement "quince"@es'),
    ),
    Case(
        "Priority-thematicArea",
        insert("priority:core-2-1 gcm:thematicArea area:1"),
        insert("priority:thematic-1 gcm:thematicArea area:3"),
    ),
    Case(
        "Priority-promotesPrinciple",
        insert("priority:thematic-1 gcm:promotesPrinciple principle:j"),
        insert("priority:thematic-1 gcm:promotesPrinciple principle:k"),
    ),
    Case(
        "Priority-subject-iri",
        BASE,
        insert("priority:thematic-1 dcterms:subject <https://metadata.un.org/thesaurus/1000797>"),
    ),
    Case(
        "Priority-subject-known", BASE, insert("priority:thematic-1 dcterms:subject unbis:9999999")
    ),
    Case(
        "Priority-notation-unique",
        BASE,
        insert(
            '<https://w3id.org/gcm-kg/id/priority/thematic-2> a gcm:ThematicPriority ; skos:notation "1" . workplan:2021-2022 gcm:hasPriority <https://w3id.org/gcm-kg/id/priority/thematic-2>'
        ),
    ),
    Case(
        "StatedPriority-objectives",
        BASE,
        delete("priority:wg-regular-pathways gcm:addressesObjective objective:5"),
    ),
    Case(
        "StatedPriority-objectivesStatement",
        BASE,
        delete('priority:thematic-1 gcm:objectivesStatement "15 y 16"@es'),
    ),
    Case(
        "StatedPriority-thematicArea",
        BASE,
        delete("priority:wg-regular-pathways gcm:thematicArea area:2"),
    ),
    Case(
        "CorePriority",
        BASE,
        insert("<https://w3id.org/gcm-kg/id/priority/basic-1> a gcm:CorePriority"),
    ),
    Case(
        "CorePriority-notation",
        BASE,
        replace('priority:core-2-1 skos:notation "2.1"', 'priority:core-2-1 skos:notation "2,1"'),
    ),
    Case(
        "CorePriority-key",
        BASE,
        replace('priority:core-2-1 skos:notation "2.1"', 'priority:core-2-1 skos:notation "2.2"'),
    ),
    Case(
        "WorkingGroupPriority",
        BASE,
        insert("<https://w3id.org/gcm-kg/id/priority/pathways> a gcm:WorkingGroupPriority"),
    ),
    Case(
        "ThematicPriority",
        BASE,
        insert("<https://w3id.org/gcm-kg/id/priority/thematic-one> a gcm:ThematicPriority"),
    ),
    Case(
        "ThematicPriority-notation",
        BASE,
        replace('priority:thematic-1 skos:notation "1"', 'priority:thematic-1 skos:notation "1a"'),
    ),
    Case(
        "ThematicPriority-key",
        BASE,
        replace('priority:thematic-1 skos:notation "1"', 'priority:thematic-1 skos:notation "2"'),
    ),
    # --- activities -----------------------------------------------------------------------
    Case(
        "Activity", BASE, insert("<https://w3id.org/gcm-kg/id/activity/core-2-1/01> a gcm:Activity")
    ),
    Case(
        "Activity-priority",
        insert(f"{A1} gcm:activityOf priority:core-2-1"),
        delete(f"priority:core-2-1 gcm:hasActivity {A1}"),
    ),
    Case("Activity-notation", BASE, replace(f'{AT} skos:notation "1"', f'{AT} skos:notation "1."')),
    Case(
        "Activity-description",
        insert(f'{AT} dcterms:description "Include migrants in the response."@en'),
        delete(f'{AT} dcterms:description "Incluir a los migrantes en la respuesta."@es'),
    ),
    Case("Activity-timeline", BASE, insert(f"{AT} gcm:timeline {instant('2021-01-01')}")),
    Case(
        "Activity-scheduleStatement",
        insert(f'{A1} gcm:scheduleStatement "2022"@es ; skos:editorialNote "x"@es , "x"@en'),
        insert(f'{A1} gcm:scheduleStatement "Q2 2021"@en'),
    ),
    Case(
        "Activity-conflict",
        insert(f'{A1} gcm:scheduleStatement "2022"@es ; skos:editorialNote "x"@es , "x"@en'),
        insert(f'{A1} gcm:scheduleStatement "2022"@es ; skos:editorialNote "x"@es'),
    ),
    Case(
        "emptyRoleList",
        insert(f"{AT} gcm:emptyRoleList gcm:participant"),
        insert(f"{AT} gcm:emptyRoleList gcm:timeline"),
    ),
    Case(
        "emptyRoleList-empty",
        insert(f"{AT} gcm:emptyRoleList gcm:participant"),
        insert("priority:core-2-1 gcm:emptyRoleList gcm:leadEntity"),
    ),
    Case(
        "Activity-relatedEvent",
        BASE,
        insert(f"{AT} gcm:relatedEvent <https://w3id.org/gcm-kg/id/event/unknown>"),
    ),
    Case("Activity-references", BASE, insert(f"{AW} dcterms:references priority:core-2-1")),
    Case(
        "Activity-key",
        BASE,
        replace(
            f"priority:wg-regular-pathways gcm:hasActivity {AW}",
            f"priority:core-2-1 gcm:hasActivity {AW}",
        ),
    ),
    # --- representations, events, provenance -----------------------------------------------
    Case(
        "Representation",
        BASE,
        insert("<https://w3id.org/gcm-kg/id/representation/CSAC> a gcm:Representation"),
    ),
    Case("Representation-context", BASE, delete(f"priority:core-2-1 gcm:representation {REP}")),
    Case("Representation-representedAgent", BASE, insert(f"{REP} gcm:representedAgent agent:iom")),
    Case(
        "Representation-representative",
        insert(f"{REP} gcm:representative agent:iom"),
        delete(f"{REP} gcm:representative agent:mfa"),
    ),
    Case("Event", BASE, insert("<https://w3id.org/gcm-kg/id/event/IMRF> a gcm:Event")),
    Case("Event-hasTime", BASE, insert(f"event:imrf-2022 time:hasTime {instant('2021-01-01')}")),
    Case(
        "Event-partOf",
        insert(
            f"event:hlpf a gcm:Event ; {LABELS} . {AT} gcm:relatedEvent event:hlpf . event:imrf-2022 dcterms:isPartOf event:hlpf"
        ),
        insert("event:imrf-2022 dcterms:isPartOf agent:iom"),
    ),
    Case(
        "Event-used",
        insert(f"{AT} gcm:relatedEvent event:imrf-2022"),
        delete(f"{A1} gcm:relatedEvent event:imrf-2022"),
    ),
    Case(
        "SourceDocument",
        BASE,
        insert("<https://w3id.org/gcm-kg/id/document/Plan.txt> a gcm:SourceDocument"),
    ),
    Case(
        "SourceDocument-sha256",
        BASE,
        replace(
            f'{DOC} gcm:sha256 "88773811cea597d264f833b790ce87356f107f5e4ca6834ff5d13c56c71c1e07"',
            f'{DOC} gcm:sha256 "88773811CEA597D264F833B790CE87356F107F5E4CA6834FF5D13C56C71C1E07"',
        ),
    ),
    Case(
        "SourcePassage",
        BASE,
        insert(
            "<https://w3id.org/gcm-kg/id/passage/workplan-2021-2022-es/lines-1-40> a gcm:SourcePassage"
        ),
    ),
    Case(
        "SourcePassage-firstLine",
        BASE,
        replace(
            f'{PASSAGE} gcm:firstLine "12"^^xsd:positiveInteger',
            f'{PASSAGE} gcm:firstLine "12"^^xsd:integer',
        ),
    ),
    Case(
        "SourcePassage-lastLine",
        BASE,
        replace(
            f'{PASSAGE} gcm:lastLine "13"^^xsd:positiveInteger',
            f'{PASSAGE} gcm:lastLine "0"^^xsd:positiveInteger',
        ),
    ),
    Case("SourcePassage-document", BASE, delete(f"{PASSAGE} dcterms:isPartOf {DOC}")),
    Case(
        "SourcePassage-order",
        BASE,
        insert(
            f'<https://w3id.org/gcm-kg/id/passage/workplan-2021-2022-es/20-10> a gcm:SourcePassage ; dcterms:isPartOf {DOC} ; gcm:firstLine "20"^^xsd:positiveInteger ; gcm:lastLine "10"^^xsd:positiveInteger'
        ),
    ),
    Case(
        "SourcePassage-key",
        BASE,
        replace(
            f'{PASSAGE} gcm:lastLine "13"^^xsd:positiveInteger',
            f'{PASSAGE} gcm:lastLine "14"^^xsd:positiveInteger',
        ),
    ),
    # --- schedules, intervals, instants --------------------------------------------------
    Case(
        "Schedule",
        BASE,
        insert("<https://w3id.org/gcm-kg/id/schedule/core-2-1/1/a> a gcm:Schedule"),
    ),
    Case("Schedule-activity", BASE, delete(f"{A1} gcm:timeline {S1}")),
    Case(
        "Schedule-label",
        BASE,
        replace(f'{S1} rdfs:label "segundo trimestre de 2021"@es', f'{S1} rdfs:label "Q2 2021"@en'),
    ),
    Case(
        "Schedule-key",
        insert(
            f'{S2} a gcm:Schedule ; rdfs:label "2022"@es ; {LABELS} ; time:hasBeginning {instant("2021-01-01")} ; time:hasEnd {instant("2022-12-31")} ; gcm:dueBy "2022-12-31"^^xsd:date . {A1} gcm:timeline {S2}'
        ),
        insert(
            f"<https://w3id.org/gcm-kg/id/schedule/core-2-1/2/1> a gcm:Schedule . {A1} gcm:timeline <https://w3id.org/gcm-kg/id/schedule/core-2-1/2/1>"
        ),
    ),
    Case(
        "Schedule-dueBy",
        BASE,
        replace(S1_END, f'{S1_END.split(" ; ")[0]} ; gcm:dueBy "2021-06-30"'),
    ),
    Case(
        "Schedule-dueBy-end",
        BASE,
        replace(S1_END, f'{S1_END.split(" ; ")[0]} ; gcm:dueBy "2021-07-31"^^xsd:date'),
    ),
    Case(
        "Deadline-hasBeginning",
        replace(f"{S1} time:hasBeginning {instant('2021-04-01')}", f"{S1} a gcm:Deadline"),
        insert(f"{S1} a gcm:Deadline"),
    ),
    Case(
        "OpenEndedSchedule-hasEnd",
        OPEN_ENDED,
        insert(f"{S1} a gcm:OpenEndedSchedule ; time:intervalStartedBy {PERIOD}"),
    ),
    Case(
        "OpenEndedSchedule-dueBy",
        OPEN_ENDED,
        replace(
            f"{S1} time:hasEnd {instant('2021-06-30')}",
            f"{S1} a gcm:OpenEndedSchedule ; time:intervalStartedBy {PERIOD}",
        ),
    ),
    Case(
        "OpenEndedSchedule-startedBy",
        OPEN_ENDED,
        replace(S1_END, f"{S1} a gcm:OpenEndedSchedule"),
    ),
    Case(
        "Continuation-continues",
        insert(
            f'{S2} a gcm:Continuation ; rdfs:label "continuación"@es ; {LABELS} ; time:hasBeginning {instant("2021-04-01")} ; time:hasEnd {instant("2021-06-30")} ; gcm:dueBy "2021-06-30"^^xsd:date ; gcm:continues {S1} . {A1} gcm:timeline {S2}'
        ),
        insert(
            f'{S2} a gcm:Continuation ; rdfs:label "continuación"@es ; {LABELS} ; time:hasBeginning {instant("2021-04-01")} ; time:hasEnd {instant("2021-06-30")} ; gcm:dueBy "2021-06-30"^^xsd:date . {A1} gcm:timeline {S2}'
        ),
    ),
    Case(
        "Interval-hasBeginning", BASE, insert(f"{PERIOD} time:hasBeginning {instant('2021-04-01')}")
    ),
    Case("Interval-hasEnd", BASE, insert(f"{S1} time:hasEnd {instant('2022-12-31')}")),
    Case("IntervalBeginning", BASE, delete(f"{PERIOD} time:hasBeginning {instant('2021-01-01')}")),
    Case("IntervalEnd", BASE, delete(f"{PERIOD} time:hasEnd {instant('2022-12-31')}")),
    Case(
        "Interval-order",
        replace(
            f"{S1} time:hasEnd {instant('2021-06-30')}", f"{S1} time:hasEnd {instant('2021-04-01')}"
        ),
        replace(
            f"{S1} time:hasEnd {instant('2021-06-30')}", f"{S1} time:hasEnd {instant('2021-01-01')}"
        ),
    ),
    Case(
        "Period-key",
        BASE,
        replace(
            f"{PERIOD} time:hasEnd {instant('2022-12-31')}",
            f"{PERIOD} time:hasEnd {instant('2021-06-30')}",
        ),
    ),
    Case("Instant", BASE, insert(f"{instant('2021-13-01')} a time:Instant")),
    Case(
        "Instant-date",
        BASE,
        replace(
            f'{instant("2021-06-30")} time:inXSDDate "2021-06-30"^^xsd:date',
            f'{instant("2021-06-30")} time:inXSDDate "2021-06-31"^^xsd:date',
        ),
    ),
    Case(
        "Instant-key",
        BASE,
        replace(
            f'{instant("2021-04-01")} time:inXSDDate "2021-04-01"^^xsd:date',
            f'{instant("2021-04-01")} time:inXSDDate "2021-04-02"^^xsd:date',
        ),
    ),
    # --- agents -------------------------------------------------------------------------------
    Case("Agent", BASE, insert("<https://w3id.org/gcm-kg/id/agent/IOM> a gcm:UNEntity")),
    Case(
        "AgentKind",
        insert("agent:mfa a org:Organization"),
        insert("<https://w3id.org/gcm-kg/id/agent/acme> a org:Organization"),
    ),
    Case(
        "Agent-sameAs",
        BASE,
        replace(
            "agent:iom owl:sameAs wd:Q472311",
            "agent:iom owl:sameAs <https://www.wikidata.org/wiki/Q472311>",
        ),
    ),
    Case(
        "Agent-closeMatch",
        BASE,
        replace("agent:mfa skos:closeMatch wd:Q6844055", "agent:mfa skos:closeMatch wd:P31"),
    ),
    Case(
        "Agent-homepage",
        BASE,
        replace(
            "agent:iom foaf:homepage <https://www.iom.int/>",
            'agent:iom foaf:homepage "https://www.iom.int/"',
        ),
    ),
    Case("Agent-unitOf", BASE, insert("agent:mfa org:unitOf sdg:10")),
    Case("Agent-memberOf", BASE, insert("agent:mfa org:memberOf objective:1")),
    Case(
        "Agent-named",
        insert(
            f"<https://w3id.org/gcm-kg/id/agent/acme> a gcm:CivilSocietyOrganization ; {LABELS} ; skos:closeMatch wd:Q2 . priority:thematic-1 gcm:participant <https://w3id.org/gcm-kg/id/agent/acme>"
        ),
        insert(
            f"<https://w3id.org/gcm-kg/id/agent/acme> a gcm:CivilSocietyOrganization ; {LABELS} ; skos:closeMatch wd:Q2"
        ),
    ),
    Case("AgentWikidata", BASE, delete("agent:mfa skos:closeMatch wd:Q6844055")),
    Case(
        "UNVocabularyConcept",
        BASE,
        delete(f"sdg:10.7 gcm:iriEvidence {SDG_EVIDENCE}"),
    ),
    Case(
        "WikidataLinked-evidence",
        BASE,
        delete(f"agent:mfa gcm:wikidataEvidence {EVIDENCE}"),
    ),
    Case(
        "HomepageGiven-evidence",
        BASE,
        replace(
            f"agent:iom gcm:homepageEvidence {EVIDENCE}",
            "agent:iom gcm:homepageEvidence <https://github.com/ror-community/ror-records/blob/main/v1.9/0437ej039.json>",
        ),
    ),
    Case(
        "Agent-namedIn",
        insert(f"agent:mfa gcm:namedIn {PASSAGE}"),
        insert("agent:mfa gcm:namedIn agent:iom"),
    ),
    Case(
        "AgentGroup-membersListed",
        insert(f"{GROUP} . agent:champions gcm:membersListed false"),
        insert(GROUP),
    ),
    Case(
        "AgentGroup-member",
        insert(f"{GROUP} . agent:champions gcm:membersListed true ; foaf:member agent:iom"),
        insert(f"{GROUP} . agent:champions gcm:membersListed true ; foaf:member objective:1"),
    ),
    Case(
        "AgentGroup-members",
        insert(f"{GROUP} . agent:champions gcm:membersListed false"),
        insert(f"{GROUP} . agent:champions gcm:membersListed true"),
    ),
    # --- GCM objectives, guiding principles, thematic areas, SDGs ------------------------------
    Case(
        "GCMObjective",
        BASE,
        insert(
            f'objective:24 a gcm:GCMObjective ; skos:notation "24" ; skos:inScheme {GCM_SCHEME}'
        ),
    ),
    Case(
        "GCMObjective-notation",
        BASE,
        replace('objective:5 skos:notation "5"', 'objective:5 skos:notation "05"'),
    ),
    Case(
        "GCMObjective-scheme",
        BASE,
        replace(
            f"objective:1 skos:inScheme {GCM_SCHEME}", f"objective:1 skos:inScheme {AREA_SCHEME}"
        ),
    ),
    Case("GCMObjectives-count", BASE, delete(f"objective:23 skos:inScheme {GCM_SCHEME}")),
    Case(
        "GuidingPrinciple",
        BASE,
        insert(
            f'principle:k a gcm:GuidingPrinciple ; skos:notation "k" ; skos:inScheme {GP_SCHEME}'
        ),
    ),
    Case(
        "GuidingPrinciple-notation",
        BASE,
        replace('principle:a skos:notation "a"', 'principle:a skos:notation "A"'),
    ),
    Case("GuidingPrinciple-scheme", BASE, delete(f"principle:b skos:inScheme {GP_SCHEME}")),
    Case("GuidingPrinciples-count", BASE, delete(f"principle:j skos:inScheme {GP_SCHEME}")),
    Case(
        "ThematicArea",
        BASE,
        insert(f'area:6 a gcm:ThematicArea ; skos:notation "6" ; skos:inScheme {AREA_SCHEME}'),
    ),
    Case(
        "ThematicArea-notation",
        BASE,
        replace('area:3 skos:notation "3"', 'area:3 skos:notation "three"'),
    ),
    Case("ThematicArea-scheme", BASE, delete(f"area:4 skos:inScheme {AREA_SCHEME}")),
    Case(
        "ThematicAreas-count",
        BASE,
        insert(f"objective:1 skos:inScheme {AREA_SCHEME} . objective:1 a gcm:ThematicArea"),
    ),
    Case(
        "NumberedConcept-key", BASE, replace('area:5 skos:notation "5"', 'area:5 skos:notation "4"')
    ),
    Case(
        "SdgGoal", BASE, insert('<http://metadata.un.org/sdg/18> a sdgo:Goal ; skos:notation "18"')
    ),
    Case(
        "SdgTarget",
        BASE,
        insert(
            '<http://metadata.un.org/sdg/10.77a> a sdgo:Target ; skos:notation "10.77a" ; skos:broader sdg:10'
        ),
    ),
    Case("Sdg-notation", BASE, delete('sdg:10 skos:notation "10"')),
    Case(
        "Sdg-exactMatch",
        BASE,
        replace(
            "sdg:10 skos:exactMatch wd:Q50708719",
            "sdg:10 skos:exactMatch <https://www.wikidata.org/wiki/Q50708719>",
        ),
    ),
    Case("SdgTarget-goal", BASE, delete("sdg:10.7 skos:broader sdg:10")),
    Case(
        "Sdg-key", BASE, replace('sdg:10.7 skos:notation "10.7"', 'sdg:10.7 skos:notation "10.8"')
    ),
]


def _vocabularies() -> str:
    """The 23 objectives, 10 principles and 5 areas, each numbered once, in their schemes."""
    lines = [PROLOGUE.replace("PREFIX ", "@prefix ").replace(">\n", "> .\n")]
    for kind, scheme, cls, keys in (
        ("gcm-objective", "gcm-objectives", "GCMObjective", [str(n) for n in range(1, 24)]),
        ("guiding-principle", "guiding-principles", "GuidingPrinciple", list("abcdefghij")),
        ("thematic-area", "thematic-areas", "ThematicArea", [str(n) for n in range(1, 6)]),
    ):
        lines.append(f"id:scheme\\/{scheme} a skos:ConceptScheme ; {LABELS} .")
        for key in keys:
            lines.append(
                f'<https://w3id.org/gcm-kg/id/{kind}/{key}> a gcm:{cls} ; skos:notation "{key}" ; '
                f"skos:inScheme <https://w3id.org/gcm-kg/id/scheme/{scheme}> ; "
                f'skos:prefLabel "{cls} {key}"@es , "{cls} {key}"@en .'
            )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def shapes(layout: Layout) -> Graph:
    return shacl.read_shapes(layout.shapes_dir)[1]


@pytest.fixture(scope="module")
def base(layout: Layout) -> Graph:
    """The conforming base with the ontology; each case changes it and restores it."""
    graph = shacl.data_graph()
    graph.parse(data=_vocabularies(), format="turtle")
    graph += read_turtle(HERE / "shapes" / "base.ttl").graph
    graph += read_turtle(layout.ontology_file).graph
    return graph


def _node_shapes(shapes: Graph, rule: URIRef) -> list[URIRef]:
    """The node shapes to run for ``rule``: itself, or those that hold it."""
    if (rule, RDF.type, SH.NodeShape) in shapes:
        return [rule]
    holders = {*shapes.subjects(SH.property, rule), *shapes.subjects(SH.sparql, rule)}
    return sorted(h for h in holders if isinstance(h, URIRef))


def _reachable(shapes: Graph, starts: list[URIRef]) -> Graph:
    """The part of ``shapes`` that ``starts`` use: their triples and those of every blank node,
    shape and prefix declaration they lead to."""
    subgraph, seen, todo = Graph(), set(starts), list(starts)
    while todo:
        for s, p, o in shapes.triples((todo.pop(), None, None)):
            subgraph.add((s, p, o))
            inner = isinstance(o, BNode) or ((o, None, None) in shapes and p != RDF.type)
            if inner and o not in seen:
                seen.add(o)
                todo.append(o)
    return subgraph


def _results(base: Graph, shapes: Graph, update: str, rule: URIRef) -> list[shacl.ShaclResult]:
    """Validate ``base`` changed by ``update`` against ``rule``'s shapes; ``base`` is restored."""
    before = set(base)
    try:
        if update:
            base.update(PROLOGUE + update)
        report = shacl.run(base, _reachable(shapes, _node_shapes(shapes, rule)))
    finally:
        after = set(base)
        for triple in after - before:
            base.remove(triple)
        for triple in before - after:
            base.add(triple)
    return shacl.results(report, shapes)


def _from(rule: URIRef, result: shacl.ShaclResult) -> bool:
    return rule in (result.shape, result.constraint)


def test_the_base_conforms_without_a_warning(base: Graph, shapes: Graph) -> None:
    results = shacl.results(shacl.run(base, shapes), shapes)
    assert [(r.focus, r.shape, r.messages.get("en")) for r in results] == []


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_conforming_example(base: Graph, shapes: Graph, case: Case) -> None:
    rule = GCMSH[case.rule]
    results = _results(base, shapes, case.conforming, rule)
    assert [(str(r.focus), str(r.shape), r.messages.get("en")) for r in results] == []


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_non_conforming_example(base: Graph, shapes: Graph, case: Case) -> None:
    rule = GCMSH[case.rule]
    found = [r for r in _results(base, shapes, case.non_conforming, rule) if _from(rule, r)]
    assert found, f"{case.rule} did not report"
    holder = rule if (rule, SH.severity, None) in shapes else _node_shapes(shapes, rule)[0]
    assert {r.severity for r in found} == {shapes.value(holder, SH.severity)}
    assert all(r.messages.get("en") and r.messages.get("es") for r in found)


def _rules(shapes: Graph) -> set[URIRef]:
    kinds = (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
    return {
        s
        for kind in kinds
        for s in shapes.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and s.startswith(str(GCMSH))
    }


_CONTAINER_ONLY = {
    RDF.type, RDFS.comment, SH.severity, SH.message, SH.property, SH.sparql,
    SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
}  # fmt: skip


def test_every_rule_has_a_case(shapes: Graph) -> None:
    """Every shape that checks something itself (not only through its property shapes)."""
    checking = {
        rule
        for rule in _rules(shapes)
        if any(p not in _CONTAINER_ONLY for p in shapes.predicates(rule, None))
    }
    covered = {GCMSH[c.rule] for c in CASES}
    assert sorted(checking - covered) == []
    assert sorted(covered - checking) == []


def test_every_shape_has_a_severity_and_messages_in_english_and_spanish(shapes: Graph) -> None:
    for rule in _rules(shapes):
        languages = {m.language for m in shapes.objects(rule, SH.message) if isinstance(m, Literal)}
        assert languages == {"en", "es"}, rule
        if (rule, RDF.type, SH.SPARQLConstraint) not in shapes:
            assert shapes.value(rule, SH.severity) in (SH.Violation, SH.Warning), rule


def test_warnings_are_the_advisory_rules(shapes: Graph) -> None:
    warnings = {str(s).split("#")[1] for s in shapes.subjects(SH.severity, SH.Warning)}
    assert warnings == {
        "AgentKind",
        "AgentNamed",
        "AgentWikidata",
        "Event-used",
        "Priority-activities",
    }
