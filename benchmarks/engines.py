"""In-process engines, each run in its own process so that its memory is its own:

    python -m benchmarks.engines pyoxigraph STORE/current             # the floor, in memory
    python -m benchmarks.engines pyoxigraph-disk STORE/current/oxigraph
    python -m benchmarks.engines rdflib FILE.nq

The process loads the graph, prints ``{"load_s": seconds}`` on a line, then answers one command
a line on its standard input, one JSON line each, until the input closes, so that the runner can
time it in turn with the servers (:func:`benchmarks.run.interleaved_latencies`):

* ``{"op": "run", "query": NAME}`` → ``{"seconds": s}``: one evaluation of the mix's query, its
  answer serialised, timed here (no pipe in the measure);
* ``{"op": "ceiling"}`` → ``{"ceiling": per_second}`` (:func:`aggregate_ceiling`);
* ``{"op": "memory"}`` → ``{"memory_bytes": n}`` (:func:`memory_now`).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from .queries import BY_NAME, MIX


def _pyoxigraph_runner(store: Any) -> Callable[[str], int]:
    """Evaluate a query on ``store`` and serialise its answer, as the server does."""
    import pyoxigraph as ox

    def run(query: str) -> int:
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return 1
        if isinstance(result, ox.QuerySolutions):
            return len(result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        return len(ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b"")

    return run


def run_pyoxigraph(path: str) -> tuple[float, Callable[[str], int]]:
    """The floor: the generation ``path`` opened in memory by the query process's own function
    (:func:`server.engine.store.open_for_serving`, which copies the quads in the store's order,
    an order the in-memory store answers faster from than a file's), and the heap trimmed after
    the load, as there (:func:`server.engine.store.release`)."""
    from server.engine.store import ServingPlan, open_for_serving, release

    started = time.perf_counter()
    store = open_for_serving(ServingPlan(path, triples=0, in_memory=True))
    loaded = time.perf_counter() - started
    release()
    return loaded, _pyoxigraph_runner(store)


def run_pyoxigraph_disk(path: str) -> tuple[float, Callable[[str], int]]:
    """The on-disk store the server serves (``path`` is its directory), opened read-only."""
    import pyoxigraph as ox

    return 0.0, _pyoxigraph_runner(ox.Store.read_only(path))


def run_rdflib(path: str) -> tuple[float, Callable[[str], int]]:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(path, format="nquads")
    loaded = time.perf_counter() - started

    def run(query: str) -> int:
        result = dataset.query(query)
        return len(result.serialize(format="json" if result.type != "CONSTRUCT" else "nt") or b"")

    return loaded, run


def memory_now() -> int:
    """This process's memory now (not its peak while loading), as the servers' is measured:
    its proportional set size, once the heap has given back what the queries freed (the query
    process does so when idle), so that it is the graph's and the engine's own."""
    from server.engine.store import release

    release()
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def aggregate_ceiling(run: Callable[[str], object], seconds: float = 3.0) -> float:
    """How many "partners" aggregates per second the engine answers with a thread per core:
    the most any server on this machine could answer, whatever its protocol costs."""
    query = next(q for q in MIX if q.name == "partners").query
    threads = os.cpu_count() or 1
    deadline = time.perf_counter() + seconds
    counts = [0] * threads

    def work(slot: int) -> None:
        while time.perf_counter() < deadline:
            run(query)
            counts[slot] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(work, range(threads)))
    return sum(counts) / (time.perf_counter() - started)


ENGINES: dict[str, Callable[[str], tuple[float, Callable[[str], int]]]] = {
    "pyoxigraph": run_pyoxigraph,
    "pyoxigraph-disk": run_pyoxigraph_disk,
    "rdflib": run_rdflib,
}


def command(run: Callable[[str], int], request: dict[str, str]) -> dict[str, float]:
    """The answer to one command of the runner (see the module docstring)."""
    op = request["op"]
    if op == "run":
        query = BY_NAME[request["query"]].query
        started = time.perf_counter()
        run(query)
        return {"seconds": time.perf_counter() - started}
    if op == "ceiling":
        return {"ceiling": aggregate_ceiling(run)}
    if op == "memory":
        return {"memory_bytes": memory_now()}
    raise ValueError(f"unknown command {op!r}")


def main(argv: list[str]) -> int:
    loaded, run = ENGINES[argv[1]](argv[2])
    print(json.dumps({"load_s": loaded}), flush=True)
    for line in sys.stdin:
        print(json.dumps(command(run, json.loads(line))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
