"""The interactive network page: report results -> vis data -> offline HTML.

:func:`to_vis_data` is pure and tested (after spaCy's displacy, where
``parse_ents`` returns plain data and ``render`` draws it); only
:func:`render_network` touches pyvis. The page must open from a USB stick on a
machine with no internet: pyvis 0.3.2 inlines vis-network with
``cdn_resources='in_line'`` but still links Bootstrap from a CDN (and keeps a
commented ``../node_modules`` path), so those tags are removed and the page
is checked to hold no external reference before it is returned.

All report text reaches the page as data: pyvis embeds nodes and edges with
Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) and
vis-network shows string tooltips as plain text, so a report's ``<script>``
is shown, never run. The legend is our own HTML, escaped with
:func:`html.escape`.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict

from .model import EntityType, ReportResult
from .resolution import merge_types
from .rdf.graph import entity_iri

__all__ = ["to_vis_data", "render_network", "TYPE_COLOURS", "external_references"]

#: Node colour per entity type (colour-blind-safe Okabe–Ito palette).
TYPE_COLOURS = {
    EntityType.ORGANIZATION: "#0072B2",
    EntityType.CAMPAIGN: "#D55E00",
    EntityType.REGULATION: "#009E73",
    EntityType.INITIATIVE: "#CC79A7",
}
TYPE_LABELS = {
    EntityType.ORGANIZATION: "组织机构 Organization",
    EntityType.CAMPAIGN: "运动/专项行动 Campaign",
    EntityType.REGULATION: "法规政策文件 Regulation",
    EntityType.INITIATIVE: "举措/提法 Initiative",
}
_EVIDENCE_MAX = 120  # characters of evidence shown in a tooltip


def _clip(text: str, limit: int = _EVIDENCE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_vis_data(results: list[ReportResult]) -> tuple[list[dict], list[dict]]:
    """Turn report results into vis-network nodes and edges.

    Args:
        results: one result per report.

    Returns:
        ``(nodes, edges)``, both sorted by id. A node: ``id`` (entity IRI),
        ``label`` (canonical name), ``type``, ``color``, ``value`` (the number
        of reports that mention it), ``reports``, ``aliases`` and ``title``
        (plain-text tooltip: name, type, aliases, reports, one evidence
        sentence). An edge: ``from``, ``to``, ``label`` (relation type),
        ``reports`` and ``title`` (one evidence sentence and its report).
    """
    votes: dict[str, Counter] = defaultdict(Counter)
    info: dict[str, dict] = {}
    for result in sorted(results, key=lambda r: r.document.name):
        report = result.document.name
        for entity in result.entities:
            votes[entity.key][entity.type] += len(entity.mentions) or 1
            node = info.setdefault(entity.key, {"name": entity.name, "aliases": set(), "reports": set(), "evidence": ""})
            node["aliases"].update(entity.aliases)
            node["reports"].add(report)
            if not node["evidence"] and entity.mentions:
                m = entity.mentions[0]
                sentence = next((s for s in result.sentences if s.begin <= m.begin < s.end), None)
                if sentence is not None:
                    node["evidence"] = f"{_clip(sentence.text)}（{report}）"
    types = merge_types(votes)
    nodes = []
    for key, node in info.items():
        etype = types[key]
        aliases = sorted(node["aliases"] - {node["name"]})
        reports = sorted(node["reports"])
        title = "\n".join(
            line
            for line in (
                node["name"],
                f"类型 type: {TYPE_LABELS[etype]}",
                f"别名 aliases: {'、'.join(aliases)}" if aliases else "",
                f"报告 reports ({len(reports)}): {'、'.join(reports)}",
                f"证据 evidence: {node['evidence']}" if node["evidence"] else "",
            )
            if line
        )
        nodes.append(
            {
                "id": str(entity_iri(key)),
                "label": node["name"],
                "type": etype.value,
                "color": TYPE_COLOURS[etype],
                "value": len(reports),
                "reports": reports,
                "aliases": aliases,
                "title": title,
            }
        )
    edges: dict[tuple[str, str, str], dict] = {}
    for result in sorted(results, key=lambda r: r.document.name):
        key_of = {alias: e.key for e in result.entities for alias in (e.name, *e.aliases)}
        for relation in result.relations:
            if relation.subject not in key_of or relation.object not in key_of:
                continue
            source, target = str(entity_iri(key_of[relation.subject])), str(entity_iri(key_of[relation.object]))
            edge = edges.setdefault(
                (source, relation.type.value, target),
                {"from": source, "to": target, "label": relation.type.value, "reports": [],
                 "title": f"{relation.type.value}: {_clip(relation.evidence)}（{result.document.name}）"},
            )
            if result.document.name not in edge["reports"]:
                edge["reports"].append(result.document.name)
    return sorted(nodes, key=lambda n: n["id"]), [edges[k] for k in sorted(edges)]


_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def external_references(page: str) -> list[str]:
    """Return the tags of ``page`` that load anything from another host (should be none)."""
    return _EXTERNAL.findall(page)


def _legend(nodes: list[dict]) -> str:
    counts = defaultdict(int)
    for node in nodes:
        counts[node["type"]] += 1
    items = "".join(
        f'<span style="display:inline-block;margin-right:14px">'
        f'<span style="display:inline-block;width:12px;height:12px;border-radius:6px;background:{colour};'
        f'margin-right:4px;vertical-align:middle"></span>{html.escape(TYPE_LABELS[etype])} ({counts[etype.value]})</span>'
        for etype, colour in TYPE_COLOURS.items()
    )
    return (
        '<div id="kg-legend" style="font:13px sans-serif;padding:6px 8px;border-bottom:1px solid #ddd">'
        f"{items}<span style=\"color:#666\">节点大小 = 提及报告数 (node size = reports)</span></div>"
    )


def render_network(nodes: list[dict], edges: list[dict], title: str = "kg network") -> str:
    """Draw vis data as one self-contained HTML page with pyvis.

    Args:
        nodes, edges: from :func:`to_vis_data`.
        title: the page's title (escaped).

    Returns:
        The page's HTML: all JavaScript inline, no request to another host.

    Raises:
        RuntimeError: pyvis wrote an external reference this function does
            not know how to remove (a newer pyvis); the page is not returned.
    """
    from pyvis.network import Network

    net = Network(height="92vh", width="100%", directed=True, cdn_resources="in_line", heading="")
    for node in nodes:
        net.add_node(
            node["id"], label=node["label"], title=node["title"], color=node["color"],
            value=node["value"], shape="dot",
        )
    for edge in edges:
        net.add_edge(edge["from"], edge["to"], label=edge["label"], title=edge["title"], arrows="to")
    # Physics settles, then stops: stabilisation runs before the first draw.
    net.set_options(
        '{"physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 300, "fit": true},'
        ' "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},'
        ' "edges": {"font": {"size": 9, "align": "middle"}, "smooth": false, "color": {"inherit": false}},'
        ' "nodes": {"font": {"size": 12}, "scaling": {"min": 8, "max": 40}},'
        ' "interaction": {"hover": true, "tooltipDelay": 150}}'
    )
    page = net.generate_html()
    page = re.sub(r"<!--\s*<link[^>]*node_modules.*?-->", "", page, flags=re.S)
    page = re.sub(r"<link\s[^>]*href=\"https?://[^\"]*\"[^>]*/?>", "", page, flags=re.S)
    page = re.sub(r"<script\s[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page, flags=re.S)
    page = page.replace("<body>", "<body>\n" + _legend(nodes), 1)
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>", 1)
    page = page.replace(
        "network = new vis.Network(container, data, options);",
        "network = new vis.Network(container, data, options);\n"
        "                  network.once('stabilizationIterationsDone', function () { network.setOptions({physics: false}); });",
        1,
    )
    leftovers = external_references(page) + re.findall(r"node_modules", page)
    if leftovers:
        raise RuntimeError(f"network page still loads from elsewhere: {leftovers[:3]}")
    return page
