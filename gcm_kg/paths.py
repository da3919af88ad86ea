"""Where the project's files are: the ontology, data, shapes, source and reference folders.

The folders live at the top of the repository (docs/architecture.md). ``GCM_KG_HOME`` points
elsewhere, for an installed copy or a test's temporary tree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def project_root() -> Path:
    """The folder that holds ``ontology/``, ``data/`` and ``shapes/``."""
    env = os.environ.get("GCM_KG_HOME")
    if env:
        return Path(env).resolve()
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Layout:
    """The project's folders under one root."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def source_dir(self) -> Path:
        return self.root / "source"

    @property
    def reference_dir(self) -> Path:
        return self.root / "reference"

    @property
    def ontology_file(self) -> Path:
        return self.ontology_dir / "gcm.ttl"

    @property
    def workplan_source(self) -> Path:
        return self.source_dir / "workplan-2021-2022.es.txt"


def default_layout() -> Layout:
    return Layout(project_root())
