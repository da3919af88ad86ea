"""Resolve a role list of the document ("OIT, OIM; Comité …, representado por …") into agents,
and find every line of the document that names an agent.

Names are matched against the aliases of the curated agent table, longest first, so a name
that contains a comma or "y" ("Development Center, Organisation for …", "Centro de Estudios
Legales y Sociales (CELS)") is read whole. Text that matches no alias is an error naming it:
the importer never invents an agent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .curation import Agent

_SEPARATOR = re.compile(r"(?:\s*[,;]\s*|\s+y\s+|\s+)")
_REPRESENTED = re.compile(r",?\s*representad[oa]s? por\s+")


@dataclass(frozen=True)
class Mention:
    """An agent named in a role list, with the agents it is represented by there."""

    key: str
    represented_by: tuple[str, ...] = field(default=())


class UnknownAgent(ValueError):
    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(f"no agent in the curated table matches {text[:80]!r}")


class AliasIndex:
    """Every alias of every agent, longest first."""

    def __init__(self, agents: dict[str, Agent], joint: dict[str, tuple[str, ...]]) -> None:
        table: dict[str, tuple[str, ...]] = {}
        for agent in agents.values():
            for alias in agent.aliases:
                if alias in table and table[alias] != (agent.key,):
                    raise ValueError(f"alias {alias!r} names both {table[alias]} and {agent.key}")
                table[alias] = (agent.key,)
        table.update(joint)
        self.aliases = sorted(table.items(), key=lambda item: -len(item[0]))

    def match(self, text: str, pos: int) -> tuple[tuple[str, ...], int] | None:
        """The agents of the longest alias at ``pos`` that ends at a boundary, and its end."""
        for alias, keys in self.aliases:
            if text.startswith(alias, pos):
                end = pos + len(alias)
                if end == len(text) or _boundary(text, end):
                    return keys, end
        return None


def named_lines(lines: Sequence[str], index: AliasIndex) -> dict[str, set[int]]:
    """The lines (from 1) on which each agent is named, in role lists and in running text.

    Every alias is looked for as a whole word in the document's non-blank lines joined by
    spaces, so a name broken by a page ("Mixed … Migration Centre") is found on the line where
    it starts; where aliases overlap, the longest wins ("todos los miembros del Comité
    Ejecutivo" names the group, not the committee).
    """
    parts: list[str] = []
    starts: list[int] = []
    numbers: list[int] = []
    offset = 0
    for number, line in enumerate(lines, start=1):
        if line.strip():
            starts.append(offset)
            numbers.append(number)
            parts.append(line)
            offset += len(line) + 1
    text = " ".join(parts)
    found: list[tuple[int, int, tuple[str, ...]]] = []
    for alias, keys in index.aliases:
        pattern = re.compile(rf"(?<!\w){re.escape(alias)}(?!\w)")
        found.extend((m.start(), m.end(), keys) for m in pattern.finditer(text))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    named: dict[str, set[int]] = {}
    covered = 0
    for start, end, keys in found:
        if start < covered:
            continue
        covered = end
        at = numbers[bisect.bisect_right(starts, start) - 1]
        for key in keys:
            named.setdefault(key, set()).add(at)
    return named


def _boundary(text: str, end: int) -> bool:
    return bool(re.match(r"\s*(?:[,;.]|\s+y\s|$)", text[end:])) or text[end:].startswith(" y ")


def resolve(text: str, index: AliasIndex) -> list[Mention]:
    """The agents a role list names, in order, each once."""
    text = text.strip().rstrip(".").strip()
    mentions: list[Mention] = []
    pos = 0
    while pos < len(text):
        sep = _SEPARATOR.match(text, pos)
        if sep and sep.end() > pos:
            pos = sep.end()
            continue
        found = index.match(text, pos)
        if found is None:
            raise UnknownAgent(text[pos:])
        keys, pos = found
        represented_by: list[str] = []
        rep = _REPRESENTED.match(text, pos)
        if rep:
            pos = rep.end()
            segment_end = text.find(";", pos)
            segment_end = len(text) if segment_end < 0 else segment_end
            while pos < segment_end:
                sep = _SEPARATOR.match(text, pos)
                if sep and sep.end() > pos:
                    pos = sep.end()
                    continue
                inner = index.match(text[:segment_end], pos)
                if inner is None:
                    raise UnknownAgent(text[pos:segment_end])
                inner_keys, pos = inner
                represented_by.extend(inner_keys)
        for key in keys:
            if all(m.key != key for m in mentions):
                mentions.append(Mention(key, tuple(represented_by)))
    return mentions
