"""What a timeline chart draws, in the page's language: one row per activity under headings of
its kind of priority and its priority, in the document's order, each schedule drawn as what it is.

A schedule with a beginning and an end is a bar; a deadline (an end and no beginning the document
states) a marker at its date; an open-ended schedule a bar that goes on to the end of the axis;
a continuation a bar of its own style. Nothing is invented: a missing date is not drawn. Pure
functions of the shaped data (:mod:`.data`); ``static/pages/charts.js`` draws the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from . import naming
from .data import Activity, Priority, Schedule
from .i18n import translate
from .language import pick
from .model import natural_key

BAR_KINDS = ("dated", "deadline", "open-ended", "continuation")
COLOURS = {
    "dated": "#0b5cad",
    "deadline": "#c2255c",
    "open-ended": "#0b5cad",
    "continuation": "#5c940d",
}
"""The colour of each kind of bar, shared by the chart and its legend."""
TEXT = 200
"""The longest activity text a tooltip shows, in characters."""


def bar_kind(schedule: Schedule) -> str | None:
    """How a schedule is drawn; ``None`` when it has no date at all."""
    if schedule.begin is None and schedule.end is None:
        return None
    if schedule.kind == "deadline" or schedule.begin is None:
        return "deadline"
    if schedule.kind == "open-ended" or schedule.end is None:
        return "open-ended"
    if schedule.kind == "continuation":
        return "continuation"
    return "dated"


def date_text(day: date, lang: str) -> str:
    """``2021-04-01`` → "1 abr 2021" / "1 Apr 2021"."""
    month = translate("months", lang).split()[day.month - 1]
    return translate("date", lang, day=day.day, month=month, year=day.year)


def dates_text(schedule: Schedule, lang: str) -> str:
    """The dates of a schedule in words: "del 1 abr 2021 al 30 jun 2021", "by 31 Jul 2021"."""
    kind = bar_kind(schedule)
    begin = date_text(schedule.begin, lang) if schedule.begin else ""
    end = date_text(schedule.end, lang) if schedule.end else ""
    if kind is None:
        return translate("dates-none", lang)
    if kind == "deadline":
        return translate("dates-by", lang, end=end)
    if kind == "open-ended":
        stated = schedule.end or schedule.stated
        if stated is None:
            return translate("dates-from", lang, begin=begin)
        return translate("dates-from-stated", lang, begin=begin, end=date_text(stated, lang))
    return translate("dates-range", lang, begin=begin, end=end)


def wording(schedule: Schedule, lang: str) -> tuple[str, str]:
    """The schedule's words in ``lang`` and their language: the document's own (Spanish) on a
    Spanish page, the translation on an English one when there is one."""
    if lang == "es" and schedule.wording:
        return schedule.wording, "es"
    found = pick(schedule.item.labels, lang)
    if found is not None:
        return found.value, found.lang or lang
    return schedule.wording or "", "es"


def bar(schedule: Schedule, lang: str) -> dict[str, Any] | None:
    kind = bar_kind(schedule)
    if kind is None:
        return None
    words, words_lang = wording(schedule, lang)
    end = schedule.end or (schedule.stated if kind == "open-ended" else None)
    return {
        "kind": kind,
        # a deadline is drawn at its end only: the beginning the data may give is not the
        # document's
        "begin": schedule.begin.isoformat() if schedule.begin and kind != "deadline" else None,
        "end": end.isoformat() if end else None,
        "wording": words,
        "wordingLang": words_lang,
        "kindLabel": translate(f"schedule-{kind}", lang) if kind != "dated" else "",
        "dates": dates_text(schedule, lang),
    }


def lanes(bars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``bars`` each with a ``lane`` and their count, ``lanes``, so that bars of one row that
    overlap in time are drawn one above the other (an open-ended bar runs to the end of the axis;
    a deadline is a point at its end)."""
    last: list[str] = []  # the end of the last bar of each lane
    forever = "9999-12-31"
    for item in sorted(bars, key=lambda b: (b["begin"] or b["end"], b["end"] or forever)):
        start = item["begin"] or item["end"]
        finish = forever if item["kind"] == "open-ended" else item["end"]
        lane = next((n for n, end in enumerate(last) if end < start), len(last))
        if lane == len(last):
            last.append(finish)
        else:
            last[lane] = finish
        item["lane"] = lane
    for item in bars:
        item["lanes"] = len(last)
    return bars


def ordered(
    activities: Iterable[Activity], priorities: dict[str, Priority]
) -> list[tuple[Priority | None, list[Activity]]]:
    """Activities by priority, priorities in the order of ``priorities`` (the document's),
    activities by number; activities of an unknown priority last."""
    rank = {iri: n for n, iri in enumerate(priorities)}
    groups: dict[str, list[Activity]] = {}
    for activity in activities:
        groups.setdefault(activity.priority, []).append(activity)
    keys = sorted(groups, key=lambda iri: (rank.get(iri, len(rank)), iri))
    return [
        (
            priorities.get(key),
            sorted(groups[key], key=lambda a: (natural_key(a.item.notation), a.item.iri)),
        )
        for key in keys
    ]


def activity_line(
    activity: Activity, priority: Priority | None, lang: str, link: Callable[[str], str | None]
) -> dict[str, Any]:
    item = priority.item if priority else None
    kind = priority.type if priority else None
    label = activity.item.label(lang)
    bars = lanes([b for s in activity.schedules if (b := bar(s, lang)) is not None])
    return {
        "label": naming.row_label(activity.item, item, kind, lang),
        "title": naming.activity_title(activity.item, item, kind, lang),
        "text": naming.shorten(label.value, TEXT) if label else "",
        "textLang": (label.lang or lang) if label else lang,
        "href": link(activity.item.iri),
        "bars": bars,
        "note": "" if bars else translate("no-schedule", lang),
    }


def priority_heading(priority: Priority, lang: str) -> str:
    """ "Básica 2.1 — Reforzar el sistema …"; a priority without a number by its label."""
    label = naming.own_label(priority.item, lang)
    name = label or naming.priority_reference(priority.item, priority.type, lang)
    if priority.item.notation and label:
        return f"{naming.priority_short(priority.item, priority.type, lang)} — {name}"
    return name


def timeline_chart(
    activities: Iterable[Activity],
    priorities: dict[str, Priority],
    lang: str,
    period: list[str],
    link: Callable[[str], str | None] = str,
) -> dict[str, Any]:
    """The chart of ``activities``: its rows (``lines``), the axis ``period`` (first and last
    day), the month names, the colours and the legend of the kinds of bar it draws. Headings of
    kind and priority are drawn when the chart holds more than one priority."""
    groups = ordered(activities, priorities)
    headed = len(groups) > 1
    lines: list[dict[str, Any]] = []
    kind_shown: str | None = None
    for priority, members in groups:
        if headed and priority is not None:
            if priority.type != kind_shown:
                kind_shown = priority.type
                lines.append({"heading": "kind", "text": naming.priority_kind(priority.type, lang)})
            lines.append(
                {
                    "heading": "priority",
                    "text": priority_heading(priority, lang),
                    "href": link(priority.item.iri),
                }
            )
        lines += [activity_line(a, priority, lang, link) for a in members]
    drawn = {b["kind"] for line in lines for b in line.get("bars", [])}
    return {
        "lines": lines,
        "activities": sum(1 for line in lines if "heading" not in line),
        "period": period,
        "months": translate("months", lang).split(),
        "colours": COLOURS,
        "legend": [
            {"kind": kind, "text": translate(f"legend-{kind}", lang), "colour": COLOURS[kind]}
            for kind in BAR_KINDS
            if kind in drawn
        ],
    }
