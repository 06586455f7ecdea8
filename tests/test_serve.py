"""kg serve: the Oxigraph server over a build, queried by a real SPARQL client over HTTP."""

import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from kg.query import bind_parameters, query
from kg.serve import Server, free_port

from .conftest import children_of
from .test_queries import ON_THE_SAMPLES, PARAMS

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="SPARQLWrapper is not installed")


@pytest.fixture(scope="module")
def server(built):
    port = free_port()
    pages = free_port()
    with Server(built, port, pages) as running:
        yield running


@pytest.mark.parametrize("path", ON_THE_SAMPLES, ids=lambda p: p.name)
def test_shipped_queries_answer_the_same_over_http(server, built, path):
    client = SPARQLWrapper.SPARQLWrapper(server.endpoint)
    client.setQuery(bind_parameters(path.read_text(encoding="utf-8"), PARAMS.get(path.name, {})))
    client.setReturnFormat(SPARQLWrapper.JSON)
    answer = client.query().convert()
    variables = answer["head"]["vars"]
    over_http = [[b.get(v, {}).get("value", "") for v in variables] for b in answer["results"]["bindings"]]
    local = query(str(path), built, params=PARAMS.get(path.name))
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


def _get(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def _ask(server) -> bool:
    status, body = _get(server.endpoint + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
    return status == 200 and "true" in body


@pytest.mark.parametrize("sparql, says", [
    ("SELECT * WHERE " + "{" * 5000 + "}" * 5000, "over the limit of 64"),
    ("SELECT * WHERE { " + " UNION ".join("{ ?s ?p %d }" % i for i in range(1500)) + " }", "1,499 UNION branches"),
], ids=["nested-braces", "unions"])
def test_a_query_that_crashed_the_endpoint_gets_400_and_the_endpoint_stays_up(server, sparql, says):
    """5,000 nested braces used to abort Oxigraph: the endpoint and the pages went down and kg serve exited 0."""
    pid = server.oxigraph_pid
    for send in ("get", "post"):
        if send == "get":
            status, body = _get(server.endpoint + "?query=" + urllib.parse.quote(sparql))
        else:
            request = urllib.request.Request(server.endpoint.replace("/query", "/sparql"), data=sparql.encode(),
                                             headers={"Content-Type": "application/sparql-query"})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    status, body = response.status, response.read().decode()
            except urllib.error.HTTPError as exc:
                status, body = exc.code, exc.read().decode()
        assert status == 400 and "refused" in body and says in body
    assert _ask(server) and server.oxigraph_pid == pid


def test_the_proxy_passes_form_posts_and_refuses_unknown_paths(server):
    request = urllib.request.Request(server.endpoint, data=b"query=" + urllib.parse.quote_plus("ASK {}").encode(),
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200 and b'"boolean"' in response.read()
    assert _get(server.endpoint.replace("/query", "/nothing"))[0] == 404


def test_a_dead_engine_is_restarted_and_said_then_given_up_on(built):
    """Oxigraph killed: restarted with a line each time, at most three times a minute; the fourth ends wait()."""
    import os
    import signal
    import threading

    from kg.errors import BuildError

    lines = []
    with Server(built, free_port(), free_port(), log=lines.append) as running:
        for restart in range(1, 4):
            os.kill(running.oxigraph_pid, signal.SIGKILL)
            deadline = time.monotonic() + 30
            while not (len(lines) >= 2 * restart and _ask(running)) and time.monotonic() < deadline:
                time.sleep(0.1)
            assert _ask(running), lines
            assert f"restart {restart} of at most 3" in lines[-1]
        status, _ = _get(running.pages + "network.html")
        assert status == 200  # the pages never went down
        failed = []
        waiter = threading.Thread(target=lambda: failed.append(pytest.raises(BuildError, running.wait)))
        waiter.start()
        os.kill(running.oxigraph_pid, signal.SIGKILL)
        waiter.join(30)
        assert not waiter.is_alive() and failed
        assert "4 times within 60 s; giving up" in str(failed[0].value)
    assert "stopped (exit code -9)" in lines[0] and "restarting it" in lines[0]


def test_kg_serve_exits_1_when_the_engine_cannot_be_kept_up(built):
    import os
    import signal
    import subprocess
    import sys

    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(built), "--port", str(port),
                              "--pages-port", str(free_port())], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        assert serve.stdout.readline().startswith("SPARQL endpoint:")
        for _ in range(4):
            deadline = time.monotonic() + 30
            children = []
            while not children and time.monotonic() < deadline:
                children = children_of(serve.pid)
                time.sleep(0.2)
            os.kill(children[0], signal.SIGKILL)
            time.sleep(1.5)
        _, stderr = serve.communicate(timeout=30)
    finally:
        serve.kill()
    assert serve.returncode == 1
    assert "restarting it" in stderr and "giving up" in stderr
