"""The pieces pages are made of, built from query rows by pure functions.

An :class:`Item` is a resource with its labels by language, its acronyms and its number; pages
pick the label in the reader's language with :func:`server.pages.language.pick`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .language import Text, pick
from .sparql import Row, lang, value


@dataclass
class Item:
    """A resource (or a literal) as pages show it."""

    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    alts: dict[str, list[str]] = field(default_factory=dict)
    notation: str | None = None
    literal: bool = False

    def label(self, language: str) -> Text | None:
        return pick(self.labels, language)

    def acronym(self, language: str) -> Text | None:
        """The alternative label in ``language``: an acronym or a short name; else an acronym of
        another language (one word, "APRRN"), but not a short name in words of another."""
        found = pick({k: v[0] for k, v in self.alts.items() if v}, language)
        if found is None or found.lang in (language, None) or " " not in found.value:
            return found
        return None

    def add_label(self, text: str | None, tag: str) -> None:
        if text is not None:
            self.labels.setdefault(tag, text)

    def add_alt(self, text: str | None, tag: str) -> None:
        if text is not None and text not in self.alts.setdefault(tag, []):
            self.alts[tag].append(text)


def collect(
    rows: Iterable[Row],
    key: str,
    label: str | None = "label",
    alt: str | None = None,
    notation: str | None = None,
) -> dict[str, Item]:
    """One :class:`Item` per distinct value of ``key``, in the order rows first name it."""
    items: dict[str, Item] = {}
    for row in rows:
        iri = value(row, key)
        if iri is None:
            continue
        item = items.get(iri)
        if item is None:
            item = items[iri] = Item(iri, literal=row[key]["type"] == "literal")
        if label:
            item.add_label(value(row, label), lang(row, label))
        if alt:
            item.add_alt(value(row, alt), lang(row, alt))
        if notation and item.notation is None:
            item.notation = value(row, notation)
    return items


def natural_key(text: str | None) -> tuple[tuple[int, int | str], ...]:
    """Sort key that orders "2.10" after "2.9" and numbers before words; ``None`` last."""
    if text is None:
        return ((2, ""),)
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\s]", text)
    )


def by_notation(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=lambda item: (natural_key(item.notation), item.iri))


def parse_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass
class Statement:
    """One row of a resource's statement table: property, value, and the value's labels."""

    prop: str
    item: Item
    datatype: str | None = None


def statements(rows: Iterable[Row], subject_or_object: str) -> list[Statement]:
    """The statements of :file:`outgoing.rq` (``o``) or :file:`incoming.rq` (``s``), with the
    labels of each value gathered, in the order the rows give them."""
    found: dict[tuple[str, str, str], Statement] = {}
    for row in rows:
        prop = value(row, "p")
        term = row.get(subject_or_object)
        if prop is None or term is None:
            continue
        literal = term["type"] == "literal"
        key = (prop, str(term["value"]), str(term.get("xml:lang", "")))
        statement = found.get(key)
        if statement is None:
            item = Item(str(term["value"]), literal=literal)
            if literal:
                item.labels[str(term.get("xml:lang", ""))] = str(term["value"])
            statement = found[key] = Statement(prop, item, term.get("datatype"))
        if not literal:
            statement.item.add_label(value(row, "label"), lang(row, "label"))
            if statement.item.notation is None:
                statement.item.notation = value(row, "notation")
    return list(found.values())
