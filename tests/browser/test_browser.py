"""A reader in a real browser: the home page, a priority, the other language, the timeline
drawn, and an example query run in YASGUI."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("selenium", reason="the Python package selenium is not installed")

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20


def wait(driver: Any) -> WebDriverWait:  # type: ignore[type-arg]
    return WebDriverWait(driver, WAIT)


def script_errors(driver: Any) -> list[str]:
    """Errors the page's scripts raised (the favicon's 404 is not one)."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" and "favicon" not in entry["message"]
    ]


def test_reader_follows_a_priority_switches_language_and_sees_the_timeline(
    browser: Any, base_url: str
) -> None:
    browser.get(base_url + "/?lang=es")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "es"
    assert "Prioridades" in browser.find_element(By.ID, "priorities-heading").text

    link = browser.find_element(By.CSS_SELECTOR, 'ul.priorities a[href^="/id/priority/core-2-1"]')
    link.click()
    wait(browser).until(ec.url_contains("/id/priority/core-2-1"))
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert "Reforzar el sistema de las Naciones Unidas" in heading

    browser.find_element(By.CSS_SELECTOR, "a.switch").click()
    wait(browser).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert "lang=en" in browser.current_url
    assert "Activities" in browser.find_element(By.ID, "activities-heading").text

    chart = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, '#priority-timeline[data-drawn="true"]'))
    )
    bars = chart.find_elements(By.CSS_SELECTOR, "svg path")
    assert len(bars) >= 3, "one bar per schedule, plus axes"
    assert chart.size["height"] > 100
    # the same data as a table, for readers without the chart
    assert len(browser.find_elements(By.CSS_SELECTOR, "table.activities tbody tr")) >= 3
    assert script_errors(browser) == []


def test_whole_workplan_timeline_and_network_are_drawn(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/timeline?lang=en")
    wait(browser).until(
        ec.presence_of_element_located(
            (By.CSS_SELECTOR, '#workplan-timeline[data-drawn="true"] svg')
        )
    )
    browser.get(base_url + "/network?lang=en")
    chart = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, '#network-chart[data-drawn="true"] svg'))
    )
    assert len(chart.find_elements(By.CSS_SELECTOR, "svg path")) > 20
    assert script_errors(browser) == []


def test_example_query_in_yasgui_gives_a_results_table(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/sparql")
    wait(browser).until(ec.presence_of_element_located((By.CSS_SELECTOR, "#yasgui .CodeMirror")))
    browser.find_element(By.CSS_SELECTOR, 'button.example[data-example="who-leads-what"]').click()
    rows = wait(browser).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#yasgui .yasr table tbody tr") or False
    )
    assert len(rows) > 5
    assert "IOM" in browser.find_element(By.CSS_SELECTOR, "#yasgui .yasr").text or rows


def test_query_link_of_a_page_opens_in_yasgui(browser: Any, base_url: str) -> None:
    browser.get(base_url + "/id/agent/iom?lang=en")
    link = browser.find_element(By.CSS_SELECTOR, "section.queries details a")
    href = link.get_attribute("href")
    assert href and "/sparql?query=" in href
    browser.get(href)
    editor = wait(browser).until(
        ec.presence_of_element_located((By.CSS_SELECTOR, "#yasgui .CodeMirror"))
    )
    wait(browser).until(lambda d: "agent/iom" in editor.text)
