"""The benchmark's report: Markdown tables with the targets, and the latency plot."""

from __future__ import annotations

import os
import platform
from pathlib import Path
from typing import TYPE_CHECKING

from .queries import MIX

if TYPE_CHECKING:
    from .run import Result

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
OURS, FLOOR, RDFLIB_HTTP = "gcm-kg serve", "pyoxigraph in-process", "rdflib-endpoint"
DISK = "pyoxigraph on disk"
FLASK_GUNICORN = "Flask + pyoxigraph, gunicorn, 2 workers"
"""The simplest server of the same engine (the issue's reference), measured for comparison."""


def _ms(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def geometric_ratio(result: Result, slower: str, faster: str, heavy_only: bool) -> float | None:
    """The geometric mean over the mix of ``slower``'s median over ``faster``'s."""
    pairs = [
        (result.latency[slower][q.name]["median"], result.latency[faster][q.name]["median"])
        for q in MIX
        if (q.heavy or not heavy_only)
        and q.name in result.latency.get(slower, {})
        and q.name in result.latency.get(faster, {})
    ]
    if not pairs:
        return None
    product = 1.0
    for a, b in pairs:
        product *= a / b
    return float(product ** (1 / len(pairs)))


def ours(result: Result) -> list[str]:
    """Our server's configurations measured on ``result``."""
    return [e for e in result.throughput if e.startswith(OURS)]


Cell = tuple[str, str]
"""(measured, met?)"""


def targets(result: Result) -> list[tuple[str, dict[str, Cell]]]:
    """(target, our configuration → (measured, met?)) for one size."""
    rows: list[tuple[str, dict[str, Cell]]] = []

    def add(target: str, cells: dict[str, Cell]) -> None:
        if cells:
            rows.append((target, cells))

    configurations = ours(result)
    speedups = {
        e: geometric_ratio(result, RDFLIB_HTTP, e, heavy_only=False) for e in configurations
    }
    add(
        "≥ 20× faster than rdflib-endpoint over HTTP (geometric mean of the mix)",
        {e: (f"{v:.0f}×", _yes(v >= 20)) for e, v in speedups.items() if v is not None},
    )
    for label, baseline in (
        ("heavy queries within 1.3× of pyoxigraph in-process, graph in memory", FLOOR),
        ("heavy queries within 1.3× of pyoxigraph in-process on the same on-disk store", DISK),
    ):
        ratios = {e: geometric_ratio(result, e, baseline, heavy_only=True) for e in configurations}
        add(label, {e: (f"{v:.2f}×", _yes(v <= 1.3)) for e, v in ratios.items() if v is not None})
    for workload, goal in (
        ("lookup (repeated)", 2000),
        ("lookup (distinct)", 2000),
        ("aggregate (repeated)", 100),
        ("aggregate (distinct)", 100),
    ):
        rates = {e: result.throughput[e][workload] for e in configurations}
        add(
            f"≥ {goal} req/s, {workload}, 8 clients",
            {e: (f"{v:.0f}", _yes(v >= goal)) for e, v in rates.items()},
        )
    if result.ceiling:
        ceiling = result.ceiling
        add(
            "aggregate (distinct) against the engine's own ceiling (pyoxigraph in-process, "
            "a thread per core, no HTTP)",
            {
                e: (f"{v:.0f} / {ceiling:.0f} = {v / ceiling:.0%}", "–")
                for e in configurations
                if (v := result.throughput[e].get("aggregate (distinct)")) is not None
            },
        )
    if FLOOR in result.memory:
        floor = result.memory[FLOOR]
        add(
            "memory ≤ 1.5× the store's own (pyoxigraph in-process)",
            {
                e: (
                    f"{result.memory[e]:.0f} MB / {floor:.0f} MB = {result.memory[e] / floor:.2f}×",
                    _yes(result.memory[e] / floor <= 1.5),
                )
                for e in configurations
                if e in result.memory
            },
        )
    load = result.load
    if load:
        ratio = load["gcm-kg load"] / load["pyoxigraph bulk_load"]
        cell = (
            f"{load['gcm-kg load']:.1f} s / {load['pyoxigraph bulk_load']:.1f} s = {ratio:.2f}×",
            _yes(ratio <= 1.3),
        )
        add("bulk load close to pyoxigraph's bulk load (`gcm-kg load`)", {OURS: cell})
    return rows


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def target_table(result: Result) -> list[str]:
    """The targets, a column per configuration of our server: the measure, and whether met."""
    configurations = ours(result) or [OURS]
    lines = ["", "| target | " + " | ".join(configurations) + " |"]
    lines.append("| --- |" + " --- |" * len(configurations))
    for target, cells in targets(result):
        row = []
        for engine in configurations:
            cell = cells.get(engine)
            if cell is None:
                row.append("–")
            else:
                measured, met = cell
                row.append(measured if met == "–" else f"{measured}: {met}")
        lines.append(f"| {target} | " + " | ".join(row) + " |")
    return lines


def markdown(results: list[Result], load_average: str) -> str:
    lines = [
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"when the run ended: {load_average}.",
        "",
    ]
    for result in results:
        engines = list(result.latency)
        lines += [f"### {result.size}: {result.triples:,} quads", ""]
        lines += ["Median / p99 latency (ms), one client:", ""]
        lines.append("| query | kind | " + " | ".join(engines) + " |")
        lines.append("| --- | --- |" + " --- |" * len(engines))
        for query in MIX:
            cells = []
            for engine in engines:
                found = result.latency[engine].get(query.name)
                cells.append(f"{_ms(found['median'])} / {_ms(found['p99'])}" if found else "–")
            lines.append(f"| {query.name} | {query.kind} | " + " | ".join(cells) + " |")
        if result.throughput:
            workloads = sorted({w for rates in result.throughput.values() for w in rates})
            lines += ["", "Requests per second, 8 concurrent clients (wrk):", ""]
            lines.append("| server | " + " | ".join(workloads) + " | memory (MB) |")
            lines.append("| --- |" + " --- |" * (len(workloads) + 1))
            for engine, rates in result.throughput.items():
                cells = [f"{rates[w]:.0f}" if w in rates else "–" for w in workloads]
                memory = result.memory.get(engine)
                lines.append(
                    f"| {engine} | " + " | ".join(cells) + f" | {memory:.0f} |"
                    if memory is not None
                    else f"| {engine} | " + " | ".join(cells) + " | – |"
                )
        memory_only = [e for e in result.memory if e not in result.throughput]
        if memory_only:
            lines += [
                "",
                "In-process memory (MB): "
                + ", ".join(f"{e} {result.memory[e]:.0f}" for e in memory_only),
            ]
        lines += target_table(result)
        for note in result.notes:
            lines += ["", f"Note: {note}."]
        lines.append("")
    return "\n".join(lines)


def plot(results: list[Result], path: Path) -> None:
    """Median latency of the heavy queries (geometric mean) against graph size, per engine."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    heavy = [q.name for q in MIX if q.heavy and q.over_http]
    figure, axes = plt.subplots(figsize=(7, 4.5))
    engines = sorted({e for r in results for e in r.latency})
    for engine in engines:
        xs, ys = [], []
        for result in results:
            medians = [result.latency.get(engine, {}).get(q, {}).get("median") for q in heavy]
            values = [m for m in medians if m]
            if len(values) == len(heavy):
                product = 1.0
                for value in values:
                    product *= value
                xs.append(result.triples)
                ys.append(product ** (1 / len(values)))
        if xs:
            axes.plot(xs, ys, marker="o", label=engine)
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("graph size (quads)")
    axes.set_ylabel("median latency, heavy queries (ms, geometric mean)")
    axes.set_title("Latency against graph size")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


def fill_readme(readme: Path, report: str) -> None:
    """Put ``report`` between the result markers of ``readme``."""
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    readme.write_text(text[:start] + "\n" + report.strip() + "\n" + text[end:], encoding="utf-8")
