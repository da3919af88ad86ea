"""Keep one query process running for each generation the server serves.

A :class:`Supervisor` owns, for each generation, a listening Unix socket in its run directory
(``{generation id}.sock``) and the query process that accepts on it
(:mod:`server.engine.process`). The socket appears under its name only once the process has
opened the generation and answers, so a web process that finds the socket can use it. When the
process ends, for any reason (a web process killed it because a query ran past the time limit, a
crash, the kernel's OOM killer), it is started again at once on the same socket: connections made
meanwhile wait in the socket's backlog until it answers. A process that cannot open its
generation again (after it once could) is retried after a pause that doubles each time, up to
30 s.

:meth:`Supervisor.watch` follows the store directory's ``current`` generation: it starts the
query process of a new generation, and stops the previous one once the web processes have had
the time to move to the new one and finish what they started on the old one (``grace``). A
generation whose process cannot start is logged and skipped; the previous one stays served.

``gcm-kg serve`` runs the supervisor in gunicorn's master, whose web processes all use its query
processes; an app created without one (``flask run``, tests) runs its own
(:func:`server.create_app`). gunicorn's master reaps every child it has (``waitpid(-1)``), so the
supervisor learns that a query process ended from a pidfd, not from ``waitpid``, and says how it
ended only when it reaped the process itself. ``docs/architecture.md`` draws the processes.
"""

from __future__ import annotations

import json
import logging
import os
import select
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from gcm_kg.errors import GcmKgError
from gcm_kg.generations import StoreDirectory

from .store import plan_for

log = logging.getLogger(__name__)
MAX_PAUSE = 30.0


def wait_for_end(process: subprocess.Popen[bytes], timeout: float | None = None) -> str | None:
    """Block until ``process`` ends (``None`` if it still runs after ``timeout``); how it ended,
    when this process reaped it, else ``"ended"``."""
    try:
        pidfd = os.pidfd_open(process.pid)
    except ProcessLookupError:
        return "ended"
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)
    if not ready:
        return None
    try:
        _, status = os.waitpid(process.pid, 0)
    except ChildProcessError:  # reaped by another (gunicorn's master)
        process.returncode = -1
        return "ended"
    process.returncode = code = os.waitstatus_to_exitcode(status)
    return f"ended (signal {-code})" if code < 0 else f"ended (status {code})"


class StartFailed(RuntimeError):
    """The query process of a generation could not open it (the message says why)."""


def socket_path(run_dir: Path, generation_id: str) -> Path:
    """Where the query process of a generation listens, once it answers."""
    return run_dir / f"{generation_id}.sock"


class Keeper:
    """The query process of one generation, started again whenever it ends."""

    def __init__(self, run_dir: Path, generation: Path, config: dict[str, Any]) -> None:
        self.path = socket_path(run_dir, generation.name)
        self.config = config
        self.restarts = 0
        self.ready = threading.Event()
        self.failure: str | None = None
        self._stopped = False
        self._process: subprocess.Popen[bytes] | None = None
        self._lifeline: socket.socket | None = None
        self._lock = threading.Lock()
        pending = self.path.with_suffix(".starting")
        pending.unlink(missing_ok=True)
        self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.listener.bind(str(pending))
        self.listener.listen(256)
        self._pending = pending
        self._thread = threading.Thread(target=self._keep, name="gcm-kg-keeper", daemon=True)
        self._thread.start()

    def _start(self) -> tuple[subprocess.Popen[bytes], dict[str, Any]]:
        ours, theirs = socket.socketpair()
        config = json.dumps({**self.config, "restarts": self.restarts})
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "server.engine.process",
                config,
                str(self.listener.fileno()),
                str(theirs.fileno()),
            ],
            pass_fds=[self.listener.fileno(), theirs.fileno()],
            # a malloc arena per connection thread would keep each thread's freed answers
            env={**os.environ, "MALLOC_ARENA_MAX": "2"},
        )
        theirs.close()
        with self._lock:
            self._process, self._lifeline = process, ours
        line = b""
        while not line.endswith(b"\n"):
            try:
                chunk = ours.recv(4096)
            except OSError:  # stopped meanwhile
                break
            if not chunk:
                break
            line += chunk
        try:
            report: dict[str, Any] = json.loads(line) if line else {}
        except ValueError:
            report = {}
        if not report:
            report = {
                "failed": f"the query process ended while opening the store ({process.wait()})"
            }
        return process, report

    def _keep(self) -> None:
        pause = 1.0
        while not self._stopped:
            process, report = self._start()
            if "ready" in report:
                pause = 1.0
                if not self.ready.is_set():
                    os.replace(self._pending, self.path)
                    self.ready.set()
                    log.info("query process %d serves %s", process.pid, self.path.stem)
            else:
                self.failure = str(report.get("failed"))
                log.error("query process of %s: %s", self.path.stem, self.failure)
                if not self.ready.is_set():
                    self.ready.set()  # the first start failed: whoever waits learns it
                    self._stopped = True
            how = wait_for_end(process)
            with self._lock:
                if self._lifeline is not None:
                    self._lifeline.close()
                    self._lifeline = None
            if self._stopped:
                break
            self.restarts += 1
            log.warning("the query process of %s %s; starting another", self.path.stem, how)
            if "ready" not in report:  # it could not open the store: try again later
                time.sleep(pause)
                pause = min(MAX_PAUSE, pause * 2)

    def wait_ready(self, timeout: float | None = None) -> None:
        """Block until the process answers; :class:`StartFailed` if it could not start."""
        if not self.ready.wait(timeout):
            raise StartFailed(f"{self.path.stem}: the query process did not start in {timeout} s")
        if self.failure is not None and not self.path.exists():
            raise StartFailed(self.failure)

    def stop(self) -> None:
        self._stopped = True
        self.path.unlink(missing_ok=True)
        self._pending.unlink(missing_ok=True)
        self.listener.close()
        with self._lock:
            process, lifeline = self._process, self._lifeline
        if lifeline is not None:
            lifeline.close()  # the process leaves when its lifeline closes
        if process is not None and wait_for_end(process, timeout=2) is None:
            process.kill()
        self._thread.join(timeout=5)

    def sockets(self) -> list[socket.socket]:
        """The sockets it holds (no lock: a forked child calls it, where the lock may be held
        forever by a thread it does not have)."""
        lifeline = self._lifeline
        return [self.listener] + ([lifeline] if lifeline is not None else [])


class Supervisor:
    """The query processes of the served generations (see the module docstring).

    ``settings`` are what a query process needs to answer (prefixes, base IRI, row cap);
    ``max_in_memory`` the largest generation (in triples) served from memory."""

    def __init__(self, run_dir: Path, settings: dict[str, Any], max_in_memory: int) -> None:
        self.run_dir = run_dir
        self.settings = settings
        self.max_in_memory = max_in_memory
        self.keepers: dict[str, Keeper] = {}
        self._lock = threading.Lock()
        self._closed = threading.Event()

    def ensure(self, generation: Path, triples: int, timeout: float | None = None) -> Path:
        """Start the query process of ``generation`` unless it runs; its socket once it answers."""
        with self._lock:
            keeper = self.keepers.get(generation.name)
            if keeper is None:
                plan = plan_for(generation, triples, self.max_in_memory)
                keeper = Keeper(
                    self.run_dir, generation, {"plan": asdict(plan), "settings": self.settings}
                )
                self.keepers[generation.name] = keeper
        try:
            keeper.wait_ready(timeout)
        except StartFailed:
            self.stop(generation.name)
            raise
        return keeper.path

    def stop(self, generation_id: str) -> None:
        with self._lock:
            keeper = self.keepers.pop(generation_id, None)
        if keeper is not None:
            keeper.stop()
            log.info("stopped the query process of %s", generation_id)

    def watch(self, directory: StoreDirectory, interval: float, grace: float) -> None:
        """Serve the current generation of ``directory`` now (raising :class:`StartFailed` or
        :class:`~gcm_kg.errors.StoreError` if it cannot), then follow it in a thread."""
        generation = directory.current()
        self.ensure(generation.path, generation.manifest().triples)
        if interval > 0:
            threading.Thread(
                target=self._follow,
                args=(directory, generation.id, interval, grace),
                name="gcm-kg-watch",
                daemon=True,
            ).start()

    def _follow(
        self, directory: StoreDirectory, served: str, interval: float, grace: float
    ) -> None:
        failed: str | None = None
        while not self._closed.wait(interval):
            newest = directory.current_id()
            if newest is None or newest in (served, failed):
                continue
            try:
                generation = directory.current()
                self.ensure(generation.path, generation.manifest().triples)
            except (StartFailed, GcmKgError, OSError, ValueError) as exc:
                failed = newest
                log.error("cannot serve %s (%s); still serving %s", newest, exc, served)
                continue
            old, served, failed = served, generation.id, None
            timer = threading.Timer(grace, self.stop, args=(old,))
            timer.daemon = True
            timer.start()

    def leave_to_parent(self) -> None:
        """In a process forked from this one (a web process): close the supervisor's sockets,
        so that only the supervisor holds them (a query process leaves when its lifeline
        closes)."""
        for keeper in list(self.keepers.values()):
            for sock in keeper.sockets():
                os.close(sock.detach())

    def restarts(self, generation_id: str) -> int:
        keeper = self.keepers.get(generation_id)
        return keeper.restarts if keeper is not None else 0

    def close(self) -> None:
        self._closed.set()
        for generation_id in list(self.keepers):
            self.stop(generation_id)
