"""What the browser tests measure on a rendered page, as scripts run in the page: elements outside
their container, text boxes of a chart that overlap, the text a reader sees in the page's
language, a chart's layout; and full-page screenshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20

OUTSIDE = """
// Elements that stick out: of the page sideways, of their parent (unless the parent scrolls or
// clips, which contains them by construction), and drawings of a chart out of the chart's box.
const problems = [];
const page = document.documentElement.clientWidth;
if (document.documentElement.scrollWidth > page + 1) {
  problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${page}`);
}
const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
const contains = (el) => {
  const s = getComputedStyle(el);
  return s.overflowX !== "visible" || s.overflowY !== "visible";
};
const shown = (el) => {
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0;
};
for (const el of document.body.querySelectorAll("*")) {
  if (el.closest("svg") || el.closest("[data-chart]") || !shown(el)) continue;
  if (["script", "style", "br", "option"].includes(el.tagName.toLowerCase())) continue;
  let clipped = false;
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    if (contains(p)) { clipped = true; break; }
  }
  if (clipped) continue;
  const r = el.getBoundingClientRect();
  if (r.left < -1 || r.right > page + 1) {
    problems.push(`${name(el)} is outside the page: ${Math.round(r.left)}..${Math.round(r.right)} of ${page}`);
    continue;
  }
  const position = getComputedStyle(el).position;
  const parent = el.parentElement;
  if (position === "absolute" || position === "fixed" || !parent || parent === document.body) continue;
  const box = parent.getBoundingClientRect();
  if (r.left < box.left - 1 || r.right > box.right + 1) {
    problems.push(`${name(el)} sticks out of ${name(parent)}: ${Math.round(r.left)}..${Math.round(r.right)} in ${Math.round(box.left)}..${Math.round(box.right)}`);
  }
}
for (const chart of document.querySelectorAll("[data-chart]")) {
  const box = chart.getBoundingClientRect();
  for (const el of chart.querySelectorAll("svg text, svg path, svg rect, svg circle")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (el.closest("[display=none]") || getComputedStyle(el).display === "none") continue;
    if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
      problems.push(`${el.tagName} ${JSON.stringify((el.textContent || "").slice(0, 30))} is outside ${name(chart)}`);
    }
  }
}
return problems;
"""

SPLIT = """
// Items of a list in columns that are cut across two columns.
const split = [];
for (const list of document.querySelectorAll("ul, ol")) {
  if (getComputedStyle(list).columnCount === "auto" && getComputedStyle(list).columnWidth === "auto") continue;
  for (const item of list.children) {
    const lefts = new Set(Array.from(item.getClientRects()).map((r) => Math.round(r.left / 20)));
    if (lefts.size > 1) split.push(item.textContent.trim().slice(0, 60));
  }
}
return split;
"""

TEXT_BOXES = """
// The text boxes of a chart, as the four corners of each (rotated labels included).
const chart = arguments[0];
const boxes = [];
for (const el of chart.querySelectorAll("svg text")) {
  const s = getComputedStyle(el);
  if (s.display === "none" || s.visibility === "hidden" || Number(s.opacity) === 0) continue;
  if (el.closest("[display=none]") || !(el.textContent || "").trim()) continue;
  const b = el.getBBox();
  const m = el.getScreenCTM();
  if (!m || b.width === 0) continue;
  const corner = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
  boxes.push({
    text: el.textContent,
    corners: [corner(b.x, b.y), corner(b.x + b.width, b.y), corner(b.x + b.width, b.y + b.height), corner(b.x, b.y + b.height)],
  });
}
return boxes;
"""

VISIBLE_TEXT = """
// The text a reader sees in the page's language: text nodes and chart labels, without what is
// marked as another language (lang="…"), code, and what is hidden.
const lang = document.documentElement.lang;
const out = [];
const skip = (el) => {
  if (!el) return true;
  if (el.closest("script, style, code, pre, .CodeMirror, noscript, template")) return true;
  const marked = el.closest("[lang]");
  if (marked && marked.getAttribute("lang") !== lang) return true;
  const s = getComputedStyle(el);
  if (s.display === "none" || s.visibility === "hidden") return true;
  const r = el.getBoundingClientRect();
  return r.width === 0 && r.height === 0 && !el.closest("svg");
};
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let node = walker.nextNode(); node; node = walker.nextNode()) {
  const text = node.textContent.trim();
  if (!text) continue;
  if (node.parentElement && node.parentElement.closest("details:not([open])") &&
      !node.parentElement.closest("summary")) continue;
  if (!skip(node.parentElement)) out.push(text);
}
for (const input of document.querySelectorAll("input[placeholder]")) {
  if (!skip(input)) out.push(input.placeholder);
}
return out.join("\\n");
"""

LAYOUT = """
// Where a chart drew its nodes and which labels it shows.
const chart = arguments[0];
return Array.from(chart.querySelectorAll("svg path, svg text")).map((el) => {
  const r = el.getBoundingClientRect();
  return [el.tagName, el.textContent, Math.round(r.left * 10), Math.round(r.top * 10),
          Math.round(r.width * 10), Math.round(r.height * 10)];
});
"""


def open_page(driver: Any, url: str, ready: str) -> None:
    """Load ``url`` and wait until ``ready`` (a CSS selector) is on the page."""
    driver.get(url)
    WebDriverWait(driver, WAIT).until(ec.presence_of_element_located((By.CSS_SELECTOR, ready)))
    driver.execute_script("return document.fonts ? document.fonts.ready : null")


def screenshot(driver: Any, path: Path, width: int) -> None:
    """The whole page, ``width`` CSS pixels wide, as a PNG at ``path``."""
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    path.parent.mkdir(parents=True, exist_ok=True)
    shot = driver.execute_cdp_cmd(
        "Page.captureScreenshot",
        {
            "format": "png",
            "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        },
    )
    import base64

    path.write_bytes(base64.b64decode(shot["data"]))


def overlaps(boxes: list[dict[str, Any]], margin: float = 0.5) -> list[tuple[str, str]]:
    """The pairs of text boxes (convex quadrilaterals) that overlap by more than ``margin``
    pixels, by the separating axis theorem."""

    def axes(corners: list[list[float]]) -> list[tuple[float, float]]:
        out = []
        for i in range(2):
            (x1, y1), (x2, y2) = corners[i], corners[i + 1]
            length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
            out.append((-(y2 - y1) / length, (x2 - x1) / length))
        return out

    def project(corners: list[list[float]], axis: tuple[float, float]) -> tuple[float, float]:
        values = [x * axis[0] + y * axis[1] for x, y in corners]
        return min(values), max(values)

    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            separated = False
            for axis in axes(a["corners"]) + axes(b["corners"]):
                low_a, high_a = project(a["corners"], axis)
                low_b, high_b = project(b["corners"], axis)
                if high_a - margin <= low_b or high_b - margin <= low_a:
                    separated = True
                    break
            if not separated:
                found.append((a["text"], b["text"]))
    return found
