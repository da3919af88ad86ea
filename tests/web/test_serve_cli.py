"""``gcm-kg serve`` as a user runs it: a port in use or a bad backend URL is one line and an exit
status, never a traceback; ``GCM_KG_PUBLIC_URL`` sets the absolute URLs the server writes."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

from flask import Flask
from live import GCM_KG


def _serve(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(GCM_KG), "serve", *args], capture_output=True, text=True, timeout=60, check=False
    )


def test_a_port_in_use_is_one_line_and_exit_2(store_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = _serve("--store", str(store_path), "--port", str(port))
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"gcm-kg serve: port {port} on 127.0.0.1 is in use; choose another with --port "
        f"(gcm-kg serve --port {port + 1}, or make serve PORT={port + 1})"
    ]


def test_a_backend_url_with_credentials_is_refused_in_one_line() -> None:
    done = _serve("--port", "0", "--backend", "sparql+http://dba:secret@127.0.0.1:1/sparql")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "put no credentials in the backend URL" in done.stderr
    assert "secret" not in done.stderr.replace("GCM_KG_BACKEND_PASSWORD", "")


def test_the_public_url_is_in_the_absolute_urls(app_factory) -> None:  # type: ignore[no-untyped-def]
    app: Flask = app_factory(PUBLIC_URL="https://kg.example.org/gcm/")
    client = app.test_client()
    for path in ("/sparql", "/gcm/sparql"):
        description = client.get(path, headers={"Accept": "text/turtle", "Host": "evil.example"})
        assert description.status_code == 200, path
        assert "<https://kg.example.org/gcm/sparql>" in description.text
        assert "evil.example" not in description.text
    void = client.get(
        "/.well-known/void", headers={"Accept": "text/turtle", "Host": "evil.example"}
    )
    assert "evil.example" not in void.text and "https://kg.example.org/gcm/" in void.text


def test_without_a_public_url_the_host_header_is_used(client) -> None:  # type: ignore[no-untyped-def]
    description = client.get("/sparql", headers={"Accept": "text/turtle", "Host": "proxy.example"})
    assert "<http://proxy.example/sparql>" in description.text
