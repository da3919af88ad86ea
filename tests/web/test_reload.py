"""A running app moves to a new generation when one becomes current, and only to a good one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from gcm_kg.build import build
from gcm_kg.errors import FileProblem
from gcm_kg.generations import StoreDirectory
from gcm_kg.paths import Layout
from server import create_app
from server.state import KEY, State

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }"
EXTRA = """
@prefix gcm: <https://w3id.org/gcm-kg/ontology#> .
<https://w3id.org/gcm-kg/id/activity/core-1/99> a gcm:Activity .
"""


@pytest.fixture
def served(tmp_path: Path, project_copy: Layout) -> Iterator[Flask]:
    build(tmp_path / "store", project_copy)
    app = create_app(
        {"STORE": str(tmp_path / "store"), "RELOAD_INTERVAL": 0.05, "QUERY_TIMEOUT": 5.0}
    )
    yield app
    app.extensions[KEY].close()


def _count(app: Flask) -> int:
    r = app.test_client().get(
        "/sparql", query_string={"query": COUNT}, headers={"Accept": "text/csv"}
    )
    assert r.status_code == 200, r.text
    return int(r.text.splitlines()[1])


def _state(app: Flask) -> State:
    state = app.extensions[KEY]
    assert isinstance(state, State)
    return state


def test_rebuild_is_served_without_restart(served: Flask, project_copy: Layout) -> None:
    assert _count(served) == 59
    (project_copy.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    generation = build(Path(_state(served).source.name), project_copy)[1].generation
    assert generation is not None
    assert _state(served).wait_for(generation.id, timeout=30)
    assert _count(served) == 60


def test_broken_rebuild_keeps_the_previous_data(served: Flask, project_copy: Layout) -> None:
    before = _state(served).snapshot().generation.id
    (project_copy.data_dir / "extra.ttl").write_text(EXTRA + "<broken", encoding="utf-8")
    with pytest.raises(FileProblem):
        build(Path(_state(served).source.name), project_copy)
    assert not _state(served).wait_for("never", timeout=0.3)
    assert _state(served).snapshot().generation.id == before
    assert _count(served) == 59


def test_unreadable_new_generation_keeps_the_previous_one(
    served: Flask, project_copy: Layout
) -> None:
    """``current`` switched to a generation whose store is gone: the app stays where it was."""
    state = _state(served)
    before = state.snapshot().generation.id
    directory = StoreDirectory(Path(state.source.name))
    bogus = directory.generations_dir / "20990101T000000000Z-bogus"
    bogus.mkdir()
    (bogus / "manifest.json").write_text(
        directory.current().manifest_path.read_text(encoding="utf-8"), encoding="utf-8"
    )
    link = directory.root / ".current.test"
    os.symlink(os.path.join("generations", bogus.name), link)
    os.replace(link, directory.current_link)
    assert not state.reload()
    assert state.snapshot().generation.id == before
    assert _count(served) == 59
