"""Real servers for the tests: the app on a threaded HTTP server (werkzeug's) in this process, or
``gcm-kg serve`` itself (gunicorn and the query processes) as a process that can be killed; and
what the tests share about them."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
GCM_KG = Path(sys.executable).with_name("gcm-kg")
QUERY_TIMEOUT = 2.0
"""The short time limit the tests configure, in seconds."""
EXPLOSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A cross product of every triple with itself three times: it would run for hours."""


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """``app`` on a threaded HTTP server on 127.0.0.1 and a free port; its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections it receives."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.socket.settimeout(0.05)
        self.port: int = self.socket.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def settled(self) -> int:
        """The connections so far, once any that is under way has been accepted."""
        time.sleep(0.1)
        return self.connections

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.socket.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def get(url: str, timeout: float = 10.0, **headers: str) -> tuple[int, bytes, Mapping[str, str]]:
    """Status, body and headers of a GET (an HTTP error is an answer too)."""
    request = urllib.request.Request(
        url, headers={k.replace("_", "-"): v for k, v in headers.items()}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def health(base: str, timeout: float = 5.0) -> dict[str, Any] | None:
    """The server's ``/health``, or ``None`` when it does not answer 200."""
    try:
        status, body, _ = get(base + "/health", timeout=timeout)
    except OSError:
        return None
    if status != 200:
        return None
    result: dict[str, Any] = json.loads(body)
    return result


class ServeProcess:
    """``gcm-kg serve --store STORE [ARGS]`` in its own process group, on a free port."""

    def __init__(
        self,
        store: Path,
        env: Mapping[str, str] | None = None,
        log_dir: Path | None = None,
        args: Sequence[str] = (),
    ) -> None:
        self.store = store
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (log_dir or store.parent) / f"serve-{self.port}.log"
        environ = {**os.environ, "GCM_KG_RELOAD_INTERVAL": "0.2", **(env or {})}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(GCM_KG), "serve", "--store", str(store), "--port", str(self.port), *args],
                cwd=ROOT,
                env=environ,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_healthy(self, timeout: float = 60.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gcm-kg serve ended: {self.log.read_text()[-2000:]}")
            found = health(self.base, timeout=2.0)
            if found is not None:
                return found
            time.sleep(0.2)
        raise AssertionError(
            f"gcm-kg serve not healthy in {timeout} s: {self.log.read_text()[-2000:]}"
        )

    def query_processes(self) -> list[int]:
        """The pids of the query processes the server runs."""
        out = subprocess.run(
            ["pgrep", "-g", str(self.process.pid), "-f", "server.engine.process"],
            capture_output=True,
            text=True,
            check=False,
        )
        return [int(pid) for pid in out.stdout.split()]

    def kill(self) -> None:
        """SIGKILL the server and everything it started (its query processes)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()
