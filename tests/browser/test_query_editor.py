"""The query UI in a real browser: the editor opens on an example at the top, without the
predeclared prefixes and without a syntax error; every example is valid as shown; a prefix that
is not declared anywhere is still an error."""

from __future__ import annotations

import time
from typing import Any

import pytest

pytest.importorskip("selenium", reason="the Python package selenium is not installed")

from page_checks import open_page
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from server.examples import load_examples
from server.pages.query_ui import shown

EDITOR = "#yasgui .CodeMirror"
FLAGGED = "#yasgui .parseErrorIcon, #yasgui .yasqe_queryButton.query_error"


def editor_text(driver: Any) -> str:
    return str(
        driver.execute_script(f"return document.querySelector('{EDITOR}').CodeMirror.getValue()")
    )


def flagged(driver: Any) -> bool:
    time.sleep(0.5)  # the syntax check runs when the editor is idle
    return bool(driver.find_elements(By.CSS_SELECTOR, FLAGGED))


@pytest.mark.parametrize(
    ("lang", "first"), [("es", "# Quién encabeza qué"), ("en", "# Who leads what")]
)
def test_the_editor_opens_on_an_example(browser: Any, base_url: str, lang: str, first: str) -> None:
    open_page(browser, f"{base_url}/sparql?lang={lang}", EDITOR)
    browser.execute_script("window.localStorage.clear()")
    open_page(browser, f"{base_url}/sparql?lang={lang}", EDITOR)
    text = editor_text(browser)
    assert text.startswith(first)
    assert "PREFIX" not in text
    assert not flagged(browser)


def test_every_example_is_valid_as_shown(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}/sparql?lang=en", EDITOR)
    for example in load_examples():
        browser.find_element(
            By.CSS_SELECTOR, f'button.example[data-example="{example.name}"]'
        ).click()
        assert editor_text(browser).strip() == shown(example, "en").query.strip()
        assert not flagged(browser), example.name


def test_an_undeclared_prefix_is_still_an_error(browser: Any, base_url: str) -> None:
    open_page(browser, f"{base_url}/sparql?lang=en", EDITOR)
    browser.execute_script(
        f"document.querySelector('{EDITOR}').CodeMirror.setValue(arguments[0])",
        "SELECT ?x WHERE { ?x a nowhere:Thing }",
    )
    assert flagged(browser)


@pytest.mark.parametrize(
    ("lang", "lead", "link"),
    [
        (
            "es",
            "El punto de acceso respondió con un error",
            "Probar la consulta en una ventana nueva",
        ),
        ("en", "The endpoint answered with an error", "Try the query in a new window"),
    ],
)
def test_an_error_is_introduced_in_the_page_language_and_wraps(
    browser: Any, base_url: str, lang: str, lead: str, link: str
) -> None:
    """The endpoint's message (its own, in English) comes after a sentence in the page's
    language, and wraps within the results instead of running off their right edge."""
    open_page(browser, f"{base_url}/sparql?lang={lang}", EDITOR)
    browser.execute_script(
        f"document.querySelector('{EDITOR}').CodeMirror.setValue(arguments[0])",
        "SELECT ?x WHERE { ?x a }",
    )
    browser.find_element(By.CSS_SELECTOR, "#yasgui .yasqe_queryButton").click()
    message = WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#yasgui .errorResult pre"))
    )
    assert "line 1, column 25" in message.text
    assert message.get_attribute("lang") == "en"
    shown_lead = browser.find_element(By.CSS_SELECTOR, "#yasgui .errorResult .errorLead").text
    assert shown_lead.startswith(lead)
    assert browser.find_element(By.CSS_SELECTOR, "#yasgui .yasr_tryQuery").text == link
    assert browser.execute_script(
        "return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", message
    )


ENGLISH_TIPS = (
    "Run query", "Share query", "Close tab", "Add tab", "Add a new tab", "Open settings",
    "Clear endpoint", "Download result", "Download Results", "Download not supported",
)  # fmt: skip


def test_the_spanish_editor_has_no_english_tooltip(browser: Any, base_url: str) -> None:
    """YASGUI's tooltips and accessible names, the results table's too, speak the page's
    language."""
    open_page(browser, f"{base_url}/sparql?lang=es", EDITOR)
    browser.execute_script("window.localStorage.clear()")  # the opening example, not the last query
    open_page(browser, f"{base_url}/sparql?lang=es", EDITOR)
    browser.find_element(By.CSS_SELECTOR, "#yasgui .yasqe_queryButton").click()
    WebDriverWait(browser, 20).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#yasgui table.dataTable"))
    )
    time.sleep(0.5)  # the relabelling follows the drawing
    attributes = browser.execute_script(
        "return Array.from(document.querySelectorAll('#yasgui [title], #yasgui [aria-label]'))"
        ".flatMap(e => [e.getAttribute('title'), e.getAttribute('aria-label')]).filter(x => x)"
    )
    assert "Ejecutar la consulta" in attributes
    english = [
        a for a in attributes if a in ENGLISH_TIPS or "View documentation" in a or "Activate" in a
    ]
    assert english == []
