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


def targets(result: Result) -> list[tuple[str, str, str]]:
    """(target, measured, met?) for one size."""
    rows = []
    speedup = geometric_ratio(result, RDFLIB_HTTP, OURS, heavy_only=False)
    if speedup is not None:
        rows.append(
            (
                "≥ 20× faster than rdflib-endpoint over HTTP (geometric mean of the mix)",
                f"{speedup:.0f}×",
                _yes(speedup >= 20),
            )
        )
    overhead = geometric_ratio(result, OURS, FLOOR, heavy_only=True)
    if overhead is not None:
        rows.append(
            (
                "heavy queries within 1.3× of pyoxigraph in-process, graph in memory",
                f"{overhead:.2f}×",
                _yes(overhead <= 1.3),
            )
        )
    same_store = geometric_ratio(result, OURS, "pyoxigraph on disk", heavy_only=True)
    if same_store is not None:
        rows.append(
            (
                "heavy queries within 1.3× of pyoxigraph in-process on the same on-disk store",
                f"{same_store:.2f}×",
                _yes(same_store <= 1.3),
            )
        )
    rates = result.throughput.get(OURS, {})
    for workload, goal in (
        ("lookup (repeated)", 2000),
        ("lookup (distinct)", 2000),
        ("aggregate (repeated)", 100),
        ("aggregate (distinct)", 100),
    ):
        if workload in rates:
            rows.append(
                (
                    f"≥ {goal} req/s, {workload}, 8 clients",
                    f"{rates[workload]:.0f}",
                    _yes(rates[workload] >= goal),
                )
            )
    if "aggregate (distinct)" in rates and result.ceiling:
        share = rates["aggregate (distinct)"] / result.ceiling
        rows.append(
            (
                "aggregate (distinct) against the engine's own ceiling (pyoxigraph in-process, "
                "a thread per core, no HTTP)",
                f"{rates['aggregate (distinct)']:.0f} / {result.ceiling:.0f} = {share:.0%}",
                "–",
            )
        )
    if OURS in result.memory and FLOOR in result.memory:
        ratio = result.memory[OURS] / result.memory[FLOOR]
        rows.append(
            (
                "memory ≤ 1.5× the store's own (pyoxigraph in-process)",
                f"{result.memory[OURS]:.0f} MB / {result.memory[FLOOR]:.0f} MB = {ratio:.2f}×",
                _yes(ratio <= 1.5),
            )
        )
    load = result.load
    if load:
        ratio = load["gcm-kg load"] / load["pyoxigraph bulk_load"]
        rows.append(
            (
                "bulk load close to pyoxigraph's bulk load",
                f"{load['gcm-kg load']:.1f} s / {load['pyoxigraph bulk_load']:.1f} s = "
                f"{ratio:.2f}×",
                _yes(ratio <= 1.3),
            )
        )
    return rows


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


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
        lines += ["", "| target | measured | met |", "| --- | --- | --- |"]
        lines += [f"| {t} | {m} | {ok} |" for t, m, ok in targets(result)]
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
