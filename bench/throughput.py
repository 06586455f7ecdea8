"""Extraction throughput against plain jieba segmentation, on the same text in the same run.

Usage::

    python bench/throughput.py [REPORTS_DIR] [--repeat N]

Reads every report of REPORTS_DIR (default data/reports), then times, over
the same decoded texts:

* the floor: ``jieba.lcut(text)`` with jieba's default dictionary;
* extraction: :func:`kg.extraction.extract_document` (clean, segment,
  metadata, mentions, resolution, relations), without file I/O or graph
  writing.

Both are warmed up once (dictionaries loaded) before timing. Each repeat
runs the floor and then extraction, so that the two of one pair share the
machine's state of the moment; the ratio reported is the median of the
pairs' ratios, the speeds the medians of each, in characters per second
(Unicode characters of the decoded text). On a shared virtual machine the
floor's speed alone varied by a quarter between runs of the same code, and
timing all the floor's runs before all extraction's let that drift into
the ratio. Prints a table and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extraction import extract_document  # noqa: E402
from kg.lexicon import load_lexicon  # noqa: E402
from kg.reading import read_document  # noqa: E402


def _seconds(func) -> float:
    started = time.perf_counter()
    func()
    return time.perf_counter() - started


def _paired(first, second, repeat: int) -> tuple[float, float, float]:
    """Median seconds of ``first``, of ``second``, and median ratio second/first over ``repeat`` pairs."""
    pairs = [(_seconds(first), _seconds(second)) for _ in range(repeat)]
    return (statistics.median(a for a, _ in pairs), statistics.median(b for _, b in pairs),
            statistics.median(b / a for a, b in pairs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reports", nargs="?", default=str(ROOT / "data" / "reports"))
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    documents = [read_document(p) for p in sorted(Path(args.reports).glob("*.txt"))]
    chars = sum(len(d.text) for d in documents)
    lexicon = load_lexicon()
    jieba.setLogLevel(60)
    jieba.initialize()

    def plain():
        for d in documents:
            jieba.lcut(d.text)

    def extract():
        for d in documents:
            extract_document(d, lexicon)

    plain()
    extract()  # warm-up: dictionaries and lexicon loaded
    floor, ours, ratio = _paired(plain, extract, args.repeat)
    result = {
        "reports": len(documents),
        "characters": chars,
        "repeat": args.repeat,
        "jieba_lcut_chars_per_s": round(chars / floor),
        "extraction_chars_per_s": round(chars / ours),
        "ratio": round(ratio, 2),
    }
    print(f"{'reports':<28}{len(documents)}")
    print(f"{'characters':<28}{chars}")
    print(f"{'jieba.lcut (floor)':<28}{result['jieba_lcut_chars_per_s']:>10,} chars/s  {floor:.3f} s")
    print(f"{'kg extraction':<28}{result['extraction_chars_per_s']:>10,} chars/s  {ours:.3f} s")
    print(f"{'ratio (extraction/floor)':<28}{result['ratio']:>10}")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
