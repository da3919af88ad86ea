"""The language of a page: ``?lang=`` first, then ``Accept-Language``, then Spanish.

The workplan is a Spanish document and its Spanish labels are verbatim, so Spanish is the default;
a browser that prefers English (over Spanish, by q-value) gets English. A label missing in the
chosen language falls back to the other one, and says which language it is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

LANGUAGES = ("es", "en")
DEFAULT = "es"


@dataclass(frozen=True)
class Text:
    """A piece of text from the data and its language (``None``: not language-tagged)."""

    value: str
    lang: str | None = None

    def __str__(self) -> str:
        return self.value


def parse_accept_language(header: str | None) -> list[tuple[str, float]]:
    """``(primary language, q)`` of each element of an ``Accept-Language`` header, in order;
    malformed elements and quality values are skipped."""
    out: list[tuple[str, float]] = []
    for element in (header or "").split(","):
        tag, *params = (part.strip() for part in element.split(";"))
        if not tag:
            continue
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            out.append((tag.split("-")[0].lower(), q))
    return out


def from_accept_language(header: str | None) -> str | None:
    """The language of :data:`LANGUAGES` the header prefers; ``None`` when it accepts neither.

    A language's quality is that of its own ranges (``es``, ``es-MX``), else that of ``*``; ties
    go to the language the header names first."""
    ranges = parse_accept_language(header)
    wildcard = max((q for tag, q in ranges if tag == "*"), default=0.0)
    scored: list[tuple[float, int, bool, str]] = []
    for lang in LANGUAGES:
        own = [(q, position) for position, (tag, q) in enumerate(ranges) if tag == lang]
        if own:
            q = max(q for q, _ in own)
            scored.append((q, -min(position for _, position in own), lang == DEFAULT, lang))
        else:
            scored.append((wildcard, -len(ranges), lang == DEFAULT, lang))
    q, _, _, lang = max(scored)
    return lang if q > 0 else None


def choose_language(param: str | None, accept_language: str | None) -> str:
    """``param`` (``?lang=``) if it is one of ours, else the header's choice, else Spanish."""
    if param in LANGUAGES:
        return param
    return from_accept_language(accept_language) or DEFAULT


def other(lang: str) -> str:
    """The other language of the two."""
    return LANGUAGES[1] if lang == LANGUAGES[0] else LANGUAGES[0]


def pick(values: Mapping[str, str], lang: str) -> Text | None:
    """The value in ``lang``, else in the other language, else one without a language tag."""
    for candidate in (lang, other(lang), ""):
        if candidate in values:
            return Text(values[candidate], candidate or None)
    if values:
        tag, value = sorted(values.items())[0]
        return Text(value, tag or None)
    return None
