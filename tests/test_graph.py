"""The graph contract of shared/spec/GRAPH.md, checked by SPARQL on a real build."""

import os
import subprocess
import sys

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, OWL

from kg.rdf.namespace import ITSRDF, KG, NIF
from kg.rdf.store import open_store, run_query
from kg.resources import ontology_file
from kg.validation import validate

from .conftest import REPORTS, ROOT

PREFIXES = """
PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
"""


@pytest.fixture(scope="module")
def store(built):
    return open_store(built)


def _ask(store, body: str) -> bool:
    return bool(run_query(store, PREFIXES + "ASK { " + body + " }"))


def _select(store, query: str):
    return list(run_query(store, PREFIXES + query))


def test_every_report_has_its_node(store):
    rows = _select(store, "SELECT ?file ?title ?author WHERE { ?r a kg:Report ; kg:fileName ?file ; dcterms:title ?title ; kg:author ?a . ?a rdfs:label ?author }")
    files = {row["file"].value: row["author"].value for row in rows}
    assert files == {
        "000_bda7739a96efcbec.txt": "区委常委会",
        "001_60ffe4ad60b6dedb.txt": "区委",
        "002_9ff72cfa76f7b3fe.txt": "区委常委会",
        "003_d135b40d4c98ecd1.txt": "区委常委会",
        "004_2967b34aefa6a6f9.txt": "区委常委会",
    }
    assert all(row["title"].language == "zh" for row in rows)


@pytest.mark.parametrize("cls", ["Organization", "Campaign", "Regulation", "Initiative"])
def test_entities_of_each_type_have_labels(store, cls):
    rows = _select(store, f"SELECT ?e ?label WHERE {{ ?r kg:mentions ?e . ?e a kg:{cls} ; rdfs:label ?label }}")
    assert len(rows) > 10
    assert all(row["label"].language == "zh" for row in rows)


def test_aliases_are_alt_labels(store):
    assert _ask(store, '?e rdfs:label "党中央"@zh ; skos:altLabel "中央"@zh ; a kg:Organization')


@pytest.mark.parametrize("relation", ["issued", "implements", "conducts", "established", "oversees", "refersTo"])
def test_each_relation_has_a_direct_triple_and_its_reified_provenance(store, relation):
    assert _ask(store, f"""
        ?s kg:{relation} ?o .
        ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate kg:{relation} ; rdf:object ?o ;
            prov:wasDerivedFrom ?report ; kg:evidence ?evidence ; nif:beginIndex ?b ; nif:endIndex ?e .
        ?report a kg:Report .""")


def test_evidence_is_the_sentence_at_its_offsets(store):
    rows = _select(store, "SELECT ?file ?evidence ?b ?e WHERE { ?st kg:evidence ?evidence ; nif:beginIndex ?b ; nif:endIndex ?e ; prov:wasDerivedFrom ?r . ?r kg:fileName ?file }")
    texts = {p.name: p.read_text(encoding="utf-8") for p in REPORTS.glob("*.txt")}
    assert len(rows) > 100
    for row in rows:
        assert texts[row["file"].value][int(row["b"].value):int(row["e"].value)] == row["evidence"].value


def test_every_mention_anchor_is_its_span_in_the_report(store):
    rows = _select(store, """SELECT ?file ?anchor ?b ?e WHERE {
        ?m a nif:Phrase ; nif:referenceContext ?r ; nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e ;
           itsrdf:taIdentRef ?entity . ?r kg:fileName ?file . ?entity rdfs:label ?label }""")
    texts = {p.name: p.read_text(encoding="utf-8") for p in REPORTS.glob("*.txt")}
    assert len(rows) > 500
    for row in rows:
        assert texts[row["file"].value][int(row["b"].value):int(row["e"].value)] == row["anchor"].value


def test_one_report_node_per_report(store):
    rows = _select(store, "SELECT DISTINCT ?r WHERE { ?r a kg:Report }")
    assert len(rows) == 5


def test_graph_conforms_to_the_shacl_shapes(built):
    conforms, report = validate(built)
    assert conforms, report


def test_every_kg_term_is_declared_in_the_ontology():
    ontology = Graph().parse(ontology_file("kg.ttl"))
    declared = {s for s in ontology.subjects(RDF.type, None) if isinstance(s, URIRef)}
    for name in KG.__annotations__:
        term = KG[name]
        assert term in declared, f"{term} is not declared in ontology/kg.ttl"
        labels = {label.language for label in ontology.objects(term, RDFS.label)}
        assert {"zh", "en"} <= labels, f"{term} lacks a zh or en label"
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    assert {KG.Report, KG.Organization, KG.Campaign, KG.Regulation, KG.Initiative} <= classes


def test_an_unknown_term_fails_loudly():
    with pytest.raises(AttributeError):
        KG.issuedBy  # noqa: B018
    with pytest.raises(AttributeError):
        NIF.anchor  # noqa: B018
    assert ITSRDF.taIdentRef


def test_serialisations_hold_the_same_triples(built):
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    turtle = Graph().parse(built / "graph.ttl", format="turtle")
    ntriples = Graph().parse(built / "graph.nt", format="nt")
    assert len(turtle) > 5000
    assert isomorphic(turtle, ntriples)
    for name, fmt in (("graph.trig", "trig"), ("graph.jsonld", "json-ld")):
        dataset = Dataset()
        dataset.parse(built / name, format=fmt)
        graphs = [g for g in dataset.graphs() if len(g)]
        assert len(graphs) == 5, name  # one named graph per report
        union = {t for g in graphs for t in g}
        # the union graph is the merge of the reports' graphs plus the build's per-entity counts and communities
        counts = {t for t in turtle if t[1] in (KG.reportCount, KG.mentionCount)}
        assert len(counts) == 2 * len(set(turtle.subjects(KG.reportCount, None)))
        communities = {t for t in turtle if t[1] == KG.community}
        assert communities
        assert union == set(turtle) - counts - communities, name


def test_entity_counts_are_those_of_the_reports_graphs(built):
    """kg:reportCount and kg:mentionCount agree with counting the mentions and their reports."""
    store = open_store(built)
    rows = store.query("""
        PREFIX kg: <https://w3id.org/kg-reports/ontology#>
        PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
        PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
        SELECT ?e ?reports ?mentions (COUNT(DISTINCT ?g) AS ?r) (COUNT(?m) AS ?n) WHERE {
          ?e kg:reportCount ?reports ; kg:mentionCount ?mentions .
          ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?g .
        } GROUP BY ?e ?reports ?mentions""")
    rows = [[int(row[k].value) for k in ("reports", "r", "mentions", "n")] for row in rows]
    assert len(rows) > 400
    assert all(reports == r and mentions == n for reports, r, mentions, n in rows)
    assert any(reports == 5 for reports, *_ in rows)


def test_two_builds_are_byte_identical(built, tmp_path):
    """A second build, in another process with another hash seed, writes the same bytes."""
    outdir = tmp_path / "again"
    env = dict(os.environ, PYTHONHASHSEED="12345")
    subprocess.run([sys.executable, "-m", "kg", "build", str(REPORTS), "-o", str(outdir)],
                   check=True, cwd=ROOT, env=env, capture_output=True)
    files = sorted(p.name for p in built.iterdir() if p.is_file())
    assert files == sorted(p.name for p in outdir.iterdir() if p.is_file())
    for name in files:
        assert (built / name).read_bytes() == (outdir / name).read_bytes(), name
    # the store is a database: its bytes vary, its content does not
    dump = lambda d: sorted(str(q) for q in open_store(d))  # noqa: E731
    assert dump(built) == dump(outdir)


def test_the_store_holds_every_triple_once_in_its_default_graph(built):
    """The store is graph.nt (the merge of the reports' graphs); the named graphs are in the files."""
    import pyoxigraph as ox

    store = open_store(built)
    quads = list(store)
    assert all(q.graph_name == ox.DefaultGraph() for q in quads)
    triples = {(t.subject, t.predicate, t.object) for t in ox.parse(path=str(built / "graph.nt"), format=ox.RdfFormat.N_TRIPLES)}
    assert {(q.subject, q.predicate, q.object) for q in quads} == triples
    assert len(quads) == len(triples) > 5000


def test_the_store_loaded_while_graph_nt_is_written_holds_the_finished_file(built, tmp_path):
    """StoreLoad reads graph.nt as a writer makes it: the file appears late, grows in pieces that cut
    lines and UTF-8 characters, and pauses; the store holds the finished file's triples, no more."""
    import threading
    import time

    import pyoxigraph as ox

    from kg.rdf.store import StoreLoad

    data = (built / "graph.nt").read_bytes()
    folder = tmp_path / "growing"
    folder.mkdir()

    def write():
        time.sleep(0.05)  # the loader starts before the file exists
        with open(folder / "graph.nt", "wb", buffering=0) as out:
            for start in range(0, len(data), 99_991):  # a prime: pieces end mid-line and mid-character
                out.write(data[start:start + 99_991])
                time.sleep(0.002)

    loading = StoreLoad(folder)
    writer = threading.Thread(target=write)
    writer.start()
    writer.join()
    loading.finish()
    loaded = sorted(str(q) for q in ox.Store.read_only(str(folder / "store")))
    whole = ox.Store()
    whole.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    assert loaded == sorted(str(q) for q in whole)
    assert len(loaded) > 5000


def test_a_failed_build_ends_its_store_load_and_keeps_the_last_output(tmp_path, monkeypatch):
    """Writing the graph files fails halfway: the build fails with the error, the loader thread
    ends, and the output folder of the last build is as it was."""
    import threading

    from click.testing import CliRunner

    import kg.pipeline
    from kg.cli import main

    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["build", str(REPORTS), "-o", str(out)]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}

    def fails_halfway(items, folder, *args, **kwargs):
        with open(folder / "graph.nt", "wb") as partial:
            partial.write(b"<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n<https://exa")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kg.pipeline, "write_graph_files", fails_halfway)
    result = CliRunner().invoke(main, ["build", str(REPORTS), "-o", str(out), "--no-cache"])
    assert result.exit_code != 0
    assert "No space left on device" in result.output
    assert not [t for t in threading.enumerate() if t.name == "kg-store"]
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_a_fragment_writes_what_oxigraph_writes_for_its_quads_and_triples(results):
    """render_fragment takes the own N-Triples and Turtle from the own quads' N-Quads and TriG, and
    joins two TriG blocks: each equals Oxigraph's own serialisation of the quads or triples, on
    every sample report."""
    import pyoxigraph as ox

    from kg.rdf.graph import PREFIXES, render_fragment, split_quads, strip_prefix_header

    trig, turtle = ox.RdfFormat.TRIG, ox.RdfFormat.TURTLE
    for name, result in results.items():
        types = {e.key: e.type for e in result.entities}
        fragment = render_fragment(result, types)
        shared, own = split_quads(result, types)
        own_triples = [q.triple for q in own]
        assert fragment.trig == strip_prefix_header(ox.serialize(shared + own, format=trig, prefixes=PREFIXES), trig), name
        assert fragment.own_nt == ox.serialize(own_triples, format=ox.RdfFormat.N_TRIPLES), name
        assert fragment.own_ttl == strip_prefix_header(ox.serialize(own_triples, format=turtle, prefixes=PREFIXES), turtle), name
        assert shared and fragment.own == len(own) > 1000, name
