"""kg serve: the Oxigraph server over a build, queried by a real SPARQL client over HTTP."""

import urllib.error
import urllib.request

import pytest

from kg.query import query
from kg.serve import Server, free_port

from .conftest import ROOT

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper is not installed")
QUERIES = sorted((ROOT / "ontology" / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def server(built):
    port = free_port()
    pages = free_port()
    with Server(built, port, pages) as running:
        yield running


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_shipped_queries_answer_the_same_over_http(server, built, path):
    client = SPARQLWrapper.SPARQLWrapper(server.endpoint)
    client.setQuery(path.read_text(encoding="utf-8"))
    client.setReturnFormat(SPARQLWrapper.JSON)
    answer = client.query().convert()
    variables = answer["head"]["vars"]
    over_http = [[b.get(v, {}).get("value", "") for v in variables] for b in answer["results"]["bindings"]]
    local = query(str(path), built)
    assert variables == local.variables
    assert over_http == local.rows
    assert over_http


def test_pages_are_served_and_nothing_else(server, built):
    for name in ("network.html", "across.html"):
        with urllib.request.urlopen(server.pages + name, timeout=5) as response:
            assert response.status == 200
            assert response.read() == (built / name).read_bytes()
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(server.pages + "graph.nt", timeout=5)
    assert refused.value.code == 404


def test_read_only_by_default(server):
    request = urllib.request.Request(server.endpoint.replace("/query", "/update"), data=b"update=CLEAR%20ALL",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code in (403, 404, 405)
    client = SPARQLWrapper.SPARQLWrapper(server.endpoint)
    client.setQuery("PREFIX kg: <https://w3id.org/kg-reports/ontology#> ASK { ?r a kg:Report }")
    client.setReturnFormat(SPARQLWrapper.JSON)
    assert client.query().convert()["boolean"] is True


def test_a_taken_port_is_a_clear_error(server, built):
    from kg.errors import BuildError

    with pytest.raises(BuildError, match="already in use"):
        Server(built, server.port, free_port()).start()
