"""Read the structure of a workplan document: priorities, activities, schedules, roles.

A pure parser of the text edition of the Network's workplan (``source/*.txt``): it knows the
document's headings and line shapes and returns plain records with the line numbers they come
from. It resolves nothing (agents, objectives and schedules are read by other modules) and it
fails on any line it does not understand, naming the line.

Markdown left in the text (``*emphasis*``, ``**strong**``, ``[link](#)``) is markup, not
wording: it is removed before anything is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from .errors import SourceError


class PriorityKind(StrEnum):
    CORE = "core"
    WORKING_GROUP = "working-group"
    THEMATIC = "thematic"


class Role(StrEnum):
    LEAD = "lead"
    PARTICIPANT = "participant"
    OBSERVER = "observer"


@dataclass
class Span:
    """Lines ``first`` to ``last`` of the document, counted from 1."""

    first: int
    last: int


@dataclass
class RoleStatement:
    """A line naming the agents in one role ("Participantes: OIT, OIM, …")."""

    role: Role
    text: str
    line: int
    qualifier: str | None = None


@dataclass
class ScheduleStatement:
    """A "Cronograma:" line."""

    text: str
    line: int


@dataclass
class ActivityRecord:
    number: int
    text: str
    span: Span
    schedules: list[ScheduleStatement] = field(default_factory=list)
    roles: list[RoleStatement] = field(default_factory=list)


@dataclass
class PriorityRecord:
    kind: PriorityKind
    notation: str | None
    title: str
    span: Span
    activities: list[ActivityRecord] = field(default_factory=list)
    roles: list[RoleStatement] = field(default_factory=list)
    objectives: str | None = None
    objectives_line: int | None = None
    area: int | None = None
    area_title: str | None = None
    area_line: int | None = None


@dataclass
class WorkplanDocument:
    title: str
    issued_text: str
    issued_line: int
    priorities: list[PriorityRecord]
    line_count: int
    lines: tuple[str, ...] = ()
    """Every line of the document without its markup (:func:`strip_markup`), from line 1."""


_SECTION_CORE = "PRIORIDADES BÁSICAS"
_SECTION_OBJECTIVES = "OBJETIVOS TEMÁTICOS"
_SECTION_WORKING_GROUPS = "Grupos de trabajo temáticos existentes"
_SECTION_THEMATIC = "Prioridades temáticas nuevas"
_FOOTER = ("United Nations", "Network on Migration", "Working Better Together")

_RE_PRIORITY = re.compile(r"^Prioridad (básica|temática) (\d+(?:\.\d+)?)$")
_RE_ITEM = re.compile(r"^(?:-\s*)?(\d+)\.\s+(.+)$")
_RE_SCHEDULE = re.compile(r"^(?:-\s*)?Cronograma:\s*(.+)$")
_RE_ROLE = re.compile(
    r"^(?:-\s*)?(Entidad encargada|Entidades encargadas|Participantes|Observadores)"
    r"(?:\s*\(([^)]*)\))?:\s*(.*)$"
)
_RE_OBJECTIVES = re.compile(r"^Objetivos del Pacto Mundial para la Migración:\s*(.+)$")
_RE_AREA = re.compile(r"^Esfera temática (\d)\s*[-–:]\s*(.+)$")
_RE_DATE = re.compile(r"^\d{1,2} de [a-z]+ de \d{4}$")
_ROLES = {
    "Entidad encargada": Role.LEAD,
    "Entidades encargadas": Role.LEAD,
    "Participantes": Role.PARTICIPANT,
    "Observadores": Role.OBSERVER,
}


def strip_markup(line: str) -> str:
    """The wording of a line without Markdown emphasis and links, whitespace collapsed."""
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    line = line.replace("**", "").replace("*", "")
    return re.sub(r"\s+", " ", line).strip()


def parse_document(text: str, path: Path) -> WorkplanDocument:
    """Parse the whole document; ``path`` only names the file in errors."""
    return _Parser(text.splitlines(), path).run()


class _Parser:
    def __init__(self, lines: list[str], path: Path) -> None:
        self.raw = lines
        self.path = path
        self.lines = [strip_markup(x) for x in lines]
        self.priorities: list[PriorityRecord] = []
        self.section: str | None = None
        self.priority: PriorityRecord | None = None
        self.activity: ActivityRecord | None = None
        self.expect_title = False
        # what a line of running text continues: ("activity"|"role"|"objectives"|"area"|None)
        self.open: str | None = None

    def fail(self, lineno: int, message: str) -> SourceError:
        return SourceError(self.path, message, lineno)

    def run(self) -> WorkplanDocument:
        title, issued, issued_line = self._front_matter()
        start = self._find(_SECTION_CORE)
        end = len(self.lines)
        for index in range(start, len(self.lines)):
            lineno = index + 1
            line = self.lines[index]
            if not line or line == "-":
                continue
            if line in _FOOTER and all(not x or x in _FOOTER for x in self.lines[index:]):
                end = index
                break
            self._line(line, lineno)
        self._close_priority(end)
        if not self.priorities:
            raise self.fail(start + 1, "no priority found")
        return WorkplanDocument(
            title, issued, issued_line, self.priorities, len(self.lines), tuple(self.lines)
        )

    def _front_matter(self) -> tuple[str, str, int]:
        title_at = self._find("PLAN DE TRABAJO DE LA RED")
        subtitle = self.lines[self._next_nonblank(title_at + 1)]
        date_index = self._next_nonblank(self._next_nonblank(title_at + 1) + 1)
        if not _RE_DATE.match(self.lines[date_index]):
            raise self.fail(
                date_index + 1, "expected the date of the workplan (e.g. '28 de abril de 2021')"
            )
        return f"{self.lines[title_at]} – {subtitle}", self.lines[date_index], date_index + 1

    def _find(self, heading: str) -> int:
        for index, line in enumerate(self.lines):
            if line == heading:
                return index
        raise self.fail(1, f"heading {heading!r} not found")

    def _next_nonblank(self, index: int) -> int:
        while index < len(self.lines) and not self.lines[index]:
            index += 1
        if index >= len(self.lines):
            raise self.fail(len(self.lines), "unexpected end of document")
        return index

    # -- one line -------------------------------------------------------------------------
    def _line(self, line: str, lineno: int) -> None:
        if line in (_SECTION_CORE, _SECTION_OBJECTIVES, _SECTION_WORKING_GROUPS, _SECTION_THEMATIC):
            self._close_priority(lineno - 1)
            self.section = line
            self.open = None
            return
        if m := _RE_PRIORITY.match(line):
            self._close_priority(lineno - 1)
            kind = PriorityKind.CORE if m[1] == "básica" else PriorityKind.THEMATIC
            expected = _SECTION_CORE if kind is PriorityKind.CORE else _SECTION_THEMATIC
            if self.section != expected:
                raise self.fail(lineno, f"{line!r} outside the section {expected!r}")
            self._open_priority(kind, m[2], lineno)
            return
        if line == "Actividades:":
            self._require_priority(lineno, line)
            self.expect_title = False
            self.open = None
            return
        if self.expect_title:
            assert self.priority is not None
            self.priority.title = line
            self.expect_title = False
            return
        if m := _RE_ITEM.match(line):
            self._open_activity(int(m[1]), m[2], lineno)
            return
        if m := _RE_SCHEDULE.match(line):
            if self.activity is None:
                raise self.fail(lineno, "a schedule ('Cronograma') outside an activity")
            self.activity.schedules.append(ScheduleStatement(m[1].strip(), lineno))
            self.activity.span.last = lineno
            self.open = None
            return
        if m := _RE_ROLE.match(line):
            self._role(_ROLES[m[1]], m[3].strip(), m[2], lineno, indented=self._indented(lineno))
            return
        if m := _RE_OBJECTIVES.match(line):
            priority = self._require_priority(lineno, line)
            priority.objectives, priority.objectives_line = m[1].strip(), lineno
            self.activity, self.open = None, "objectives"
            return
        if m := _RE_AREA.match(line):
            priority = self._require_priority(lineno, line)
            priority.area, priority.area_title, priority.area_line = int(m[1]), m[2].strip(), lineno
            priority.span.last = lineno
            self.activity, self.open = None, "area"
            return
        self._text(line, lineno)

    def _indented(self, lineno: int) -> bool:
        """Whether a role line belongs to the activity above it (" - Participantes: …")."""
        raw = self.raw[lineno - 1]
        return raw.startswith((" ", "-")) and self.activity is not None

    def _text(self, line: str, lineno: int) -> None:
        """Running text: a working-group title, or the continuation of the open element."""
        if self.section == _SECTION_WORKING_GROUPS and self.open in (None, "area"):
            self._close_priority(lineno - 1)
            self._open_priority(PriorityKind.WORKING_GROUP, None, lineno)
            assert self.priority is not None
            self.priority.title = line
            self.expect_title = False
            return
        if self.open == "activity" and self.activity is not None:
            self.activity.text = f"{self.activity.text} {line}"
            self.activity.span.last = lineno
            return
        if self.open == "role" and self.priority is not None:
            holder = self.activity if self.activity is not None else self.priority
            holder.roles[-1].text = f"{holder.roles[-1].text} {line}"
            return
        raise self.fail(lineno, f"unexpected text {line[:60]!r}")

    # -- structure ------------------------------------------------------------------------
    def _open_priority(self, kind: PriorityKind, notation: str | None, lineno: int) -> None:
        self.priority = PriorityRecord(kind, notation, "", Span(lineno, lineno))
        self.activity = None
        self.expect_title = True
        self.open = None

    def _close_priority(self, last_line: int) -> None:
        if self.priority is None:
            return
        p = self.priority
        if not p.title:
            raise self.fail(p.span.first, "a priority without a title")
        if not p.activities:
            raise self.fail(p.span.first, f"priority {p.title[:50]!r} has no activities")
        numbers = [a.number for a in p.activities]
        if numbers != list(range(1, len(numbers) + 1)):
            raise self.fail(p.span.first, f"activities numbered {numbers}, not 1..{len(numbers)}")
        # the priority's passage ends at its last non-blank line
        while last_line > p.span.first and not self.lines[last_line - 1].strip("- "):
            last_line -= 1
        p.span.last = max(p.span.last, last_line)
        self.priorities.append(p)
        self.priority = None
        self.activity = None

    def _require_priority(self, lineno: int, line: str) -> PriorityRecord:
        if self.priority is None:
            raise self.fail(lineno, f"{line[:40]!r} outside a priority")
        return self.priority

    def _open_activity(self, number: int, text: str, lineno: int) -> None:
        priority = self._require_priority(lineno, text)
        if number != len(priority.activities) + 1:
            raise self.fail(
                lineno,
                f"activity numbered {number}, not {len(priority.activities) + 1} as expected",
            )
        self.activity = ActivityRecord(number, text, Span(lineno, lineno))
        priority.activities.append(self.activity)
        self.open = "activity"

    def _role(
        self, role: Role, text: str, qualifier: str | None, lineno: int, *, indented: bool
    ) -> None:
        priority = self._require_priority(lineno, text)
        statement = RoleStatement(role, text, lineno, qualifier)
        if indented and self.activity is not None:
            self.activity.roles.append(statement)
            self.activity.span.last = lineno
        else:
            self.activity = None
            priority.roles.append(statement)
        self.open = "role"
