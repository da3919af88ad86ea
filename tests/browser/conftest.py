"""Fixtures of the browser tests: the real server on a built store, and headless Chromium from
Debian driven by Selenium through the system chromedriver (no browser is downloaded).

The server is the command a user runs: ``gcm-kg build --store`` then ``gcm-kg serve --store …
--port …`` in a process of its own, ready when ``/health`` answers 200, stopped with SIGTERM."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

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
    "--hide-scrollbars",
    "--font-render-hinting=none",
    "--window-size=1400,1000",
)
SCREENSHOTS = Path(
    os.environ.get("GCM_KG_SCREENSHOTS", Path(__file__).resolve().parent / "screenshots")
)
"""Where the browser tests keep their screenshots (CI keeps the folder as an artefact)."""
STARTUP = 60.0
"""Seconds the server may take to answer /health."""


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


def gcm_kg() -> list[str]:
    """The command line of ``gcm-kg`` in this environment."""
    found = Path(sys.executable).with_name("gcm-kg")
    return [str(found)] if found.is_file() else [sys.executable, "-m", "gcm_kg.cli"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for_health(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gcm-kg serve exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(
        f"gcm-kg serve did not answer /health in {STARTUP:.0f} s:\n{log.read_text()}"
    )


def serve(store: Path, log: Path) -> tuple[str, subprocess.Popen[bytes]]:
    """``gcm-kg serve`` on ``store`` and a free port, ready; its base URL and process."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*gcm_kg(), "serve", "--store", str(store), "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_health(base, process, log)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return base, process


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data, built by ``gcm-kg build --store``."""
    store = tmp_path_factory.mktemp("browser") / "store"
    subprocess.run([*gcm_kg(), "build", "--store", str(store)], check=True, capture_output=True)
    return store


@pytest.fixture(scope="session")
def base_url(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``gcm-kg serve`` on the built store; its base URL."""
    if missing():
        pytest.skip(str(missing()))
    base, process = serve(built_store, tmp_path_factory.mktemp("serve") / "serve.log")
    yield base
    stop(process)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
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
    options.add_argument("--lang=es")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def set_width(driver: Any, width: int, height: int = 1000) -> None:
    """Lay pages out ``width`` CSS pixels wide (headless windows cannot be narrower than 500)."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


@pytest.fixture
def at_width(browser: Any) -> Iterator[Any]:
    """The browser, given back at its default width after the test."""
    yield browser
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
