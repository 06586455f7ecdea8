"""Make a benchmark corpus by recombining real paragraphs of the sample reports.

Usage::

    python bench/corpus.py N OUTDIR [--seed 1] [--reports data/reports]

Every paragraph (a line of body text; ad lines left out by kg's cleaning
stage) of the sample reports goes into one pool; each generated report is a
title taken from a sample report followed by as many paragraphs as a sample
report has, drawn from the pool. No text is invented. The same N, seed and
sample reports give the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.cleaning import find_excluded, line_spans  # noqa: E402
from kg.lexicon import load_lexicon  # noqa: E402
from kg.reading import read_document  # noqa: E402


def paragraphs(reports: Path) -> tuple[list[str], list[str], list[int]]:
    """Return (titles, body paragraphs, paragraphs per report) of the sample reports."""
    lexicon = load_lexicon()
    titles, pool, counts = [], [], []
    for path in sorted(reports.glob("*.txt")):
        document = read_document(path)
        excluded = set(find_excluded(document, lexicon))
        lines = [document.text[b:e].strip() for b, e in line_spans(document.text) if (b, e) not in excluded]
        lines = [line for line in lines if line]
        titles.append(lines[0])
        pool.extend(lines[1:])
        counts.append(len(lines) - 1)
    return titles, pool, counts


def generate(n: int, outdir: Path, seed: int = 1, reports: Path = ROOT / "data" / "reports") -> int:
    """Write ``n`` reports into ``outdir``; return the characters written."""
    titles, pool, counts = paragraphs(reports)
    rng = random.Random(seed)
    outdir.mkdir(parents=True, exist_ok=True)
    written = 0
    for i in range(n):
        body = rng.sample(pool, min(rng.choice(counts), len(pool)))
        text = "\n".join([rng.choice(titles), "", *body]) + "\n"
        (outdir / f"bench_{i:06d}.txt").write_text(text, encoding="utf-8")
        written += len(text)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reports", type=Path, default=ROOT / "data" / "reports")
    args = parser.parse_args()
    chars = generate(args.n, args.outdir, args.seed, args.reports)
    print(f"{args.n} reports, {chars:,} characters -> {args.outdir}")


if __name__ == "__main__":
    main()
