"""The pages' SPARQL: named queries, run through the snapshot's evaluator like any other query.

Every page gets its data from the queries in ``server/pages/queries/*.rq``, evaluated by
``snapshot().evaluator`` (the query process under the time limit, or a remote store), never
by opening the store. A query names the resource it is about as ``$this`` (and other IRIs as
``$name``); :meth:`PageQuery.bind` writes them in as IRIs, and the bound text is what the page
lists as "the SPARQL query that produced it". Answers, and what the pages compute from them,
are kept per generation (:class:`GenerationCache`, keyed by the snapshot's ``etag``, the data
digest, in the server's one least-recently-used class :class:`server.cache.Budgeted`): a new
generation never sees the previous one's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from flask import current_app, g

from ..cache import Budgeted
from ..errors import QueryFailed
from ..query import Job
from ..state import Snapshot, deadline, snapshot

T = TypeVar("T")
RESULTS_JSON = "application/sparql-results+json"
PLACEHOLDER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
SAFE_IRI = re.compile(r"[^\s<>\"{}|\\^`]+")

CACHE_KEY = "gcm_kg_pages_cache"


class GenerationCache:
    """What the pages compute, by data digest and key, in at most ``size`` entries, the least
    recently used going first (the entries of an older generation go as they are not used)."""

    def __init__(self, size: int = 1024) -> None:
        self._entries: Budgeted[tuple[str, Hashable], Any] = Budgeted(size)

    def get_or_compute(self, digest: str, key: Hashable, compute: Callable[[], T]) -> T:
        result: T = self._entries.get_or_compute((digest, key), compute)
        return result

    def keys(self, digest: str) -> list[Hashable]:
        """The keys kept for ``digest``, least recently used first."""
        return [key for data, key in self._entries.in_order() if data == digest]

    def clear(self) -> None:
        self._entries.clear()


def page_cache() -> GenerationCache:
    cache = current_app.extensions[CACHE_KEY]
    assert isinstance(cache, GenerationCache)
    return cache


class QueryNotFound(LookupError):
    """A page asked for a query file that does not exist."""


TITLE = re.compile(r"#\s*(es|en):\s*(.*)")


@dataclass(frozen=True)
class PageQuery:
    """A named query of the pages, with ``$name`` placeholders for IRIs. Its first lines are
    its title in each language (``# es: …``, ``# en: …``); the rest is the query."""

    name: str
    text: str

    @property
    def titles(self) -> dict[str, str]:
        """The title in each language (a single plain comment line stands for every language)."""
        found: dict[str, str] = {}
        for line in self.text.splitlines():
            if not line.startswith("#"):
                break
            match = TITLE.fullmatch(line.strip())
            if match:
                found[match.group(1)] = match.group(2).strip()
            elif not found:
                found[""] = line.lstrip("# ").strip()
        return found or {"": self.name}

    @property
    def body(self) -> str:
        """The query without its title lines."""
        lines = self.text.splitlines(keepends=True)
        start = next((n for n, line in enumerate(lines) if not line.startswith("#")), len(lines))
        return "".join(lines[start:])

    def bind(self, **iris: str) -> BoundQuery:
        """The query with each ``$name`` replaced by ``<iri>``; every placeholder must be given."""

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in iris:
                raise KeyError(f"query {self.name}.rq: no IRI given for ${name}")
            iri = iris[name]
            if not SAFE_IRI.fullmatch(iri):
                raise ValueError(f"query {self.name}.rq: {iri!r} is not an IRI")
            return f"<{iri}>"

        return BoundQuery(
            self.name, tuple(sorted(self.titles.items())), PLACEHOLDER.sub(replace, self.body)
        )


@dataclass(frozen=True)
class BoundQuery:
    """A query ready to run: its name, its titles by language and its text (the same in every
    language, so that both languages share one cached answer)."""

    name: str
    titles: tuple[tuple[str, str], ...]
    text: str

    def title(self, lang: str) -> str:
        """The title in ``lang`` (else any)."""
        by_lang = dict(self.titles)
        return by_lang.get(lang) or by_lang.get("") or next(iter(by_lang.values()), self.name)

    def shown(self, lang: str) -> str:
        """The query as a page shows it and opens it in the query editor: its title in ``lang``
        as a comment, then the query."""
        return f"# {self.title(lang)}\n{self.text}"


@cache
def load(name: str) -> PageQuery:
    """The query ``server/pages/queries/{name}.rq``."""
    path = resources.files("server.pages") / "queries" / f"{name}.rq"
    if not path.is_file():
        raise QueryNotFound(f"no page query {name}.rq")
    return PageQuery(name, path.read_text(encoding="utf-8"))


def query(name: str, **iris: str) -> BoundQuery:
    return load(name).bind(**iris)


def _record(bound: BoundQuery) -> None:
    """Remember that this request's page was made with ``bound``."""
    used: list[BoundQuery] = g.setdefault("page_queries", [])
    if bound not in used:
        used.append(bound)


def used_queries() -> list[BoundQuery]:
    """The queries that produced this request's page, in the order they ran."""
    return list(g.get("page_queries", []))


Row = dict[str, dict[str, Any]]
"""One solution as SPARQL 1.1 JSON results write it: variable → term."""


def select(bound: BoundQuery, *, record: bool = True) -> list[Row]:
    """The solutions of a SELECT query (cached per generation)."""
    if record:
        _record(bound)
    snap = snapshot()
    result: list[Row] = page_cache().get_or_compute(
        snap.etag, ("select", bound.text), lambda: _solutions(snap, bound)
    )
    return result


def derived(bound: BoundQuery, build: Callable[[list[Row]], T]) -> T:
    """``build`` applied to the solutions of ``bound``, cached per generation. The solutions
    themselves are not kept: as parsed JSON they take many times the memory of what is built."""
    _record(bound)
    snap = snapshot()
    result: T = page_cache().get_or_compute(
        snap.etag,
        ("derived", build.__module__, build.__qualname__, bound.text),
        lambda: build(_solutions(snap, bound)),
    )
    return result


def _solutions(snap: Snapshot, bound: BoundQuery) -> list[Row]:
    answer = snap.evaluator.run(Job.of(bound.text, RESULTS_JSON), deadline())
    if answer.truncated:
        raise QueryFailed(
            f"the page query {bound.name}.rq has more rows than GCM_KG_MAX_ROWS "
            f"({current_app.config['MAX_ROWS']}); raise the setting"
        )
    bindings: list[Row] = json.loads(answer.body)["results"]["bindings"]
    return bindings


def ask(bound: BoundQuery) -> bool:
    snap = snapshot()

    def run() -> bool:
        answer = snap.evaluator.run(Job.of(bound.text, RESULTS_JSON), deadline())
        return bool(json.loads(answer.body)["boolean"])

    result: bool = page_cache().get_or_compute(snap.etag, ("ask", bound.text), run)
    return result


def graph(bound: BoundQuery, media_type: str) -> bytes:
    """The answer of a CONSTRUCT query serialised as ``media_type`` by the evaluator."""
    _record(bound)
    snap = snapshot()

    def run() -> bytes:
        return snap.evaluator.run(Job.of(bound.text, media_type), deadline()).body

    result: bytes = page_cache().get_or_compute(snap.etag, ("graph", media_type, bound.text), run)
    return result


def value(row: Row, name: str) -> str | None:
    """The lexical value of ``name`` in ``row`` (``None`` when unbound)."""
    term = row.get(name)
    return None if term is None else str(term["value"])


def lang(row: Row, name: str) -> str:
    """The language tag of the literal ``name`` in ``row`` (``""`` when it has none)."""
    term = row.get(name)
    return "" if term is None else str(term.get("xml:lang", ""))
