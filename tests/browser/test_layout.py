"""Every main page in both languages, 1400 and 400 pixels wide, in a real browser: a screenshot of
each (kept in ``tests/browser/screenshots/``, or ``GCM_KG_SCREENSHOTS``), and no element outside
its container, no overlapping text in a chart, no word of the other language's interface, no
script error; the collaboration chart draws the same picture every time."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("selenium", reason="the Python package selenium is not installed")

from conftest import SCREENSHOTS, set_width
from page_checks import (
    LAYOUT,
    OUTSIDE,
    SPLIT,
    TEXT_BOXES,
    VISIBLE_TEXT,
    open_page,
    overlaps,
    screenshot,
)
from selenium.webdriver.common.by import By

from server.pages.i18n import MESSAGES, PLURALS

PAGES = {
    "home": ("/", "#priorities-heading"),
    "priority": ("/id/priority/core-2-1", '#priority-timeline[data-drawn="true"] svg'),
    "activity": (
        "/id/activity/wg-alternatives-to-detention/2",
        '#activity-timeline[data-drawn="true"] svg',
    ),
    "organisation": ("/id/agent/iom", '#agent-timeline[data-drawn="true"] svg'),
    "objective": ("/id/gcm-objective/13", "#addressed-heading"),
    "timeline": ("/timeline", '#workplan-timeline[data-drawn="true"] svg'),
    "network": ("/network", '#network-chart[data-drawn="true"] svg'),
    "matrix": ("/matrix", "table.matrix"),
    "sparql": ("/sparql", "#yasgui .CodeMirror"),
}
WIDTHS = (1400, 400)
LANGUAGES = ("es", "en")

ENGLISH = (
    "Activity", "Activities", "Priority", "Priorities", "Timeline", "Schedule", "deadline",
    "Search", "Home", "Legend", "Source", "Lead entities", "Participants", "Observers", "Core",
    "Thematic", "Objectives", "Query", "Table", "Response", "results", "Every statement",
    "When", "Who", "Downloads", "Organisations", "Persons", "Person", "Jan", "Feb", "Apr",
    "Aug", "Oct", "Dec", "Example queries", "Rows per page", "Simple view", "Begins", "Ends",
    "shared", "Partners", "entities", "Other agents",
)  # fmt: skip
"""Words of the interface in English that a Spanish page must not show."""
SPANISH = (
    "Actividad", "Actividades", "Prioridad", "Prioridades", "Calendario", "Plazo", "Buscar",
    "Inicio", "Leyenda", "Fuente", "Entidades encargadas", "Participantes", "Observadores",
    "Básica", "Temática", "Consulta", "Tabla", "Respuesta", "resultados", "Todas las afirmaciones",
    "Cuándo", "Quién", "Descargas", "Organizaciones", "Personas", "Persona", "ene", "abr", "ago",
    "dic", "Consultas de ejemplo", "Filas por página", "Vista simple", "Socios", "entidades",
    "Otros agentes", "en común",
)  # fmt: skip
"""Words of the interface in Spanish that an English page must not show."""
WORDS = {"es": ENGLISH, "en": SPANISH}


def interface(lang: str) -> str:
    texts = [m[lang] for m in MESSAGES.values()]
    texts += [form for forms in PLURALS.values() for form in forms[lang].values()]
    return "\n".join(texts)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_word_lists_come_from_the_interface(lang: str) -> None:
    words = interface("en" if lang == "es" else "es")
    for word in WORDS[lang]:
        assert re.search(rf"\b{re.escape(word)}\b", words), word


def foreign(text: str, lang: str) -> list[str]:
    return [w for w in WORDS[lang] if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


def script_errors(driver: Any) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page(at_width: Any, base_url: str, page: str, lang: str, width: int) -> None:
    driver = at_width
    path, ready = PAGES[page]
    set_width(driver, width)
    driver.get_log("browser")  # start clean
    open_page(driver, f"{base_url}{path}?lang={lang}", ready)
    if page == "sparql":  # as a first visit: without the tabs other tests left in YASGUI
        driver.execute_script("window.localStorage.clear()")
        open_page(driver, f"{base_url}{path}?lang={lang}", ready)
    screenshot(driver, SCREENSHOTS / f"{page}-{lang}-{width}.png", width)

    problems = driver.execute_script(OUTSIDE)
    assert not problems, "\n".join(problems)
    assert driver.execute_script(SPLIT) == [], "a list item cut across two columns"
    for chart in driver.find_elements(By.CSS_SELECTOR, "[data-chart]"):
        boxes = driver.execute_script(TEXT_BOXES, chart)
        assert boxes, "a drawn chart has text"
        assert overlaps(boxes) == []
    text = driver.execute_script(VISIBLE_TEXT)
    assert foreign(text, lang) == []
    assert script_errors(driver) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_network_is_the_same_picture_every_time(
    at_width: Any, base_url: str, width: int
) -> None:
    driver = at_width
    set_width(driver, width)
    layouts = []
    for _ in range(2):
        open_page(driver, base_url + "/network?lang=en", '#network-chart[data-drawn="true"] svg')
        layouts.append(driver.execute_script(LAYOUT, driver.find_element(By.ID, "network-chart")))
    assert layouts[0] == layouts[1]
    labels = [entry[1] for entry in layouts[0] if entry[0] == "text"]
    assert "IOM" in labels, "the most involved agent keeps its label"
    if width >= 1000:
        assert len(labels) == len(set(labels)) > 70, "every agent has its label on a wide screen"
