"""Faults, nothing lost: with ``gcm-kg serve`` running as a process on a store, a rebuild with
broken data (a syntax error, a SHACL violation, a full disk), a ``gcm-kg load`` or ``gcm-kg build``
killed half-way, and the server itself killed and started again each leave the service answering
with the previous data and the store readable; good data is then served without a restart."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from live import GCM_KG, ServeProcess, get, health

from gcm_kg.generations import STAGING_PREFIX, StoreDirectory
from gcm_kg.paths import Layout

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a a gcm:Activity }"
MARKER = "ASK { <urn:gcm-kg-test:edit> ?p ?o }"
EXTRA = '<urn:gcm-kg-test:edit> <http://www.w3.org/2000/01/rdf-schema#comment> "an edit" .\n'
"""A valid change to the data (no shape targets it), which :data:`MARKER` finds."""
VIOLATION = (
    "<https://w3id.org/gcm-kg/id/priority/core-1> <https://w3id.org/gcm-kg/ontology#addressesObjective> "
    "<https://w3id.org/gcm-kg/id/gcm-objective/24> .\n"
)


def gcm_kg(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"GCM_KG_HOME": str(home)} if home else {})}
    return subprocess.run(
        [str(GCM_KG), *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def activities(base: str) -> int:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": COUNT})
    status, body, _ = get(url, Accept="text/csv")
    assert status == 200, body
    return int(body.decode().splitlines()[1])


def edited(base: str) -> bool:
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": MARKER})
    status, body, _ = get(url, Accept="text/csv")
    assert status == 200, body
    return body.decode().strip() == "true"


def wait_for_generation(server: ServeProcess, generation: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = health(server.base)
        if found is not None and found["generation"] == generation:
            return
        time.sleep(0.1)
    raise AssertionError(f"the server did not move to {generation}: {health(server.base)}")


def assert_unchanged(server: ServeProcess, before: dict[str, object], store: Path) -> None:
    """The server answers with the data it had, and the store on disk is as it was."""
    time.sleep(0.6)  # more than the reload interval: a new generation would have been picked up
    now = health(server.base)
    assert now is not None
    for key in ("generation", "digest", "triples", "current"):
        assert now[key] == before[key], key
    assert activities(server.base) == 59
    assert not edited(server.base)
    directory = StoreDirectory(store)
    assert directory.current_id() == before["generation"]
    readable = gcm_kg("query", "--store", str(store), "--format", "csv", COUNT)
    assert readable.returncode == 0, readable.stderr
    assert readable.stdout.splitlines()[1] == "59"


@pytest.fixture
def project(project_copy: Layout) -> Layout:
    return project_copy


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data built once into a store, copied by each test."""
    store = tmp_path_factory.mktemp("faults") / "store"
    result = gcm_kg("build", "--store", str(store))
    assert result.returncode == 0, result.stderr
    return store


@pytest.fixture
def served(built: Path, tmp_path: Path) -> Iterator[tuple[ServeProcess, Path]]:
    store = tmp_path / "store"
    shutil.copytree(built, store, symlinks=True)
    server = ServeProcess(store)
    server.wait_healthy()
    yield server, store
    server.stop()


def _good_rebuild_is_served(server: ServeProcess, store: Path, project: Layout) -> None:
    (project.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    rebuilt = gcm_kg("build", "--store", str(store), home=project.root)
    assert rebuilt.returncode == 0, rebuilt.stderr
    generation = StoreDirectory(store).current_id()
    assert generation is not None
    wait_for_generation(server, generation)
    assert edited(server.base)


@pytest.mark.parametrize(
    ("broken", "exit_code", "says"),
    [
        ("<broken", 2, "extra.ttl:1"),
        (VIOLATION, 1, "does not validate"),
    ],
    ids=["syntax error", "SHACL violation"],
)
def test_a_rebuild_with_broken_data_leaves_the_previous_data_served(
    served: tuple[ServeProcess, Path], project: Layout, broken: str, exit_code: int, says: str
) -> None:
    server, store = served
    before = server.wait_healthy()
    (project.data_dir / "extra.ttl").write_text(broken, encoding="utf-8")
    result = gcm_kg("build", "--store", str(store), home=project.root)
    assert result.returncode == exit_code, result.stderr
    assert says in result.stderr
    assert_unchanged(server, before, store)
    assert not list(StoreDirectory(store).generations_dir.glob(f"{STAGING_PREFIX}*"))
    _good_rebuild_is_served(server, store, project)


def test_a_full_disk_at_the_switch_leaves_the_previous_data_served(
    served: tuple[ServeProcess, Path], project: Layout
) -> None:
    """ENOSPC when the new generation's manifest is written, the last write before the switch."""
    server, store = served
    before = server.wait_healthy()
    script = (
        "import errno, sys\n"
        "from gcm_kg import generations\n"
        "def full(path, data):\n"
        "    raise OSError(errno.ENOSPC, 'No space left on device', str(path))\n"
        "generations._write_synced = full\n"
        "from gcm_kg.cli import main\n"
        "main(['build', '--store', sys.argv[1], '--no-validate'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(store)],
        capture_output=True,
        text=True,
        env={**os.environ, "GCM_KG_HOME": str(project.root)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert_unchanged(server, before, store)
    assert not list(StoreDirectory(store).generations_dir.glob(f"{STAGING_PREFIX}*"))


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 12 MB tmpfs: room for one generation of the shipped data (8 MB), not for two."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_real_full_disk_leaves_the_previous_data_served(
    small_disk: Path, project: Layout, tmp_path: Path
) -> None:
    store = small_disk / "store"
    fast = ("--no-validate",)  # the disk is the point here, not the shapes
    assert gcm_kg("build", "--store", str(store), *fast, home=project.root).returncode == 0
    server = ServeProcess(store, log_dir=tmp_path)
    try:
        before = server.wait_healthy()
        (project.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
        result = gcm_kg("build", "--store", str(store), *fast, home=project.root)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "No space left on device" in result.stderr
        assert "Traceback" not in result.stderr
        assert_unchanged(server, before, store)
        assert not list(StoreDirectory(store).generations_dir.glob(f"{STAGING_PREFIX}*"))
        # room again: the same build goes through and is served
        subprocess.run(["mount", "-o", "remount,size=40m", str(small_disk)], check=True)
        rebuilt = gcm_kg("build", "--store", str(store), *fast, home=project.root)
        assert rebuilt.returncode == 0, rebuilt.stderr
        wait_for_generation(server, str(StoreDirectory(store).current_id()))
        assert edited(server.base)
    finally:
        server.stop()


def _big_file(path: Path, triples: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(triples):
            handle.write(f'<https://example.org/s{i}> <https://example.org/p> "value {i}" .\n')
    return path


def _kill_when_staging(process: subprocess.Popen[bytes], store: Path, after: float) -> None:
    generations = StoreDirectory(store).generations_dir
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(generations.glob(f"{STAGING_PREFIX}*")):
        assert process.poll() is None, "it ended before it could be killed"
        time.sleep(0.02)
    time.sleep(after)
    assert process.poll() is None, "it ended before it could be killed"
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=10) == -signal.SIGKILL


def test_a_killed_load_leaves_the_previous_data_served(
    served: tuple[ServeProcess, Path], tmp_path: Path
) -> None:
    server, store = served
    before = server.wait_healthy()
    big = _big_file(tmp_path / "big.nt", 150_000)
    process = subprocess.Popen(
        [str(GCM_KG), "load", "--store", str(store), str(big)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _kill_when_staging(process, store, after=1.0)
    assert_unchanged(server, before, store)
    assert list(StoreDirectory(store).generations_dir.glob(f"{STAGING_PREFIX}*"))  # left behind
    # the next load cleans up after the killed one and is served
    small = tmp_path / "edit.nt"
    small.write_text(EXTRA, encoding="utf-8")
    loaded = gcm_kg("load", "--store", str(store), "--graph", "urn:extra", str(small))
    assert loaded.returncode == 0, loaded.stderr
    assert not list(StoreDirectory(store).generations_dir.glob(f"{STAGING_PREFIX}*"))
    wait_for_generation(server, str(StoreDirectory(store).current_id()))
    assert edited(server.base)


def test_a_killed_build_leaves_the_previous_data_served(
    served: tuple[ServeProcess, Path], project: Layout
) -> None:
    server, store = served
    before = server.wait_healthy()
    (project.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
    process = subprocess.Popen(
        [str(GCM_KG), "build", "--store", str(store), "--no-validate"],
        env={**os.environ, "GCM_KG_HOME": str(project.root)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _kill_when_staging(process, store, after=0.3)
    assert_unchanged(server, before, store)


def _traffic(base: str, stop: threading.Event, errors: list[BaseException]) -> None:
    while not stop.is_set():
        try:
            activities(base)
        except (OSError, AssertionError, http.client.HTTPException) as exc:  # killed under it
            errors.append(exc)
            time.sleep(0.05)


def test_a_killed_server_restarts_on_the_same_store(
    served: tuple[ServeProcess, Path], project: Layout
) -> None:
    server, store = served
    before = server.wait_healthy()
    stop = threading.Event()
    errors: list[BaseException] = []
    clients = [
        threading.Thread(target=_traffic, args=(server.base, stop, errors)) for _ in range(4)
    ]
    for client in clients:
        client.start()
    time.sleep(1.0)
    server.kill()  # SIGKILL, the query processes with it, mid-traffic
    stop.set()
    for client in clients:
        client.join(timeout=10)
    # the store is intact: readable, the same generation current
    readable = gcm_kg("query", "--store", str(store), "--format", "csv", COUNT)
    assert readable.returncode == 0, readable.stderr
    assert StoreDirectory(store).current_id() == before["generation"]

    again = ServeProcess(store)
    try:
        after = again.wait_healthy()
        for key in ("generation", "digest", "triples"):
            assert after[key] == before[key], key
        assert activities(again.base) == 59 and not edited(again.base)
        # killed again, this time while a new generation is being made current and picked up
        (project.data_dir / "extra.ttl").write_text(EXTRA, encoding="utf-8")
        built = gcm_kg("build", "--store", str(store), "--no-validate", home=project.root)
        assert built.returncode == 0, built.stderr
        again.kill()
    finally:
        again.stop()
    third = ServeProcess(store)
    try:
        latest = third.wait_healthy()
        assert latest["generation"] == StoreDirectory(store).current_id() != before["generation"]
        assert edited(third.base)
    finally:
        third.stop()
