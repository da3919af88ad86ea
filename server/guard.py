"""The query guard: what the endpoint checks in a query before the store sees it.

:func:`check` is called once per query, from :func:`server.endpoint.answer`. It reads the query
as a sequence of tokens cut as the SPARQL 1.1 grammar's terminals cut them (:func:`tokens`): an
IRI, a string, a comment, a variable, a prefixed name, a blank-node label or a language tag is one
token, so a keyword written inside one of them is no keyword. It never parses the query: the store
does, and a query the store cannot parse gets the store's message, reworded by
:func:`syntax_error` (line, column, what was found there). From the tokens it

* refuses an update (403): the endpoint is read-only;
* refuses ``SERVICE`` to an endpoint outside ``SERVICE_ALLOWLIST`` or named by a variable, and
  ``FROM``/``FROM NAMED`` or the protocol's dataset parameters naming a graph the store does not
  hold (400): queries never reach the network;
* refuses a prefixed name whose prefix is neither declared nor predeclared (400, naming it);
* refuses a ``\\U`` escape past U+10FFFF in a string or an IRI (400, saying where it is);
* bounds nesting of every kind (``{ ( [ <<``: groups, expressions, function calls, collections,
  blank-node property lists, property paths, quoted triples) and the number of operators and
  clause keywords (400 naming the limit): the store parses and evaluates recursively, and past a
  few thousand levels a query would exhaust its stack, or past a few hundred levels of quoted
  triples or collections its time;
* finds the form of the query (SELECT, ASK, CONSTRUCT, DESCRIBE), which decides the format of the
  answer before it is evaluated.

The store reads ``\\u`` escapes only inside strings and IRIs (not in keywords), and a comment ends
at a line feed or a carriage return; the tokens follow it. Where the grammar is ambiguous without
parsing (``?a<?b&&?c>?d`` is two comparisons to the store, an IRI to a token scanner), the guard
errs on the safe side: brackets inside an IRI count as nesting. ``docs/endpoint.md`` ("Safety")
states what is refused and why.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin

from .errors import QuerySyntaxError, QueryTooComplex, ReadOnly, UnsafeQuery
from .negotiation import Kind

_PN_CHARS_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (
    f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?"
)
_EXPONENT = r"[eE][+-]?[0-9]+"
_TOKEN = re.compile(
    "|".join(
        (
            r"(?P<space>[ \t\r\n]+)",
            r"(?P<comment>#[^\r\n]*)",
            r'(?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)',
            r"(?P<open><<|[{(\[])",
            r"(?P<close>>>|[})\]])",
            r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""'
            r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
            r'|"(?:[^"\\\r\n]|\\.)*"'
            r"|'(?:[^'\\\r\n]|\\.)*')",
            f"(?P<var>[?$][{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*)",
            f"(?P<bnode>_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?)",
            r"(?P<langtag>@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*(?:--[a-zA-Z]+)?)",
            f"(?P<pname>(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?)",
            rf"(?P<number>[0-9]+\.[0-9]*{_EXPONENT}|\.[0-9]+{_EXPONENT}|[0-9]+{_EXPONENT}"
            r"|[0-9]*\.[0-9]+|[0-9]+)",
            r"(?P<word>[A-Za-z_][A-Za-z0-9_]*)",
            r"(?P<op>\^\^|&&|\|\||!=|<=|>=|[!+\-*/|^<>=?])",
            r"(?P<punct>[.,;])",
            r"(?P<other>.)",
        )
    ),
    re.DOTALL,
)
"""One token per match; the name of the group that matched is its kind."""

OPERATORS = frozenset({"&&", "||", "!", "+", "-", "*", "/", "|", "^"})
"""Operators that make the store's expression or path tree one level deeper each."""
CLAUSES = frozenset(
    {"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "GRAPH", "SERVICE", "EXISTS", "VALUES"}
    | {"SELECT"}
)
"""Keywords whose clauses each add a node to the store's algebra tree."""
FORMS = {
    "SELECT": Kind.SOLUTIONS,
    "ASK": Kind.BOOLEAN,
    "CONSTRUCT": Kind.GRAPH,
    "DESCRIBE": Kind.GRAPH,
}
UPDATES = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
SHOWN_GRAPHS = 10
"""Named graphs a refusal lists (all of them are in the service description)."""
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ESCAPE = re.compile(r"\\(?:U([0-9A-Fa-f]{8})|.)", re.DOTALL)
"""An escape in a string or an IRI, ``\\U`` with its code point (``\\\\`` is one escape)."""
_LOCAL_ESCAPE = re.compile(r"\\(.)")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class Limits:
    """The bounds of :func:`check` (0: no bound)."""

    depth: int = 50
    operators: int = 1000


@dataclass(frozen=True)
class Checked:
    """What the guard found: the form of the query (``None`` when no form keyword leads it: the
    store will say what is wrong) and whether it names its own dataset (``FROM``)."""

    form: Kind | None
    has_dataset: bool


def tokens(query: str) -> Iterator[Token]:
    """The tokens of ``query``, without spaces and comments."""
    for match in _TOKEN.finditer(query):
        kind = match.lastgroup
        assert kind is not None
        if kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start())


def position(query: str, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of the character at ``offset``."""
    line = query.count("\n", 0, offset) + 1
    return line, offset - (query.rfind("\n", 0, offset) + 1) + 1


def _at(query: str, token: Token) -> str:
    line, column = position(query, token.start)
    return f"line {line}, column {column}"


def _unescape_iri(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _CODEPOINT.sub(char, text[1:-1])


def _check_escapes(query: str, token: Token) -> None:
    """Refuse a ``\\U`` escape past Unicode's last code point in a string or an IRI (the store
    stops there with a message about a later token)."""
    for match in _ESCAPE.finditer(token.text):
        if match.group(1) and int(match.group(1), 16) > 0x10FFFF:
            line, column = position(query, token.start + match.start())
            raise QuerySyntaxError(
                f"SPARQL syntax error at line {line}, column {column}: {match.group()} is not a "
                "Unicode character (the last one is \\U0010FFFF)"
            )


class _Names:
    """The prologue's base and prefixes, to resolve the IRIs that SERVICE and FROM name."""

    def __init__(self, prefixes: Mapping[str, str], base: str | None) -> None:
        self.prefixes = dict(prefixes)
        self.base = base

    def iri(self, token: Token) -> str:
        if token.kind == "iri":
            relative = _unescape_iri(token.text)
            return urljoin(self.base, relative) if self.base else relative
        prefix, _, local = token.text.partition(":")
        if prefix not in self.prefixes:
            raise QuerySyntaxError(
                f"SPARQL syntax error: the prefix '{prefix}:' of {token.text} is not declared; "
                f"add PREFIX {prefix}: <…>"
            )
        return self.prefixes[prefix] + _LOCAL_ESCAPE.sub(r"\1", local)


def _prologue(
    query: str, items: list[Token], prefixes: Mapping[str, str], base: str | None
) -> tuple[_Names, int]:
    """The names the prologue (``BASE``, ``PREFIX``) declares, and where the query's body starts."""
    names = _Names(prefixes, base)
    i = 0
    while i < len(items):
        word = items[i].text.upper() if items[i].kind == "word" else ""
        if word == "BASE" and i + 1 < len(items) and items[i + 1].kind == "iri":
            names.base = names.iri(items[i + 1])
            i += 2
        elif (
            word == "PREFIX"
            and i + 2 < len(items)
            and items[i + 1].kind == "pname"
            and items[i + 1].text.endswith(":")
            and items[i + 2].kind == "iri"
        ):
            names.prefixes[items[i + 1].text[:-1]] = names.iri(items[i + 2])
            i += 3
        elif word in ("BASE", "PREFIX"):
            raise QuerySyntaxError(
                f"SPARQL syntax error at {_at(query, items[i])}: {word} must be followed by "
                + (
                    "an IRI in <…>"
                    if word == "BASE"
                    else "a prefix ending in ':' and an IRI in <…>"
                )
            )
        else:
            break
    return names, i


def _measure(query: str, items: list[Token], limits: Limits) -> None:
    depth = deepest = operators = 0
    for token in items:
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            depth = max(0, depth - 1)
        elif token.kind == "iri":
            # an IRI to a scanner may be comparisons to the store (?a<(?b)>?c): count its brackets
            for char in token.text:
                if char in "([":
                    depth += 1
                    deepest = max(deepest, depth)
                elif char in ")]":
                    depth = max(0, depth - 1)
        elif (token.kind == "op" and token.text in OPERATORS) or (
            token.kind == "word" and token.text.upper() in CLAUSES
        ):
            operators += 1
            if limits.operators and operators > limits.operators:
                raise QueryTooComplex(
                    f"the query has more than {limits.operators} operators and clauses "
                    f"(UNION, OPTIONAL, FILTER, &&, ||, +, /, … ; at {_at(query, token)}), the "
                    "most this endpoint evaluates (setting GCM_KG_MAX_QUERY_OPERATORS)"
                )
        deepest = max(deepest, depth)
        if limits.depth and deepest > limits.depth:
            raise QueryTooComplex(
                f"the query nests brackets ({{ }}, ( ), [ ], << >>) more than {limits.depth} "
                f"levels deep (at {_at(query, token)}), the most this endpoint evaluates "
                "(setting GCM_KG_MAX_QUERY_DEPTH)"
            )


def check_graphs(requested: Collection[str], graphs: Collection[str], what: str) -> None:
    """Refuse graph IRIs that are not named graphs of the store (nothing is fetched)."""
    unknown = [g for g in requested if g not in graphs]
    if unknown:
        names = sorted(graphs)
        listed = ", ".join(names[:SHOWN_GRAPHS])
        if len(names) > SHOWN_GRAPHS:
            listed += f" and {len(names) - SHOWN_GRAPHS} more (the service description lists them)"
        raise UnsafeQuery(
            f"{what} <{unknown[0]}> is not a named graph of this store, and the endpoint never "
            f"fetches remote graphs. Its named graphs: {listed}"
        )


def _past(items: list[Token], i: int, optional: str) -> int:
    """Where the tokens go on from ``i``, past the keyword ``optional`` if it is there."""
    found = i < len(items) and items[i].kind == "word" and items[i].text.upper() == optional
    return i + 1 if found else i


def _target(query: str, items: list[Token], i: int, names: _Names, what: str) -> str | None:
    """The IRI token ``items[i]`` names (``None`` for a variable); refuse anything else."""
    token = items[i] if i < len(items) else None
    if token is not None and token.kind == "var":
        return None
    if token is None or token.kind not in ("iri", "pname"):
        raise QuerySyntaxError(
            f"SPARQL syntax error: {what} at {_at(query, items[i - 1])} must be followed by an IRI"
        )
    return names.iri(token)


def check(
    query: str,
    *,
    graphs: Collection[str],
    prefixes: Mapping[str, str],
    base_iri: str | None,
    service_allowlist: Collection[str] = (),
    default_graphs: Collection[str] = (),
    named_graphs: Collection[str] = (),
    limits: Limits = Limits(),
) -> Checked:
    """Check ``query`` (see the module docstring); raise an
    :class:`~server.errors.EndpointError` for what the endpoint refuses."""
    if not query.strip():
        raise QuerySyntaxError("the query is empty")
    check_graphs(default_graphs, graphs, "default-graph-uri")
    check_graphs(named_graphs, graphs, "named-graph-uri")
    items = list(tokens(query))
    _measure(query, items, limits)
    for token in items:
        if token.kind in ("string", "iri"):
            _check_escapes(query, token)
    names, body = _prologue(query, items, prefixes, base_iri)
    if body == len(items):  # comments or a prologue alone: the empty SPARQL update
        raise ReadOnly(
            "this is an empty SPARQL update (no query after the comments and prologue); the "
            "endpoint is read-only and runs queries only"
        )
    first = items[body] if body < len(items) else None
    keyword = first.text.upper() if first is not None and first.kind == "word" else ""
    if keyword in UPDATES:
        raise ReadOnly(
            f"this is a SPARQL update ({keyword} …); the endpoint is read-only and runs "
            "queries only"
        )
    has_dataset = False
    for i in range(body, len(items)):
        token = items[i]
        if token.kind == "pname":
            prefix = token.text.partition(":")[0]
            if prefix not in names.prefixes:
                raise QuerySyntaxError(
                    f"SPARQL syntax error at {_at(query, token)}: the prefix '{prefix}:' of "
                    f"{token.text} is not declared; add PREFIX {prefix}: <…> (predeclared "
                    f"here: {', '.join(p + ':' for p in sorted(prefixes))})"
                )
            continue
        if token.kind != "word":
            continue
        word = token.text.upper()
        if word == "SERVICE":
            j = _past(items, i + 1, "SILENT")
            endpoint = _target(query, items, j, names, "SERVICE")
            if endpoint is None:
                raise UnsafeQuery(
                    "SERVICE with a variable endpoint is not allowed: queries here never reach "
                    "the network"
                )
            if endpoint not in service_allowlist:
                allowed = ", ".join(f"<{s}>" for s in service_allowlist) or "none"
                raise UnsafeQuery(
                    f"SERVICE <{endpoint}> is not allowed: queries here never reach the network "
                    f"(SERVICE endpoints allowed by this server: {allowed})"
                )
        elif word == "FROM":
            j = _past(items, i + 1, "NAMED")
            graph = _target(query, items, j, names, "FROM")
            if graph is None:
                raise QuerySyntaxError(
                    f"SPARQL syntax error at {_at(query, items[j])}: FROM names a graph by its IRI"
                )
            check_graphs([graph], graphs, "FROM")
            has_dataset = True
    return Checked(FORMS.get(keyword), has_dataset)


KEYWORDS = frozenset(
    """
    BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE GROUP BY
    HAVING ORDER ASC DESC LIMIT OFFSET VALUES UNDEF OPTIONAL GRAPH SERVICE SILENT BIND MINUS
    UNION FILTER EXISTS NOT IN A TRUE FALSE LATERAL SEPARATOR COUNT SUM MIN MAX AVG SAMPLE
    GROUP_CONCAT STR LANG LANGMATCHES LANGDIR DATATYPE BOUND IRI URI BNODE RAND ABS CEIL FLOOR
    ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER
    YEAR MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384
    SHA512 COALESCE IF STRLANG STRLANGDIR STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC
    REGEX SUBSTR REPLACE TRIPLE SUBJECT PREDICATE OBJECT ISTRIPLE HASLANG HASLANGDIR ADJUST
    INSERT DELETE DATA LOAD CLEAR CREATE DROP COPY MOVE ADD WITH USING INTO TO DEFAULT ALL VERSION
    """.split()  # noqa: SIM905 (a list of 120 words)
)
"""The words of SPARQL 1.1 (and the SPARQL 1.2 words the store reads), upper-case."""


def form_of(query: str) -> Kind | None:
    """The form of ``query`` (SELECT, ASK, CONSTRUCT, DESCRIBE), ``None`` if none leads it."""
    items = list(tokens(query))
    try:
        _, body = _prologue(query, items, {}, None)
    except QuerySyntaxError:
        return None
    first = items[body] if body < len(items) else None
    return FORMS.get(first.text.upper()) if first is not None and first.kind == "word" else None


_STORE_ERROR = re.compile(r"error at (\d+):(\d+): expected (.*)", re.DOTALL)
PAIRS = {"{": "}", "(": ")", "[": "]", "<<": ">>"}


def _diagnose(query: str, items: list[Token]) -> str | None:
    """What is wrong with ``query`` as its tokens show it, in words; ``None`` if they do not."""
    opened: list[Token] = []
    for token in items:
        if token.kind == "open":
            opened.append(token)
        elif token.kind == "close":
            if not opened:
                return f"'{token.text}' at {_at(query, token)} closes nothing"
            start = opened.pop()
            if PAIRS[start.text] != token.text:
                return (
                    f"'{token.text}' at {_at(query, token)} does not close the "
                    f"'{start.text}' opened at {_at(query, start)}"
                )
    if opened:
        return f"the '{opened[-1].text}' opened at {_at(query, opened[-1])} is never closed"
    _, body = _prologue(query, items, {}, None)
    first = items[body] if body < len(items) else None
    if first is None or first.kind != "word" or first.text.upper() not in FORMS:
        found = f"'{first.text}' at {_at(query, first)}" if first else "nothing"
        return (
            "a query starts with SELECT, ASK, CONSTRUCT or DESCRIBE (after its PREFIX and BASE "
            f"lines); found {found}"
        )
    for token in items:
        if token.kind == "word" and token.text.upper() not in KEYWORDS:
            close = difflib.get_close_matches(token.text.upper(), KEYWORDS, n=1)
            hint = f"; did you mean {close[0]}?" if close else ""
            return f"'{token.text}' at {_at(query, token)} is not a word of SPARQL{hint}"
    return None


def syntax_error(query: str, message: str) -> QuerySyntaxError:
    """A refusal, in words, of a query the store could not parse: what the tokens show is wrong
    (an unbalanced bracket, a misspelt keyword …), else where the store's parser stopped
    (``error at L:C: expected …``), what is found there and what it would have taken."""
    try:
        diagnosis = _diagnose(query, list(tokens(query)))
    except QuerySyntaxError as exc:
        return exc
    if diagnosis is not None:
        return QuerySyntaxError(f"SPARQL syntax error: {diagnosis}")
    found = _STORE_ERROR.fullmatch(message.strip())
    if found is None:
        return QuerySyntaxError(f"SPARQL syntax error: {message}")
    line, column = int(found.group(1)), int(found.group(2))
    lines = query.split("\n")
    rest = "\n".join(lines[line - 1 :])[column - 1 :] if line <= len(lines) else ""
    token = next(tokens(rest), None)
    if token is None:
        what = "the end of the query"
    else:
        what = f"'{token.text}'" if len(token.text) <= 40 else f"'{token.text[:39]}…'"
    expected = found.group(3).strip()
    if not expected.startswith("one of ") and " " in expected:  # a reason, not a token
        return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {column}: {expected}")
    words = [w.strip() for w in expected.removeprefix("one of ").split(", ")]
    readable = [w.strip('"').replace("[_]", "[ ]") for w in words if "\n" not in w and len(w) < 20]
    expected = (
        f"; the parser would have taken, for example, {', '.join(readable)}" if readable else ""
    )
    return QuerySyntaxError(
        f"SPARQL syntax error at line {line}, column {column}, at {what}{expected}"
    )
