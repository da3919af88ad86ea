"""`gcm-kg validate` end to end: the shipped data conforms, and a maintainer who breaks a copy of
``data/`` is told what is wrong, in which file and on which line, and gets exit code 1 (2 for a
file that does not parse).

The four mistakes of the issue's "done when" are made in a temporary copy of ``data/`` by
editing its text the way a maintainer would; the command line refuses the copy, and the report
names each mistake with its file, line, focus node, path, value and message.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from gcm_kg.cli import main
from gcm_kg.paths import Layout
from gcm_kg.sources import Locator, read_turtle
from gcm_kg.validate import DataInvalid, ValidationReport, check, validate
from gcm_kg.validation_report import render

ID = "https://w3id.org/gcm-kg/id/"
GCMSH = "https://w3id.org/gcm-kg/shapes#"
WORKPLAN = "workplan-2021-2022.ttl"
AGENTS = "agents.ttl"

Break = Callable[[Path], int]
"""Breaks the data folder it is given; returns the line a maintainer should be sent to."""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data_copy(tmp_path: Path, layout: Layout) -> Path:
    """A copy of the shipped data/ folder, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(layout.data_dir, target)
    return target


def _edit(path: Path, pattern: str, replacement: str) -> int:
    """Replace the first match of ``pattern`` in ``path``; return the line where it ends."""
    text = path.read_text(encoding="utf-8")
    match = re.search(pattern, text, re.MULTILINE)
    assert match, f"{pattern!r} not in {path}"
    path.write_text(text[: match.start()] + match.expand(replacement) + text[match.end() :])
    return text.count("\n", 0, match.end()) + 1


def _subject_line(path: Path, iri: str, prefixed: str | None = None) -> int:
    """The line where the description of ``iri`` starts (written in full or ``prefixed``)."""
    forms = {f"<{iri}>", prefixed or f"<{iri}>"}
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i + 1 for i, line in enumerate(lines) if line.strip() in forms)


def delete_participant_label(data: Path) -> int:
    """Delete the Spanish label of ILO, a participant of core priority 1."""
    path = data / AGENTS
    text = path.read_text(encoding="utf-8")
    line = _subject_line(path, ID + "agent/ilo", "agent:ilo")
    lines = text.splitlines(keepends=True)
    block_start = sum(len(x) for x in lines[: line - 1])
    labels = re.compile(r'(skos:prefLabel\s+)((?:"[^"\\]*"@[\w-]+\s*,\s*)*"[^"\\]*"@[\w-]+)')
    match = labels.search(text, block_start)
    assert match
    kept = [v for v in re.findall(r'"[^"\\]*"@[\w-]+', match.group(2)) if not v.endswith("@es")]
    path.write_text(text[: match.start(2)] + " , ".join(kept) + text[match.end(2) :])
    return line


def mistype_a_date(data: Path) -> int:
    return _edit(data / WORKPLAN, r'(time:inXSDDate )"2021-06-30"', r'\1"2021-13-01"')


def link_objective_24(data: Path) -> int:
    return _edit(
        data / WORKPLAN,
        r"(gcm:addressesObjective\s+)(objective:\d+|<https://w3id\.org/gcm-kg/id/gcm-objective/\d+>)",
        r"\1objective:24",
    )


def leave_activity_outside_its_priority(data: Path) -> int:
    """Drop core-2-1/3 from the activities of core priority 2.1."""
    _edit(
        data / WORKPLAN,
        r",\s*<https://w3id\.org/gcm-kg/id/activity/core-2-1/3>\s*;",
        " ;",
    )
    return _subject_line(data / WORKPLAN, ID + "activity/core-2-1/3")


def give_an_activity_an_agent_as_schedule(data: Path) -> int:
    """A value that breaks a range: the reasoner finds it too (agents are not intervals)."""
    return _edit(
        data / WORKPLAN,
        r"(gcm:timeline )<https://w3id\.org/gcm-kg/id/schedule/core-1/1/1>",
        r"\1<https://w3id.org/gcm-kg/id/agent/iom>",
    )


def move_activity_to_another_priority(data: Path) -> int:
    """List core-2-1/3 under core priority 2.2 instead of 2.1."""
    leave_activity_outside_its_priority(data)
    return _edit(
        data / WORKPLAN,
        r"(<https://w3id\.org/gcm-kg/id/activity/core-2-2/1> ,)",
        r"<https://w3id.org/gcm-kg/id/activity/core-2-1/3> ,\n        \1",
    )


MISTAKES: list[tuple[Break, str, str, str, str | None]] = [
    # break, file, focus, rule, value
    (delete_participant_label, AGENTS, ID + "agent/ilo", "prefLabel-es", None),
    (mistype_a_date, WORKPLAN, ID + "instant/2021-06-30", "Instant-date", '"2021-13-01"'),
    (link_objective_24, WORKPLAN, "", "Priority-addressesObjective", ID + "gcm-objective/24"),
    (leave_activity_outside_its_priority, WORKPLAN, ID + "activity/core-2-1/3", "Activity-priority", None),
    (give_an_activity_an_agent_as_schedule, WORKPLAN, ID + "activity/core-1/1", "Activity-timeline", ID + "agent/iom"),
]  # fmt: skip
"""The issue's four mistakes and a link that breaks a range, made in one copy of data/."""


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory, layout: Layout) -> tuple[Path, list[int]]:
    """A copy of the project with the mistakes, and the line each should be reported on."""
    root = tmp_path_factory.mktemp("broken")
    for name in ("ontology", "data", "shapes"):
        shutil.copytree(layout.root / name, root / name)
    # leaving the activity out removes a line: it goes first, so the lines found after stay true
    order = [MISTAKES[3], MISTAKES[0], MISTAKES[1], MISTAKES[2], MISTAKES[4]]
    lines = {breaks.__name__: breaks(root / "data") for breaks, *_ in order}
    return root, [lines[breaks.__name__] for breaks, *_ in MISTAKES]


@pytest.fixture(scope="module")
def broken_report(broken: tuple[Path, list[int]]) -> ValidationReport:
    return validate(Layout(broken[0]), owl=False)


@pytest.mark.parametrize(
    ("index", "file", "focus", "rule", "value"),
    [(i, *m[1:]) for i, m in enumerate(MISTAKES)],
    ids=[m[0].__name__ for m in MISTAKES],
)
def test_each_mistake_is_named_with_file_line_and_reason(
    broken: tuple[Path, list[int]],
    broken_report: ValidationReport,
    index: int,
    file: str,
    focus: str,
    rule: str,
    value: str | None,
) -> None:
    report = json.loads(render(broken_report, "json"))
    assert report["conforms"] is False
    found = [v for v in report["violations"] if v["rule"] == GCMSH + rule]
    assert found, report["violations"]
    violation = found[0]
    assert violation["file"].endswith(f"data/{file}")
    assert violation["line"] == broken[1][index]
    assert not focus or violation["focus"] == focus
    assert value is None or value in violation["value"]
    assert violation["path"] and violation["message"]["en"] and violation["message"]["es"]


def test_the_command_ci_runs_refuses_them(
    runner: CliRunner, broken: tuple[Path, list[int]]
) -> None:
    """`gcm-kg validate` (SHACL and OWL) exits 1 and lists each, violations before warnings."""
    root, lines = broken
    result = runner.invoke(main, ["validate", "--data", str(root / "data")])
    assert result.exit_code == 1, result.output
    for (_, file, _, rule, _), line in zip(MISTAKES, lines, strict=True):
        assert f"{file}:{line}: violation:" in result.output
        assert f"rule:  gcmsh:{rule}" in result.output
    # the reasoner's verdict on the schedule that is an agent, at the same line
    (owl_block,) = [b for b in result.output.split("\n\n") if "gcmsh:OwlConsistency" in b]
    assert f"{WORKPLAN}:{lines[-1]}: violation: <{ID}activity/core-1/1>" in owl_block
    assert "agent:iom cannot be both" in owl_block
    assert result.output.index(": violation:") < result.output.index("warning(s), which do not")
    assert "the data does not conform (SHACL" in result.output.splitlines()[-1]
    assert "OWL" in result.output.splitlines()[-1]


def test_build_check_refuses_an_activity_listed_under_another_priority(
    project_copy: Layout,
) -> None:
    move_activity_to_another_priority(project_copy.data_dir)
    with pytest.raises(DataInvalid, match="activity/core-2-2/3") as refused:
        check(project_copy)
    (violation,) = refused.value.report.violations
    assert str(violation.rule) == GCMSH + "Activity-key"
    assert violation.focus == URIRef(ID + "activity/core-2-1/3")
    assert violation.message["en"].endswith(
        "expected https://w3id.org/gcm-kg/id/activity/core-2-2/3."
    )


def test_turtle_is_a_shacl_validation_report(
    broken: tuple[Path, list[int]], broken_report: ValidationReport
) -> None:
    graph = Graph().parse(data=render(broken_report, "turtle"), format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(report, SH.conforms) == Literal(False)
    results = list(graph.objects(report, SH.result))
    assert len(results) == len(broken_report.findings)
    for node in results:
        for required in (SH.focusNode, SH.resultSeverity, SH.sourceConstraintComponent):
            assert graph.value(node, required) is not None
        assert {m.language for m in graph.objects(node, SH.resultMessage)} == {"en", "es"}
    (bad,) = graph.subjects(SH.value, URIRef(ID + "gcm-objective/24"))
    assert graph.value(bad, SH.resultSeverity) == SH.Violation
    assert graph.value(bad, URIRef(GCMSH + "sourceLine")) == Literal(broken[1][2])


def test_the_shipped_data_conforms_with_warnings_only(runner: CliRunner) -> None:
    started = time.perf_counter()
    result = runner.invoke(main, ["validate", "--no-owl"])
    assert result.exit_code == 0, result.output
    assert "0 violation(s)" in result.output
    # advisory: organisations without a Wikidata link are warnings, and do not fail; they are
    # counted by rule on one line, and listed in full with --warnings
    (counted,) = [x for x in result.output.splitlines() if "which do not fail validation" in x]
    count = int(counted.split()[1])
    assert f"{count} gcmsh:AgentWikidata" in counted and "--warnings" in counted
    assert ": warning:" not in result.output
    assert len(result.output.splitlines()) == 3
    assert time.perf_counter() - started < 15
    turtle = runner.invoke(main, ["validate", "--no-owl", "--format", "turtle"])
    assert turtle.exit_code == 0, turtle.output
    graph = Graph().parse(data=turtle.output, format="turtle")
    (report,) = graph.subjects(RDF.type, SH.ValidationReport)
    # SHACL's verdict: a report with results (warnings) does not conform
    assert graph.value(report, SH.conforms) == Literal(False)
    assert len(list(graph.objects(report, SH.result))) == count
    listed = runner.invoke(main, ["validate", "--no-owl", "--warnings"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.count(": warning: agent:") == count
    assert listed.output.count("rule:  gcmsh:AgentWikidata") == count


def test_a_syntax_error_names_file_line_and_column(runner: CliRunner, data_copy: Path) -> None:
    line = _edit(data_copy / AGENTS, r"(    a gcm:CivilSocietyOrganization) ;", r"\1 ; ;; oops")
    result = runner.invoke(main, ["validate", "--data", str(data_copy)])
    assert result.exit_code == 2
    assert re.search(rf"agents\.ttl:{line}:\d+: syntax error", result.output)


def test_a_missing_data_folder_is_exit_code_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", "--data", str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert "no such folder" in result.output


# --- finding where a resource is written -----------------------------------------------------

TURTLE = """PREFIX agent: <https://w3id.org/gcm-kg/id/agent/>
PREFIX gcm: <https://w3id.org/gcm-kg/ontology#>

agent:iom
    a gcm:UNEntity ;
    gcm:leads <https://w3id.org/gcm-kg/id/priority/core-1> .

<https://w3id.org/gcm-kg/id/agent/who> a gcm:UNEntity ;
    gcm:leads
        <https://w3id.org/gcm-kg/id/priority/core-1> ,
        <https://w3id.org/gcm-kg/id/priority/core-3> .

  agent:unhcr a gcm:UNEntity ; gcm:partnerOf agent:iom .
"""


@pytest.fixture
def locator(tmp_path: Path) -> Locator:
    path = tmp_path / "agents.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return Locator([read_turtle(path)])


@pytest.mark.parametrize(
    ("node", "value", "line"),
    [
        ("agent/iom", None, 4),  # prefixed, at column 0
        ("agent/who", None, 8),  # in full
        ("agent/who", "priority/core-3", 11),  # the line of the offending value
        ("agent/unhcr", None, 13),  # indented by hand
        ("priority/core-3", None, 11),  # never a subject: its first mention
    ],
)
def test_locator_finds_the_line(locator: Locator, node: str, value: str | None, line: int) -> None:
    found = locator.locate(URIRef(ID + node), URIRef(ID + value) if value else None)
    assert found.path is not None and found.path.name == "agents.ttl"
    assert found.line == line


def test_locator_without_a_mention(locator: Locator) -> None:
    assert locator.locate(URIRef(ID + "agent/nobody")).path is None
