"""The command line: each command, its output formats and its exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from gcm_kg.cli import main
from gcm_kg.paths import Layout


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_help_on_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("build", "query", "export", "ingest"):
        sub = runner.invoke(main, [command, "--help"])
        assert sub.exit_code == 0, command
        assert "Usage:" in sub.output


def test_build_in_memory(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "graph/workplan-2021-2022" in result.output
    assert "graph/inferred" in result.output


def test_build_on_disk_then_query_it(runner: CliRunner, tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert runner.invoke(main, ["build", "--store", str(store)]).exit_code == 0
    result = runner.invoke(
        main,
        [
            "query",
            "--store",
            str(store),
            "--format",
            "json",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"][0]["n"]["value"] == "59"


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "tsv", "xml"])
def test_query_formats(runner: CliRunner, fmt: str) -> None:
    result = runner.invoke(
        main, ["query", "--format", fmt, "SELECT ?n WHERE { priority:core-2-1 skos:notation ?n }"]
    )
    assert result.exit_code == 0, result.output
    assert "2.1" in result.output


def test_query_from_file_and_construct(runner: CliRunner, tmp_path: Path) -> None:
    q = tmp_path / "q.rq"
    q.write_text(
        "CONSTRUCT { ?p skos:prefLabel ?l } WHERE { priority:core-4 skos:prefLabel ?l BIND(priority:core-4 AS ?p) }",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["query", "-f", str(q)])
    assert result.exit_code == 0, result.output
    assert "Hablar al unísono" in result.output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["query", "SELECT WHERE {"], 1, "syntax error"),
        (["query", "-f", "/nonexistent/q.rq"], 2, "/nonexistent/q.rq"),
        (["query"], 2, "give a QUERY or -f FILE"),
        (["query", "--format", "yaml", "ASK {}"], 2, "yaml"),
        (["export", "--format", "yaml"], 2, "yaml"),
    ],
)
def test_exit_codes(runner: CliRunner, args: list[str], code: int, message: str) -> None:
    result = runner.invoke(main, args)
    assert result.exit_code == code, result.output
    assert message in result.output


@pytest.mark.parametrize(
    ("fmt", "rdf_format", "graphs"),
    [
        ("nquads", ox.RdfFormat.N_QUADS, True),
        ("trig", ox.RdfFormat.TRIG, True),
        ("jsonld", ox.RdfFormat.JSON_LD, True),
        ("turtle", ox.RdfFormat.TURTLE, False),
        ("ntriples", ox.RdfFormat.N_TRIPLES, False),
        ("rdfxml", ox.RdfFormat.RDF_XML, False),
    ],
)
def test_export_round_trips(
    runner: CliRunner,
    tmp_path: Path,
    store: ox.Store,
    fmt: str,
    rdf_format: ox.RdfFormat,
    graphs: bool,
) -> None:
    out = tmp_path / f"dump.{fmt}"
    result = runner.invoke(main, ["export", "--format", fmt, "--output", str(out)])
    assert result.exit_code == 0, result.output
    back = ox.Store()
    back.load(out.read_bytes(), format=rdf_format)
    if graphs:
        assert len(back) == len(store)
        assert set(back.named_graphs()) == set(store.named_graphs())
    else:
        assert len(back) == len({(q.subject, q.predicate, q.object) for q in store})


def test_ingest_check(runner: CliRunner) -> None:
    result = runner.invoke(main, ["ingest", "--check"])
    assert result.exit_code == 0, result.output


def test_broken_data_file_names_file_and_line(
    runner: CliRunner, project_copy: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = project_copy.data_dir / "agents.ttl"
    lines = bad.read_text(encoding="utf-8").splitlines()
    lines[20] = lines[20] + " <unterminated"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("GCM_KG_HOME", str(project_copy.root))
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert f"{bad}:21" in result.output or f"{bad}:22" in result.output


def test_failed_build_keeps_the_previous_store(
    runner: CliRunner, project_copy: Layout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    monkeypatch.setenv("GCM_KG_HOME", str(project_copy.root))
    assert runner.invoke(main, ["build", "--store", str(store)]).exit_code == 0
    (project_copy.data_dir / "sdg.ttl").write_text("@prefix broken", encoding="utf-8")
    assert runner.invoke(main, ["build", "--store", str(store)]).exit_code == 2
    result = runner.invoke(
        main,
        [
            "query",
            "--store",
            str(store),
            "--format",
            "csv",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }",
        ],
    )
    assert result.exit_code == 0
    assert result.output.splitlines()[1] == "59"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".store")] == []
