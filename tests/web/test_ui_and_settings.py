"""The query UI page, the settings and their documentation, the `serve` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask.testing import FlaskClient

from gcm_kg.namespaces import PREFIXES
from server.cli import serve
from server.config import SETTINGS, SettingError, settings_from
from server.examples import load_examples

ROOT = Path(__file__).resolve().parents[2]
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def page(client: FlaskClient) -> str:
    r = client.get("/sparql", headers={"Accept": BROWSER})
    assert r.status_code == 200 and r.mimetype == "text/html"
    return r.text


def test_page_uses_the_vendored_yasgui_only(page: str, client: FlaskClient) -> None:
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/vendor/yasgui/yasgui.min.js" in sources
    assert "/static/vendor/yasgui/yasgui.min.css" in sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    for source in sources:
        assert client.get(source).status_code == 200


def test_page_offers_prefixes_and_examples_in_both_languages(page: str) -> None:
    found = re.search(r'<script type="application/json" id="gcm-kg-config">(.*?)</script>', page)
    assert found is not None
    config = json.loads(found.group(1))
    for prefix, namespace in PREFIXES.items():
        assert f"PREFIX {prefix}: <{namespace}>" in config["prologue"]
    examples = load_examples()
    assert [e["query"] for e in config["examples"]] == [e.query for e in examples]
    for example in examples:
        assert example.title_en in page and example.title_es in page


def test_browser_link_with_a_query_gets_the_page(client: FlaskClient) -> None:
    r = client.get("/sparql", query_string={"query": "ASK {}"}, headers={"Accept": BROWSER})
    assert r.mimetype == "text/html"


def test_vendored_licence() -> None:
    licence = ROOT / "server/static/vendor/yasgui/LICENSE"
    assert "MIT License" in licence.read_text(encoding="utf-8")


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
