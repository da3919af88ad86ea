"""``gcm-kg serve``: gunicorn's master, which also keeps the query processes.

``gcm-kg serve`` binds the port (a port in use is a one-line error, exit 2), starts the
supervisor of the query processes (:mod:`server.engine.supervisor`, threads of this process; not
with ``--backend``) and waits until the current generation answers, then becomes gunicorn's
master (arbiter) on the bound socket, with ``PROCESSES`` workers of ``THREADS`` threads each.
Every worker creates the app (:func:`server.create_app`) and connects to the supervisor's query
processes (``ENGINE_DIR``), so the store is in memory once however many web processes there
are. gunicorn replaces a worker that dies and stops them all gracefully on SIGTERM; then the
query processes are stopped. The master imports the app's modules before it forks the workers,
which share their pages. ``docs/architecture.md`` draws the processes.

gunicorn reads a request with a blocking thread once its first bytes arrive: a public server
belongs behind a reverse proxy that buffers slow clients and caps requests per client
(``docs/deployment.md``, with a tested nginx configuration).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import os
import socket
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gcm_kg.errors import GcmKgError

from .config import SETTINGS, SettingError

if TYPE_CHECKING:
    from .engine.supervisor import Supervisor

DEFAULTS = {s.name: s for s in SETTINGS}
log = logging.getLogger(__name__)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "stream": "ext://sys.stderr",
        }
    },
    "root": {"level": "WARNING", "handlers": ["stderr"]},
    "loggers": {
        "gcm_kg": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
        "server": {"level": "INFO", "handlers": ["stderr"], "propagate": False},
    },
}
"""Logging of the web processes: the access log and the server's own records on stderr."""


@click.command()
@click.option("--host", default=None, help=DEFAULTS["HOST"].help + " [default: 127.0.0.1]")
@click.option("--port", type=int, default=None, help=DEFAULTS["PORT"].help + " [default: 8000]")
@click.option(
    "--store",
    "store_path",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="On-disk store to serve (see `gcm-kg build --store`). Without it the shipped data is "
    "built into a temporary store first.",
)
@click.option("--threads", type=int, default=None, help=DEFAULTS["THREADS"].help + " [default: 16]")
@click.option(
    "--processes", type=int, default=None, help=DEFAULTS["PROCESSES"].help + " [default: 1]"
)
@click.option(
    "--backend",
    default=None,
    metavar="URL",
    help=DEFAULTS["BACKEND"].help + " [default: the embedded store]",
)
def serve(
    host: str | None,
    port: int | None,
    store_path: Path | None,
    threads: int | None,
    processes: int | None,
    backend: str | None,
) -> None:
    """Serve the pages, the SPARQL endpoint and its query UI at http://HOST:PORT/.

    Settings not given here come from GCM_KG_* environment variables (docs/endpoint.md).
    """
    from . import config

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    overrides: dict[str, Any] = {}
    for name, value in (
        ("HOST", host),
        ("PORT", port),
        ("THREADS", threads),
        ("PROCESSES", processes),
        ("BACKEND", backend),
    ):
        if value is not None:
            overrides[name] = value
    if store_path is not None:
        overrides["STORE"] = str(store_path)
    try:
        settings = config.load(overrides)
    except SettingError as exc:
        raise click.UsageError(str(exc)) from exc
    listener = bind(settings["HOST"], settings["PORT"])
    with contextlib.ExitStack() as stack:
        stack.callback(_close_unless_detached, listener)
        supervisor = None
        if not settings["BACKEND"]:
            supervisor = stack.enter_context(supervised(settings, overrides))
            overrides["ENGINE_DIR"] = str(supervisor.run_dir)
        else:
            _check_backend(settings)
        click.echo(
            f"serving http://{settings['HOST']}:{listener.getsockname()[1]}/ (SPARQL: /sparql) "
            f"with {settings['PROCESSES']} web process(es)",
            err=True,
        )
        run_web(listener, overrides, supervisor)


def _close_unless_detached(listener: socket.socket) -> None:
    """Close ``listener`` unless gunicorn took it over (detached, it has no file number)."""
    if listener.fileno() >= 0:
        listener.close()


def bind(host: str, port: int) -> socket.socket:
    """The server's listening socket; a port in use (or another reason) is a one-line error."""
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        return socket.create_server((host, port), family=family, backlog=2048)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            message = (
                f"port {port} on {host} is in use; choose another with --port "
                f"(gcm-kg serve --port {port + 1}, or make serve PORT={port + 1})"
            )
        else:
            message = f"cannot listen on {host}:{port}: {exc.strerror or exc}"
        click.echo(f"gcm-kg serve: {message}", err=True)
        raise SystemExit(2) from exc


def _check_backend(settings: Mapping[str, Any]) -> None:
    from gcm_kg.remote import parse_backend

    try:
        parse_backend(settings["BACKEND"], environ={})
    except GcmKgError as exc:
        raise click.UsageError(str(exc)) from exc


@contextlib.contextmanager
def supervised(settings: dict[str, Any], overrides: dict[str, Any]) -> Any:
    """The supervisor of the query processes, serving the store's current generation."""
    from .engine import start_supervisor, stop, store_directory

    try:
        if not settings["STORE"]:
            click.echo("building the shipped data into a temporary store…", err=True)
        directory = store_directory(settings["STORE"])
        overrides["STORE"] = str(directory.root)
        supervisor = start_supervisor(directory, settings)
    except (GcmKgError, OSError) as exc:
        click.echo(f"gcm-kg serve: {exc}", err=True)
        raise SystemExit(getattr(exc, "exit_code", 2)) from exc
    try:
        yield supervisor
    finally:
        stop(supervisor)


def gunicorn_options(config: Mapping[str, Any], listener: int) -> dict[str, Any]:
    """gunicorn's settings for the app's settings; it takes the socket ``listener`` over."""
    timeout = float(config["QUERY_TIMEOUT"])
    return {
        "bind": [f"fd://{listener}"],
        "workers": int(config["PROCESSES"]),
        "worker_class": "gthread",
        "threads": int(config["THREADS"]),
        "timeout": int(timeout) + 30,
        "graceful_timeout": int(timeout) + 5,
        "keepalive": 5,
        "limit_request_line": 8190,
        "logconfig_dict": LOGGING,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "gcm-kg",
        "worker_tmp_dir": tempfile.gettempdir(),
    }


def run_web(
    listener: socket.socket, overrides: Mapping[str, Any], supervisor: Supervisor | None
) -> None:
    """Be gunicorn's master until it stops: its workers serve ``create_app(overrides)``."""
    from gunicorn.app.base import BaseApplication

    from . import config, create_app

    options = gunicorn_options(config.load(overrides), listener.detach())

    def post_fork(_server: object, _worker: object) -> None:
        if supervisor is not None:
            supervisor.leave_to_parent()  # the worker keeps none of its sockets

    class Web(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in {**options, "post_fork": post_fork}.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return create_app(overrides)

    # the modules the app needs, imported before the workers fork so that they share their
    # pages, and kept out of the collector (it would write to every object, copying the pages)
    import server.endpoint
    import server.pages.views  # noqa: F401

    gc.collect()
    gc.freeze()
    master = os.getpid()
    try:
        Web().run()
    except SystemExit as exc:
        if os.getpid() != master:
            # a worker leaving: its stack is the master's, forked; the master's cleanup
            # (the supervisor, the temporary store) is not the worker's to run
            os._exit(exc.code if isinstance(exc.code, int) else 1)
        if exc.code not in (None, 0):
            raise
