"""SPARQL endpoint latency: the shipped queries over HTTP against ``kg serve``.

Usage::

    python bench/endpoint.py [--graph OUTDIR] [--repeat 20]

Starts the Oxigraph server on the build in OUTDIR (default ``output``) on
free loopback ports, sends each query of ``ontology/queries/*.rq`` ``--repeat``
times with SPARQLWrapper (JSON results) through kg serve's checking proxy
and as often straight to the Oxigraph server behind it (alternating), and
reports the median and the slowest round trip per query, in milliseconds,
and the median latency the proxy adds. Every request goes to
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


def _times(url: str, sparql: str, repeat: int) -> tuple[int, list[float]]:
    from SPARQLWrapper import JSON, SPARQLWrapper

    client = SPARQLWrapper(url)
    client.setQuery(sparql)
    client.setReturnFormat(JSON)
    client.query().convert()  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows = len(client.query().convert()["results"]["bindings"])
        times.append((time.perf_counter() - started) * 1000)
    return rows, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", default=str(ROOT / "output"))
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    results = {}
    with Server(args.graph, free_port(), free_port()) as server:
        direct = f"http://127.0.0.1:{server.upstream}/query"
        for path in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
            sparql = path.read_text(encoding="utf-8")
            # alternate the two, so that neither gets the warmer machine
            rows, proxied, engine = 0, [], []
            for _ in range(args.repeat):
                rows, times = _times(server.endpoint, sparql, 1)
                proxied += times
                engine += _times(direct, sparql, 1)[1]
            median, bare = statistics.median(proxied), statistics.median(engine)
            results[path.name] = {"rows": rows, "median_ms": round(median, 1), "max_ms": round(max(proxied), 1),
                                  "direct_median_ms": round(bare, 1), "proxy_adds_ms": round(median - bare, 1)}
    print(f"{'query':<34}{'rows':>6}{'median ms':>11}{'max ms':>9}{'direct ms':>11}{'proxy adds':>12}")
    for name, r in results.items():
        print(f"{name:<34}{r['rows']:>6}{r['median_ms']:>11}{r['max_ms']:>9}{r['direct_median_ms']:>11}"
              f"{r['proxy_adds_ms']:>12}")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
