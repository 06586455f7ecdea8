"""The property tests of the text stages with many more examples, from a fixed seed.

Usage::

    python bench/fuzz.py [--examples N] [--seed S] [--long N]

Runs the properties of ``tests/properties.py`` (reading any bytes; extracting
any Unicode text, real sentences with characters inserted, deleted or
swapped, nested and unbalanced marks) with N examples each (default 20,000),
and lines of 100,000 characters with ``--long`` examples (default 100).
The seed fixes the examples, so a run can be repeated; no example database
is kept. Each example has a deadline (2 s; 20 s for a long line) that catches
catastrophic regular-expression backtracking. Prints one line per property
(examples, seconds) and a JSON line; exits 1 with the falsifying example when
a property fails.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings, strategies as st  # noqa: E402

from kg.lexicon import load_lexicon  # noqa: E402
from tests import properties as p  # noqa: E402


def _property(strategy, check, counted: list, seed_value: int, examples: int, deadline: float):
    """``check`` as a hypothesis test of ``examples`` examples drawn from ``strategy``; ``counted`` counts them."""
    @seed(seed_value)
    @settings(max_examples=examples, deadline=timedelta(seconds=deadline), database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(value):
        counted.append(1)
        check(value)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--long", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261201)
    args = parser.parse_args()
    lexicon = load_lexicon()
    p.check_text("区委开展“四查四促”专项行动。", lexicon)  # loads jieba's dictionary outside the deadlines
    runs = [
        ("any bytes", st.binary(max_size=2000), p.check_bytes, args.examples, 2),
        ("any Unicode text", p.any_text, lambda t: p.check_text(t, lexicon), args.examples, 2),
        ("edited real sentences", p.edited_report_text(), lambda t: p.check_text(t, lexicon), args.examples, 2),
        ("nested and unbalanced marks", p.marks_text, lambda t: p.check_text(t, lexicon), args.examples, 2),
        ("lines of 100,000 characters", p.long_line(), lambda t: p.check_text(t, lexicon), args.long, 20),
    ]
    figures = {"seed": args.seed}
    for label, strategy, check, examples, deadline in runs:
        counted = []
        run = _property(strategy, check, counted, args.seed, examples, deadline)
        started = time.perf_counter()
        try:
            run()
        except Exception as exc:  # noqa: BLE001 - the falsifying example is the result
            print(f"FAILED {label}: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        seconds = time.perf_counter() - started
        figures[label] = {"examples": len(counted), "seconds": round(seconds, 1)}
        print(f"{label:<30} {len(counted):>7} examples  {seconds:8.1f} s", flush=True)
    print(json.dumps(figures, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
