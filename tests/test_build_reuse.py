"""A build whose inputs and code are those of the current generation writes nothing: `make serve`
and `gcm-kg build` start at once when nothing changed, and build anew when something did."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from gcm_kg import build as building
from gcm_kg.build import STAMP, build, build_digest
from gcm_kg.cli import main
from gcm_kg.generations import StoreDirectory
from gcm_kg.paths import Layout


def test_same_inputs_reuse_the_current_generation(tmp_path: Path, project_copy: Layout) -> None:
    store = tmp_path / "store"
    _, first = build(store, project_copy, reuse=True)
    _, second = build(store, project_copy, reuse=True)
    assert not first.up_to_date and second.up_to_date
    assert second.generation == first.generation
    assert second.graphs == first.graphs
    assert len(StoreDirectory(store).generations()) == 1


def test_changed_data_builds_anew(tmp_path: Path, project_copy: Layout) -> None:
    store = tmp_path / "store"
    _, first = build(store, project_copy, reuse=True)
    sdg = project_copy.data_dir / "sdg.ttl"
    sdg.write_text(sdg.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    _, second = build(store, project_copy, reuse=True)
    assert not second.up_to_date and second.generation != first.generation


def test_changed_code_builds_anew(
    tmp_path: Path, project_copy: Layout, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = tmp_path / "store"
    build(store, project_copy, reuse=True)
    monkeypatch.setattr(building, "code_digest", lambda: "another version of the code")
    _, second = build(store, project_copy, reuse=True)
    assert not second.up_to_date


def test_what_is_published_counts(project_copy: Layout) -> None:
    assert build_digest(project_copy, True) != build_digest(project_copy, False)


def test_a_generation_without_its_stamp_is_not_reused(tmp_path: Path, project_copy: Layout) -> None:
    store = tmp_path / "store"
    _, first = build(store, project_copy)
    assert first.generation is not None
    (first.generation.path / STAMP).unlink()
    _, second = build(store, project_copy, reuse=True)
    assert not second.up_to_date


def test_without_reuse_a_build_always_writes(tmp_path: Path, project_copy: Layout) -> None:
    store = tmp_path / "store"
    first = build(store, project_copy)[1].generation
    second = build(store, project_copy)[1].generation
    assert first != second


def test_the_command_says_up_to_date(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    runner = CliRunner()
    first = runner.invoke(main, ["build", "--store", store, "--no-validate", "--if-changed"])
    assert first.exit_code == 0, first.output
    assert "triples in all" in first.output
    again = runner.invoke(main, ["build", "--store", store, "--no-validate", "--if-changed"])
    assert again.exit_code == 0
    assert again.output.startswith("up to date: ") and "nothing written" in again.output
