"""A store directory: generations of the built graph, one of them current.

::

    STORE/
      current -> generations/<id>      a relative symbolic link, replaced atomically
      generations/<id>/
        oxigraph/                      the embedded store (pyoxigraph, RocksDB)
        manifest.json                  what the generation holds: graphs, triples, digest
        …                              files published with it (dumps, documentation)
      generations/.staging-<pid>-<id>/ a generation being written

A build or a load writes a new generation beside the current one and makes it current only when
it is complete: a failed, invalid or killed build leaves ``current`` as it was, and the store
readable. Readers (``gcm-kg query --store``, the server) open the generation that ``current``
names; the server notices when ``current`` changes and moves to the new one. The newest few
generations are kept, so that a reader still on the previous one is not cut off.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import hashlib
import json
import os
import shutil
import time
import traceback
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import __version__
from .errors import StoreError

CURRENT = "current"
GENERATIONS = "generations"
STAGING_PREFIX = ".staging-"
MANIFEST = "manifest.json"
KEEP = 3
"""Generations kept after a new one becomes current (the new one included)."""


@dataclass(frozen=True)
class Manifest:
    """What a generation holds. ``digest`` identifies its content: it is computed from the
    bytes of every input, so two builds of the same files have the same digest."""

    id: str
    created: str
    origin: str
    """``build`` or ``load``."""
    digest: str
    graphs: dict[str, int] = field(default_factory=dict)
    parent: str | None = None
    version: str = __version__

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "id": self.id,
            "created": self.created,
            "origin": self.origin,
            "digest": self.digest,
            "triples": self.triples,
            "graphs": dict(sorted(self.graphs.items())),
            "parent": self.parent,
            "version": self.version,
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        data = json.loads(text)
        return cls(
            id=data["id"],
            created=data["created"],
            origin=data["origin"],
            digest=data["digest"],
            graphs={str(k): int(v) for k, v in data["graphs"].items()},
            parent=data.get("parent"),
            version=data.get("version", ""),
        )


@dataclass(frozen=True)
class Generation:
    """One generation's directory."""

    path: Path

    @property
    def id(self) -> str:
        return self.path.name

    @property
    def oxigraph(self) -> Path:
        return self.path / "oxigraph"

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    def manifest(self) -> Manifest:
        try:
            return Manifest.from_json(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError) as exc:
            raise StoreError(f"{self.manifest_path}: cannot read the manifest: {exc}") from exc

    def open(self, *, read_only: bool = True) -> ox.Store:
        try:
            if read_only:
                return ox.Store.read_only(str(self.oxigraph))
            self.oxigraph.mkdir(parents=True, exist_ok=True)
            return ox.Store(str(self.oxigraph))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.oxigraph}: {exc}") from exc


def digest_of(parts: Iterable[bytes]) -> str:
    """A SHA-256 over ``parts`` (each length-prefixed, so that the split matters)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def file_digest(path: Path) -> bytes:
    """The SHA-256 of the file at ``path``."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()


def _new_id(digest: str) -> str:
    now = datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%S}{now.microsecond // 1000:03d}Z-{digest[:12]}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class StoreDirectory:
    """The store directory at ``root`` (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def generations_dir(self) -> Path:
        return self.root / GENERATIONS

    @property
    def current_link(self) -> Path:
        return self.root / CURRENT

    def exists(self) -> bool:
        return self.current_link.is_symlink()

    def current(self) -> Generation:
        """The current generation; :class:`StoreError` when there is none."""
        link = self.current_link
        if not link.is_symlink():
            hint = ""
            if (self.root / "CURRENT").is_file():
                hint = " (it holds a store in an older layout: build it again)"
            raise StoreError(
                f"no store at {self.root}{hint}: run `gcm-kg build --store {self.root}` first"
            )
        target = (self.root / os.readlink(link)).resolve()
        if not target.is_dir():
            raise StoreError(f"{link} points to {target}, which does not exist")
        return Generation(target)

    def current_id(self) -> str | None:
        """The name of the current generation, or ``None``: one ``readlink``, cheap to poll."""
        try:
            return Path(os.readlink(self.current_link)).name
        except OSError:
            return None

    def generations(self) -> list[Generation]:
        """Complete generations, oldest first."""
        if not self.generations_dir.is_dir():
            return []
        return [
            Generation(p)
            for p in sorted(self.generations_dir.iterdir())
            if p.is_dir() and not p.name.startswith(".") and (p / MANIFEST).is_file()
        ]

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def staging(self) -> Iterator[Generation]:
        """A new, empty generation directory, removed unless :meth:`commit` made it current."""
        self.generations_dir.mkdir(parents=True, exist_ok=True)
        self._remove_abandoned()
        path = self.generations_dir / f"{STAGING_PREFIX}{os.getpid()}-{time.time_ns()}"
        path.mkdir()
        try:
            yield Generation(path)
        except BaseException as exc:
            # the failed build's frames still hold its open store, whose background threads
            # write into the directory until it is dropped: drop it before removing the files
            traceback.clear_frames(exc.__traceback__)
            gc.collect()
            raise
        finally:
            _remove_tree(path)

    def commit(self, staged: Generation, manifest: Mapping[str, Any] | Manifest) -> Generation:
        """Write ``manifest``, move ``staged`` into place and make it current, atomically."""
        if not isinstance(manifest, Manifest):
            manifest = Manifest(**manifest)
        final = self.generations_dir / manifest.id
        _write_synced(staged.manifest_path, manifest.to_json().encode("utf-8"))
        with self._locked():
            staged.path.rename(final)
            link_tmp = self.root / f".{CURRENT}.{os.getpid()}"
            link_tmp.unlink(missing_ok=True)
            os.symlink(os.path.join(GENERATIONS, manifest.id), link_tmp)
            os.replace(link_tmp, self.current_link)
            _sync_dir(self.root)
            self._prune(Generation(final))
        return Generation(final)

    def new_manifest(
        self, origin: str, digest: str, graphs: Mapping[str, int], parent: str | None = None
    ) -> Manifest:
        return Manifest(
            id=_new_id(digest),
            created=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            origin=origin,
            digest=digest,
            graphs=dict(graphs),
            parent=parent,
        )

    def _prune(self, current: Generation) -> None:
        complete = [g for g in self.generations() if g.path != current.path]
        for old in complete[: max(0, len(complete) - (KEEP - 1))]:
            shutil.rmtree(old.path, ignore_errors=True)

    def _remove_abandoned(self) -> None:
        """Remove staging directories whose process is gone (a build that was killed)."""
        for path in self.generations_dir.glob(f"{STAGING_PREFIX}*"):
            pid = path.name[len(STAGING_PREFIX) :].split("-", 1)[0]
            if pid.isdigit() and not _pid_alive(int(pid)):
                shutil.rmtree(path, ignore_errors=True)


def _remove_tree(path: Path, attempts: int = 5) -> None:
    """Remove ``path``, retrying while a store that is being closed still writes into it."""
    for attempt in range(attempts):
        if not path.exists():
            return
        shutil.rmtree(path, ignore_errors=True)
        time.sleep(0.05 * attempt)


def _write_synced(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise StoreError(f"{path}: no space left on the device") from exc
        raise StoreError(f"{path}: cannot write: {exc}") from exc


def _sync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
