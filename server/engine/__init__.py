"""The query process, its supervisor and its client: how queries are evaluated on the embedded
store, in a process that can be killed at the time limit and is started again when it ends.

* :mod:`.store`: what a query process holds (the generation, in memory or on disk);
* :mod:`.process`: the query process itself (``python -m server.engine.process``);
* :mod:`.supervisor`: keeps one query process per served generation running;
* :mod:`.client`: a web process's connections to it, the deadline, the kill.

``docs/architecture.md`` draws how they fit together.
"""

from __future__ import annotations

import atexit
import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gcm_kg.generations import StoreDirectory
from gcm_kg.terms import PREFIXES

from .supervisor import Supervisor

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


def process_settings(config: dict[str, Any]) -> dict[str, Any]:
    """What a query process needs to answer, from the app's settings."""
    return {
        "prefixes": dict(PREFIXES),
        "base_iri": config["BASE_IRI"] or None,
        "max_rows": int(config["MAX_ROWS"]),
    }


def start_supervisor(directory: StoreDirectory, config: dict[str, Any]) -> Supervisor:
    """A supervisor with a new run directory, serving ``directory``'s current generation (it
    raises if that cannot be served) and following it."""
    run_dir = Path(tempfile.mkdtemp(prefix="gcm-kg-"))
    supervisor = Supervisor(run_dir, process_settings(config), int(config["IN_MEMORY_MAX_TRIPLES"]))
    interval = float(config["RELOAD_INTERVAL"])
    try:
        supervisor.watch(directory, interval, float(config["QUERY_TIMEOUT"]) + 2 * interval + 5)
    except BaseException:
        stop(supervisor)
        raise
    return supervisor


def stop(supervisor: Supervisor) -> None:
    supervisor.close()
    shutil.rmtree(supervisor.run_dir, ignore_errors=True)


def embedded_supervisor(
    directory: StoreDirectory, config: dict[str, Any]
) -> tuple[Path, Callable[[], None]]:
    """For an app without ``gcm-kg serve``'s supervisor: one of its own; its run directory and
    what stops it."""
    supervisor = start_supervisor(directory, config)
    return supervisor.run_dir, lambda: stop(supervisor)
