"""Extraction quality on every kind of report: the 5 samples and the 20 excerpts (issue 15's bars), cross-validated.

The CRF of the mentions stage is trained on these 25 reports, so the bars
are measured on the cross-validation by report (``cross_validated`` in
``conftest.py``): each report is tagged by a model trained on the other
four folds. As in ``test_quality.py``: a bar not met yet is in ``UNMET``,
an expected failure that turns into a failure the day it passes; the floors
are the figures last measured (truncated), below which a change fails. None
of the twenty excerpts was used to write a rule.
"""

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluation import evaluate, load_gold, score, score_by_kind
from kg.mentions.tagger import NoTagger
from kg.rdf.store import open_store, run_query
from kg.training import predict, report_paths

from .conftest import EXCERPTS, GOLD, REPORTS

BARS = {"entities_typed": 0.85, "relations": 0.75}
KIND_BAR = 0.80
UNMET = {"entities_typed", "government", "party-congress"}  # measured 0.806, 0.775, 0.792 (relations: 0.837, met)
FLOORS = {"entities_typed": 0.80, "relations": 0.83}
KIND_FLOORS = {"government": 0.77, "party-committee": 0.86, "party-congress": 0.79}


@pytest.fixture(scope="module")
def built_all(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("all") / "output"
    result = CliRunner().invoke(main, ["build", str(REPORTS), str(EXCERPTS), "-o", str(outdir), "--no-cache"])
    assert result.exit_code == 0, result.output
    return outdir


@pytest.fixture(scope="module")
def gold():
    return load_gold(GOLD)


@pytest.fixture(scope="module")
def scores(gold, cross_validated):
    scores = score(gold, *cross_validated)
    scores.by_kind = score_by_kind(gold, *cross_validated)
    return scores


def _f1(scores, measure):
    return {"entities_typed": scores.typed, "relations": scores.relations}[measure].f1


def test_all_25_reports_are_built_and_scored_and_their_kinds_are_the_gold_kinds(built_all, scores):
    built = evaluate(built_all, GOLD)
    assert built.reports == scores.reports == 25
    assert built.kind_agreement == (25, 25)
    assert {k: s.reports for k, s in built.by_kind.items()} == {"government": 15, "party-committee": 5,
                                                                "party-congress": 5}


@pytest.mark.parametrize("measure, bar", [
    pytest.param(m, b, marks=pytest.mark.xfail(strict=True, reason="bar not met yet")) if m in UNMET else (m, b)
    for m, b in sorted(BARS.items())
])
def test_f1_bar(scores, measure, bar):
    assert _f1(scores, measure) >= bar, f"{measure}: F1 {_f1(scores, measure):.3f} < {bar}"


@pytest.mark.parametrize("kind", [
    pytest.param(k, marks=pytest.mark.xfail(strict=True, reason="bar not met yet")) if k in UNMET else k
    for k in sorted(KIND_FLOORS)
])
def test_typed_f1_bar_of_each_kind(scores, kind):
    assert scores.by_kind[kind].typed.f1 >= KIND_BAR, f"{kind}: F1 {scores.by_kind[kind].typed.f1:.3f}"


@pytest.mark.parametrize("measure, floor", sorted(FLOORS.items()))
def test_f1_floor(scores, measure, floor):
    assert _f1(scores, measure) >= floor, f"{measure}: F1 {_f1(scores, measure):.3f} < {floor}"


@pytest.mark.parametrize("kind, floor", sorted(KIND_FLOORS.items()))
def test_typed_f1_floor_of_each_kind(scores, kind, floor):
    assert scores.by_kind[kind].typed.f1 >= floor, f"{kind}: F1 {scores.by_kind[kind].typed.f1:.3f} < {floor}"


def test_the_crf_is_kept_because_it_raises_the_cross_validated_scores(gold, lexicon, scores):
    """Issue 15: a statistical part stays only if it raises the scores of reports it was not trained on.

    Rules alone against rules + CRF, by report: overall, on government and on
    party-congress reports (typed F1), and relations overall. Measured: typed
    0.804 -> 0.806, relations 0.834 -> 0.837, government 0.766 -> 0.775,
    party-congress 0.761 -> 0.792 (party-committee: 0.880 -> 0.862, the
    kind the rules were written from). The margins shrink as the rules reach
    more of what only the CRF found (typed +0.022 before the central
    formulations came into the gazetteer, +0.008 before the national
    programmes did, +0.002 now), so the test asserts a raise, not its size:
    +0.001 overall, +0.005 on each of the two kinds.
    """
    rules = predict(report_paths(gold, (REPORTS, EXCERPTS)), sorted(gold), lexicon, NoTagger())
    alone, alone_by_kind = score(gold, *rules), score_by_kind(gold, *rules)
    assert scores.typed.f1 > alone.typed.f1 + 0.001, (scores.typed.f1, alone.typed.f1)
    assert scores.relations.f1 > alone.relations.f1, (scores.relations.f1, alone.relations.f1)
    for kind in ("government", "party-congress"):
        assert scores.by_kind[kind].typed.f1 > alone_by_kind[kind].typed.f1 + 0.005, kind


def test_every_mentions_edge_has_a_mention_in_that_report_the_author_too(built_all):
    """The author is a mention where it was read (the speaker's words, a field line, the title)."""
    lonely = list(run_query(open_store(built_all), """
        PREFIX kg: <https://w3id.org/kg-reports/ontology#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        SELECT ?file ?e WHERE {
          ?r kg:fileName ?file ; kg:mentions ?e .
          FILTER NOT EXISTS { ?m nif:referenceContext ?r ; itsrdf:taIdentRef ?e }
        }"""))
    assert lonely == []
    authors = list(run_query(open_store(built_all), """
        PREFIX kg: <https://w3id.org/kg-reports/ontology#>
        SELECT (COUNT(?r) AS ?n) WHERE { ?r kg:author ?a }"""))
    assert int(authors[0]["n"].value) == 25
