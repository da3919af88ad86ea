"""The shipped data with a change, built into a store and served by the app (for the page tests
of data the workplan does not have)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from flask import Flask

from gcm_kg.build import build
from gcm_kg.paths import Layout, default_layout
from gcm_kg.publish import publish
from server import create_app
from server.state import KEY


def app_on_changed_data(root: Path, change: Callable[[Path], None]) -> Iterator[Flask]:
    """A copy of the project in ``root``, ``change(root / "data")``, built and served."""
    project = default_layout().root
    for name in ("ontology", "data", "shapes", "source", "reference"):
        if (project / name).exists():
            shutil.copytree(project / name, root / name)
    change(root / "data")
    build(root / "store", Layout(root), publish=publish)
    app = create_app({"STORE": str(root / "store"), "WORKERS": 0})
    yield app
    app.extensions[KEY].close()
