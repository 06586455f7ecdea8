"""kg push against a real Oxigraph server, started by the test on 127.0.0.1."""

import subprocess
import time
import urllib.request

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.serve import free_port, oxigraph_command

from .conftest import REPORTS


@pytest.fixture()
def endpoint(tmp_path):
    port = free_port()
    server = subprocess.Popen([oxigraph_command(), "serve", "--location", str(tmp_path / "remote"),
                               "--bind", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def _ask(base, sparql):
    request = urllib.request.Request(base + "/query", data=sparql.encode(), headers={
        "Content-Type": "application/sparql-query", "Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode().splitlines()[1:]


def _trig_quads(built):
    import pyoxigraph as ox

    return sum(1 for _ in ox.parse(path=str(built / "graph.trig"), format=ox.RdfFormat.TRIG))


def _counts(base):
    rows = _ask(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g")
    return dict(row.split(",") for row in rows)


def test_push_puts_one_graph_per_report_and_replaces_on_repush(built, endpoint, tmp_path):
    result = CliRunner().invoke(main, ["push", "--graph", str(built), "--endpoint", endpoint + "/store"])
    assert result.exit_code == 0, result.output
    assert "pushed 5 graphs" in result.output
    counts = _counts(endpoint)
    assert len(counts) == 5
    assert sum(int(n) for n in counts.values()) == _trig_quads(built)

    # a graph of another source stays; the reports' graphs are replaced, not appended to
    urllib.request.urlopen(urllib.request.Request(
        endpoint + "/store?graph=http%3A%2F%2Fexample.org%2Fother", data=b"<http://a> <http://b> <http://c> .\n",
        method="PUT", headers={"Content-Type": "application/n-triples"}), timeout=10).read()
    again = CliRunner().invoke(main, ["push", "--graph", str(built), "--endpoint", endpoint + "/store"])
    assert again.exit_code == 0, again.output
    after = _counts(endpoint)
    assert {g: n for g, n in after.items() if g != "http://example.org/other"} == counts
    assert after["http://example.org/other"] == "1"

    # a smaller build pushed over it replaces that report's graph
    small = tmp_path / "small"
    assert CliRunner().invoke(main, ["build", str(REPORTS / "000_bda7739a96efcbec.txt"), "-o", str(small)]).exit_code == 0
    assert CliRunner().invoke(main, ["push", "--graph", str(small), "--endpoint", endpoint + "/store"]).exit_code == 0
    report = "https://w3id.org/kg-reports/resource/report/000_bda7739a96efcbec.txt"
    assert _counts(endpoint)[report] == counts[report]


def test_unreachable_endpoint_is_a_clear_error(built):
    port = free_port()
    result = CliRunner().invoke(main, ["push", "--graph", str(built), "--endpoint", f"http://127.0.0.1:{port}/store",
                                       "--timeout", "2"])
    assert result.exit_code != 0
    assert "cannot reach the endpoint" in result.output
