"""The store directory: generations, the atomic switch of ``current``, and nothing lost on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from gcm_kg.build import build
from gcm_kg.errors import FileProblem, StoreError
from gcm_kg.generations import KEEP, STAGING_PREFIX, StoreDirectory
from gcm_kg.paths import Layout
from gcm_kg.publish import DUMPS, publish, read_index

COUNT_ACTIVITIES = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/gcm-kg/ontology#Activity> } }"


def _activities(store: ox.Store) -> int:
    result = store.query(COUNT_ACTIVITIES)
    assert isinstance(result, ox.QuerySolutions)
    return int(next(iter(result))["n"].value)


def test_build_makes_a_current_generation_with_a_manifest(
    tmp_path: Path, project_copy: Layout
) -> None:
    store, report = build(tmp_path / "store", project_copy, publish=publish)
    directory = StoreDirectory(tmp_path / "store")
    current = directory.current()
    assert report.generation == current
    manifest = current.manifest()
    assert manifest.origin == "build"
    assert manifest.triples == report.total == len(store)
    assert manifest.graphs["https://w3id.org/gcm-kg/graph/workplan-2021-2022"] > 0
    assert _activities(current.open()) == 59
    assert [e["file"] for e in read_index(current)] == [d.filename for d in DUMPS]


def test_same_inputs_same_digest_changed_input_new_digest(
    tmp_path: Path, project_copy: Layout
) -> None:
    first = build(tmp_path / "store", project_copy)[1].generation
    second = build(tmp_path / "store", project_copy)[1].generation
    assert first is not None and second is not None
    assert first.id != second.id
    assert first.manifest().digest == second.manifest().digest
    assert second.manifest().parent == first.id
    sdg = project_copy.data_dir / "sdg.ttl"
    sdg.write_text(sdg.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    third = build(tmp_path / "store", project_copy)[1].generation
    assert third is not None
    assert third.manifest().digest != first.manifest().digest


def test_failed_build_leaves_current_and_no_staging(tmp_path: Path, project_copy: Layout) -> None:
    build(tmp_path / "store", project_copy)
    directory = StoreDirectory(tmp_path / "store")
    before = directory.current_id()
    (project_copy.data_dir / "agents.ttl").write_text("@prefix broken", encoding="utf-8")
    with pytest.raises(FileProblem):
        build(tmp_path / "store", project_copy)
    assert directory.current_id() == before
    assert _activities(directory.current().open()) == 59
    assert not list(directory.generations_dir.glob(f"{STAGING_PREFIX}*"))


def test_a_refusing_check_writes_nothing(tmp_path: Path, project_copy: Layout) -> None:
    def refuse(layout: Layout) -> None:
        raise StoreError("the data does not validate")

    with pytest.raises(StoreError):
        build(tmp_path / "store", project_copy, check=refuse)
    assert not StoreDirectory(tmp_path / "store").exists()


def test_a_failing_publish_leaves_current(tmp_path: Path, project_copy: Layout) -> None:
    build(tmp_path / "store", project_copy)
    directory = StoreDirectory(tmp_path / "store")
    before = directory.current_id()

    def disk_full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        build(tmp_path / "store", project_copy, publish=disk_full)
    assert directory.current_id() == before


def test_old_generations_are_pruned(tmp_path: Path, project_copy: Layout) -> None:
    for _ in range(KEEP + 2):
        build(tmp_path / "store", project_copy)
    directory = StoreDirectory(tmp_path / "store")
    kept = directory.generations()
    assert len(kept) == KEEP
    assert kept[-1] == directory.current()


def test_a_killed_build_leaves_current_and_is_cleaned_up(
    tmp_path: Path, project_copy: Layout
) -> None:
    """A build process killed mid-way: ``current`` is untouched, its leftovers go next time."""
    build(tmp_path / "store", project_copy)
    directory = StoreDirectory(tmp_path / "store")
    before = directory.current_id()
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from gcm_kg import build as b\n"
        "from gcm_kg.paths import Layout\n"
        "real = b.populate\n"
        "def populate(store, layout):\n"
        "    report = real(store, layout)\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "b.populate = populate\n"
        "b.build(Path(sys.argv[1]), Layout(Path(sys.argv[2])))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "store"), str(project_copy.root)],
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert proc.returncode == -9
    assert directory.current_id() == before
    assert list(directory.generations_dir.glob(f"{STAGING_PREFIX}*"))  # left by the killed build
    assert _activities(directory.current().open()) == 59
    build(tmp_path / "store", project_copy)
    assert not list(directory.generations_dir.glob(f"{STAGING_PREFIX}*"))


def test_missing_store_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path / "nothing")):
        StoreDirectory(tmp_path / "nothing").current()


def test_manifest_round_trip(tmp_path: Path, project_copy: Layout) -> None:
    generation = build(tmp_path / "store", project_copy)[1].generation
    assert generation is not None
    data = json.loads(generation.manifest_path.read_text(encoding="utf-8"))
    assert data["triples"] == sum(data["graphs"].values())
    assert generation.manifest().to_json() == generation.manifest_path.read_text(encoding="utf-8")
