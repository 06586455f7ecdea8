"""Scale benchmark: build N generated reports and measure against plain segmentation.

Usage::

    python bench/scale.py N [--jobs 2] [--seed 1] [--workdir /tmp/kg-scale] [--check-identical]

1. Makes N reports with ``bench/corpus.py`` (real paragraphs recombined,
   deterministic by seed) unless they exist in WORKDIR.
2. The floor: plain ``jieba.lcut`` over every report, one at a time, in a
   fresh process that imports nothing else (characters per second).
3. ``kg build --jobs J`` in a child process: wall seconds, characters per
   second, ratio to the floor, peak RSS (the largest process, MB).
4. The cross-report query (:func:`kg.across.across`, opening the on-disk
   store read-only) over the result: median of 5, seconds; and each shipped
   query of ``ontology/queries/``: median of 3, seconds.
5. Incremental: one report gets one of its own paragraphs again (no invented
   text) and the build runs again into the same output folder with the same
   cache, as a user would: seconds. With ``--cold``, a second rebuild (the
   same report, another of its paragraphs) after the page cache is dropped,
   as when the last build's files must be read back from disk (needs root
   on Linux; skipped otherwise).
6. With ``--check-identical`` (before step 5), also a single-process build,
   compared file by file with the parallel one.

Every timed build starts after ``sync``: it does not pay for writing back
what the step before it left in the page cache.

Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402


_FLOOR = """
import json, sys, time
import jieba
jieba.setLogLevel(60)
jieba.initialize()
paths = sys.stdin.read().splitlines()
chars, started = 0, time.perf_counter()
for path in paths:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    chars += len(text)
    jieba.lcut(text)
print(json.dumps([time.perf_counter() - started, chars]))
"""


def floor(reports: list[Path]) -> tuple[float, int]:
    """Plain ``jieba.lcut`` over every report, in a fresh process that imports jieba only.

    So the floor carries nothing of kg's. (Measured side by side, four runs
    each of 250 reports, in this process after kg's imports or in a fresh one,
    it made no difference beyond the machine's noise.)
    """
    done = subprocess.run([sys.executable, "-c", _FLOOR], input="\n".join(map(str, reports)),
                          capture_output=True, text=True, check=True)
    seconds, chars = json.loads(done.stdout)
    return seconds, chars


def build(inputs: Path, outdir: Path, jobs: int, cache: Path | None = None) -> tuple[float, float]:
    """Run kg build in a child; return (wall seconds, peak RSS of the largest descendant in MB)."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    cache_args = ["--cache", str(cache)] if cache else ["--no-cache"]
    subprocess.run([sys.executable, "-m", "kg", "build", str(inputs), "-o", str(outdir), "--jobs", str(jobs),
                    "--no-progress", *cache_args], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak / 1024


def drop_page_cache() -> bool:
    """Write back and drop Linux's page cache (root only); ``False`` if not permitted."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError as exc:
        print(f"--cold: cannot drop the page cache ({exc}); the cold rebuild is skipped", file=sys.stderr)
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-scale"))
    parser.add_argument("--check-identical", action="store_true")
    parser.add_argument("--cold", action="store_true", help="also time a rebuild after dropping the page cache")
    args = parser.parse_args()

    reports_dir = args.workdir / f"reports-{args.n}-{args.seed}"
    if not reports_dir.is_dir() or len(list(reports_dir.glob("*.txt"))) != args.n:
        corpus.generate(args.n, reports_dir, args.seed)
    reports = sorted(reports_dir.glob("*.txt"))
    floor_s, chars = floor(reports)
    out = args.workdir / f"out-{args.n}-j{args.jobs}"
    cache = args.workdir / f"cache-{args.n}-{args.seed}"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)  # a last build there would be updated, not built
    wall, peak_mb = build(reports_dir, out, args.jobs, cache)

    from kg.across import across

    times = []
    for _ in range(5):
        started = time.perf_counter()
        rows = len(across(out, "Initiative", 2).rows)
        times.append(time.perf_counter() - started)
    from kg.query import query

    shipped = {}
    for path in sorted((ROOT / "ontology" / "queries").glob("*.rq")):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            query(str(path), out)
            runs.append(time.perf_counter() - started)
        shipped[path.stem] = round(statistics.median(runs), 3)
    result = {
        "reports": args.n, "characters": chars, "jobs": args.jobs,
        "floor_s": round(floor_s, 1), "floor_chars_per_s": round(chars / floor_s),
        "build_s": round(wall, 1), "build_chars_per_s": round(chars / wall), "ratio": round(wall / floor_s, 2),
        "peak_rss_mb": round(peak_mb), "across_query_s": round(statistics.median(times), 3), "across_rows": rows,
        "shipped_queries_s": shipped,
    }
    if args.check_identical:
        single = args.workdir / f"out-{args.n}-j1"
        shutil.rmtree(single, ignore_errors=True)
        build(reports_dir, single, 1)
        files = sorted(p.name for p in out.iterdir() if p.is_file())
        match, mismatch, errors = filecmp.cmpfiles(out, single, files, shallow=False)
        result["identical_to_single_process"] = not mismatch and not errors
    changed = reports[len(reports) // 2]
    original = changed.read_text(encoding="utf-8")
    lines = original.splitlines()
    changed.write_text(original + lines[-1] + "\n", encoding="utf-8")
    try:
        result["incremental_s"] = round(build(reports_dir, out, args.jobs, cache)[0], 1)
        if args.cold:
            changed.write_text(original + lines[-2] + "\n", encoding="utf-8")
            if drop_page_cache():
                result["incremental_cold_s"] = round(build(reports_dir, out, args.jobs, cache)[0], 1)
    finally:
        changed.write_text(original, encoding="utf-8")
    for key, value in result.items():
        print(f"{key:<30}{value}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
