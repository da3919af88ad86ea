"""``gcm-kg serve``: the query processes' supervisor, and gunicorn for the web processes.

``gcm-kg serve`` binds the port (a port in use is a one-line error, exit 2), starts the
supervisor of the query processes (:mod:`server.engine.supervisor`; not with ``--backend``) and
waits until the current generation answers, then runs gunicorn (``python -m server.cli``, a
child process) on the bound socket with ``PROCESSES`` workers of ``THREADS`` threads each. Every
worker creates the app (:func:`server.create_app`) and connects to the supervisor's query
processes (``ENGINE_DIR``), so the store is in memory once however many web processes there are.
gunicorn replaces a worker that dies and stops them all gracefully on SIGTERM; SIGTERM or SIGINT
to ``gcm-kg serve`` stops gunicorn, then the query processes. ``docs/architecture.md`` says why
the supervisor sits above gunicorn rather than in it (gunicorn's master reaps every child it has).

gunicorn reads a request with a blocking thread once its first bytes arrive: a public server
belongs behind a reverse proxy that buffers slow clients and caps connections per client
(``docs/deployment.md``, with a tested nginx configuration).
"""

from __future__ import annotations

import contextlib
import errno
import gc
import logging
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from gcm_kg.errors import GcmKgError

from .config import SETTINGS, SettingError

DEFAULTS = {s.name: s for s in SETTINGS}
LISTENER_FD_ENV = "GCM_KG_LISTENER_FD"
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
        stack.callback(listener.close)
        if not settings["BACKEND"]:
            overrides["ENGINE_DIR"] = str(stack.enter_context(supervised(settings, overrides)))
        else:
            _check_backend(settings)
        actual = listener.getsockname()
        click.echo(
            f"serving http://{settings['HOST']}:{actual[1]}/ (SPARQL: /sparql) with "
            f"{settings['PROCESSES']} web process(es)",
            err=True,
        )
        code = run_gunicorn(listener, overrides)
    if code not in (0, -signal.SIGTERM, -signal.SIGINT):
        raise SystemExit(1)


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
    """The supervisor of the query processes, serving the store's current generation; yields its
    run directory."""
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
        yield supervisor.run_dir
    finally:
        stop(supervisor)


def run_gunicorn(listener: socket.socket, overrides: Mapping[str, Any]) -> int:
    """Run the web processes until they stop; forward SIGTERM and SIGINT to them."""
    env = {**os.environ, LISTENER_FD_ENV: str(listener.fileno())}
    env.update({f"GCM_KG_{name}": _env_value(value) for name, value in overrides.items()})
    web = subprocess.Popen(
        [sys.executable, "-m", "server.cli"], env=env, pass_fds=[listener.fileno()]
    )

    def forward(signum: int, _frame: object) -> None:
        with contextlib.suppress(ProcessLookupError):
            web.send_signal(signal.SIGTERM if signum == signal.SIGTERM else signal.SIGINT)

    previous = {s: signal.signal(s, forward) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        while True:
            try:
                return web.wait()
            except InterruptedError:
                continue
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _env_value(value: Any) -> str:
    if isinstance(value, tuple | list):
        return " ".join(str(v) for v in value)
    return str(value)


def gunicorn_options(config: Mapping[str, Any], listener_fd: int) -> dict[str, Any]:
    """gunicorn's settings for the app's settings."""
    timeout = float(config["QUERY_TIMEOUT"])
    return {
        "bind": [f"fd://{listener_fd}"],
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


def web_main() -> None:
    """The web processes (``python -m server.cli``, started by ``gcm-kg serve``)."""
    from gunicorn.app.base import BaseApplication

    from . import config

    settings = config.load()
    fd = int(os.environ.pop(LISTENER_FD_ENV))
    options = gunicorn_options(settings, fd)

    class Web(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from . import create_app

            return create_app()

    # import the app's modules before the workers fork, so that they share their pages, and keep
    # the collector off them (it would write to every object and so copy the pages)
    import server.endpoint
    import server.pages.views  # noqa: F401

    gc.collect()
    gc.freeze()
    Web().run()


if __name__ == "__main__":
    web_main()
