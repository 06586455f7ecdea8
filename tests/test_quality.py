"""Extraction quality on the gold annotations of the five sample reports.

The figures are those of the extraction a build runs, the rules alone
(``predicted`` in ``conftest.py``): no part of it is trained on these
reports, though the rules were first written from them. The CRF of the
mentions stage, trained on the gold, is left out of builds (README, "The
tagger"; ``test_quality_kinds.py`` checks why).

Two kinds of threshold. The bars are issue 3's targets: a build that scores
below a bar fails. A bar not met is listed in ``UNMET``: its test is then
an expected failure that turns into a failure the day it passes, so the mark
gets removed. The floors are the figures last measured (truncated, see the
closing notes of the issues): a change that scores below them fails, even
above the bar.
"""

import json
from collections import Counter
from pathlib import Path

import pytest

from kg.evaluation import evaluate, load_gold, score

from .conftest import GOLD, REPORTS

SHARED_GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold"

BARS = {"entities_untyped": 0.90, "entities_typed": 0.85, "relations": 0.70}
TYPE_BAR = 0.80
# The rules alone: untyped 0.903 (met since December 2026, when 三项建设 and 两个不平衡 behind mistyped
# quotation marks were read), typed 0.899, relations 0.884; Initiative 0.852 (met since builds left the CRF
# out: with it, cross-validated, 0.797).
UNMET = set()

FLOORS = {
    "entities_untyped": 0.90,
    "entities_typed": 0.89,
    "relations": 0.88,
}
# relations 0.886 -> 0.874 with the frames of relation_frames.txt (在市委坚强领导下: 市委 oversees the
# author): the samples' gold never counts the higher committees that lead a district committee, while the
# excerpts' gold counts them for every county and province government (all 25: 0.762 -> 0.771).
# The samples' gold leaves out 工会 (001, 002) where the excerpts' gold counts it (湖北 2026, 十八大, 十六大).
# Measured, the rules alone: Organization 0.920, Campaign 0.902, Regulation 0.973, Initiative 0.852.
TYPE_FLOORS = {"Organization": 0.91, "Campaign": 0.90, "Regulation": 0.97, "Initiative": 0.85}


def _f1(scores, measure):
    return {"entities_untyped": scores.entities, "entities_typed": scores.typed, "relations": scores.relations}[measure].f1


def _unmet(name):
    return pytest.mark.xfail(strict=True, reason="bar not met yet") if name in UNMET else ()


@pytest.fixture(scope="module")
def scores(predicted):
    samples = {name: g for name, g in load_gold(GOLD).items() if (REPORTS / name).is_file()}
    return score(samples, *predicted)


def test_all_five_reports_are_scored_and_a_build_scores_as_the_rules_alone(scores, built):
    built_scores = evaluate(built, GOLD)
    assert scores.reports == built_scores.reports == 5
    assert (built_scores.typed.tp, built_scores.typed.fp, built_scores.typed.fn) == (
        scores.typed.tp, scores.typed.fp, scores.typed.fn)


@pytest.mark.parametrize("measure, bar", [pytest.param(m, b, marks=_unmet(m)) for m, b in sorted(BARS.items())])
def test_f1_bar(scores, measure, bar):
    assert _f1(scores, measure) >= bar, f"{measure}: F1 {_f1(scores, measure):.3f} < {bar}"


@pytest.mark.parametrize("etype", [pytest.param(t, marks=_unmet(t)) for t in sorted(TYPE_FLOORS)])
def test_per_type_f1_bar(scores, etype):
    assert scores.per_type[etype].f1 >= TYPE_BAR, f"{etype}: F1 {scores.per_type[etype].f1:.3f} < {TYPE_BAR}"


@pytest.mark.parametrize("measure, floor", sorted(FLOORS.items()))
def test_f1_floor(scores, measure, floor):
    assert _f1(scores, measure) >= floor, f"{measure}: F1 {_f1(scores, measure):.3f} < {floor}"


@pytest.mark.parametrize("etype, floor", sorted(TYPE_FLOORS.items()))
def test_per_type_f1_floor(scores, etype, floor):
    assert scores.per_type[etype].f1 >= floor, f"{etype}: F1 {scores.per_type[etype].f1:.3f} < {floor}"


def test_gold_is_loaded_whole():
    """Every gold file is read: the 5 sample reports and the 20 excerpts of other kinds, each with its kind."""
    gold = load_gold(GOLD)
    assert len(gold) == len(list(GOLD.glob("*.json"))) == 25
    assert sum(name in gold for name in (p.name for p in REPORTS.glob("*.txt"))) == 5
    assert Counter(g["kind"] for g in gold.values()) == {"government": 15, "party-committee": 5, "party-congress": 5}
    assert sum(len(g["entities"]) for g in gold.values()) == sum(
        len(json.loads(p.read_text(encoding="utf-8"))["entities"]) for p in GOLD.glob("*.json"))


@pytest.mark.skipif(not SHARED_GOLD.is_dir(), reason="no ../shared/gold beside the project")
def test_gold_copy_is_current():
    """When ../shared/gold is corrected, tests/gold must take the new version."""
    shared = sorted(p.name for p in SHARED_GOLD.glob("*.json"))
    assert sorted(p.name for p in GOLD.glob("*.json")) == shared, "tests/gold must hold exactly ../shared/gold's files"
    for path in sorted(SHARED_GOLD.glob("*.json")):
        assert (GOLD / path.name).read_bytes() == path.read_bytes(), f"tests/gold/{path.name} is out of date"


def test_error_groups_do_not_depend_on_the_order_of_the_names():
    """中央 sorts before 中央生态环保督察组: it is spurious, not a boundary error of a gold name matched later."""
    from kg.evaluation import score

    gold = {"r.txt": {"entities": [{"type": "Organization", "names": ["中央生态环保督察组"]},
                                   {"type": "Initiative", "names": ["群团改革"]}], "relations": []}}
    predicted = {"r.txt": {"中央": "Organization", "中央生态环保督察组": "Organization", "群团改革工作机制": "Initiative"}}
    scores = score(gold, predicted, {})
    causes = {(e["cause"], e["name"], e["gold"]) for e in scores.errors}
    assert causes == {("spurious", "中央", ""), ("boundary", "群团改革工作机制", "群团改革")}
    assert (scores.entities.tp, scores.entities.fp, scores.entities.fn) == (1, 2, 1)
