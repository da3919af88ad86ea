"""Fixtures of the browser tests: the app on a real server, and headless Chromium from Debian
driven by Selenium through the system chromedriver (no browser is downloaded)."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import waitress

from gcm_kg.build import build
from gcm_kg.publish import publish
from server import create_app
from server.state import KEY

CHROMIUM = os.environ.get("GCM_KG_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("GCM_KG_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--window-size=1280,1600",
)


def missing() -> str | None:
    """Why the browser tests cannot run here, or ``None``."""
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not (Path(path).is_file() or shutil.which(path)):
            return f"{path} not found: install the Debian package {package} (apt-get install {package})"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the Python package selenium is not installed"
    return None


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped data, built and served by waitress on 127.0.0.1 and a free port."""
    path = tmp_path_factory.mktemp("browser") / "store"
    build(path, publish=publish)
    app = create_app({"STORE": str(path), "WORKERS": 2, "QUERY_TIMEOUT": 10.0})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"  # type: ignore[union-attr]
    server.close()  # the serving thread is a daemon: it ends with the session
    app.extensions[KEY].close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = missing()
    if reason:
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
