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
31 December. "X a más tardar" (by X at the latest) is a deadline: it ends with X and begins
with the workplan's period. "y etapas posteriores" (and later stages) marks the interval as
open-ended. A continuation is a further interval in the year of the period before it.
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
    """One dated interval of a schedule, with the words of the document it was read from."""

    begin: date
    end: date
    wording: str
    kind: Kind = Kind.PERIOD


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
    pieces = _normalise(text).split(" – ")
    if len(pieces) == 1:
        return parse_period(pieces[0])
    if len(pieces) != 2:
        raise ScheduleError(text, "more than one dash")
    begin, _ = parse_period(pieces[0])
    _, end = parse_period(pieces[1])
    if end < begin:
        raise ScheduleError(text, "the span ends before it begins")
    return begin, end


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


def _parse_part(part: str, period_start: date) -> list[Interval]:
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
        wording = piece.strip()
        if kind is Kind.DEADLINE:
            begin = min(period_start, end)
            wording += _DEADLINE
        intervals.append(Interval(begin, end, wording, kind))
    if kind is Kind.OPEN_ENDED:
        # "segundo y tercer trimestre de 2021 y etapas posteriores": the whole part is one
        # open-ended interval; its wording keeps the words that make it open-ended.
        last = intervals[-1]
        intervals[-1] = Interval(last.begin, last.end, m["core"].strip(), kind)
    if m["cont"] is not None:
        cont = _normalise(m["cont"])
        c = _RE_CONTINUATION.match(cont)
        if not c:
            raise ScheduleError(part, f"unrecognised parenthesis {m['cont']!r}")
        year = intervals[-1].end.year
        try:
            begin, end = quarter_bounds(year, ORDINALS[c[1]], ORDINALS[c[2]])
        except ValueError as exc:
            raise ScheduleError(part, str(exc)) from None
        intervals.append(Interval(begin, end, m["cont"].strip(), Kind.CONTINUATION))
    return intervals


def parse_schedule(phrase: str, period_start: date = date(2021, 1, 1)) -> list[Interval]:
    """Every interval a schedule phrase states, in the document's order.

    ``period_start`` is the beginning of the workplan's period, used as the beginning of a
    deadline ("julio de 2021 a más tardar").
    """
    if not phrase.strip():
        raise ScheduleError(phrase, "empty")
    intervals: list[Interval] = []
    for part in phrase.split(";"):
        intervals.extend(_parse_part(part, period_start))
    return intervals


_QUARTER_EN = {1: "Q1", 2: "Q2", 3: "Q3", 4: "Q4"}
_MONTH_EN = [calendar.month_name[i] for i in range(13)]


def describe_en(interval: Interval) -> str:
    """An English label for an interval ("Q2–Q4 2021", "by July 2021", "2021–2022")."""
    text = _range_en(interval.begin, interval.end)
    if interval.kind is Kind.DEADLINE:
        return f"by {_range_en(date(interval.end.year, interval.end.month, 1), interval.end)}"
    if interval.kind is Kind.CONTINUATION:
        return f"{text} (continuation)"
    if interval.kind is Kind.OPEN_ENDED:
        return f"{text} and later stages"
    return text


def _range_en(begin: date, end: date) -> str:
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
