"""A small, real SPARQL 1.1 store over HTTP for the remote-backend tests: the query endpoint
(``POST /sparql``, form-encoded, with ``default-graph-uri``/``named-graph-uri``) and the Graph Store
Protocol (``PUT``/``POST``/``GET /gsp?graph=IRI``), on pyoxigraph, on 127.0.0.1 and a free port.

Its own default graph is empty (as a store's may be anything): the backend must name the dataset.
``delay`` makes every query wait first, to exercise the time limit; ``requests`` records each
request's method, path and dataset parameters.
"""

from __future__ import annotations

import contextlib
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph as ox

TURTLE = ox.RdfFormat.TURTLE
JSON = "application/sparql-results+json"


class RemoteStore:
    def __init__(self) -> None:
        self.store = ox.Store()
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        self.fail_gsp_after: int | None = None
        handler = type("Handler", (_Handler,), {"remote": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"

    @property
    def backend(self) -> str:
        return f"sparql+http://127.0.0.1:{self.port}/sparql"

    @property
    def gsp(self) -> str:
        return f"http://127.0.0.1:{self.port}/gsp"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    remote: RemoteStore

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _send(self, status: int, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(ConnectionError):  # a client that stopped waiting
            self.wfile.write(body)

    def do_POST(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/gsp":
            self._gsp("POST", url)
            return
        params = urllib.parse.parse_qs(self._body().decode("utf-8"))
        self.remote.requests.append({"method": "POST", "path": url.path, **params})
        time.sleep(self.remote.delay)
        options: dict[str, Any] = {}
        if "default-graph-uri" in params or "named-graph-uri" in params:
            options["default_graph"] = [
                ox.NamedNode(g) for g in params.get("default-graph-uri", [])
            ]
            options["named_graphs"] = [ox.NamedNode(g) for g in params.get("named-graph-uri", [])]
        status, content_type, body = self._answer(params["query"][0], options)
        self._send(status, content_type, body)

    def _answer(self, query: str, options: dict[str, Any]) -> tuple[int, str, bytes]:
        """Evaluate and serialise in one frame: pyoxigraph's results must be dropped on the
        thread that made them, so none may outlive this call in a traceback."""
        try:
            result = self.remote.store.query(query, **options)
            if isinstance(result, ox.QueryTriples):
                return 200, "text/turtle", ox.serialize(list(result), format=TURTLE) or b""
            return 200, JSON, result.serialize(format=ox.QueryResultsFormat.JSON) or b""
        except SyntaxError as exc:
            return 400, "text/plain", str(exc).encode()
        finally:
            result = None

    def do_PUT(self) -> None:
        self._gsp("PUT", urllib.parse.urlsplit(self.path))

    def _gsp(self, method: str, url: urllib.parse.SplitResult) -> None:
        graph = ox.NamedNode(urllib.parse.parse_qs(url.query)["graph"][0])
        data = self._body()
        self.remote.requests.append({"method": method, "path": url.path, "graph": graph.value})
        if self.remote.fail_gsp_after is not None:
            if self.remote.fail_gsp_after <= 0:
                self._send(500, "text/plain", b"disk full")
                return
            self.remote.fail_gsp_after -= 1
        if method == "PUT" and self.remote.store.contains_named_graph(graph):
            self.remote.store.remove_graph(graph)
        self.remote.store.load(data, format=ox.RdfFormat.TURTLE, to_graph=graph)
        self._send(201 if method == "PUT" else 204, "text/plain", b"")
