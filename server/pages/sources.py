"""The source passages of priorities and activities, with their lines of the source document.

``gcm-kg build`` publishes each source document with the generation as ``sources/{sha256}.txt``
(see :mod:`gcm_kg.publish`), so a page can quote the lines a statement comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from gcm_kg.publish import SOURCES_DIR

from ..state import snapshot
from .model import Item, collect
from .sparql import page_cache, query, select, value


@dataclass
class Passage:
    item: Item
    first: int
    last: int
    document: str | None
    lines: list[tuple[int, str]] = field(default_factory=list)
    """The passage's lines (number, text); empty when the document was not published."""


EMPHASIS = (
    (re.compile(r"\[([^\]]+)\]\(#\)"), r"\1"),  # a link the conversion left without a target
    (re.compile(r"\*\*(\S(?:.*?\S)?)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"), r"<em>\1</em>"),
)
"""The Markdown the source document was converted with: shown as what it means."""


def source_markup(line: str) -> Markup:
    """A line of the source document as a reader sees it: ``*Ad Hoc*`` in italics, ``**x**``
    in bold, ``[text](#)`` as its text (the document's words are kept, its marks read)."""
    html = str(escape(line))
    for pattern, replacement in EMPHASIS:
        html = pattern.sub(replacement, html)
    return Markup(html)


def source_path(directory: Path, sha256: str) -> Path | None:
    """The published copy of the source document with this SHA-256, if there is one."""
    if not sha256.isalnum():
        return None
    path = directory / SOURCES_DIR / f"{sha256}.txt"
    return path if path.is_file() else None


def source_lines(sha256: str) -> list[str]:
    snap = snapshot()

    def read() -> list[str]:
        path = source_path(snap.generation.path, sha256)
        return path.read_text(encoding="utf-8").splitlines() if path else []

    lines: list[str] = page_cache().get_or_compute(snap.etag, ("source", sha256), read)
    return lines


def passage_of(iri: str) -> Passage | None:
    """The passage ``iri`` was read from, with its lines when the document is published."""
    rows = select(query("passage", this=iri))
    if not rows:
        return None
    items = collect(rows, "passage", "label")
    row = rows[0]
    first, last = int(value(row, "first") or 0), int(value(row, "last") or 0)
    sha256 = value(row, "sha256")
    text = source_lines(sha256) if sha256 else []
    lines = [(n, text[n - 1]) for n in range(first, last + 1) if 0 < n <= len(text)]
    return Passage(
        items[value(row, "passage") or ""],
        first,
        last,
        value(row, "document"),
        lines,
    )
