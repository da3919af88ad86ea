"""Mint the IRIs of our resources: one pure function per kind (docs/data-model.md).

Keys come from the document (numbering, acronyms), never from counters or content hashes.
"""

from __future__ import annotations

from datetime import date

from rdflib import URIRef

from .namespaces import ID, SDG, UNBIS, WD

WORKPLAN_KEY = "2021-2022"
DOCUMENT_KEY = "workplan-2021-2022-es"


def workplan(key: str = WORKPLAN_KEY) -> URIRef:
    return ID[f"workplan/{key}"]


def priority(key: str) -> URIRef:
    return ID[f"priority/{key}"]


def activity(priority_key: str, number: int | str) -> URIRef:
    return ID[f"activity/{priority_key}/{number}"]


def schedule(priority_key: str, activity_number: int, n: int) -> URIRef:
    return ID[f"schedule/{priority_key}/{activity_number}/{n}"]


def instant(day: date) -> URIRef:
    return ID[f"instant/{day.isoformat()}"]


def period(begin: date, end: date) -> URIRef:
    return ID[f"period/{begin.isoformat()}--{end.isoformat()}"]


def agent(key: str) -> URIRef:
    return ID[f"agent/{key}"]


def representation(priority_key: str, agent_key: str) -> URIRef:
    return ID[f"representation/{priority_key}/{agent_key}"]


def event(key: str) -> URIRef:
    return ID[f"event/{key}"]


def document(key: str = DOCUMENT_KEY) -> URIRef:
    return ID[f"document/{key}"]


def passage(first: int, last: int, document_key: str = DOCUMENT_KEY) -> URIRef:
    return ID[f"passage/{document_key}/{first}-{last}"]


def gcm_objective(number: int | str) -> URIRef:
    return ID[f"gcm-objective/{number}"]


def guiding_principle(letter: str) -> URIRef:
    return ID[f"guiding-principle/{letter}"]


def thematic_area(number: int | str) -> URIRef:
    return ID[f"thematic-area/{number}"]


def scheme(key: str) -> URIRef:
    return ID[f"scheme/{key}"]


def sdg(notation: str) -> URIRef:
    """A goal ("10") or target ("10.7") of the UN SDG vocabulary."""
    return SDG[notation]


def unbis(concept_id: str) -> URIRef:
    return UNBIS[concept_id]


def wikidata(qid: str) -> URIRef:
    return WD[qid]
