"""The benchmark runner: every engine, every size, in one session.

    python -m benchmarks.run --sizes 10k,300k,3M --readme benchmarks/README.md

For each size it generates the synthetic graph (:mod:`benchmarks.generate`), bulk-loads it with
``gcm-kg load`` (and with pyoxigraph's own bulk loader, for the ratio), then measures:

* pyoxigraph in-process, the graph in memory: the floor (:mod:`benchmarks.engines`);
* rdflib in-process, in memory (skipped above 300k triples: it would take hours);
* our endpoint over HTTP: ``gcm-kg serve --store`` (gunicorn, the query process), real sockets,
  as it runs by default (one web process) and with two web processes (:data:`CONFIGURATIONS`),
  the answer cache on; latencies are measured with a unique comment on each request, so that
  they are the evaluation's and not the cache's;
* rdflib-endpoint over HTTP (uvicorn), from a separate virtual environment (``--rdflib-endpoint``);

with the median and p99 latency of each query of the mix (:mod:`benchmarks.queries`), every
engine up at once and timed in turn (:func:`interleaved_latencies`), then req/s
of 8 concurrent clients (``wrk``) on lookups (distinct activities; and one repeated lookup, which
the cache answers) and on an aggregate (distinct by a comment, so uncached), and the resident
memory of each server's process tree. It writes ``results.json``, a Markdown report and
``latency.png`` (median latency of the heavy queries against the graph size).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .generate import generate, size
from .queries import BY_NAME, MIX, PROLOGUE, BenchQuery, lookup_of
from .report import (
    DISK,
    FLASK_GUNICORN,
    FLOOR,
    RDFLIB_HTTP,
    fill_readme,
    markdown,
    plot,
)

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GCM_KG = str(Path(PYTHON).with_name("gcm-kg"))
RDFLIB_LIMIT = 300_000
"""Largest graph rdflib and rdflib-endpoint are measured on."""
THROUGHPUT_RUNS = 3
"""wrk runs of each workload; the median is reported."""
LOAD_RUNS = 3
"""Bulk loads of each size by each loader; the median is reported."""
JSON = "application/sparql-results+json"
DISTINCT = frozenset({"lookup (distinct)", "aggregate (distinct)"})
"""The workloads run on the servers that are there for comparison (no cache to measure)."""

RDFLIB_ENDPOINT_APP = """
import sys
import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint

dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
app = SparqlEndpoint(graph=dataset, path="/sparql", cors_enabled=False)
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""

FLASK_PYOXIGRAPH_APP = """
import os
import pyoxigraph as ox
from flask import Flask, Response, request

store = ox.Store()
store.bulk_load(path=os.environ["BENCH_DATA"], format=ox.RdfFormat.N_QUADS)
app = Flask(__name__)


@app.route("/sparql", methods=["GET", "POST"])
def sparql():
    result = store.query(request.values["query"], use_default_graph_as_union=True)
    if isinstance(result, ox.QueryTriples):
        body = ox.serialize(result, format=ox.RdfFormat.TURTLE)
        return Response(body, mimetype="text/turtle")
    body = result.serialize(format=ox.QueryResultsFormat.JSON)
    return Response(body, mimetype="application/sparql-results+json")
"""
"""The simplest server of the same engine, as the issue measured it (``gunicorn -w 2``, each
worker with its own copy of the graph, no cache, no time limit): the reference for the
throughput targets."""
GUNICORN_WORKERS = 2

CONFIGURATIONS: dict[str, tuple[list[str], dict[str, str]]] = {
    "gcm-kg serve": ([], {}),
    "gcm-kg serve, 2 processes": (["--processes", "2"], {}),
}
"""Our server's configurations: engine name → (``gcm-kg serve`` options, environment). The
first is the default (one web process)."""


@dataclass
class Options:
    sizes: list[str]
    out: Path
    repeat: int
    duration: float
    clients: int
    rdflib_endpoint: str | None
    flask_gunicorn: str | None
    quick: bool


@dataclass
class Result:
    """Everything measured on one size."""

    size: str
    triples: int
    load: dict[str, float] = field(default_factory=dict)
    latency: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    """engine → query → {median, p99} (milliseconds)."""
    throughput: dict[str, dict[str, float]] = field(default_factory=dict)
    """engine → workload → requests per second."""
    memory: dict[str, float] = field(default_factory=dict)
    """engine → MB (proportional set size of its process tree)."""
    ceiling: float | None = None
    """"partners" aggregates per second of pyoxigraph in-process, a thread per core."""
    notes: list[str] = field(default_factory=list)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summary(seconds: list[float]) -> dict[str, float]:
    ms = [s * 1000 for s in seconds]
    return {"median": statistics.median(ms), "p99": percentile(ms, 0.99)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def descendants(pid: int) -> list[int]:
    """``pid`` and every process below it (whichever thread started them)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(stat[1]), []).append(int(entry.name))
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += parents.get(current, [])
    return found


def tree_pss(pid: int) -> int:
    """Proportional set size, in bytes, of ``pid`` and its descendants: each page shared by
    several of them counts once in all (the sum of resident sizes would count it in each)."""
    total = 0
    for current in descendants(pid):
        try:
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text(encoding="ascii")
        except OSError:
            continue
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                total += int(line.split()[1]) * 1024
    return total


def wait_for(url: str, process: subprocess.Popen[bytes], timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    query = urllib.parse.urlencode({"query": PROLOGUE + "ASK { ?s ?p ?o }"})
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            status, _ = http_get(url, query, JSON, timeout=5)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:g} s")


def http_get(url: str, query_string: str, accept: str, timeout: float = 600) -> tuple[int, bytes]:
    import http.client

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=timeout)
    try:
        conn.request("GET", f"{parts.path}?{query_string}", headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextmanager
def server(command: list[str], url: str, env: dict[str, str] | None = None) -> Iterator[int]:
    """Start a server, wait until it answers, yield its pid; stop it afterwards."""
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            command, env={**os.environ, **(env or {})}, stdout=log, stderr=log, cwd=ROOT
        )
        try:
            wait_for(url, process)
            yield process.pid
        except RuntimeError:
            log.seek(0)
            sys.stderr.write(log.read().decode("utf-8", "replace")[-3000:])
            raise
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


Timer = Callable[[BenchQuery, str], float]
"""Seconds of one evaluation of a query (the string: a tag unique to the run)."""


class InProcess:
    """An in-process engine (:mod:`benchmarks.engines`) in a process of its own, answering the
    runner's commands; its load ends before the constructor returns."""

    def __init__(self, engine: str, path: Path) -> None:
        self.process = subprocess.Popen(
            [PYTHON, "-m", "benchmarks.engines", engine, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        self._read()  # the engine has loaded the graph

    def _read(self) -> dict[str, float]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the in-process engine exited with {self.process.wait()}")
        answer: dict[str, float] = json.loads(line)
        return answer

    def ask(self, **request: str) -> dict[str, float]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self._read()

    def time(self, query: BenchQuery, tag: str) -> float:
        return self.ask(op="run", query=query.name)["seconds"]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def http_timer(url: str) -> Timer:
    """Times one request of a query to ``url``; the tag (a unique comment) defeats caches."""

    def time_it(query: BenchQuery, tag: str) -> float:
        accept = "text/turtle" if query.kind == "construct" else JSON
        text = f"{query.query}\n# {tag} {time.time_ns()}"
        started = time.perf_counter()
        status, body = http_get(url, urllib.parse.urlencode({"query": text}), accept)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"{url}: {query.name} answered {status}: {body[:300]!r}")
        return elapsed

    return time_it


@dataclass(frozen=True)
class Timed:
    """An engine whose latency is measured: its timer, its timed runs of each query (after a
    warm-up run), and the queries it skips."""

    name: str
    timer: Timer
    repeat: int
    skip: frozenset[str] = frozenset()


def interleaved_latencies(
    engines: list[Timed], mix: Sequence[BenchQuery] = MIX
) -> dict[str, dict[str, dict[str, float]]]:
    """Median and p99 of each query on each engine, engine → query → summary.

    The engines take turns: each round times one run of the query on every engine, in an order
    that rotates from round to round, so that a change in the machine's load during the session
    weighs on every engine alike and the ratios between them hold. Round 0 is the warm-up."""
    times: dict[str, dict[str, list[float]]] = {e.name: {} for e in engines}
    for query in mix:
        runnable = [e for e in engines if query.name not in e.skip]
        if not runnable:
            continue
        for i in range(max(e.repeat for e in runnable) + 1):
            turn = [e for e in runnable if i <= e.repeat]
            shift = i % len(turn)
            for engine in turn[shift:] + turn[:shift]:
                seconds = engine.timer(query, f"{engine.name} {i}")
                if i:
                    times[engine.name].setdefault(query.name, []).append(seconds)
    return {
        name: {q: summary(t) for q, t in per_query.items()}
        for name, per_query in times.items()
        if per_query
    }


WRK_SCRIPT = """
local paths = {%s}
local accept = "%s"
local suffix = %s
local counter = 0
request = function()
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  if suffix then path = path .. "%%0A%%23" .. suffix .. "-" .. counter end
  return wrk.format("GET", path, {["Accept"] = accept})
end
"""


def wrk(url: str, paths: list[str], clients: int, duration: float, distinct: bool) -> float:
    """Requests per second of ``clients`` connections (one wrk thread, so that the client takes
    as little of the machine's two cores as it can). With ``distinct``, each request carries a
    comment no other request of the session carries (this run's tag and a counter), so that no
    cache can answer it."""
    script = WRK_SCRIPT % (
        ", ".join(json.dumps(p) for p in paths),
        JSON,
        json.dumps(f"{time.time_ns():x}") if distinct else "false",
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        completed = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{duration:g}s", "-s", handle.name, url],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    errors = [line for line in completed.stdout.splitlines() if "Non-2xx" in line]
    if errors:
        raise RuntimeError(f"wrk: {errors[0]}")
    for line in completed.stdout.splitlines():
        if line.startswith("Requests/sec:"):
            return float(line.split()[1])
    raise RuntimeError(f"wrk printed no rate: {completed.stdout}")


def path_of(endpoint: str, query: str) -> str:
    return urllib.parse.urlsplit(endpoint).path + "?" + urllib.parse.urlencode({"query": query})


def workloads(endpoint: str) -> dict[str, tuple[list[str], bool]]:
    """Workload → (request paths, add a unique comment to each)."""
    activities = [
        f"https://w3id.org/gcm-kg/id/activity/2021-2022/{kind}-{n}/{a}"
        for kind, count in (("core", 6), ("wg", 3), ("thematic", 7))
        for n in range(1, count + 1)
        for a in (1, 2)
    ]
    return {
        "lookup (distinct)": ([path_of(endpoint, lookup_of(a)) for a in activities], False),
        "lookup (repeated)": ([path_of(endpoint, BY_NAME["lookup"].query)], False),
        "aggregate (distinct)": ([path_of(endpoint, BY_NAME["partners"].query)], True),
        "aggregate (repeated)": ([path_of(endpoint, BY_NAME["partners"].query)], False),
    }


def measure_throughput(
    servers: dict[str, tuple[str, frozenset[str] | None]], options: Options
) -> dict[str, dict[str, float]]:
    """Server → workload → req/s, the median of the runs; ``servers``: name → (endpoint, the
    workloads to run, ``None`` for all). The servers take turns, each run of every workload on
    one server, then the next, so that the machine's load weighs on them alike."""
    rates: dict[str, dict[str, list[float]]] = {name: {} for name in servers}
    for _ in range(1 if options.quick else THROUGHPUT_RUNS):
        for name, (endpoint, only) in servers.items():
            for workload, (paths, distinct) in workloads(endpoint).items():
                if only is None or workload in only:
                    rate = wrk(endpoint, paths, options.clients, options.duration, distinct)
                    rates[name].setdefault(workload, []).append(rate)
    return {
        name: {workload: statistics.median(runs) for workload, runs in per_workload.items()}
        for name, per_workload in rates.items()
    }


RAW_LOAD = """
import sys, pyoxigraph as ox
s = ox.Store(sys.argv[2])
s.bulk_load(path=sys.argv[1], format=ox.RdfFormat.N_QUADS)
s.flush()
"""
"""pyoxigraph's own bulk load into a new on-disk store, as a command of its own."""


def timed_load(data: Path, store: Path, runs: int) -> tuple[float, float]:
    """Median seconds of ``gcm-kg load`` (without the dumps) and of pyoxigraph's own bulk load,
    both into a new on-disk store and both timed as whole commands (the interpreter's start
    and the imports included), taking turns ``runs`` times; ``store`` is left loaded."""
    ours: list[float] = []
    raw: list[float] = []
    for _ in range(runs):
        raw_dir = Path(tempfile.mkdtemp(dir=store.parent))
        started = time.perf_counter()
        subprocess.run([PYTHON, "-c", RAW_LOAD, str(data), str(raw_dir)], check=True)
        raw.append(time.perf_counter() - started)
        shutil.rmtree(raw_dir, ignore_errors=True)
        shutil.rmtree(store, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(
            [GCM_KG, "load", str(data), "--store", str(store), "--no-dumps", "--no-progress"],
            check=True,
            capture_output=True,
            cwd=ROOT,
        )
        ours.append(time.perf_counter() - started)
    return statistics.median(ours), statistics.median(raw)


def bench_size(label: str, options: Options) -> Result:
    triples = size(label)
    data = options.out / f"workplans-{label}.nq"
    count = generate(data, triples)
    result = Result(label, count)
    print(f"[{label}] {count} quads in {data}", file=sys.stderr)
    store = options.out / f"store-{label}"
    ours, raw = timed_load(data, store, 1 if options.quick else LOAD_RUNS)
    result.load = {"gcm-kg load": ours, "pyoxigraph bulk_load": raw}
    small = triples <= RDFLIB_LIMIT
    repeat = options.repeat

    # the NOT EXISTS pattern grows with the square of the graph: measured up to 300k only
    slow = frozenset(q.name for q in MIX if not q.over_http)
    if not small:
        result.notes.append(f"{', '.join(sorted(slow))} not measured at {label}: minutes per run")
        result.notes.append(f"rdflib and rdflib-endpoint skipped at {label}: hours per run")
    elif not options.rdflib_endpoint:
        result.notes.append("rdflib-endpoint not measured: give --rdflib-endpoint PYTHON")
    if not options.flask_gunicorn:
        result.notes.append(f"{FLASK_GUNICORN} not measured: give --flask-gunicorn PYTHON")

    # every engine is up at once, so that their latencies are measured in turn (one round of
    # each query on each), and the servers' throughput likewise
    with ExitStack() as stack:
        floor = InProcess("pyoxigraph", store / "current")
        stack.callback(floor.close)
        disk = InProcess("pyoxigraph-disk", store / "current" / "oxigraph")
        stack.callback(disk.close)
        skip = frozenset() if small else slow
        timed = [
            Timed(FLOOR, floor.time, repeat, skip),
            Timed(DISK, disk.time, repeat, skip),
        ]
        rdflib = None
        if small:
            rdflib = InProcess("rdflib", data)
            stack.callback(rdflib.close)
            timed.append(Timed("rdflib in-process", rdflib.time, max(1, repeat // 5), slow))
        servers: dict[str, tuple[str, frozenset[str] | None]] = {}
        pids: dict[str, int] = {}
        for engine, (flags, env) in CONFIGURATIONS.items():
            port = free_port()
            endpoint = f"http://127.0.0.1:{port}/sparql"
            command = [GCM_KG, "serve", "--store", str(store), "--port", str(port), *flags]
            environment = {"GCM_KG_RELOAD_INTERVAL": "0", **env}
            pids[engine] = stack.enter_context(server(command, endpoint, environment))
            servers[engine] = (endpoint, None if not env else DISTINCT)
            timed.append(Timed(engine, http_timer(endpoint), repeat, slow))
        if options.flask_gunicorn:
            port = free_port()
            endpoint = f"http://127.0.0.1:{port}/sparql"
            (options.out / "flask_pyoxigraph_app.py").write_text(
                FLASK_PYOXIGRAPH_APP, encoding="utf-8"
            )
            command = [
                options.flask_gunicorn,
                "-m",
                "gunicorn",
                "--workers",
                str(GUNICORN_WORKERS),
                "--bind",
                f"127.0.0.1:{port}",
                "--chdir",
                str(options.out),
                "--log-level",
                "warning",
                "flask_pyoxigraph_app:app",
            ]
            environment = {"BENCH_DATA": str(data.resolve())}
            pids[FLASK_GUNICORN] = stack.enter_context(server(command, endpoint, environment))
            servers[FLASK_GUNICORN] = (endpoint, DISTINCT)
            timed.append(Timed(FLASK_GUNICORN, http_timer(endpoint), repeat, slow))
        if small and options.rdflib_endpoint:
            port = free_port()
            endpoint = f"http://127.0.0.1:{port}/sparql"
            app = options.out / "rdflib_endpoint_app.py"
            app.write_text(RDFLIB_ENDPOINT_APP, encoding="utf-8")
            command = [options.rdflib_endpoint, str(app), str(data), str(port)]
            pids[RDFLIB_HTTP] = stack.enter_context(server(command, endpoint))
            servers[RDFLIB_HTTP] = (endpoint, DISTINCT)
            timed.append(Timed(RDFLIB_HTTP, http_timer(endpoint), max(1, repeat // 5), slow))

        print(f"[{label}] latency: {', '.join(t.name for t in timed)}", file=sys.stderr)
        result.latency = interleaved_latencies(timed)
        result.ceiling = floor.ask(op="ceiling")["ceiling"]
        result.memory[FLOOR] = floor.ask(op="memory")["memory_bytes"] / 2**20
        if rdflib is not None:
            result.memory["rdflib in-process"] = rdflib.ask(op="memory")["memory_bytes"] / 2**20
        print(f"[{label}] throughput: {', '.join(servers)}", file=sys.stderr)
        result.throughput = measure_throughput(servers, options)
        for engine, pid in pids.items():
            result.memory[engine] = tree_pss(pid) / 2**20
    return result


def run(options: Options) -> list[Result]:
    options.out.mkdir(parents=True, exist_ok=True)
    results = [bench_size(label, options) for label in options.sizes]
    (options.out / "results.json").write_text(
        json.dumps([r.__dict__ for r in results], indent=2), encoding="utf-8"
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the benchmarks (see benchmarks/README.md).")
    parser.add_argument("--sizes", default="10k,300k", help="comma-separated: 10k, 300k, 3M")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each query")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each wrk run")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--rdflib-endpoint", default=None, metavar="PYTHON", help="python with rdflib-endpoint"
    )
    parser.add_argument(
        "--flask-gunicorn",
        default=None,
        metavar="PYTHON",
        help="python with flask, gunicorn and pyoxigraph (the simplest server of the engine)",
    )
    parser.add_argument("--quick", action="store_true", help="3 runs, 1 s of wrk: a smoke test")
    parser.add_argument("--readme", type=Path, default=None, help="write the report here too")
    args = parser.parse_args(argv)
    options = Options(
        sizes=args.sizes.split(","),
        out=args.out,
        repeat=3 if args.quick else args.repeat,
        duration=1.0 if args.quick else args.duration,
        clients=args.clients,
        rdflib_endpoint=args.rdflib_endpoint,
        flask_gunicorn=args.flask_gunicorn,
        quick=args.quick,
    )
    results = run(options)
    report = markdown(results, load_average())
    (options.out / "report.md").write_text(report, encoding="utf-8")
    plot(results, options.out / "latency.png")
    if args.readme is not None:
        fill_readme(args.readme, report)
        shutil.copy(options.out / "latency.png", args.readme.with_name("latency.png"))
    print(report)
    return 0


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    sys.exit(main())
