"""What every page needs from the request: its language, links that keep it, labels in it.

:func:`init_app` makes these available to every template (the query UI's page too): ``lang``,
``t`` (the interface's words), ``label``, ``href``, ``page_url`` and ``switch_url``.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, g, request, url_for
from markupsafe import Markup, escape

from . import data, naming, timeline
from .i18n import message, number, numbers_written
from .iris import ONTOLOGY, compact, linkable, local_path
from .language import LANGUAGES, Text, choose_language, other
from .model import Item
from .sources import source_markup


def explicit_language() -> str | None:
    """The language the URL asks for (``?lang=es|en``), carried on to the links of the page."""
    asked = request.args.get("lang")
    return asked if asked in LANGUAGES else None


def page_language() -> str:
    if "page_lang" not in g:
        g.page_lang = choose_language(
            request.args.get("lang"), request.headers.get("Accept-Language")
        )
    result: str = g.page_lang
    return result


def base_iri() -> str:
    base: str = current_app.config["BASE_IRI"]
    return base


def page_url(endpoint: str, **values: Any) -> str:
    """``url_for`` that keeps an explicit ``?lang=``."""
    asked = explicit_language()
    if asked and "lang" not in values:
        values["lang"] = asked
    return url_for(endpoint, **values)


def path_url(path: str) -> str:
    """The URL of a path of ours relative to the base (``id/agent/iom``, ``ontology#Term``)."""
    document, _, fragment = path.partition("#")
    if document == ONTOLOGY:
        return page_url("pages.ontology", _anchor=fragment or None)
    return page_url("pages.resource", key=document.removeprefix("id/"))


def href(iri: str) -> str | None:
    """Where a link to ``iri`` goes: our page for our resources, the IRI itself for an ``http``,
    ``https`` or ``mailto`` IRI, nowhere (``None``: shown as text) for any other."""
    path = local_path(iri, base_iri())
    if path is not None:
        return path_url(path)
    return iri if linkable(iri) else None


def is_local(iri: str) -> bool:
    return local_path(iri, base_iri()) is not None


def label(item: Item | None) -> Text:
    """The label of ``item`` in the page's language (or the other one, or its short IRI)."""
    if item is None:
        return Text("")
    found = item.label(page_language())
    if found is not None:
        return found
    return Text(compact(item.iri) if not item.literal else item.iri)


def priority_short(priority: data.Priority) -> str:
    """A priority's short name in the page's language ("Básica 2.1")."""
    return naming.priority_short(priority.item, priority.type, page_language())


def date_text(day: date) -> str:
    """A day in the page's language ("1 abr 2021")."""
    return timeline.date_text(day, page_language())


def t(key: str, **values: object) -> Markup:
    """A phrase of the interface in the page's language, as markup: its values are escaped,
    except those that are markup already (a ``<time>`` a template made)."""
    lang = page_language()
    text = escape(message(key, lang, values.get("n")))
    return text.format(**numbers_written(values, lang)) if values else text


def switch_url() -> str:
    """This page in the other language."""
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "lang"]
    args.append(("lang", other(page_language())))
    return f"{request.script_root}{request.path}?{urlencode(args)}"


def init_app(app: Flask) -> None:
    @app.context_processor
    def page_context() -> dict[str, Any]:
        lang = page_language()
        return {
            "lang": lang,
            "other_lang": other(lang),
            "t": t,
            "label": label,
            "href": href,
            "is_local": is_local,
            "compact": compact,
            "page_url": page_url,
            "switch_url": switch_url,
            "priority_short": priority_short,
            "date_text": date_text,
            "source_markup": source_markup,
            "number": lambda value, decimals=0: number(value, lang, decimals),
            "own_alt": lambda item: naming.own_short_name(item, lang),
        }
