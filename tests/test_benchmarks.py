"""The benchmark runs on the smallest size and writes its report (timings are not asserted)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_generator_is_deterministic(tmp_path: Path) -> None:
    from benchmarks.generate import generate

    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    count = generate(first, 10_000)
    assert count == generate(second, 10_000) >= 10_000
    assert first.read_bytes() == second.read_bytes()
    lines = first.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == count  # the count is of distinct quads


def test_generated_graph_holds_what_the_build_infers(tmp_path: Path) -> None:
    """The synthetic graph carries the inferred graph as the build writes it: the build's rules
    find nothing more to add, and nothing in the inferred graph is asserted in another."""
    import pyoxigraph as ox

    from benchmarks.generate import generate
    from gcm_kg.infer import infer
    from gcm_kg.store import GRAPH_INFERRED

    path = tmp_path / "w.nq"
    generate(path, 10_000)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    inferred = len(list(store.quads_for_pattern(None, None, None, GRAPH_INFERRED)))
    assert inferred > 0
    asserted_elsewhere = f"""ASK {{
      GRAPH <{GRAPH_INFERRED.value}> {{ ?s ?p ?o }}
      GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{GRAPH_INFERRED.value}>)
    }}"""
    assert not store.query(asserted_elsewhere)  # the build infers only what no graph asserts
    assert infer(store) == 0
    leads = ox.NamedNode("https://w3id.org/gcm-kg/ontology#leads")
    activity = ox.NamedNode("https://w3id.org/gcm-kg/ontology#Activity")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    activities = {q.subject for q in store.quads_for_pattern(None, rdf_type, activity, None)}
    led = {q.object for q in store.quads_for_pattern(None, leads, None, GRAPH_INFERRED)}
    assert activities <= led  # every activity inherits a lead entity, and the inverse is there


@pytest.mark.skipif(
    shutil.which("wrk") is None, reason="wrk is not installed (apt-get install wrk)"
)
def test_runner_writes_a_report_on_the_smallest_size(tmp_path: Path) -> None:
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.run",
            "--sizes",
            "10k",
            "--quick",
            "--out",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| query | kind | pyoxigraph in-process |" in report
    assert "| target | gcm-kg serve | gcm-kg serve, 2 processes |" in report
    assert (tmp_path / "latency.png").stat().st_size > 0
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert results[0]["latency"]["gcm-kg serve"]["lookup"]["median"] > 0
