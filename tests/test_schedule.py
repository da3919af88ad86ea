"""The Spanish schedule parser: every phrase of the document, and malformed ones.

A schedule is dated only as far as the phrase states it: a deadline has no beginning, an
open-ended schedule no end (``docs/data-model.md``, "Schedules").
"""

from __future__ import annotations

from datetime import date

import pytest

from gcm_kg.document import WorkplanDocument
from gcm_kg.errors import ScheduleError
from gcm_kg.schedule import Kind, parse_schedule

D = date


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2021-2022", [(D(2021, 1, 1), D(2022, 12, 31), Kind.PERIOD)]),
        ("2021- 2022", [(D(2021, 1, 1), D(2022, 12, 31), Kind.PERIOD)]),
        ("2021 – 2022", [(D(2021, 1, 1), D(2022, 12, 31), Kind.PERIOD)]),
        ("2021", [(D(2021, 1, 1), D(2021, 12, 31), Kind.PERIOD)]),
        ("febrero de 2021", [(D(2021, 2, 1), D(2021, 2, 28), Kind.PERIOD)]),
        ("primer trimestre de 2021", [(D(2021, 1, 1), D(2021, 3, 31), Kind.PERIOD)]),
        ("segundo trimestre de 2021", [(D(2021, 4, 1), D(2021, 6, 30), Kind.PERIOD)]),
        ("Primer y segundo trimestre de 2021", [(D(2021, 1, 1), D(2021, 6, 30), Kind.PERIOD)]),
        ("trimestres segundo a cuarto de 2021", [(D(2021, 4, 1), D(2021, 12, 31), Kind.PERIOD)]),
        ("2021 – primer trimestre de 2022", [(D(2021, 1, 1), D(2022, 3, 31), Kind.PERIOD)]),
        (
            "Tercer y cuarto trimestre de 2021; primer y segundo trimestre de 2022",
            [
                (D(2021, 7, 1), D(2021, 12, 31), Kind.PERIOD),
                (D(2022, 1, 1), D(2022, 6, 30), Kind.PERIOD),
            ],
        ),
        (
            "primer trimestre de 2021 y segundo trimestre de 2022",
            [
                (D(2021, 1, 1), D(2021, 3, 31), Kind.PERIOD),
                (D(2022, 4, 1), D(2022, 6, 30), Kind.PERIOD),
            ],
        ),
        ("julio de 2021 a más tardar", [(None, D(2021, 7, 31), Kind.DEADLINE)]),
        (
            "julio de 2021 a más tardar (continuación durante los trimestres tercero y cuarto)",
            [
                (None, D(2021, 7, 31), Kind.DEADLINE),
                (D(2021, 7, 1), D(2021, 12, 31), Kind.CONTINUATION),
            ],
        ),
        (
            "segundo trimestre de 2021 (continuación durante los trimestres tercero y cuarto)",
            [
                (D(2021, 4, 1), D(2021, 6, 30), Kind.PERIOD),
                (D(2021, 7, 1), D(2021, 12, 31), Kind.CONTINUATION),
            ],
        ),
        (
            "segundo y tercer trimestre de 2021 y etapas posteriores",
            [(D(2021, 4, 1), None, Kind.OPEN_ENDED)],
        ),
        (
            "2021 y segundo trimestre de 2022 y etapas posteriores",
            [(D(2021, 1, 1), D(2021, 12, 31), Kind.PERIOD), (D(2022, 4, 1), None, Kind.OPEN_ENDED)],
        ),
        ("febrero de 2024", [(D(2024, 2, 1), D(2024, 2, 29), Kind.PERIOD)]),
    ],
)
def test_phrase(phrase: str, expected: list[tuple[date | None, date | None, Kind]]) -> None:
    assert [(i.begin, i.end, i.kind) for i in parse_schedule(phrase)] == expected


def test_every_phrase_of_the_document_parses(document: WorkplanDocument) -> None:
    phrases = [s.text for p in document.priorities for a in p.activities for s in a.schedules]
    assert len(phrases) == 57  # 55 activities with a schedule, two with two lines
    for phrase in phrases:
        intervals = parse_schedule(phrase)
        assert intervals, phrase
        for i in intervals:
            stated = [d for d in (i.begin, i.end) if d is not None]
            assert stated == sorted(stated), phrase
            assert all(D(2021, 1, 1) <= d <= D(2022, 12, 31) for d in stated), phrase


def test_open_ended_schedule_keeps_the_period_it_starts_with() -> None:
    [interval] = parse_schedule("segundo y tercer trimestre de 2021 y etapas posteriores")
    assert interval.starts_with == (D(2021, 4, 1), D(2021, 9, 30))
    assert interval.wording == "segundo y tercer trimestre de 2021 y etapas posteriores"


def test_only_open_ended_schedules_start_with_a_period() -> None:
    for phrase in ("2021-2022", "julio de 2021 a más tardar", "segundo trimestre de 2021"):
        assert all(i.starts_with is None for i in parse_schedule(phrase))


def test_wording_is_kept() -> None:
    intervals = parse_schedule(
        "julio de 2021 a más tardar (continuación durante los trimestres tercero y cuarto)"
    )
    assert [i.wording for i in intervals] == [
        "julio de 2021 a más tardar",
        "continuación durante los trimestres tercero y cuarto",
    ]


@pytest.mark.parametrize(
    ("interval_phrase", "english"),
    [
        ("segundo trimestre de 2021", ["Q2 2021"]),
        ("trimestres segundo a cuarto de 2021", ["Q2–Q4 2021"]),
        ("2021-2022", ["2021–2022"]),
        ("julio de 2021 a más tardar", ["by July 2021"]),
        ("febrero de 2021", ["February 2021"]),
        (
            "segundo y tercer trimestre de 2021 y etapas posteriores",
            ["Q2–Q3 2021 and later stages"],
        ),
        ("2021 – primer trimestre de 2022", ["2021–Q1 2022"]),
        ("primer trimestre de 2021 – primer trimestre de 2022", ["Q1 2021–Q1 2022"]),
        (
            "julio de 2021 a más tardar (continuación durante los trimestres tercero y cuarto)",
            ["by July 2021", "Q3–Q4 2021 (continuation)"],
        ),
    ],
)
def test_english_description(interval_phrase: str, english: list[str]) -> None:
    assert [i.english for i in parse_schedule(interval_phrase)] == english


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "pronto",
        "julio 2021",
        "quinto trimestre de 2021",
        "primer y tercer trimestre de 2021",
        "trimestres cuarto a segundo de 2021",
        "2022 - 2021",
        "2021 - 2022 - 2023",
        "segundo trimestre de 2021 (en principio)",
        "segundo trimestre de 2021 (continuación",
        "13 de mayo de 2021",
        "2021 y etapas posteriores (continuación durante los trimestres tercero y cuarto)",
    ],
)
def test_malformed_phrase_is_an_error(phrase: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(phrase)
