"""Real servers for the reliability tests: the app on waitress in a thread (with the options of
``gcm-kg serve``), or ``gcm-kg serve`` itself as a process that can be killed."""

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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import waitress
from flask import Flask

from server.transport import waitress_options

ROOT = Path(__file__).resolve().parents[2]
GCM_KG = Path(sys.executable).with_name("gcm-kg")


@contextmanager
def threaded(app: Flask, threads: int = 4) -> Iterator[str]:
    """``app`` on waitress on 127.0.0.1 and a free port, as ``gcm-kg serve`` configures it."""
    options = waitress_options(app.config)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=threads, **options)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    finally:
        server.close()
        thread.join(timeout=5)


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
    """``gcm-kg serve --store STORE`` in its own process group, on a free port."""

    def __init__(
        self, store: Path, env: Mapping[str, str] | None = None, log_dir: Path | None = None
    ) -> None:
        self.store = store
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (log_dir or store.parent) / f"serve-{self.port}.log"
        environ = {**os.environ, "GCM_KG_RELOAD_INTERVAL": "0.2", **(env or {})}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [str(GCM_KG), "serve", "--store", str(store), "--port", str(self.port)],
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
