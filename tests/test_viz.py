"""The network page: plain vis data, and an offline, inert HTML file."""

import re

from click.testing import CliRunner

from kg.cli import main
from kg.viz import TYPE_COLOURS, external_references, to_vis_data

from .conftest import DATA


def test_vis_data_is_plain_and_sized_by_reports(results):
    nodes, edges = to_vis_data(list(results.values()))
    by_label = {n["label"]: n for n in nodes}
    thought = by_label["习近平新时代中国特色社会主义思想"]
    assert thought["value"] == 5 and len(thought["reports"]) == 5
    assert thought["type"] == "Initiative"
    assert "报告 reports (5)" in thought["title"] and "证据 evidence" in thought["title"]
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
    assert 'id="kg-legend"' in page
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
