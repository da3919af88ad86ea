"""Read the Turtle files that validation checks, and find where a resource is written in them.

Files are parsed with pyoxigraph, whose syntax errors carry a line and a column (raised as
:class:`~gcm_kg.errors.FileProblem`), and turned into rdflib graphs, which pySHACL and the OWL
check work on. Each file keeps its text and its prefixes so that :class:`Locator` can point a
maintainer at the line that describes a resource.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import FileProblem
from .namespaces import XSD
from .store import syntax_message

_XSD_STRING = str(XSD.string)
_LOCAL_NAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


@dataclass(frozen=True)
class TurtleFile:
    """One parsed Turtle file: its path, text, prefixes and triples."""

    path: Path
    text: str
    prefixes: dict[str, str]
    graph: Graph = field(repr=False)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()


def read_turtle(path: Path, *, blank_prefix: str = "") -> TurtleFile:
    """Parse the Turtle file at ``path``; a syntax error names the file, line and column.

    Blank nodes are renamed with ``blank_prefix`` so that files merged into one graph never
    share one by accident.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(path, f"cannot read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(path, "not UTF-8 text", line) from exc
    graph = Graph()
    parser = ox.parse(data, format=ox.RdfFormat.TURTLE, without_named_graphs=True)
    try:
        with _quiet_literal_warnings():
            for quad in parser:
                graph.add(
                    (
                        _subject(quad.subject, blank_prefix, path),
                        URIRef(quad.predicate.value),
                        _object(quad.object, blank_prefix, path),
                    )
                )
    except SyntaxError as exc:
        raise FileProblem(path, syntax_message(exc), exc.lineno, exc.offset) from exc
    return TurtleFile(path, text, dict(parser.prefixes), graph)


def read_folder(folder: Path) -> list[TurtleFile]:
    """Parse every ``*.ttl`` file of ``folder``, in name order; the folder must hold one."""
    if not folder.is_dir():
        raise FileProblem(folder, "no such folder")
    paths = sorted(folder.glob("*.ttl"))
    if not paths:
        raise FileProblem(folder, "no Turtle (*.ttl) files in this folder")
    return [read_turtle(p, blank_prefix=f"{folder.name}-{p.stem}-") for p in paths]


def merge(files: Sequence[TurtleFile], into: Graph | None = None) -> Graph:
    """The union of the triples of ``files`` (added to ``into`` if given)."""
    graph = Graph() if into is None else into
    for file in files:
        graph += file.graph
    return graph


def _subject(term: object, blank_prefix: str, path: Path) -> URIRef | BNode:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(blank_prefix + term.value)
    raise FileProblem(path, "RDF 1.2 triple terms are not supported")


def _object(term: object, blank_prefix: str, path: Path) -> Node:
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return _subject(term, blank_prefix, path)


@contextmanager
def _quiet_literal_warnings() -> Iterator[None]:
    """Silence rdflib's log of ill-typed literals ("2021-13-01"^^xsd:date): SHACL reports them."""
    logger = logging.getLogger("rdflib.term")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# ---------------------------------------------------------------------------
# Where is a resource written?
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    """A file and, where it could be found, a line (counted from 1)."""

    path: Path | None = None
    line: int | None = None


class Locator:
    """Find the file and line where a resource is described, for messages to maintainers.

    The file is the first one whose graph has the resource as a subject (or, failing that,
    mentions it at all). The line is found by a plain scan of that file's text for the subject
    written in full (``<https://…>``) or with one of the file's prefixes (``agent:iom``) at the
    start of a line and not followed by ``,``, ``;`` or ``.`` (which would make it an object):
    a line starting at column 0 wins, as in the generated files; an indented one is accepted
    for hand-formatted Turtle. When a value is given (the object of the offending statement),
    the line of that value inside the subject's block is preferred, so that a bad link is shown
    where it is written. Blank nodes have a file but no line.
    """

    def __init__(self, files: Sequence[TurtleFile]) -> None:
        self._files = list(files)

    def locate(self, node: Node | None, value: Node | None = None) -> Location:
        if node is None:
            return Location()
        as_subject = [f for f in self._files if (node, None, None) in f.graph]
        if value is not None:
            with_value = [f for f in as_subject if (node, None, value) in f.graph]
            as_subject = with_value or as_subject
        if as_subject:
            file = as_subject[0]
            return Location(file.path, self._line(file, node, value))
        for file in self._files:
            if (None, None, node) in file.graph or (None, node, None) in file.graph:
                return Location(file.path, self._first_mention(file, node))
        return Location()

    def _line(self, file: TurtleFile, node: Node, value: Node | None) -> int | None:
        if not isinstance(node, URIRef):
            return None
        lines = file.lines
        start = _subject_line(lines, _forms(node, file.prefixes))
        if start is None:
            return None
        if value is not None:
            end = next(
                (i for i in range(start + 1, len(lines)) if _starts_block(lines[i])), len(lines)
            )
            for i in range(start, end):
                if any(_contains(lines[i], form) for form in _value_forms(value, file.prefixes)):
                    return i + 1
        return start + 1

    def _first_mention(self, file: TurtleFile, node: Node) -> int | None:
        if not isinstance(node, URIRef):
            return None
        forms = _forms(node, file.prefixes)
        for i, line in enumerate(file.lines):
            if any(_contains(line, form) for form in forms):
                return i + 1
        return None


def _forms(iri: URIRef, prefixes: dict[str, str]) -> list[str]:
    """How ``iri`` can be written in a file with ``prefixes``: in full, and prefixed."""
    forms = [f"<{iri}>"]
    for prefix, namespace in prefixes.items():
        if namespace and iri.startswith(namespace):
            local = iri[len(namespace) :]
            if _LOCAL_NAME.fullmatch(local):
                forms.append(f"{prefix}:{local}")
    return forms


def _value_forms(value: Node, prefixes: dict[str, str]) -> list[str]:
    if isinstance(value, URIRef):
        return _forms(value, prefixes)
    if isinstance(value, Literal) and '"' not in value and "\n" not in value:
        return [f'"{value}"']
    return []


def _subject_line(lines: list[str], forms: list[str]) -> int | None:
    indented: int | None = None
    for i, line in enumerate(lines):
        stripped = line.lstrip()
        if not any(stripped.startswith(f) and _is_subject(stripped[len(f) :]) for f in forms):
            continue
        if stripped == line:
            return i
        if indented is None:
            indented = i
    return indented


def _is_subject(rest: str) -> bool:
    after = rest.lstrip()
    if rest and not rest[0].isspace():
        return False  # a longer name: <…/agent/iom> is not <…/agent/io>
    return not after or after[0] not in ",;."


def _starts_block(line: str) -> bool:
    return bool(line) and not line[0].isspace() and not line.startswith(("#", "@", "PREFIX"))


def _contains(line: str, form: str) -> bool:
    """Whether ``form`` occurs in ``line`` as a whole token."""
    start = line.find(form)
    while start >= 0:
        end = start + len(form)
        before_ok = start == 0 or not (line[start - 1].isalnum() or line[start - 1] in ":_-")
        after_ok = end == len(line) or not (line[end].isalnum() or line[end] in ":_-/")
        if before_ok and after_ok:
            return True
        start = line.find(form, start + 1)
    return False
