"""The SPARQL 1.1 Protocol over HTTP, as a client sends it (urllib), and ``gcm-kg serve`` run as
a process of its own."""

from __future__ import annotations

import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GCM_KG = Path(sys.executable).with_name("gcm-kg")
LONGEST_GET = 2048
"""Longest URL sent by GET; longer queries go by POST only."""

Params = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    media_type: str

    @property
    def message(self) -> str:
        text = self.body.decode("utf-8", "replace")
        return text if len(text) < 600 else text[:600] + " …"

    def __str__(self) -> str:
        return f"{self.status} {self.media_type}: {self.message}"


@dataclass(frozen=True)
class StoreState:
    """What identifies the data an endpoint serves: its generation's digest, its triples, and
    the quads a query counts."""

    digest: str
    triples: int
    quads: int


class Endpoint:
    """``/sparql`` and ``/health`` of a server at ``base`` (``http://127.0.0.1:PORT``)."""

    _nonce = itertools.count()

    def __init__(self, base: str) -> None:
        self.base = base
        self.url = base + "/sparql"

    def send(
        self,
        method: str,
        params: Params = (),
        *,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
        url: str | None = None,
    ) -> Reply:
        query = urllib.parse.urlencode(params)
        headers = {"Content-Type": content_type} if content_type else {}
        if accept:
            headers["Accept"] = accept
        target = (url or self.url) + (f"?{query}" if query else "")
        request = urllib.request.Request(target, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return Reply(response.status, response.read(), response.headers.get_content_type())
        except urllib.error.HTTPError as error:
            return Reply(error.code, error.read(), error.headers.get_content_type())

    def get_url(self, query: str, dataset: Params = ()) -> str:
        return self.url + "?" + urllib.parse.urlencode([("query", query), *dataset])

    def get(self, query: str, dataset: Params = (), accept: str | None = None) -> Reply:
        return self.send("GET", [("query", query), *dataset], accept=accept)

    def post_query(self, query: str, dataset: Params = (), accept: str | None = None) -> Reply:
        """``application/sparql-query``: the query as the body, the dataset in the URL."""
        return self.send(
            "POST",
            list(dataset),
            body=query.encode("utf-8"),
            content_type="application/sparql-query",
            accept=accept,
        )

    def post_form(self, fields: Params, accept: str | None = None) -> Reply:
        return self.send(
            "POST",
            body=urllib.parse.urlencode(fields).encode("ascii"),
            content_type="application/x-www-form-urlencoded",
            accept=accept,
        )

    def post_update(self, update: str) -> Reply:
        return self.send(
            "POST", body=update.encode("utf-8"), content_type="application/sparql-update"
        )

    def health(self) -> dict[str, Any]:
        reply = self.send("GET", url=self.base + "/health")
        if reply.status != 200:
            raise AssertionError(f"/health: {reply}")
        found: dict[str, Any] = json.loads(reply.body)
        return found

    def state(self) -> StoreState:
        health = self.health()
        return StoreState(health["digest"], health["triples"], self.quads())

    def quads(self) -> int:
        """Quads of the store as a query sees them (default graph and named graphs), asked
        afresh (a comment makes each query text new, past any cache of answers)."""
        query = (
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
            f"\n# {next(self._nonce)} {time.time_ns()}"
        )
        reply = self.post_form([("query", query)], accept="application/sparql-results+json")
        if reply.status != 200:
            raise AssertionError(f"count of quads: {reply}")
        return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """``gcm-kg serve --store STORE --port PORT``, with the defaults of every setting (no
    ``GCM_KG_*`` variable of the caller's environment reaches it)."""

    def __init__(self, store: Path, log: Path) -> None:
        self.store = store
        self.log = log
        self.port = free_port()
        self.endpoint = Endpoint(f"http://127.0.0.1:{self.port}")
        self.process = self._start()

    def _start(self) -> subprocess.Popen[bytes]:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("GCM_KG_")}
        command = [str(GCM_KG), "serve", "--store", str(self.store), "--port", str(self.port)]
        with self.log.open("ab") as out:
            return subprocess.Popen(
                command, env=environ, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_healthy(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gcm-kg serve ended: {self.log_tail()}")
            if self.answers(timeout=2.0):
                return
            time.sleep(0.2)
        raise AssertionError(f"gcm-kg serve not healthy in {timeout} s: {self.log_tail()}")

    def answers(self, timeout: float = 5.0) -> bool:
        """``/health`` answers 200 within ``timeout`` (a healthy server takes milliseconds)."""
        try:
            with urllib.request.urlopen(self.endpoint.base + "/health", timeout=timeout) as reply:
                return bool(reply.status == 200)
        except OSError:
            return False

    def log_tail(self, size: int = 3000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-size:]

    def restart(self) -> None:
        """Stop the server and start another on the same port and store."""
        self.stop()
        self.process = self._start()
        self.wait_healthy()

    def stop(self) -> None:
        """SIGTERM to the server's process group (it and its query process), SIGKILL if it has
        not ended within 15 s."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
