"""In-process engines, each run in its own process so that its memory is its own:

    python -m benchmarks.engines pyoxigraph FILE.nq REPEAT   # the floor
    python -m benchmarks.engines pyoxigraph-disk STORE/current/oxigraph REPEAT
    python -m benchmarks.engines rdflib FILE.nq REPEAT

Prints one JSON object: load seconds, each query's timings (seconds) and the process's peak RSS.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from .queries import MIX


def run_pyoxigraph(path: str) -> tuple[float, Callable[[str], int]]:
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    loaded = time.perf_counter() - started

    def run(query: str) -> int:
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return 1
        if isinstance(result, ox.QuerySolutions):
            return len(result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        return len(ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b"")

    return loaded, run


def run_pyoxigraph_disk(path: str) -> tuple[float, Callable[[str], int]]:
    """The on-disk store the server serves (``path`` is its directory), opened read-only."""
    import pyoxigraph as ox

    store = ox.Store.read_only(path)

    def run(query: str) -> int:
        result = store.query(query, use_default_graph_as_union=True)
        if isinstance(result, ox.QueryBoolean):
            return 1
        if isinstance(result, ox.QuerySolutions):
            return len(result.serialize(format=ox.QueryResultsFormat.JSON) or b"")
        return len(ox.serialize(list(result), format=ox.RdfFormat.N_TRIPLES) or b"")

    return 0.0, run


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
    its proportional set size."""
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


def main(argv: list[str]) -> int:
    engine, path, repeat = argv[1], argv[2], int(argv[3])
    skip = set(argv[4].split(",")) if len(argv) > 4 and argv[4] else set()
    engines = {
        "pyoxigraph": run_pyoxigraph,
        "pyoxigraph-disk": run_pyoxigraph_disk,
        "rdflib": run_rdflib,
    }
    loaded, run = engines[engine](path)
    timings: dict[str, list[float]] = {}
    for query in MIX:
        if query.name in skip:
            continue
        times = []
        for i in range(repeat + 1):
            started = time.perf_counter()
            run(query.query)
            if i:  # the first run warms up
                times.append(time.perf_counter() - started)
        timings[query.name] = times
    ceiling = aggregate_ceiling(run) if engine == "pyoxigraph" else None
    print(
        json.dumps(
            {
                "load_s": loaded,
                "timings": timings,
                "memory_bytes": memory_now(),
                "aggregate_ceiling": ceiling,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
