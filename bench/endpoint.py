"""SPARQL endpoint latency: the shipped queries over HTTP against ``kg serve``.

Usage::

    python bench/endpoint.py [--graph OUTDIR] [--repeat 20]

Starts the Oxigraph server on the build in OUTDIR (default ``output``) on
free loopback ports, sends each query of ``ontology/queries/*.rq`` ``--repeat``
times with SPARQLWrapper (JSON results), and reports the median and the
slowest round trip per query, in milliseconds. Every request goes to
127.0.0.1 and the loop is bounded by ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.serve import Server, free_port  # noqa: E402


def main() -> None:
    from SPARQLWrapper import JSON, SPARQLWrapper

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", default=str(ROOT / "output"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    results = {}
    with Server(args.graph, free_port(), free_port()) as server:
        for path in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
            client = SPARQLWrapper(server.endpoint)
            client.setQuery(path.read_text(encoding="utf-8"))
            client.setReturnFormat(JSON)
            client.query().convert()  # warm-up
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                rows = len(client.query().convert()["results"]["bindings"])
                times.append((time.perf_counter() - started) * 1000)
            results[path.name] = {"rows": rows, "median_ms": round(statistics.median(times), 1), "max_ms": round(max(times), 1)}
    print(f"{'query':<34}{'rows':>6}{'median ms':>11}{'max ms':>9}")
    for name, r in results.items():
        print(f"{name:<34}{r['rows']:>6}{r['median_ms']:>11}{r['max_ms']:>9}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
