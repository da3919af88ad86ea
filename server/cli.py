"""``gcm-kg serve``: run the app on waitress (registered by ``gcm_kg.cli``).

With ``--processes N`` (N > 1) the command reserves the port and forks N server processes, each
listening on it with a socket of its own (``SO_REUSEPORT``, so that the kernel spreads the
connections over them) and each with the app and its cache; the supervising process keeps one
query process per served generation for all of them (:mod:`server.broker`). A server process that
dies is replaced, and SIGTERM or SIGINT stops them all.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import logging
import os
import selectors
import signal
import socket
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .broker import BROKER_KEY, Broker, BrokerClient, channel
from .config import SETTINGS
from .transport import waitress_options

DEFAULTS = {s.name: s for s in SETTINGS}
log = logging.getLogger(__name__)


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
@click.option("--threads", type=int, default=None, help=DEFAULTS["THREADS"].help + " [default: 4]")
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
    """Serve the SPARQL endpoint and query UI at http://HOST:PORT/sparql (waitress).

    Settings not given here come from GCM_KG_* environment variables (docs/endpoint.md).
    """
    from . import config

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    overrides: dict[str, object] = {}
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
    settings = config.load(overrides)
    if settings["PROCESSES"] <= 1:
        # exit cleanly on SIGTERM too, so the temporary store is removed and the workers stopped
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        run_server(overrides, None)
        return
    if not settings["STORE"] and not settings["BACKEND"]:
        from .storage import build_temporary_store

        overrides["STORE"] = str(build_temporary_store())
    reservation = reserve_port(settings["HOST"], settings["PORT"])
    click.echo(
        f"serving http://{settings['HOST']}:{reservation.getsockname()[1]}/ (SPARQL: /sparql) "
        f"with {settings['PROCESSES']} processes",
        err=True,
    )
    supervise(reservation, overrides, settings["PROCESSES"])


def reserve_port(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (port 0: a free one) that holds the port for the web
    processes' listeners; it does not listen, so it never receives a connection itself."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def process_listener(reservation: socket.socket) -> socket.socket:
    """A listener of one web process on the reserved port. Each process has its own, and the
    kernel spreads new connections over them (``SO_REUSEPORT``): on one shared listener, the
    process that wakes first would accept a burst of connections alone."""
    host, port = reservation.getsockname()[:2]
    return socket.create_server(
        (host, port), family=reservation.family, backlog=1024, reuse_port=True
    )


def run_server(overrides: Mapping[str, Any], listener: socket.socket | None) -> None:
    """Create the app and serve it until interrupted (on ``listener`` when given)."""
    import waitress

    from . import create_app
    from .access_log import buffer_lines
    from .state import KEY

    app = create_app(overrides)
    access = buffer_lines()
    where: dict[str, Any]
    if listener is None:
        where = {"host": app.config["HOST"], "port": app.config["PORT"]}
        click.echo(
            f"serving http://{app.config['HOST']}:{app.config['PORT']}/ (SPARQL: /sparql)",
            err=True,
        )
    else:
        where = {"sockets": [listener]}
    try:
        waitress.serve(
            app,
            threads=app.config["THREADS"],
            ident="gcm-kg",
            **waitress_options(app.config),
            **where,
        )
    finally:
        app.extensions[KEY].close()
        access.close()


def _child(listener: socket.socket, overrides: Mapping[str, Any]) -> None:
    """A server process: serve until SIGTERM, then leave without running the parent's exit
    handlers (the parent owns the temporary store and the query processes)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    signal.signal(signal.SIGINT, lambda *_: sys.exit(0))
    code = 0
    try:
        run_server(overrides, listener)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        log.exception("server process failed")
        code = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


PR_SET_CHILD_SUBREAPER = 36
"""``prctl`` option (Linux): orphaned descendants are re-parented to this process."""


def become_subreaper() -> bool:
    """Make the web processes that a short-lived process forks this process's children when it
    exits (Linux); ``False`` where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


@dataclass
class Slot:
    """What one new web process is given: its listener and its end of a channel to the broker."""

    listener: socket.socket
    ours: socket.socket
    theirs: socket.socket


def import_app() -> None:
    """Import the modules the app needs, and keep the collector off the objects made so far: it
    would write to their pages and so copy them into each web process."""
    import waitress  # noqa: F401

    import server.endpoint
    import server.health
    import server.pages.views  # noqa: F401

    gc.collect()
    gc.freeze()


def fork_web(
    slots: list[Slot], index: int, overrides: Mapping[str, Any], close_fds: tuple[int, ...] = ()
) -> int:
    """Fork the web process of ``slots[index]``; it keeps only its own listener and channel,
    and closes ``close_fds`` (descriptors of its parent's that are not its business)."""
    pid = os.fork()
    if pid == 0:
        for fd in close_fds:
            os.close(fd)
        for number, slot in enumerate(slots):
            slot.ours.close()
            if number != index:
                slot.listener.close()
                slot.theirs.close()
        mine = slots[index]
        _child(mine.listener, {**overrides, BROKER_KEY: BrokerClient(mine.theirs)})
    return pid


def spawn(
    slots: list[Slot], overrides: Mapping[str, Any], inherited: list[Any], zygote: bool
) -> list[int]:
    """Start a web process for each slot; their pids.

    With ``zygote``, a short-lived process imports the app, forks them and exits, so the pages
    the web processes share are theirs alone: this process never holds the app, and a page
    both web processes have written to is freed rather than kept here as the original. The web
    processes become this process's children when it exits (:func:`become_subreaper`).
    Without it, this process imports the app and forks them itself. ``inherited`` (the
    supervisor's other sockets and selector) is closed in the processes started."""
    if not zygote:
        import_app()
        return [fork_web(slots, index, overrides) for index in range(len(slots))]
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            os.close(read)
            for resource in inherited:
                resource.close()
            import_app()
            pids = [fork_web(slots, index, overrides, (write,)) for index in range(len(slots))]
            os.write(write, json.dumps(pids).encode("ascii"))
            code = 0
        except BaseException:
            log.exception("cannot start the web processes")
        finally:
            os._exit(code)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        report = pipe.read()
    os.waitpid(pid, 0)
    if not report:
        raise click.ClickException("the web processes could not be started (see the log above)")
    return [int(child) for child in json.loads(report)]


def supervise(reservation: socket.socket, overrides: Mapping[str, Any], count: int) -> None:
    """Start ``count`` web processes on the port ``reservation`` holds (:func:`spawn`), give them
    connections to one shared query process per generation (:class:`~server.broker.Broker`),
    replace one that dies; stop all on SIGTERM or SIGINT.

    This process imports the command and the broker only (not Flask, not rdflib): the web
    processes share the app's modules with each other, not with it. A replacement web process
    is forked by a zygote of its own, so it does not share them with the others."""
    zygote = become_subreaper()
    # the collector would write to every object made so far, and so copy their pages from the
    # web processes, which share them (they are forked from a copy of this process)
    gc.collect()
    gc.freeze()
    broker = Broker()
    selector = selectors.DefaultSelector()
    children: dict[int, socket.socket] = {}
    """Web process pid → the broker's end of its channel."""
    stopping = False

    def start(number: int) -> None:
        slots = []
        for _ in range(number):
            ours, theirs = channel()
            slots.append(Slot(process_listener(reservation), ours, theirs))
        inherited: list[Any] = [selector, reservation, *children.values()]
        try:
            pids = spawn(slots, overrides, inherited, zygote)
        finally:
            for slot in slots:
                slot.listener.close()
                slot.theirs.close()
        for slot, pid in zip(slots, pids, strict=True):
            children[pid] = slot.ours
            selector.register(slot.ours, selectors.EVENT_READ)

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    start(count)
    while children:
        for key, _ in selector.select(timeout=0.5):
            sock = key.fileobj
            assert isinstance(sock, socket.socket)
            if not broker.handle(sock):
                selector.unregister(sock)
        for pid in list(children):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done, status = pid, 0
            if not done:
                continue
            sock = children.pop(pid)
            broker.forget(sock.fileno())
            if sock.fileno() in {k.fd for k in selector.get_map().values()}:
                selector.unregister(sock)
            sock.close()
            if not stopping:
                log.error("server process %d ended (status %d); starting another", pid, status)
                time.sleep(0.5)
                start(1)
    broker.close()
    selector.close()
    reservation.close()
