"""Extraction quality on every kind of report: the 5 samples and the 20 excerpts (issue 15's bars).

The figures are those of the extraction a build runs, the rules alone
(``predicted`` in ``conftest.py``), as ``kg eval`` of a build gives them. As
in ``test_quality.py``: a bar not met yet is in ``UNMET``, an expected
failure that turns into a failure the day it passes; the floors are the
figures last measured (truncated), below which a change fails. The rules'
constructions come from the genres, not from the twenty excerpts, but some
were chosen with the excerpts' errors in view (gazetteer rows, and the
party-congress vetoes and clause-start verbs of December 2026): each was
checked over the 192 unannotated reports of ``shared/corpus`` as well, and
the closing notes say which.

The CRF of the mentions stage is left out of builds: cross-validated by
report (``cross_validated`` in ``conftest.py``), it no longer raises typed
F1 (:func:`test_the_crf_is_left_out_of_builds_because_it_no_longer_raises_typed_f1`).
"""

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.evaluation import evaluate, load_gold, score, score_by_kind
from kg.rdf.store import open_store, run_query

from .conftest import EXCERPTS, GOLD, REPORTS

BARS = {"entities_typed": 0.85, "relations": 0.75}
KIND_BAR = 0.80
UNMET = set()  # measured 0.852 (tp 1750, fp 198, fn 412), relations 0.864, government 0.827, party-congress 0.832
FLOORS = {"entities_typed": 0.85, "relations": 0.86}
KIND_FLOORS = {"government": 0.82, "party-committee": 0.89, "party-congress": 0.83}


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
def scores(gold, predicted):
    scores = score(gold, *predicted)
    scores.by_kind = score_by_kind(gold, *predicted)
    return scores


def _f1(scores, measure):
    return {"entities_typed": scores.typed, "relations": scores.relations}[measure].f1


def test_all_25_reports_are_built_and_scored_and_their_kinds_are_the_gold_kinds(built_all, scores):
    built = evaluate(built_all, GOLD)
    assert built.reports == scores.reports == 25
    assert (built.typed.tp, built.typed.fp, built.typed.fn) == (scores.typed.tp, scores.typed.fp, scores.typed.fn)
    assert round(built.relations.f1, 9) == round(scores.relations.f1, 9)
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


def test_the_crf_is_left_out_of_builds_because_it_no_longer_raises_typed_f1(gold, scores, cross_validated):
    """Issue 15: a statistical part stays only if it raises the scores of reports it was not trained on.

    The rules alone against rules + CRF cross-validated by report. Measured: typed 0.852 ->
    0.846, relations 0.864 -> 0.867, government 0.827 -> 0.826, party-committee 0.899 ->
    0.880, party-congress 0.832 -> 0.842, at more than twice the
    extraction's time (0.306 s against 0.134 s for the five samples). Its typed margin had
    shrunk from +0.022 to +0.002 as the gazetteers took in what it had learnt. The day it
    raises typed F1 by 0.005 again, this test fails: put it back into builds.
    """
    with_crf = score(gold, *cross_validated)
    assert with_crf.typed.f1 < scores.typed.f1 + 0.005, (with_crf.typed.f1, scores.typed.f1)


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
