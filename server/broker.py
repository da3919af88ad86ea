"""One query process per generation for all the web processes of ``gcm-kg serve --processes N``.

The supervisor of the web processes (:mod:`server.cli`) keeps the query process of each served
generation (:class:`Broker`, with a :class:`~server.query_process.LocalSource` each), and each web
process asks it for connections over its own channel (:class:`BrokerClient`). The in-memory store
of a generation is thus loaded once for the whole server.

The channel is a ``SOCK_SEQPACKET`` socket pair (one message per packet): a request is a JSON
object — ``connect`` (with the socket to serve attached), ``restart`` (a query of that epoch ran
past the time limit) or ``release`` (the web process no longer serves the generation) — and the
answer is a JSON object, ``{"error": …}`` when it failed. A generation's query process is stopped
when no web process uses it any more (each releases it, or its channel closes).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
from collections.abc import Iterable
from dataclasses import asdict
from multiprocessing.connection import Connection
from typing import Any

from gcm_kg.serving import ServingPlan

from .query_process import LocalSource, QueryProcessFailed

BROKER_KEY = "GCM_KG_WORKER_BROKER"
"""The app config key of the :class:`BrokerClient` a supervised web process is given."""
PACKET = 1 << 16
log = logging.getLogger(__name__)


def channel() -> tuple[socket.socket, socket.socket]:
    """A new channel: (the broker's end, the web process's end)."""
    a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    return a, b


class BrokerClient:
    """A web process's end of its channel to the broker."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._lock = threading.Lock()

    def request(self, message: dict[str, Any], fd: int | None = None) -> dict[str, Any]:
        data = json.dumps(message).encode("utf-8")
        with self._lock:
            try:
                if fd is None:
                    self.sock.send(data)
                else:
                    socket.send_fds(self.sock, [data], [fd])
                answer = self.sock.recv(PACKET)
            except OSError as exc:
                raise QueryProcessFailed(f"the server's supervisor is unreachable: {exc}") from exc
        if not answer:
            raise QueryProcessFailed("the server's supervisor closed the channel")
        result = json.loads(answer)
        assert isinstance(result, dict)
        if "error" in result:
            raise QueryProcessFailed(str(result["error"]))
        return result

    def source(self, plan: ServingPlan, settings: dict[str, Any]) -> BrokerSource:
        return BrokerSource(self, plan, settings)


class BrokerSource:
    """The shared query process of one generation (an :class:`EvaluatorSource`)."""

    def __init__(self, client: BrokerClient, plan: ServingPlan, settings: dict[str, Any]) -> None:
        self.client = client
        self.plan = plan
        self.settings = settings

    def connect(self) -> tuple[int, Connection]:
        ours, theirs = socket.socketpair()
        try:
            answer = self.client.request(
                {"op": "connect", "plan": asdict(self.plan), "settings": self.settings},
                theirs.fileno(),
            )
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        return int(answer["epoch"]), Connection(ours.detach())

    def restart(self, epoch: int) -> None:
        self.client.request({"op": "restart", "generation": self.plan.generation, "epoch": epoch})

    def close(self) -> None:
        try:
            self.client.request({"op": "release", "generation": self.plan.generation})
        except QueryProcessFailed as exc:
            log.warning("releasing %s: %s", self.plan.generation, exc.message)


class Broker:
    """The supervisor's query processes, one per generation, and who uses each."""

    def __init__(self) -> None:
        self.sources: dict[str, LocalSource] = {}
        self.users: dict[str, set[int]] = {}
        """Generation → the channels (by file number) whose web process uses it."""

    def handle(self, sock: socket.socket) -> bool:
        """Answer one request on ``sock``; ``False`` when the channel has closed."""
        try:
            data, fds, _, _ = socket.recv_fds(sock, PACKET, 1)
        except OSError:
            data, fds = b"", []
        if not data:
            for fd in fds:
                os.close(fd)
            self.forget(sock.fileno())
            return False
        try:
            answer = self._answer(sock.fileno(), json.loads(data), fds)
        finally:
            for fd in fds:
                os.close(fd)
        try:
            sock.send(json.dumps(answer).encode("utf-8"))
        except OSError:
            self.forget(sock.fileno())
            return False
        return True

    def _answer(self, user: int, message: dict[str, Any], fds: list[int]) -> dict[str, Any]:
        op = message.get("op")
        generation = str(message.get("generation", ""))
        if op == "release":
            self._release(generation, user)
            return {"ok": True}
        if op == "restart":
            source = self.sources.get(generation)
            if source is not None:
                source.restart(int(message["epoch"]))
            return {"ok": True}
        if op != "connect" or not fds:
            return {"error": f"unknown request {op!r}"}
        plan = ServingPlan(**message["plan"])
        source = self.sources.get(plan.generation)
        if source is None:
            source = LocalSource(plan, message["settings"])
            self.sources[plan.generation] = source
        try:
            epoch = source.connect_fd(fds[0])
        except QueryProcessFailed as exc:
            return {"error": exc.message}
        self.users.setdefault(plan.generation, set()).add(user)
        return {"epoch": epoch}

    def _release(self, generation: str, user: int) -> None:
        users = self.users.get(generation, set())
        users.discard(user)
        if not users:
            self._stop(generation)

    def _stop(self, generation: str) -> None:
        self.users.pop(generation, None)
        source = self.sources.pop(generation, None)
        if source is not None:
            source.close()
            log.info("stopped the query process of %s", generation)

    def forget(self, user: int) -> None:
        """A web process has gone: release what it used."""
        for generation in [g for g, users in self.users.items() if user in users]:
            self._release(generation, user)

    def close(self, channels: Iterable[socket.socket] = ()) -> None:
        for sock in channels:
            sock.close()
        for generation in list(self.sources):
            self._stop(generation)
