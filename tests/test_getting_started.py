"""Getting started as the README says: `make help` shows the settings it will use, `make serve`
installs only what serving needs and builds only when something changed, and the README says
how to choose the port."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def make(*args: str) -> str:
    done = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_help_shows_the_real_address() -> None:
    text = make("-s", "help")
    assert "http://127.0.0.1:8000/" in text
    assert "$(" not in text
    assert "http://127.0.0.1:9090/" in make("-s", "help", "PORT=9090")


def test_serve_installs_what_serving_needs_only(tmp_path: Path) -> None:
    # -B -n: every command serve would run from nothing, without running them
    commands = make("-B", "-n", "serve", f"VENV={tmp_path / 'venv'}", "PORT=8123")
    installs = [line for line in commands.splitlines() if "pip install" in line]
    assert installs and not [line for line in installs if "[test]" in line]
    assert "gcm-kg build --store var/store --if-changed" in commands
    assert "--port 8123" in commands


def test_readme_says_how_to_choose_the_port() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "make serve PORT=" in quick_start
    assert "gcm-kg serve --port" in quick_start
