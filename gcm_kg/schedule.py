"""Parse the Spanish schedule phrases of a workplan ("Cronograma: …") into dated intervals.

A pure module: :func:`parse_schedule` takes the phrase and returns :class:`Interval` values;
a phrase it does not recognise raises :class:`~gcm_kg.errors.ScheduleError`, never a guess.

Grammar (case-insensitive; hyphens and dashes are interchangeable)::

    phrase        := part (";" part)*
    part          := periods [" a más tardar"] [" y etapas posteriores"] ["(" continuation ")"]
    periods       := span (" y " span)*          -- each span a complete period with its year
    span          := period [("-" | "–") period]
    period        := YEAR | MONTH " de " YEAR | quarters " de " YEAR
    quarters      := ORD " trimestre" | ORD " y " ORD " trimestre"
                   | "trimestres " ORD (" a " | " y ") ORD
    continuation  := "continuación durante los trimestres " ORD " y " ORD

A quarter runs from its first to its last day, a month likewise, a year from 1 January to
31 December. Only what the phrase states is dated (``docs/data-model.md``, "Schedules"):

* "X a más tardar" (by X at the latest) is a deadline: it ends with X; the document states no
  beginning, so it has none.
* "X y etapas posteriores" (X and later stages) is open-ended: it begins with X and goes on
  after it; the document states no end, so it has none, and X is kept as the period it
  starts with.
* a continuation is a further interval in the year of the period before it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .errors import ScheduleError


class Kind(StrEnum):
    """What kind of schedule an interval is."""

    PERIOD = "period"
    DEADLINE = "deadline"
    CONTINUATION = "continuation"
    OPEN_ENDED = "open-ended"


@dataclass(frozen=True)
class Interval:
    """One interval of a schedule, with the words of the document it was read from.

    ``begin`` is ``None`` for a deadline and ``end`` for an open-ended schedule: the document
    states neither. ``starts_with`` is the stated period an open-ended schedule begins with.
    """

    begin: date | None
    end: date | None
    wording: str
    kind: Kind = Kind.PERIOD
    english: str = ""
    """The English label ("Q2 2021", "by July 2021", "2021–Q1 2022")."""
    starts_with: tuple[date, date] | None = None


ORDINALS: dict[str, int] = {
    "primer": 1,
    "primero": 1,
    "segundo": 2,
    "tercer": 3,
    "tercero": 3,
    "cuarto": 4,
}
MONTHS: dict[str, int] = {
    name: i
    for i, name in enumerate(
        [
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ],
        start=1,
    )
}

_ORD = "(" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
_YEAR = r"((?:19|20)\d\d)"
_MONTH = "(" + "|".join(MONTHS) + ")"
_RE_YEAR = re.compile(rf"^{_YEAR}$")
_RE_MONTH = re.compile(rf"^{_MONTH} de {_YEAR}$")
_RE_QUARTER = re.compile(rf"^{_ORD} trimestre de {_YEAR}$")
_RE_QUARTER_PAIR = re.compile(rf"^{_ORD} y {_ORD} trimestres? de {_YEAR}$")
_RE_QUARTER_RANGE = re.compile(rf"^trimestres {_ORD} (?:a|y) {_ORD} de {_YEAR}$")
_RE_CONTINUATION = re.compile(rf"^continuación durante los trimestres {_ORD} y {_ORD}$")
_RE_PART = re.compile(r"^(?P<core>[^()]*?)\s*(?:\((?P<cont>[^()]*)\))?$")
_DEADLINE = " a más tardar"
_OPEN = " y etapas posteriores"


def quarter_bounds(year: int, first: int, last: int | None = None) -> tuple[date, date]:
    """First day of quarter ``first`` to last day of quarter ``last`` (``first`` by default)."""
    last = first if last is None else last
    if not (1 <= first <= last <= 4):
        raise ValueError(f"quarters {first}..{last} are not an ascending range of 1..4")
    end_month = 3 * last
    return date(year, 3 * first - 2, 1), date(
        year, end_month, calendar.monthrange(year, end_month)[1]
    )


def _normalise(text: str) -> str:
    text = re.sub(r"\s*[-–—]\s*", " – ", text.strip())
    return re.sub(r"\s+", " ", text).lower()


def parse_period(text: str) -> tuple[date, date]:
    """A single period: a year, a month, a quarter or a run of quarters of one year."""
    t = _normalise(text)
    if m := _RE_YEAR.match(t):
        year = int(m[1])
        return date(year, 1, 1), date(year, 12, 31)
    if m := _RE_MONTH.match(t):
        year, month = int(m[2]), MONTHS[m[1]]
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if m := _RE_QUARTER.match(t):
        return quarter_bounds(int(m[2]), ORDINALS[m[1]])
    for pattern in (_RE_QUARTER_PAIR, _RE_QUARTER_RANGE):
        if m := pattern.match(t):
            first, last = ORDINALS[m[1]], ORDINALS[m[2]]
            if pattern is _RE_QUARTER_PAIR and last != first + 1:
                raise ScheduleError(text, f"quarters {m[1]} and {m[2]} are not consecutive")
            try:
                return quarter_bounds(int(m[3]), first, last)
            except ValueError as exc:
                raise ScheduleError(text, str(exc)) from None
    raise ScheduleError(text, "not a year, a month or quarters of a year")


def parse_span(text: str) -> tuple[date, date]:
    """A period, or two periods joined by a dash ("2021 – primer trimestre de 2022")."""
    pieces = _pieces(text)
    if len(pieces) == 1:
        return parse_period(pieces[0])
    begin, _ = parse_period(pieces[0])
    _, end = parse_period(pieces[1])
    if end < begin:
        raise ScheduleError(text, "the span ends before it begins")
    return begin, end


def span_en(text: str) -> str:
    """The English label of a span, period by period ("2021–Q1 2022", "Q2–Q3 2021")."""
    return "–".join(range_en(*parse_period(piece)) for piece in _pieces(text))


def _pieces(text: str) -> list[str]:
    pieces = _normalise(text).split(" – ")
    if len(pieces) > 2:
        raise ScheduleError(text, "more than one dash")
    return pieces


def _split_periods(text: str) -> list[str]:
    """Split on " y " only where both sides are complete periods (each with its year)."""
    words = text.split(" y ")
    out: list[str] = []
    current = words[0]
    for word in words[1:]:
        if re.search(r"\d{4}$", current.strip()):
            out.append(current)
            current = word
        else:
            current = f"{current} y {word}"
    out.append(current)
    return out


def _parse_part(part: str) -> list[Interval]:
    m = _RE_PART.match(part.strip())
    if not m or not m["core"]:
        raise ScheduleError(part, "unbalanced parentheses or nothing before them")
    core = m["core"].strip()
    kind = Kind.PERIOD
    if core.lower().endswith(_DEADLINE):
        core, kind = core[: -len(_DEADLINE)], Kind.DEADLINE
    elif core.lower().endswith(_OPEN):
        core, kind = core[: -len(_OPEN)], Kind.OPEN_ENDED
    intervals: list[Interval] = []
    for piece in _split_periods(core):
        begin, end = parse_span(piece)
        english = span_en(piece)
        if kind is Kind.DEADLINE:
            intervals.append(Interval(None, end, piece.strip() + _DEADLINE, kind, f"by {english}"))
        else:
            intervals.append(Interval(begin, end, piece.strip(), Kind.PERIOD, english))
    if kind is Kind.OPEN_ENDED:
        # "segundo y tercer trimestre de 2021 y etapas posteriores": the last period goes on
        # after its end; its wording keeps the words that make it open-ended.
        last = intervals[-1]
        assert last.begin is not None and last.end is not None
        wording = m["core"].strip() if len(intervals) == 1 else last.wording + _OPEN
        intervals[-1] = Interval(
            last.begin,
            None,
            wording,
            kind,
            f"{last.english} and later stages",
            (last.begin, last.end),
        )
    if m["cont"] is not None:
        cont = _normalise(m["cont"])
        c = _RE_CONTINUATION.match(cont)
        if not c:
            raise ScheduleError(part, f"unrecognised parenthesis {m['cont']!r}")
        if kind is Kind.OPEN_ENDED:
            raise ScheduleError(part, "a continuation of an open-ended schedule")
        stated_end = intervals[-1].end
        assert stated_end is not None
        try:
            begin, end = quarter_bounds(stated_end.year, ORDINALS[c[1]], ORDINALS[c[2]])
        except ValueError as exc:
            raise ScheduleError(part, str(exc)) from None
        english = f"{range_en(begin, end)} (continuation)"
        intervals.append(Interval(begin, end, m["cont"].strip(), Kind.CONTINUATION, english))
    return intervals


def parse_schedule(phrase: str) -> list[Interval]:
    """Every interval a schedule phrase states, in the document's order."""
    if not phrase.strip():
        raise ScheduleError(phrase, "empty")
    intervals: list[Interval] = []
    for part in phrase.split(";"):
        intervals.extend(_parse_part(part))
    return intervals


_QUARTER_EN = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}
_MONTH_EN = [calendar.month_name[i] for i in range(13)]


def range_en(begin: date, end: date) -> str:
    """An English label for the days ``begin`` to ``end`` ("Q2–Q4 2021", "2021–2022")."""
    whole_year = begin == date(begin.year, 1, 1) and end == date(end.year, 12, 31)
    if whole_year:
        return str(begin.year) if begin.year == end.year else f"{begin.year}–{end.year}"
    month_end = calendar.monthrange(end.year, end.month)[1] == end.day
    if begin.day == 1 and month_end and begin.month % 3 == 1 and end.month % 3 == 0:
        first = f"{_QUARTER_EN[(begin.month + 2) // 3]}"
        last = f"{_QUARTER_EN[end.month // 3]}"
        if begin.year == end.year:
            quarters = first if first == last else f"{first}–{last}"
            return f"{quarters} {end.year}"
        return f"{first} {begin.year}–{last} {end.year}"
    if begin.day == 1 and month_end and (begin.year, begin.month) == (end.year, end.month):
        return f"{_MONTH_EN[begin.month]} {begin.year}"
    return f"{begin.isoformat()}–{end.isoformat()}"


MONTHS_ES = list(MONTHS)


def date_label_es(d: date) -> str:
    """A date in Spanish words ("1 de abril de 2021")."""
    return f"{d.day} de {MONTHS_ES[d.month - 1]} de {d.year}"


def date_label_en(d: date) -> str:
    """A date in English words ("1 April 2021")."""
    return f"{d.day} {_MONTH_EN[d.month]} {d.year}"
