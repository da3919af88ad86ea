"""The settings and their documentation, the `serve` command (the query UI page: test_query_ui.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from server.cli import serve
from server.config import SETTINGS, SettingError, settings_from

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting: object) -> None:
    docs = (ROOT / "docs/endpoint.md").read_text(encoding="utf-8")
    assert f"`{setting.env}`" in docs  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("environ", "name", "value"),
    [
        ({}, "QUERY_TIMEOUT", 30.0),
        ({"GCM_KG_QUERY_TIMEOUT": "2.5"}, "QUERY_TIMEOUT", 2.5),
        (
            {"GCM_KG_SERVICE_ALLOWLIST": "https://a/sparql https://b/sparql"},
            "SERVICE_ALLOWLIST",
            ("https://a/sparql", "https://b/sparql"),
        ),
        ({}, "SERVICE_ALLOWLIST", ()),
        ({"GCM_KG_QUERY_CONNECTIONS": "2"}, "QUERY_CONNECTIONS", 2),
        ({"GCM_KG_PUBLIC_URL": "https://example.org/kg"}, "PUBLIC_URL", "https://example.org/kg/"),
    ],
)
def test_settings_from_environment(environ: dict[str, str], name: str, value: object) -> None:
    assert settings_from(environ)[name] == value


@pytest.mark.parametrize(
    "environ",
    [
        {"GCM_KG_QUERY_TIMEOUT": "0"},
        {"GCM_KG_QUERY_CONNECTIONS": "0"},
        {"GCM_KG_PORT": "x"},
        {"GCM_KG_PUBLIC_URL": "example.org"},
        {"GCM_KG_PUBLIC_URL": "https://example.org/?q"},
    ],
)
def test_bad_setting_names_its_variable(environ: dict[str, str]) -> None:
    with pytest.raises(SettingError, match=next(iter(environ))):
        settings_from(environ)


def test_serve_command_options() -> None:
    result = CliRunner().invoke(serve, ["--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--store", "--threads"):
        assert option in result.output
