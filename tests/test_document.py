"""The document parser: structure, counts, line numbers, and errors that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from gcm_kg.document import PriorityKind, Role, WorkplanDocument, parse_document, strip_markup
from gcm_kg.errors import SourceError


def test_counts(document: WorkplanDocument) -> None:
    kinds = [p.kind for p in document.priorities]
    assert len(kinds) == 16
    assert kinds.count(PriorityKind.CORE) == 6
    assert kinds.count(PriorityKind.WORKING_GROUP) == 3
    assert kinds.count(PriorityKind.THEMATIC) == 7
    assert sum(len(p.activities) for p in document.priorities) == 59


def test_numbering(document: WorkplanDocument) -> None:
    notations = [p.notation for p in document.priorities]
    assert notations == [
        "1",
        "2.1",
        "2.2",
        "3",
        "4",
        "5",
        None,
        None,
        None,
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
    ]
    assert [len(p.activities) for p in document.priorities] == [
        3,
        3,
        4,
        3,
        5,
        4,
        5,
        5,
        1,
        7,
        2,
        3,
        3,
        2,
        5,
        4,
    ]


def test_lines_point_at_the_text(document: WorkplanDocument, source_lines: list[str]) -> None:
    for priority in document.priorities:
        assert priority.title in strip_markup(
            source_lines[priority.span.first - 1]
        ) or priority.title in strip_markup(source_lines[priority.span.first + 1])
        for activity in priority.activities:
            first = strip_markup(source_lines[activity.span.first - 1])
            assert first.lstrip("- ").startswith(f"{activity.number}. "), first
            assert (
                priority.span.first
                <= activity.span.first
                <= activity.span.last
                <= priority.span.last
            )


def test_text_broken_by_a_page_is_joined(document: WorkplanDocument) -> None:
    thematic5 = document.priorities[13]
    assert (
        "objetivo 9 del Pacto Mundial para la Migración (en vista de la sesión inaugural"
        in thematic5.activities[0].text
    )
    atd = document.priorities[6]
    participants = next(r for r in atd.roles if r.role is Role.PARTICIPANT)
    assert "Europa (OSCE); Grupo Principal" in participants.text


def test_roles_at_the_level_stated(document: WorkplanDocument) -> None:
    core1, thematic1 = document.priorities[0], document.priorities[9]
    assert [r.role for r in core1.roles] == [Role.LEAD, Role.PARTICIPANT]
    assert all(not a.roles for a in core1.activities)
    assert not thematic1.roles
    assert [r.text for r in thematic1.activities[0].roles] == [
        "OMS",
        "todos los miembros del Comité Ejecutivo",
    ]
    observers = [r.text for r in document.priorities[6].roles if r.role is Role.OBSERVER]
    assert observers == ["Global Detention Project; Comité Internacional de la Cruz Roja (CICR)"]


def test_markup_is_not_wording() -> None:
    assert (
        strip_markup(" - **Cronograma:** segundo trimestre de 2021")
        == "- Cronograma: segundo trimestre de 2021"
    )
    assert strip_markup("[Cronograma: 2021-2022](#)") == "Cronograma: 2021-2022"
    assert strip_markup("Grupo *Ad Hoc* sobre") == "Grupo Ad Hoc sobre"


SKELETON = """PLAN DE TRABAJO DE LA RED

PRIORIDADES PARA EL PERIODO 2021-2022

28 de abril de 2021

PRIORIDADES BÁSICAS

Prioridad básica 1

Un título

Actividades:

1. Hacer algo.
 - Cronograma: 2021
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        ("3. Numeración que salta.", 17, "numbered 3, not 2"),
        ("Prioridad temática 1", 17, "outside the section"),
        (
            "Objetivos del Pacto Mundial para la Migración: 13\n\nTexto suelto que nada explica",
            19,
            "unexpected text",
        ),
    ],
)
def test_errors_name_the_line(extra: str, line: int, message: str) -> None:
    text = SKELETON.format(extra=extra)
    with pytest.raises(SourceError) as info:
        parse_document(text, Path("plan.txt"))
    assert info.value.line == line
    assert message in str(info.value)
    assert str(info.value).startswith("plan.txt:")


def test_skeleton_parses() -> None:
    doc = parse_document(SKELETON.format(extra=""), Path("plan.txt"))
    assert [a.text for a in doc.priorities[0].activities] == ["Hacer algo."]
