"""The network page: plain vis data, and an offline, inert HTML file."""

import re

from click.testing import CliRunner

from kg.cli import main
from kg.resolution import entity_types
from kg.viz import TYPE_COLOURS, external_references, limit_nodes, to_vis_data

from .conftest import DATA


def test_vis_data_is_plain_and_sized_by_reports(results):
    data = to_vis_data(list(results.values()), entity_types(results.values()))
    nodes, edges = data["nodes"], data["edges"]
    assert data["reports"] == sorted(results)
    by_label = {n["label"]: n for n in nodes}
    thought = by_label["习近平新时代中国特色社会主义思想"]
    assert thought["value"] == 5 and len(thought["reports"]) == 5
    assert thought["type"] == "Initiative"
    assert "报告 reports (5)" in thought["title"] and "证据 evidence" in thought["title"]
    for report, begin, end, sentence in thought["evidence"]:
        assert results[report].document.text[begin:end].startswith(sentence.rstrip("…"))
    assert {n["color"] for n in nodes} <= set(TYPE_COLOURS.values())
    ids = {n["id"] for n in nodes}
    assert all(e["from"] in ids and e["to"] in ids for e in edges)
    assert {e["label"] for e in edges} == {"issued", "implements", "conducts", "established", "oversees", "refersTo"}


def test_network_page_is_self_contained(built):
    page = (built / "network.html").read_text(encoding="utf-8")
    assert external_references(page) == []
    assert "node_modules" not in page and "cdn.jsdelivr" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?https?:""", page)
    assert "vis.Network" in page  # vis-network is inline
    assert 'id="kg-types"' in page and 'id="kg-panel"' in page  # legend with type filters, entity panel
    for label in ("Organization", "Campaign", "Regulation", "Initiative"):
        assert label in page


def test_hostile_report_text_stays_inert(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(DATA / "hostile.txt"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "network.html").read_text(encoding="utf-8")
    # the report's markup reaches the page only as escaped data
    assert "<script>alert(1)</script>" not in page
    assert "<img src=x onerror" not in page
    assert "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e" in page


def test_limit_nodes_keeps_the_most_connected(results):
    data = to_vis_data(list(results.values()), entity_types(results.values()))
    kept, dropped = limit_nodes(data, 20)
    assert len(kept["nodes"]) == 20
    assert dropped["nodes"] == len(data["nodes"]) - 20
    assert sum(dropped["by_type"].values()) == dropped["nodes"]
    ids = {n["id"] for n in kept["nodes"]}
    assert all(e["from"] in ids and e["to"] in ids for e in kept["edges"])
    assert dropped["edges"] == len(data["edges"]) - len(kept["edges"])
    # the two authors, hubs of the graph, are kept
    assert {"区委常委会", "区委"} <= {n["label"] for n in kept["nodes"]}
    assert limit_nodes(data, None) == (data, {"nodes": 0, "edges": 0, "by_type": {}})


def test_kg_viz_redraws_a_build_with_max_nodes(built, tmp_path):
    out = tmp_path / "small.html"
    result = CliRunner().invoke(main, ["viz", "--graph", str(built), "-o", str(out), "--max-nodes", "50"])
    assert result.exit_code == 0, result.output
    assert "kept 50 of" in result.output and "dropped" in result.output
    page = out.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert page.count('"kg_type"') == 50


def test_vis_data_does_not_depend_on_the_order_reports_arrive_in(results):
    """A build folds results as workers finish them, in any order."""
    ordered = list(results.values())
    types = entity_types(ordered)
    assert to_vis_data(ordered, types) == to_vis_data(ordered[::-1], types)
    assert to_vis_data(ordered, types) == to_vis_data(ordered[2:] + ordered[:2], types)


def test_a_large_network_page_draws_the_most_connected_and_keeps_all_in_the_data(tmp_path, monkeypatch):
    import json

    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "PAGE_MAX_NODES", 50)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(DATA.parent.parent / "data" / "reports"), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "network.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) > 400  # far more than the 50 drawn
    page = (out / "network.html").read_text(encoding="utf-8")
    drawn = re.search(r"nodes = new vis\.DataSet\((\[.*?\])\);\n", page).group(1)
    assert len(json.loads(drawn)) == 50


def test_communities_split_entities_by_the_reports_they_share_whatever_the_order():
    """Two groups of entities named by two disjoint sets of reports, and one bridge named by all."""
    import random

    from kg.communities import communities

    nodes = [{"id": f"a{i}", "reports": ["r1", "r2", "r3"]} for i in range(5)]
    nodes += [{"id": f"b{i}", "reports": ["r4", "r5", "r6"]} for i in range(4)]
    nodes += [{"id": "once", "reports": ["r1"]}]  # named by one report: no community
    found = communities(nodes)
    assert "once" not in found
    assert {found[f"a{i}"] for i in range(5)} == {1} and {found[f"b{i}"] for i in range(4)} == {2}  # 1: the larger
    shuffled = nodes[:]
    random.Random(3).shuffle(shuffled)
    assert communities(shuffled) == found
    assert communities(nodes, max_entities=5) == {f"a{i}": 1 for i in range(5)}  # the most widely named only


def test_communities_are_read_back_from_the_memo_only_for_the_same_graph(tmp_path, monkeypatch):
    """A rebuild whose reports name the same entities reads the last communities back; any change runs Louvain."""
    from kg import communities as module

    nodes = [{"id": f"a{i}", "reports": ["r1", "r2", "r3"]} for i in range(5)]
    nodes += [{"id": f"b{i}", "reports": ["r4", "r5", "r6"]} for i in range(4)]
    memo = tmp_path / "communities.pickle"
    found = module.communities(nodes, memo=memo)
    assert found == module.communities(nodes) and memo.is_file()
    runs = []
    louvain = module._louvain
    monkeypatch.setattr(module, "_louvain", lambda *args: runs.append(args) or louvain(*args))
    assert module.communities(list(reversed(nodes)), memo=memo) == found and runs == []  # the same graph
    moved = [{**n, "reports": ["r1", "r2", "r4"]} if n["id"] == "b0" else n for n in nodes]
    assert module.communities(moved, memo=memo) == module.communities(moved) and len(runs) == 2
    assert module.communities(nodes, seed=1, memo=memo) == module.communities(nodes, seed=1) and len(runs) == 4
    memo.write_bytes(b"not a pickle")  # an unreadable memo is ignored
    assert module.communities(nodes, memo=memo) == found and len(runs) == 5


def test_the_page_keeps_the_entities_named_by_the_most_reports(results):
    """However few nodes the page may draw, its cross-report view has the most widely named entities."""
    from kg.viz import ACROSS_ENTITIES

    data = to_vis_data(list(results.values()), entity_types(results.values()))
    kept, _ = limit_nodes(data, 50)
    widest = sorted(data["nodes"], key=lambda n: (-n["value"], n["label"], n["id"]))[:min(50, ACROSS_ENTITIES)]
    assert {n["id"] for n in widest} <= {n["id"] for n in kept["nodes"]}
    assert kept["report_facets"] == data["report_facets"] and len(data["report_facets"]) == len(data["reports"])
