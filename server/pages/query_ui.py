"""The query UI page of ``/sparql`` (YASGUI), in the page's language only.

The editor opens on an example query; the example library lists each example by its title and
description in that language. The prefixes the endpoint predeclares (:data:`gcm_kg.terms.PREFIXES`,
``docs/endpoint.md``) are listed on the page and left out of the editor: a ``PREFIX`` line that
only repeats one of them is dropped from what the editor shows, and the query stays valid because
the endpoint declares it. YASGUI's own words (its tab, result views, table, counts) are set in
the page's language through ``static/sparql.js``.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from typing import Any

from flask import Response, render_template, url_for

from gcm_kg.terms import PREFIXES

from ..examples import Example, load_examples
from .context import page_language
from .http import respond
from .i18n import MESSAGES, PLURALS, translate
from .views import html_variant

DEFAULT_EXAMPLE = "who-leads-what"
"""The example the editor opens on."""
PREFIX_LINE = re.compile(r"\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*", re.IGNORECASE)
HEADER_LINE = re.compile(r"#\s*([a-z-]+):\s?(.*)")
YASGUI_WORDS = tuple(key for key in MESSAGES if key.startswith("yasgui-"))
COMMENT_WIDTH = 72
"""Characters of a comment line above an example: clear of the editor's share and run buttons."""
LANGUAGE_LINE = 'VALUES ?lang { "en" }'
"""An example's choice of language for its labels, set to the page's (``shown``)."""


@dataclass(frozen=True)
class ShownExample:
    """An example as the page shows it: in one language, predeclared prefixes left out."""

    name: str
    title: str
    description: str
    query: str


def header(text: str) -> dict[str, list[str]]:
    """The ``# key: value`` lines at the top of an example, by key."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = HEADER_LINE.fullmatch(line)
        if match:
            found.setdefault(match.group(1), []).append(match.group(2).strip())
    return found


def without_predeclared(query: str, prefixes: dict[str, str] = PREFIXES) -> str:
    """``query`` without its header comments and the ``PREFIX`` lines that declare exactly what
    the endpoint predeclares; any other line is kept as it is."""
    kept: list[str] = []
    started = False
    for line in query.splitlines():
        if not started and line.startswith("#"):
            continue
        match = PREFIX_LINE.fullmatch(line)
        if match and prefixes.get(match.group(1) or "") == match.group(2):
            continue
        if not started and not line.strip():
            continue
        started = True
        kept.append(line)
    return "\n".join(kept) + "\n"


def shown(example: Example, lang: str) -> ShownExample:
    """``example`` in ``lang``: title and description as comments above the query, and the
    labels it asks for in ``lang`` where it names their language in :data:`LANGUAGE_LINE`."""
    fields = header(example.query)
    title = example.title_es if lang == "es" else example.title_en
    description = " ".join(fields.get("description-es" if lang == "es" else "description", []))
    comments = "".join(
        f"# {line}\n"
        for part in (title, description)
        for line in textwrap.wrap(part, COMMENT_WIDTH)
    )
    query = without_predeclared(example.query).replace(
        LANGUAGE_LINE, LANGUAGE_LINE.replace('"en"', f'"{lang}"')
    )
    return ShownExample(example.name, title, description, comments + query)


def ui_config(examples: list[ShownExample], lang: str) -> dict[str, Any]:
    """What ``static/sparql.js`` needs: the endpoint, the examples, the query it opens on and
    YASGUI's words in ``lang``."""
    first = next(
        (e for e in examples if e.name == DEFAULT_EXAMPLE), examples[0] if examples else None
    )
    return {
        "endpoint": url_for("sparql.endpoint"),
        "lang": lang,
        "query": first.query if first else "",
        "prefixes": PREFIXES,
        "examples": [{"name": e.name, "title": e.title, "query": e.query} for e in examples],
        "words": {key.removeprefix("yasgui-"): translate(key, lang) for key in YASGUI_WORDS},
        "results": PLURALS["results"][lang],
    }


def query_ui_page() -> Response:
    """The HTML page of ``/sparql`` for browsers, in the language of the request (``?lang=``,
    ``Accept-Language``), with validators like every page."""
    lang = page_language()

    def body() -> str:
        examples = [shown(e, lang) for e in load_examples()]
        return render_template(
            "sparql.html",
            examples=examples,
            config=ui_config(examples, lang),
            prefixes=sorted(PREFIXES.items()),
            endpoint=url_for("sparql.endpoint", _external=True),
        )

    return respond(html_variant(), body)
