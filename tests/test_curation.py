"""Hand curation: kg curate writes curation.csv, every build applies it after entity resolution."""

import csv
import json
import shutil

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDFS

from kg.cli import main
from kg.curation import Curation, CurationError
from kg.rdf.graph import entity_iri
from kg.rdf.namespace import KG

from .conftest import EXCERPTS, REPORTS


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result


@pytest.fixture
def folder(tmp_path):
    """A copy of the five sample reports."""
    target = tmp_path / "reports"
    target.mkdir()
    for path in sorted(REPORTS.glob("*.txt")):
        shutil.copy(path, target)
    return target


def _network(out):
    return {n["label"]: n for n in json.loads((out / "network.json").read_text(encoding="utf-8"))["nodes"]}


def test_each_action_is_applied_by_the_build_and_recorded_in_the_graph(folder, tmp_path):
    before_out = tmp_path / "before"
    assert _run("build", folder, "-o", before_out, "--no-cache").exit_code == 0
    before = _network(before_out)
    assert {"中央八项规定", "四风", "区人大", "民主生活会", "市政府"} <= set(before)
    assert before["四风"]["type"] == "Initiative" and before["中央八项规定"]["type"] == "Regulation"

    for args in (("merge", "中央八项规定", "四风"), ("rename", "区人大", "区人大常委会"),
                 ("retype", "民主生活会", "Campaign"), ("drop", "市政府")):
        result = _run("curate", *args, "-i", folder)
        assert result.exit_code == 0, result.output
    listed = _run("curate", "list", "-i", folder).output
    assert "1 merge 中央八项规定 <- 四风" in listed and "4 drop 市政府" in listed

    out = tmp_path / "after"
    result = _run("build", folder, "-o", out, "--no-cache")
    assert result.exit_code == 0, result.output
    assert "reports read: 5" in result.output  # curation.csv is no report
    assert "curation: 4 entries" in result.output and "changed 5 reports" in result.output
    after = _network(out)
    merged = after["中央八项规定"]
    assert "四风" not in after and "四风" in merged["aliases"]
    assert merged["type"] == "Regulation"  # the first name keeps its type
    assert set(merged["reports"]) == set(before["中央八项规定"]["reports"]) | set(before["四风"]["reports"])
    assert merged["mentions"] == before["中央八项规定"]["mentions"] + before["四风"]["mentions"]
    assert "区人大" not in after and after["区人大常委会"]["aliases"] == ["区人大"]
    assert after["民主生活会"]["type"] == "Campaign"
    assert "市政府" not in after
    assert merged["curated"] == ["1 merge 中央八项规定 <- 四风"]

    graph = Graph().parse(out / "graph.nt", format="nt")
    dropped = URIRef(str(entity_iri("市政府")))
    assert (None, None, dropped) not in graph and (dropped, None, None) not in graph  # no mention, relation or label
    entity = URIRef(merged["id"])
    assert (entity, RDFS.label, Literal("中央八项规定", lang="zh")) in graph
    entries = list(graph.objects(entity, PROV.wasInfluencedBy))
    assert len(entries) == 1
    assert (entries[0], KG.action, Literal("merge")) in graph
    assert (entries[0], KG.curatedValue, Literal("四风")) in graph
    source = graph.value(entries[0], PROV.wasDerivedFrom)
    assert graph.value(source, KG.fileName) == Literal("curation.csv")

    # undo brings the entity back
    assert _run("curate", "undo", "4", "-i", folder).exit_code == 0
    assert _run("build", folder, "-o", out, "--no-cache").exit_code == 0
    assert "市政府" in _network(out)


def test_an_entry_that_matches_nothing_is_reported_and_a_local_organ_is_named_with_its_place(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXCERPTS / "d02_高阳县_2019.txt", folder)
    assert _run("curate", "drop", "县委", "-i", folder).exit_code == 0
    out = tmp_path / "out"
    result = _run("build", folder, "-o", out, "--no-cache")
    assert result.exit_code == 0
    assert "entry 1 drop 县委 matches no entity of this build" in result.output
    assert "县委@高阳县" in result.output  # the key it may have meant
    assert "县委" in _network(out)
    rows = list(csv.DictReader((out / "entities.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert {r["label"]: r["key"] for r in rows}["县委"] == "县委@高阳县"  # where a user finds the key
    # named with its place, or by IRI, it applies
    assert _run("curate", "undo", "1", "-i", folder).exit_code == 0
    assert _run("curate", "rename", "县委@高阳县", "中共高阳县委", "-i", folder).exit_code == 0
    assert _run("curate", "drop", str(entity_iri("县政协@高阳县")), "-i", folder).exit_code == 0
    result = _run("build", folder, "-o", out, "--no-cache")
    assert "match nothing" not in result.output
    after = _network(out)
    assert "中共高阳县委" in after and "县委" in after["中共高阳县委"]["aliases"] and "县政协" not in after


def test_a_new_entry_rebuilds_only_the_reports_it_touches(folder, tmp_path):
    out, cache = tmp_path / "out", tmp_path / "cache"
    assert _run("build", folder, "-o", out, "--cache", cache).exit_code == 0
    touched = _network(out)["工商联"]["reports"]
    assert 0 < len(touched) < 5
    assert _run("curate", "drop", "工商联", "-i", folder).exit_code == 0
    result = _run("build", folder, "-o", out, "--cache", cache)
    assert result.exit_code == 0
    assert f"copied from the last build: {5 - len(touched)} reports' shares" in result.output
    fresh = tmp_path / "fresh"
    assert _run("build", folder, "-o", fresh, "--no-cache").exit_code == 0
    for name in ("graph.nt", "graph.ttl", "network.json"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name


def test_where_the_curation_file_is(folder, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(EXCERPTS / "d02_高阳县_2019.txt", other)
    assert _run("curate", "drop", "市政府", "-i", folder).exit_code == 0
    out = tmp_path / "out"
    result = _run("build", folder, other, "-o", out, "--no-cache")
    assert result.exit_code != 0 and "--curation" in result.output and not out.exists()
    result = _run("build", folder, other, "-o", out, "--no-cache", "--curation", folder / "curation.csv")
    assert result.exit_code == 0 and "changed" in result.output
    # kg curate needs to know the folder, and which one of several
    assert "-i FOLDER" in _run("curate", "list").output
    assert "--curation FILE" in _run("curate", "list", "-i", folder, "-i", other).output
    moved = tmp_path / "fixes.csv"
    assert _run("curate", "drop", "省委", "--curation", moved).exit_code == 0
    assert Curation.load(moved).entries[0].name == "省委"


def test_a_malformed_file_is_an_error_that_names_the_line_and_writes_nothing(folder, tmp_path):
    (folder / "curation.csv").write_text("entry,action,name,value\n1,merge,中央八项规定,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _run("build", folder, "-o", out, "--no-cache")
    assert result.exit_code != 0
    assert "curation.csv: line 2 (entry 1): merge takes a name and one or more names" in result.output
    assert not out.exists()
    (folder / "curation.csv").write_text("entry,action,name,value\n1,retype,四风,Thing\n", encoding="utf-8")
    with pytest.raises(CurationError, match="unknown type 'Thing'"):
        Curation.load(folder / "curation.csv")
    (folder / "curation.csv").write_text("name,action\n", encoding="utf-8")
    with pytest.raises(CurationError, match="line 1: expected the header"):
        Curation.load(folder / "curation.csv")


def test_the_file_round_trips_and_reads_as_a_diff(tmp_path):
    path = tmp_path / "curation.csv"
    curation = Curation.load(path)
    curation, first = curation.add("merge", "党中央", "中央", "中共中央")
    curation, _ = curation.add("drop", "X")
    curation.save(path)
    assert path.read_text(encoding="utf-8") == (
        "entry,action,name,value\n1,merge,党中央,中央\n1,merge,党中央,中共中央\n2,drop,X,\n")
    loaded = Curation.load(path)
    assert loaded.entries == curation.entries and loaded.entries[0] == first
    undone, entry = loaded.undo(1)
    assert entry == first and [e.number for e in undone.entries] == [2]
    with pytest.raises(CurationError, match="no entry 7"):
        loaded.undo(7)
