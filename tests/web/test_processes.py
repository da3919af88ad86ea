"""``gcm-kg serve --processes 2``: two web processes, one shared query process per generation.

Runs the real command in a subprocess: both web processes answer, the store is loaded once,
a runaway query is stopped while the other clients are served, and a rebuild is picked up.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from server_testing import EXPLOSIVE

from gcm_kg.build import build
from gcm_kg.paths import Layout
from gcm_kg.publish import publish

EXTRA = """
@prefix gcm: <https://w3id.org/gcm-kg/ontology#> .
<https://w3id.org/gcm-kg/id/activity/core-1/99> a gcm:Activity .
"""


def _get(base: str, query: str) -> tuple[int, bytes]:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _count(base: str, tag: str) -> int:
    status, body = _get(base, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a gcm:Activity }} # {tag}")
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def _descendants(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every process below ``pid``."""
    found: list[tuple[int, str]] = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat[1]) == pid:
            found.append((int(entry.name), cmdline))
            found += _descendants(int(entry.name))
    return found


@pytest.fixture
def supervised(tmp_path: Path, project_copy: Layout) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    build(tmp_path / "store", project_copy, publish=publish)
    env = {
        **os.environ,
        "GCM_KG_QUERY_TIMEOUT": "2",
        "GCM_KG_RELOAD_INTERVAL": "0.1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gcm_kg",
            "serve",
            "--store",
            str(tmp_path / "store"),
            "--port",
            "0",
            "--processes",
            "2",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    lines = []
    match = None
    while match is None and len(lines) < 50:
        lines.append(process.stderr.readline())
        match = re.search(r"serving http://[\d.]+:(\d+)/", lines[-1])
    assert match, lines
    # keep reading the server's log, so that a full pipe never blocks it
    threading.Thread(target=process.stderr.read, daemon=True).start()
    base = f"http://127.0.0.1:{match.group(1)}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get(base, "ASK {}")[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    yield base, process
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=20)


def test_one_query_process_for_two_web_processes(
    supervised: tuple[str, subprocess.Popen[str]],
) -> None:
    base, process = supervised
    assert all(_count(base, str(n)) == 59 for n in range(20))
    tree = _descendants(process.pid)
    web = [pid for pid, cmd in tree if "gcm_kg serve" in cmd]
    query = [pid for pid, cmd in tree if "gcm_kg.worker" in cmd]
    assert len(web) == 2, tree
    assert len(query) == 1, tree


def test_runaway_stopped_rebuild_picked_up(
    supervised: tuple[str, subprocess.Popen[str]], tmp_path: Path, project_copy: Layout
) -> None:
    base, _ = supervised
    with ThreadPoolExecutor(max_workers=2) as pool:
        runaway = pool.submit(_get, base, EXPLOSIVE)
        answered = []
        while not runaway.done():
            answered.append(_count(base, f"during {len(answered)}"))
            time.sleep(0.1)
    assert runaway.result()[0] == 503
    assert len(answered) >= 5 and set(answered) == {59}
    (project_copy.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    build(tmp_path / "store", project_copy, publish=publish)
    deadline = time.monotonic() + 30
    counts: set[int] = set()
    while time.monotonic() < deadline:
        counts = {_count(base, f"after {n} {time.monotonic()}") for n in range(6)}
        if counts == {60}:
            break
        time.sleep(0.2)
    assert counts == {60}
