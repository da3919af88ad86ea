"""The store directory the server reads: the configured one, or the shipped data built for it."""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from pathlib import Path

from gcm_kg.generations import StoreDirectory

log = logging.getLogger(__name__)


def build_temporary_store() -> Path:
    """Build the shipped data into a temporary directory, removed when the process exits."""
    from gcm_kg.build import build  # rdflib: a server given a store does not import it
    from gcm_kg.publish import publish

    directory = Path(tempfile.mkdtemp(prefix="gcm-kg-server-"))
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    path = directory / "store"
    store, report = build(path, publish=publish)
    del store
    log.info("built %d triples into %s", report.total, path)
    return path


def store_directory(configured: str | Path | None) -> StoreDirectory:
    """The configured store directory (it must hold a current generation), or a fresh build."""
    directory = StoreDirectory(Path(configured) if configured else build_temporary_store())
    directory.current()  # raises StoreError naming the path when there is no store
    return directory
