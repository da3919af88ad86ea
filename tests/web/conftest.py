"""Fixtures of the server tests: a built on-disk store, the app on it (with its own query
process), the app on a real HTTP server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from live import QUERY_TIMEOUT, Listener, served

from gcm_kg.build import build
from gcm_kg.publish import publish
from server import create_app
from server.state import KEY


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once into an on-disk store."""
    path = tmp_path_factory.mktemp("server") / "store"
    store, _ = build(path, publish=publish)
    del store
    return path


def make_app(store_path: Path, **overrides: Any) -> Iterator[Flask]:
    app = create_app({"STORE": str(store_path), "QUERY_TIMEOUT": QUERY_TIMEOUT, **overrides})
    app.config["TESTING"] = True
    yield app
    app.extensions[KEY].close()


@pytest.fixture(scope="session")
def app(store_path: Path) -> Iterator[Flask]:
    """The app with two connections to its query process and a 2 s time limit."""
    yield from make_app(store_path, QUERY_CONNECTIONS=2)


@pytest.fixture(scope="session")
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def app_factory(store_path: Path) -> Iterator[Callable[..., Flask]]:
    """Make apps with other settings."""
    made: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        app = next(make_app(store_path, **overrides))
        made.append(app)
        return app

    yield factory
    for app in made:
        app.extensions[KEY].close()


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The app on a real HTTP server on 127.0.0.1 and a free port; yields its base URL."""
    with served(app) as base:
        yield base


@pytest.fixture
def listener() -> Iterator[Listener]:
    """A local listener standing for a remote SPARQL endpoint or RDF file."""
    server = Listener()
    yield server
    server.close()
