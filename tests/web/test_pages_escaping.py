"""Text from the data is shown as text: a label with markup never becomes markup."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from changed_data import app_on_changed_data
from flask import Flask
from flask.testing import FlaskClient

HOSTILE = "<script>alert(1)</script><b onclick=\"x()\">IOM</b> & 'co'"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The shipped data with IOM's English name replaced by markup, built and served."""

    def change(data: Path) -> None:
        agents = data / "agents.ttl"
        text = agents.read_text(encoding="utf-8")
        original = '"International Organization for Migration"@en'
        assert original in text
        escaped = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
        agents.write_text(text.replace(original, f'"{escaped}"@en', 1), encoding="utf-8")

    yield from app_on_changed_data(tmp_path_factory.mktemp("hostile"), change)


@pytest.fixture(scope="module")
def hostile(hostile_app: Flask) -> FlaskClient:
    return hostile_app.test_client()


@pytest.mark.parametrize(
    "path",
    [
        "/id/agent/iom",
        "/id/priority/core-2-1",
        "/id/activity/core-2-1/1",
        "/network",
        "/search?q=iom",
        "/",
    ],
)
def test_markup_in_a_label_is_text(hostile: FlaskClient, path: str) -> None:
    r = hostile.get(path, headers={"Accept": BROWSER, "Accept-Language": "en"})
    assert r.status_code == 200
    html = r.text
    assert "<script>alert(1)" not in html
    assert 'onclick="x()"' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "\\u003cscript\\u003e" in html


def test_rdf_keeps_the_label_as_data(hostile: FlaskClient) -> None:
    r = hostile.get("/id/agent/iom.nt")
    assert "<script>alert(1)</script>" in r.text  # a literal, exactly as the data has it


def test_the_heading_shows_it_as_text(hostile: FlaskClient) -> None:
    html = hostile.get("/id/agent/iom?lang=en", headers={"Accept": BROWSER}).text
    assert (
        "<h1>&lt;script&gt;alert(1)&lt;/script&gt;&lt;b onclick=&#34;x()&#34;&gt;IOM&lt;/b&gt; &amp; &#39;co&#39;</h1>"
        in html
    )
