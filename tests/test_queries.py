"""The shipped queries of ontology/queries/ run and answer on the sample reports."""

import pytest

from kg.query import format_result, query

from .conftest import ROOT

QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))
#: Parameters for the parameterised queries on the samples. initiatives_by_places needs reports of real places,
#: which the anonymised samples are not: tests/test_facets.py runs it on the 27 provincial reports of 2026.
PARAMS = {"shared_entities.rq": {"a": "000_bda7739a96efcbec.txt", "b": "002_9ff72cfa76f7b3fe.txt"},
          "entity_years.rq": {"name": "习近平新时代中国特色社会主义思想"}}
ON_THE_SAMPLES = [q for q in QUERIES if q.name != "initiatives_by_places.rq"]


def test_the_four_promised_queries_are_shipped():
    names = {q.name for q in QUERIES}
    assert {"initiatives_across_reports.rq", "documents_by_issuer.rq", "campaigns_per_report.rq",
            "relation_evidence.rq"} <= names


@pytest.mark.parametrize("path", ON_THE_SAMPLES, ids=lambda p: p.name)
def test_each_shipped_query_returns_rows(built, path):
    result = query(str(path), built, params=PARAMS.get(path.name))
    assert result.kind == "select"
    assert result.rows


def test_initiatives_across_reports_counts_reports(built):
    result = query(str(ROOT / "ontology/queries/initiatives_across_reports.rq"), built)
    counts = {row[0]: int(row[1]) for row in result.rows}
    assert counts["习近平新时代中国特色社会主义思想"] == 5
    assert all(n >= 2 for n in counts.values())
    # the same answer as counting the reports' kg:mentions links
    counted = query("""PREFIX kg: <https://w3id.org/kg-reports/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r kg:mentions ?e . ?e a kg:Initiative ; rdfs:label ?label }
        GROUP BY ?label HAVING (COUNT(DISTINCT ?r) >= 2)""", built)
    assert counts == {row[0]: int(row[1]) for row in counted.rows}


def test_campaigns_per_report_covers_every_report(built):
    result = query(str(ROOT / "ontology/queries/campaigns_per_report.rq"), built)
    assert len(result.rows) == 5


def test_ask_construct_and_formats(built):
    ask = query("PREFIX kg: <https://w3id.org/kg-reports/ontology#> ASK { ?r a kg:Report }", built)
    assert ask.boolean is True
    assert format_result(ask, "json") == '{"boolean": true}'
    graph = query("PREFIX kg: <https://w3id.org/kg-reports/ontology#> CONSTRUCT { ?r a kg:Report } WHERE { ?r a kg:Report }", built)
    assert len(graph.triples) == 5
    select = query("PREFIX kg: <https://w3id.org/kg-reports/ontology#> SELECT ?f WHERE { ?r kg:fileName ?f } ORDER BY ?f", built)
    assert format_result(select, "csv").splitlines()[:2] == ["f", "000_bda7739a96efcbec.txt"]
    assert format_result(select, "table").endswith("(5 rows)")
