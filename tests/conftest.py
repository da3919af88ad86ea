"""Shared fixtures: the project layout, the parsed document and the built graph."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from gcm_kg.build import build
from gcm_kg.document import WorkplanDocument, parse_document
from gcm_kg.paths import Layout, default_layout
from gcm_kg.query import rows, run


@pytest.fixture(scope="session")
def layout() -> Layout:
    return default_layout()


@pytest.fixture(scope="session")
def document(layout: Layout) -> WorkplanDocument:
    path = layout.workplan_source
    return parse_document(path.read_text(encoding="utf-8"), path)


@pytest.fixture(scope="session")
def source_lines(layout: Layout) -> list[str]:
    return layout.workplan_source.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """The shipped graph, built once in memory for the whole session."""
    return build(None)[0]


@pytest.fixture(scope="session")
def select(store: ox.Store):  # type: ignore[no-untyped-def]
    """Run a SELECT against the built graph and return rows of lexical values."""

    def _select(query: str) -> list[dict[str, str]]:
        result = run(store, query)
        assert isinstance(result, ox.QuerySolutions)
        return rows(result)

    return _select


@pytest.fixture
def project_copy(tmp_path: Path, layout: Layout) -> Layout:
    """A copy of the project's files in a temporary folder, safe to break."""
    import shutil

    for name in ("ontology", "data", "shapes", "source", "reference"):
        src = layout.root / name
        if src.exists():
            shutil.copytree(src, tmp_path / name)
    return Layout(tmp_path)
