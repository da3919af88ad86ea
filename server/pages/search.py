"""Search over the labels of the graph, in both languages, without regard to accents or case.

The index is built from the rows of a SPARQL query (resource, kind, label, language) once per
generation; :func:`normalise` folds "Detención" and "detencion" to the same text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

KIND_ORDER = ("priority", "activity", "agent", "objective", "area", "principle", "sdg", "event")
"""Kinds of result, in the order results of equal rank are listed."""


def normalise(text: str) -> str:
    """Lower-case, without diacritics, punctuation as spaces, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", bare.casefold()).split())


@dataclass
class Entry:
    """One resource: its kind, its labels by language, and every text it can be found by."""

    iri: str
    kind: str
    labels: dict[str, str] = field(default_factory=dict)
    notation: str | None = None
    texts: list[str] = field(default_factory=list)
    """Normalised labels, alternative labels and notations."""


@dataclass(frozen=True)
class Hit:
    entry: Entry
    rank: int
    """0 a whole label matches, 1 a label starts with the query, 2 the words are all there."""


def build_index(rows: Iterable[Mapping[str, str]]) -> list[Entry]:
    """Entries from rows with ``iri``, ``kind``, ``text``, ``lang`` and ``field`` (``label``,
    ``alt``, ``hidden`` — a spelling found but never shown — or ``notation``)."""
    entries: dict[str, Entry] = {}
    for row in rows:
        entry = entries.setdefault(row["iri"], Entry(row["iri"], row["kind"]))
        text = row["text"]
        if row["field"] == "label":
            entry.labels.setdefault(row.get("lang", ""), text)
        elif row["field"] == "notation":
            entry.notation = text
        normal = normalise(text)
        if normal and normal not in entry.texts:
            entry.texts.append(normal)
    return list(entries.values())


def rank(entry: Entry, query: str, words: list[str]) -> int | None:
    """How well ``entry`` matches the normalised ``query`` (see :class:`Hit`); ``None``: not."""
    if any(text == query for text in entry.texts):
        return 0
    if any(text.startswith(query) for text in entry.texts):
        return 1
    haystack = " ".join(entry.texts)
    if all(word in haystack for word in words):
        return 2
    return None


def search(index: Iterable[Entry], query: str) -> list[Hit]:
    """The entries matching every word of ``query``, best first."""
    normal = normalise(query)
    if not normal:
        return []
    words = normal.split()
    hits = []
    for entry in index:
        found = rank(entry, normal, words)
        if found is not None:
            hits.append(Hit(entry, found))
    order = {kind: position for position, kind in enumerate(KIND_ORDER)}

    def key(hit: Hit) -> tuple[int, int, str]:
        label = hit.entry.labels.get("es") or next(iter(hit.entry.labels.values()), "")
        return (hit.rank, order.get(hit.entry.kind, len(order)), normalise(label))

    return sorted(hits, key=key)
