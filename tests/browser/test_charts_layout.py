"""The charts' geometry, read in a real browser through the ECharts instance and the drawn SVG:
every label of the collaboration chart inside the chart, also when the window's height keeps the
chart lower than it is wide (the style's max-height) and after the window is resized; and the bars
of a timeline's row inside that row, an activity with two schedules included."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("selenium", reason="the Python package selenium is not installed")

from conftest import set_width
from page_checks import TEXT_BOXES, open_page
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

LANGUAGES = ("es", "en")
NETWORK = '#network-chart[data-drawn="true"] svg'

FITTED = """
// Whether the chart's drawing has the chart's size (it is redrawn a frame after a resize).
const chart = arguments[0];
const svg = chart.querySelector("svg");
return !!svg && Math.abs(Number(svg.getAttribute("height")) - chart.clientHeight) < 1 &&
  Math.abs(Number(svg.getAttribute("width")) - chart.clientWidth) < 1;
"""

BARS = """
// The rows of a timeline (their centres, from the ECharts instance) and the boxes of its bars (the
// SVG shapes filled with a colour of the data's kinds, or a gradient), in the chart's pixels; the
// strips of the headings and the texts, to check that no bar is on them.
const chart = arguments[0];
const data = JSON.parse(document.getElementById(chart.dataset.source).textContent);
const instance = echarts.getInstanceByDom(chart);
const origin = chart.querySelector("svg").getBoundingClientRect();
const box = (el) => {
  const r = el.getBoundingClientRect();
  return { top: r.top - origin.top, bottom: r.bottom - origin.top, left: r.left - origin.left, right: r.right - origin.left };
};
const colours = Object.values(data.colours);
const bars = [];
const strips = [];
for (const path of chart.querySelectorAll("svg path")) {
  const fill = path.getAttribute("fill") || "none";
  if (fill === "none") continue;
  (colours.includes(fill) || fill.startsWith("url(") ? bars : strips).push(box(path));
}
return {
  rows: data.lines.map((line, index) => ({
    centre: instance.convertToPixel({ yAxisIndex: 0 }, index),
    label: line.label || "",
    bars: (line.bars || []).length,
  })),
  bars: bars,
  strips: strips,
  texts: Array.from(chart.querySelectorAll("svg text")).filter((t) => (t.textContent || "").trim()).map((t) => Object.assign(box(t), { text: t.textContent })),
};
"""

CLEAR = 4
"""Pixels that a row's bars keep from the edges of the row's band (a single bar keeps 7), so that
they stay apart from the rows, headings and axis around and read as one row with its label."""


def network_problems(driver: Any) -> list[str]:
    chart = driver.find_element(By.ID, "network-chart")
    WebDriverWait(driver, 10).until(lambda d: d.execute_script(FITTED, chart))
    edge = driver.execute_script(
        "const r = arguments[0].querySelector('svg').getBoundingClientRect();"
        "return [r.left, r.top, r.right, r.bottom];",
        chart,
    )
    boxes = driver.execute_script(TEXT_BOXES, chart)
    assert boxes, "the chart shows labels"
    left, top, right, bottom = edge
    return [
        f"{box['text']!r} is cut by the chart's edge"
        for box in boxes
        if any(
            x < left - 0.5 or x > right + 0.5 or y < top - 0.5 or y > bottom + 0.5
            for x, y in box["corners"]
        )
    ]


@pytest.mark.parametrize("height", [1000, 600])
@pytest.mark.parametrize("width", [1400, 400])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_of_the_network_is_inside_the_chart(
    at_width: Any, base_url: str, lang: str, width: int, height: int
) -> None:
    """A window 600 px high keeps the chart at 80 % of it, lower than it is wide: the circle fits
    that height (it used to be laid out for a square and lose its lowest labels)."""
    set_width(at_width, width, height)
    open_page(at_width, f"{base_url}/network?lang={lang}", NETWORK)
    assert network_problems(at_width) == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_network_is_redrawn_inside_the_chart_after_a_resize(
    at_width: Any, base_url: str, lang: str
) -> None:
    set_width(at_width, 1400, 1000)
    open_page(at_width, f"{base_url}/network?lang={lang}", NETWORK)
    for width, height in ((700, 1000), (1400, 600), (400, 800), (1400, 1000)):
        set_width(at_width, width, height)
        assert network_problems(at_width) == [], f"after a resize to {width}×{height}"


TIMELINES = {
    "timeline": ("/timeline", "#workplan-timeline"),
    "organisation": ("/id/agent/iom", "#agent-timeline"),
    "activity-two-schedules": ("/id/activity/thematic-6/5", "#activity-timeline"),
    "activity-two-schedules-2": ("/id/activity/thematic-7/4", "#activity-timeline"),
}


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5 and (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
    )


@pytest.mark.parametrize("width", [1400, 400])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page", TIMELINES)
def test_the_bars_of_a_row_stay_in_the_row(
    at_width: Any, base_url: str, page: str, lang: str, width: int
) -> None:
    path, chart_id = TIMELINES[page]
    set_width(at_width, width)
    open_page(at_width, f"{base_url}{path}?lang={lang}", f'{chart_id}[data-drawn="true"] svg')
    chart = at_width.find_element(By.CSS_SELECTOR, chart_id)
    found = at_width.execute_script(BARS, chart)
    rows, bars = found["rows"], found["bars"]
    centres = [row["centre"] for row in rows]
    assert bars, "the chart draws bars"
    # the band of a row: half the distance to the next row on either side (a chart of one row
    # has all its height for it)
    half = (centres[1] - centres[0]) / 2 if len(centres) > 1 else float("inf")
    by_row: dict[int, list[dict[str, float]]] = {}
    for bar in bars:
        middle = (bar["top"] + bar["bottom"]) / 2
        index = min(range(len(centres)), key=lambda i: abs(centres[i] - middle))
        by_row.setdefault(index, []).append(bar)
    problems = []
    for index, drawn in sorted(by_row.items()):
        row = rows[index]
        top = min(bar["top"] for bar in drawn)
        bottom = max(bar["bottom"] for bar in drawn)
        where = f"row {index} ({row['label']!r}): bars {top:.1f}..{bottom:.1f}, centre {centres[index]:.1f}"
        if not row["bars"]:
            problems.append(f"{where} is a heading or a row without schedules")
        if top < centres[index] - half + CLEAR or bottom > centres[index] + half - CLEAR:
            problems.append(f"{where} reach the edge of the row (±{half:.1f})")
        if abs((top + bottom) / 2 - centres[index]) > 1.5:
            problems.append(f"{where} are not centred on the row")
    assert sorted(by_row) == [i for i, row in enumerate(rows) if row["bars"]], "a row lost its bars"
    for bar in bars:
        for other in found["strips"] + found["texts"]:
            if overlap(bar, other):
                problems.append(
                    f"a bar at {bar['top']:.1f}..{bar['bottom']:.1f} is on {other.get('text', 'a heading')!r}"
                )
    assert problems == []
