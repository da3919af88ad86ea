"""Every example query of the UI runs against the built data and gives the expected answer."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from server.examples import load_examples

EXAMPLES = {e.name: e for e in load_examples()}
ID = "https://w3id.org/gcm-kg/id/"
Rows = list[dict[str, str]]


def who_leads_what(rows: Rows) -> None:
    by_priority = {r["priority"]: r for r in rows}
    assert len(by_priority) == 16
    core_1 = by_priority[ID + "priority/core-1"]
    assert core_1["kind"] == "core priority" and core_1["notation"] == "1"
    assert core_1["title"].startswith("Ensure that the Migration Network Hub")  # ?lang: "en"
    assert "IOM" in core_1["leads"].split(", ")
    assert [r["kind"] for r in rows][:1] == ["core priority"]


def activities_due_in_quarter(rows: Rows) -> None:
    assert rows
    assert all("2021-10-01" <= r["due"] <= "2021-12-31" for r in rows)
    core_3_3 = [r for r in rows if r["activity"] == ID + "activity/core-3/3"]
    assert core_3_3 and "cuarto trimestre de 2021" in core_3_3[0]["schedule"]


def gcm_objective_coverage(rows: Rows) -> None:
    assert [r["notation"] for r in rows] == [str(n) for n in range(1, 24)]
    assert all(int(r["priorities"]) >= 1 for r in rows)  # "todos"/"transversal" cover all 23
    most = max(rows, key=lambda r: int(r["priorities"]))
    assert most["notation"] == "7"  # reduce vulnerabilities


def organisations_working_together(rows: Rows) -> None:
    assert len(rows) == 20
    counts = [int(r["shared_activities"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    top = rows[0]
    assert "International Organization for Migration" in (top["first"], top["second"])


def priorities_per_thematic_area(rows: Rows) -> None:
    assert [r["notation"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert sum(int(r["priorities"]) for r in rows) >= 7


def priorities_per_sdg(rows: Rows) -> None:
    # reduced inequalities: 10.2, 10.3, 10.c (10.7 is the whole workplan's, not a priority's)
    assert rows[0]["goal"] == "http://metadata.un.org/sdg/10"
    assert int(rows[0]["priorities"]) == 5


def what_does_iom_lead(answer: Any) -> None:
    assert answer is True


CHECKS: dict[str, Callable[[Any], None]] = {
    "who-leads-what": who_leads_what,
    "activities-due-in-quarter": activities_due_in_quarter,
    "gcm-objective-coverage": gcm_objective_coverage,
    "organisations-working-together": organisations_working_together,
    "priorities-per-thematic-area": priorities_per_thematic_area,
    "priorities-per-sdg": priorities_per_sdg,
    "what-does-iom-lead": what_does_iom_lead,
}


def test_every_example_has_a_check() -> None:
    assert set(EXAMPLES) == set(CHECKS)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_example(client: FlaskClient, name: str) -> None:
    example = EXAMPLES[name]
    assert example.title_en and example.title_es and example.description
    r = client.post("/sparql", data={"query": example.query})
    assert r.status_code == 200, r.text
    document = json.loads(r.data)
    if "boolean" in document:
        CHECKS[name](document["boolean"])
        return
    rows = [
        {k: v["value"] for k, v in binding.items()} for binding in document["results"]["bindings"]
    ]
    CHECKS[name](rows)


README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
VOCABULARY = README.split("## The vocabulary", 1)[1].split("\n## ", 1)[0]
PROLOGUE = re.search(r"```sparql\n(.*?)```", VOCABULARY, re.S)
README_QUERIES = re.findall(
    r"^\| `[^|]*` \| [^|]* \| `((?:SELECT|ASK|CONSTRUCT)[^`]*)` \|$", VOCABULARY, re.M
)


def test_the_readme_has_its_example_queries() -> None:
    assert PROLOGUE is not None
    assert len(README_QUERIES) >= 15


@pytest.mark.parametrize("query", README_QUERIES)
def test_readme_queries_parse_as_written_with_the_readme_prefixes(query: str) -> None:
    """As a client that parses the query itself does: nothing predeclared."""
    assert PROLOGUE is not None
    ox.Store().query(PROLOGUE.group(1) + query)  # a SyntaxError names what is missing


@pytest.mark.parametrize("query", README_QUERIES)
def test_readme_queries_run_on_the_endpoint_as_written(client: FlaskClient, query: str) -> None:
    r = client.post("/sparql", data={"query": query})
    assert r.status_code == 200, r.text
    document = json.loads(r.data)
    assert document.get("boolean") is not False
    assert "boolean" in document or document["results"]["bindings"], query
