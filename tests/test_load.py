"""Bulk loading: every RDF syntax, named graphs, and all-or-nothing on bad input."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from gcm_kg.cli import main
from gcm_kg.errors import FileProblem
from gcm_kg.generations import StoreDirectory
from gcm_kg.load import load_files

TRIPLES = [
    ox.Triple(
        ox.NamedNode("http://example.org/a"),
        ox.NamedNode("http://example.org/p"),
        ox.Literal("uno", language="es"),
    ),
    ox.Triple(
        ox.NamedNode("http://example.org/a"),
        ox.NamedNode("http://example.org/q"),
        ox.NamedNode("http://example.org/b"),
    ),
]


def _write(tmp_path: Path, fmt: ox.RdfFormat) -> Path:
    path = tmp_path / f"sample.{fmt.file_extension}"
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in TRIPLES)
    store.dump(str(path), format=fmt, from_graph=ox.DefaultGraph())
    return path


def _count(store_path: Path, graph: str | None = None) -> int:
    store = StoreDirectory(store_path).current().open()
    g = ox.NamedNode(graph) if graph else None
    return sum(1 for _ in store.quads_for_pattern(None, None, None, g))


@pytest.mark.parametrize(
    "fmt",
    [
        ox.RdfFormat.TURTLE,
        ox.RdfFormat.N_TRIPLES,
        ox.RdfFormat.N_QUADS,
        ox.RdfFormat.TRIG,
        ox.RdfFormat.RDF_XML,
        ox.RdfFormat.JSON_LD,
    ],
)
def test_every_syntax_loads_into_its_graph(tmp_path: Path, fmt: ox.RdfFormat) -> None:
    path = _write(tmp_path, fmt)
    report = load_files([path], tmp_path / "store")
    assert report.total == 2
    assert _count(tmp_path / "store", "https://w3id.org/gcm-kg/graph/sample") == 2


def test_explicit_graph_and_second_load_adds(tmp_path: Path) -> None:
    path = _write(tmp_path, ox.RdfFormat.TURTLE)
    load_files([path], tmp_path / "store", graph="http://example.org/g1")
    load_files([path], tmp_path / "store", graph="http://example.org/g2")
    assert _count(tmp_path / "store") == 4
    assert _count(tmp_path / "store", "http://example.org/g2") == 2


def test_failed_load_changes_nothing(tmp_path: Path) -> None:
    good = _write(tmp_path, ox.RdfFormat.N_TRIPLES)
    load_files([good], tmp_path / "store")
    bad = tmp_path / "bad.nt"
    bad.write_text(
        '<http://example.org/x> <http://example.org/p> "ok" .\n' * 1000
        + '<http://example.org/x> <http://example.org/p> "broken .\n',
        encoding="utf-8",
    )
    with pytest.raises(FileProblem) as info:
        load_files([good, bad], tmp_path / "store", graph="http://example.org/g")
    assert info.value.path == bad
    assert info.value.line == 1001
    assert _count(tmp_path / "store") == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store")] == []


def test_cli_load(tmp_path: Path) -> None:
    path = _write(tmp_path, ox.RdfFormat.TURTLE)
    runner = CliRunner()
    ok = runner.invoke(
        main, ["load", str(path), "--store", str(tmp_path / "store"), "--no-progress"]
    )
    assert ok.exit_code == 0, ok.output
    assert "2  quads loaded" in ok.output
    missing = runner.invoke(
        main, ["load", str(tmp_path / "nope.ttl"), "--store", str(tmp_path / "store")]
    )
    assert missing.exit_code == 2
    assert "nope.ttl" in missing.output
    unknown = tmp_path / "data.xyz"
    unknown.write_text("x", encoding="utf-8")
    bad_ext = runner.invoke(main, ["load", str(unknown), "--store", str(tmp_path / "store")])
    assert bad_ext.exit_code == 2
    assert "unknown RDF file extension" in bad_ext.output
    bad_graph = runner.invoke(
        main, ["load", str(path), "--store", str(tmp_path / "store"), "--graph", "not an iri"]
    )
    assert bad_graph.exit_code == 2


RELATIVE = "<a> <p> <../b> .\n<a> <q> <#c> .\n"


@pytest.mark.parametrize(
    ("args", "subject"),
    [
        ([], "{file}/a"),
        (["--base", "http://example.org/data/"], "http://example.org/data/a"),
    ],
)
def test_relative_iris_are_resolved_against_the_base(
    tmp_path: Path, args: list[str], subject: str
) -> None:
    path = tmp_path / "dir" / "relative.ttl"
    path.parent.mkdir()
    path.write_text(RELATIVE, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["load", str(path), "--store", str(tmp_path / "store"), "--no-progress", *args]
    )
    assert result.exit_code == 0, result.output
    store = StoreDirectory(tmp_path / "store").current().open()
    subjects = {q.subject.value for q in store.quads_for_pattern(None, None, None, None)}
    expected = subject.format(file=path.parent.resolve().as_uri())
    assert subjects == {expected}
    objects = {q.object.value for q in store.quads_for_pattern(None, None, None, None)}
    assert expected.rsplit("/", 2)[0] + "/b" in objects


def test_a_base_that_is_not_an_iri_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, ox.RdfFormat.TURTLE)
    result = CliRunner().invoke(
        main, ["load", str(path), "--store", str(tmp_path / "store"), "--base", "relative/"]
    )
    assert result.exit_code == 2 and "--base" in result.output
