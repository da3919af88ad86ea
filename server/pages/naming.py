"""How pages name things in the reader's language: kinds of priority and agent, a priority's short
name (for chart rows and table columns) and its name in a sentence, an activity's title.

Pure functions of the shaped data (:mod:`.data`) and the interface's words (:mod:`.i18n`): a name
is built from the data's label in the page's language only, never from the other language, so a
Spanish page names everything in Spanish.
"""

from __future__ import annotations

from .i18n import MESSAGES, PLURALS, translate
from .model import Item
from .search import normalise

SHORT_NAME = 36
"""The longest short name, in characters (a chart's row label, a table's column)."""
DANGLING = frozenset(
    [
        "a",
        "al",
        "de",
        "del",
        "el",
        "en",
        "la",
        "las",
        "los",
        "para",
        "por",
        "y",
        "e",
        "o",
        "the",
        "of",
        "and",
        "for",
        "to",
        "in",
        "on",
        "at",
        "with",
    ]
)
"""Words a shortened name does not end on ("Alternativas a la detención…", not "… de…")."""


def sort_key(item: Item, lang: str) -> tuple[str, str]:
    """Alphabetical order by the label in ``lang`` (accents and case aside), then by IRI."""
    found = item.label(lang)
    return (normalise(found.value) if found else "~", item.iri)


def local_name(iri: str) -> str:
    """``…/ontology#CorePriority`` → ``CorePriority``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def shorten(text: str, size: int = SHORT_NAME) -> str:
    """``text`` cut at a word boundary to at most ``size`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    words = text[: size - 1].split(" ")
    if len(words) > 1:
        words = words[:-1]  # the last word may be cut
    while len(words) > 1 and words[-1].casefold() in DANGLING:
        words = words[:-1]
    return " ".join(words).rstrip(" ,;:.–-") + "…"


def own_label(item: Item, lang: str) -> str | None:
    """The label of ``item`` in ``lang`` itself (no fallback to the other language)."""
    return item.labels.get(lang)


def own_short_name(item: Item, lang: str) -> str | None:
    """The short name (``skos:altLabel``) of ``item`` in ``lang`` itself, if it has one."""
    found = item.alts.get(lang)
    return found[0] if found else None


def priority_kind(kind: str, lang: str, n: int = 2) -> str:
    """A kind of priority as a heading: "Prioridades básicas" (``n`` > 1) or "Prioridad básica"."""
    key = f"priority-kind-{local_name(kind)}"
    return translate(key if key in PLURALS else "priority-kind", lang, n=n)


def agent_kind(kind: str, lang: str, n: int = 2, ontology_label: str | None = None) -> str:
    """A kind of agent as a heading or legend entry; a kind the pages do not know takes its label
    from the ontology (``ontology_label``), else the generic "other agents"."""
    key = f"agent-kind-{local_name(kind)}"
    if key in PLURALS:
        return translate(key, lang, n=n)
    if ontology_label:
        return ontology_label[:1].upper() + ontology_label[1:]
    return translate("agent-kind", lang, n=n)


def priority_short(item: Item, kind: str, lang: str) -> str:
    """The short name of a priority: "Básica 2.1", "Thematic 4"; a priority without a number
    (a working group's) by its short name in ``lang``, else its label in ``lang``, shortened."""
    key = f"short-{local_name(kind)}"
    if item.notation and key in MESSAGES:
        return translate(key, lang, n=item.notation)
    name = own_short_name(item, lang) or own_label(item, lang) or item.notation or ""
    return shorten(name) if name else local_name(item.iri)


def priority_reference(item: Item, kind: str, lang: str) -> str:
    """A priority as a sentence names it: "la prioridad básica 2.1", "the working-group priority
    “Alternatives to immigration detention”"."""
    key = f"priority-ref-{local_name(kind)}"
    name = own_label(item, lang) or own_short_name(item, lang) or local_name(item.iri)
    if key in MESSAGES and (item.notation or "{n}" not in MESSAGES[key][lang]):
        return translate(key, lang, n=item.notation or "", name=name)
    return translate("priority-ref", lang, name=name)


def activity_title(activity: Item, priority: Item | None, kind: str | None, lang: str) -> str:
    """ "Actividad 3 de la prioridad básica 2.1"; "Actividad 3" when the priority is unknown."""
    number = activity.notation or local_name(activity.iri)
    if priority is None or kind is None:
        return translate("activity-number", lang, n=number)
    return translate(
        "activity-title", lang, n=number, priority=priority_reference(priority, kind, lang)
    )


def row_label(activity: Item, priority: Item | None, kind: str | None, lang: str) -> str:
    """A chart row: the priority's short name and the activity's number ("Básica 2.1 · 3")."""
    number = activity.notation or local_name(activity.iri)
    if priority is None or kind is None:
        return number
    return f"{priority_short(priority, kind, lang)} · {number}"
