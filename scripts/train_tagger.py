"""Train the mentions stage's CRF (kg/mentions/tagger.py) and measure it by cross-validation.

    python scripts/train_tagger.py                 # train on all gold reports, write data/models/tagger.crfsuite
    python scripts/train_tagger.py --cv            # 5 folds by report and 3 by kind: rules alone vs rules + CRF
    python scripts/train_tagger.py --cv --by report --c1 0.1    # the same with other regularisation

The gold is ``tests/gold`` (a copy of shared/gold), the reports it annotates
``data/reports/`` and ``tests/excerpts/``; how labels are placed and what the
folds are: :mod:`kg.training`.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.evaluation import load_gold, score, score_by_kind  # noqa: E402
from kg.lexicon import load_lexicon  # noqa: E402
from kg.mentions.tagger import NoTagger, SpanTagger  # noqa: E402
from kg.training import (PARAMS, cross_validated_predictions, folds_by_kind, folds_by_report,  # noqa: E402
                         gold_digest, load_examples, predict, report_paths, train)

GOLD = ROOT / "tests" / "gold"
TEXTS = (ROOT / "data" / "reports", ROOT / "tests" / "excerpts")
MODEL = ROOT / "data" / "models" / "tagger.crfsuite"


def _line(label: str, gold, entities, relations) -> str:
    s = score(gold, entities, relations)
    kinds = [f"{kind} {k.typed.f1:.3f}" for kind, k in score_by_kind(gold, entities, relations).items()]
    per_type = " ".join(f"{t[:3]} {p.f1:.3f}" for t, p in sorted(s.per_type.items()))
    return (f"{label:<28} typed P {s.typed.precision:.3f} R {s.typed.recall:.3f} F1 {s.typed.f1:.3f}"
            f"  relations {s.relations.f1:.3f} | {', '.join(kinds)} | {per_type}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cv", action="store_true", help="cross-validate instead of writing the model")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--by", choices=["report", "kind", "both"], default="both", help="the folds of --cv")
    parser.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 regularisation")
    parser.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 regularisation")
    parser.add_argument("-o", "--output", type=Path, default=MODEL)
    args = parser.parse_args()
    params = dict(PARAMS, c1=args.c1, c2=args.c2)
    lexicon = load_lexicon()
    gold = load_gold(GOLD)
    paths = report_paths(gold, TEXTS)
    started = time.perf_counter()
    if not args.cv:
        examples = load_examples(gold, paths, lexicon)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        train(examples, sorted(gold), args.output, params)
        sentences = sum(len(rows) for rows in examples.values())  # each sentence with its kind and with none
        card = {"model": args.output.name, "gold_sha256": gold_digest(GOLD), "reports": len(gold),
                "training_sequences": sentences, "kinds": sorted(SpanTagger(args.output).kinds),
                "params": params, "script": "scripts/train_tagger.py"}
        args.output.with_suffix(".json").write_text(json.dumps(card, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                                                    encoding="utf-8")
        print(f"{args.output}: trained on {len(gold)} reports, {sentences} sequences (each sentence with "
              f"its report's kind and with none), "
              f"{args.output.stat().st_size} bytes, {time.perf_counter() - started:.0f} s")
        return
    print(_line("rules alone", gold, *predict(paths, sorted(gold), lexicon, NoTagger())), flush=True)
    examples = load_examples(gold, paths, lexicon)
    schemes = {"report": folds_by_report(gold, args.folds), "kind": folds_by_kind(gold)}
    for by in (("report", "kind") if args.by == "both" else (args.by,)):
        merged = cross_validated_predictions(gold, paths, lexicon, schemes[by],
                                             lambda line: print("  " + line, file=sys.stderr, flush=True), examples,
                                             params)
        print(_line(f"rules + CRF by {by}", gold, *merged), flush=True)
    print(f"{time.perf_counter() - started:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
