"""The tokens of a SPARQL query, as the SPARQL 1.1 grammar's terminals cut them, without parsing.

A linear scan (one regular expression, no recursion) that knows what hides text from the parser:
strings (short and long), comments (to the end of the line: ``\\n`` or ``\\r``), IRIs, variables and
prefixed names are single tokens, so a keyword inside one of them is no keyword. ``\\u``/``\\U``
escapes are replaced first, as SPARQL prescribes for the whole query text. Used to measure a
query (:mod:`server.complexity`) and to cross-check the parse tree of :mod:`server.analysis`
(:func:`keyword_count`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SKIPPED = (
    r'''(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'''
    r"""|'''(?:[^'\\]|\\.|'(?!''))*'''"""
    r'''|"(?:[^"\\\n\r]|\\.)*"'''
    r"""|'(?:[^'\\\n\r]|\\.)*')"""
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r"|(?P<name>[?$]\w+|(?<!\w)(?:[^\W\d_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)"
)
"""Tokens whose text is never syntax: strings, comments, IRIs, variables and prefixed names."""
_TOKENS = re.compile(
    _SKIPPED + r"|(?P<word>[^\W\d_]\w*)"
    r"|(?P<open>[{(\[])|(?P<close>[})\]])"
    r"|(?P<op>&&|\|\||[!+*/|^-])"
)
"""One token per match; the group that matched says its kind."""


def unescape_codepoints(query: str) -> str:
    """``query`` with its ``\\u``/``\\U`` escapes replaced by the characters they stand for."""

    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT_ESCAPE.sub(char, query) if "\\" in query else query


def tokens(query: str) -> Iterator[tuple[str, str]]:
    """``(kind, text)`` of each token: ``string``, ``comment``, ``iri``, ``name`` (a variable or
    prefixed name), ``word`` (a keyword or function name), ``open``, ``close`` or ``op``. Other
    characters (spaces, digits, ``.``, ``;``, ``,``, ``=`` …) are skipped."""
    for match in _TOKENS.finditer(unescape_codepoints(query)):
        kind = match.lastgroup
        assert kind is not None
        yield kind, match.group()


def keyword_count(query: str, keyword: str) -> int:
    """How many times ``keyword`` is a keyword of ``query`` (any case), outside strings,
    comments, IRIs and names."""
    wanted = keyword.upper()
    return sum(1 for kind, text in tokens(query) if kind == "word" and text.upper() == wanted)


_SKIPPED_RE = re.compile(_SKIPPED)


def syntax_only(query: str) -> str:
    """``query`` (escapes replaced) with each string, comment, IRI, variable and prefixed name
    replaced by a space: what is left is keywords, brackets and operators, as :func:`tokens`
    reads them, for counts made at C speed."""
    return _SKIPPED_RE.sub(" ", unescape_codepoints(query))
