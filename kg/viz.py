"""The interactive network page: report results -> vis data -> offline HTML.

:func:`to_vis_data` is pure and tested (after spaCy's displacy, where
``parse_ents`` returns plain data and ``render`` draws it); every build
writes its result as ``network.json``, and :func:`render_network` draws it
with pyvis. :func:`limit_nodes` keeps the most-connected entities for
``kg viz --max-nodes``.

The page must open from a USB stick on a machine with no internet: pyvis
0.3.2 inlines vis-network with ``cdn_resources='in_line'`` but still links
Bootstrap from a CDN (and keeps a commented ``../node_modules`` path), so
those tags are removed and the page is checked to hold no external
reference before it is returned. Our controls (search, filters, the entity
panel, in ``kg/assets/network_ui.html``) are inline too.

All report text reaches the page as data, never as markup: pyvis embeds
nodes and edges with Jinja's ``tojson`` (which escapes ``<``, ``>``, ``&``
and ``'``), our page data is embedded the same way, vis-network shows
string tooltips as plain text, and the controls write text only with
``textContent``.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .communities import communities
from .model import EntityType, ReportResult
from .rdf.graph import entity_iri

__all__ = ["NetworkData", "NetworkPart", "network_part", "to_vis_data", "limit_nodes", "render_network", "external_references", "TYPE_COLOURS", "TYPE_LABELS"]

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
_EVIDENCE_PER_NODE = 10  # evidence sentences kept per entity (the panel says how many there are)
_EVIDENCE_PER_EDGE = 5
_REPORTS_IN_TITLE = 10  # report names a tooltip lists (the panel lists all)
_SENTENCE_MAX = 200  # characters of a sentence shown
_UI = Path(__file__).resolve().parent / "assets" / "network_ui.html"


def _clip(text: str, limit: int = _SENTENCE_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class NetworkPart:
    """One report's share of the network, made where the report is extracted.

    Attributes:
        report: the report's file name.
        entities: ``(key, name, aliases, mention count, evidence, methods)``
            per entity, ``evidence`` the indices in ``sentences`` of the first
            10 sentences that mention it, ``methods`` ``(rule, mentions)`` of
            the rules that found its mentions (:attr:`kg.model.Mention.rule`).
        edges: ``(source IRI, relation, target IRI, begin, end, sentence,
            subject name, object name, method)`` per relation.
        sentences: ``(begin, end, sentence)`` of each sentence that is some
            entity's evidence, once (offsets in characters; the text clipped):
            a sentence names several entities, and a build of ten thousand
            reports reads every report's part back from the cache.
        facets: ``(facet, value)`` of the :data:`REPORT_FACETS` the report
            has (title, kind, year, place, level), for the page's filters.
    """

    report: str
    entities: tuple[tuple[str, str, tuple[str, ...], int, tuple[int, ...], tuple[tuple[str, int], ...]], ...]
    edges: tuple[tuple[str, str, str, int, int, str, str, str, str], ...]
    sentences: tuple[tuple[int, int, str], ...] = ()
    facets: tuple[tuple[str, str], ...] = ()


#: What the page knows of each report: facet -> the :class:`~kg.model.Metadata` field.
REPORT_FACETS = {"title": "title", "kind": "kind", "year": "year", "place": "jurisdiction", "level": "level"}


def _facets(metadata) -> tuple[tuple[str, str], ...]:
    values = ((facet, getattr(metadata, field)) for facet, field in REPORT_FACETS.items())
    return tuple((facet, str(value)) for facet, value in values if value not in (None, ""))


def network_part(result: ReportResult) -> NetworkPart:
    """The :class:`NetworkPart` of one report's result."""
    starts = [sentence.begin for sentence in result.sentences]
    entities = []
    index: dict[int, int] = {}  # sentence number in the result -> its index in ``sentences``
    sentences = []
    for entity in result.entities:
        seen, evidence = set(), []
        for m in entity.mentions:
            i = bisect.bisect_right(starts, m.begin) - 1
            if i < 0 or i in seen:
                continue
            seen.add(i)
            if i not in index:
                sentence = result.sentences[i]
                index[i] = len(sentences)
                sentences.append((sentence.begin, sentence.end, _clip(sentence.text)))
            evidence.append(index[i])
            if len(evidence) == _EVIDENCE_PER_NODE:
                break
        methods = tuple(sorted(Counter(m.rule or "?" for m in entity.mentions).items()))
        entities.append((entity.key, entity.name, tuple(entity.aliases), len(entity.mentions), tuple(evidence), methods))
    key_of = result.entity_keys()
    edges = []
    for r in result.relations:
        if r.subject in key_of and r.object in key_of:
            edges.append((str(entity_iri(key_of[r.subject])), r.type.value, str(entity_iri(key_of[r.object])),
                          r.begin, r.end, _clip(r.evidence), r.subject, r.object, r.method))
    return NetworkPart(result.document.name, tuple(entities), tuple(edges), tuple(sentences), _facets(result.metadata))


class NetworkData:
    """The network's plain data, gathered one report at a time in any order.

    A build merges each report's :class:`NetworkPart` as it arrives; what is
    kept grows with the graph (entities, relations, a few evidence sentences
    each, the reports that mention them), not with the text. :meth:`finish`
    gives the same data whatever order the reports came in.
    """

    def __init__(self) -> None:
        self.reports: list[str] = []
        self.facets: dict[str, dict[str, str]] = {}
        self.nodes: dict[str, dict] = {}
        self.edges: dict[tuple[str, str, str], dict] = {}

    def add(self, result: ReportResult) -> None:
        """Fold one report's result in."""
        self.merge(network_part(result))

    def merge(self, part: NetworkPart) -> None:
        """Fold one report's :class:`NetworkPart` in."""
        report, sentences = part.report, part.sentences
        self.reports.append(report)
        self.facets[report] = dict(part.facets)
        for key, name, aliases, mentions, evidence, methods in part.entities:
            node = self.nodes.get(key)
            if node is None:
                node = self.nodes[key] = {"name": (report, name), "aliases": set(), "reports": set(),
                                          "mentions": 0, "evidence": [], "methods": Counter()}
            elif (report, name) < node["name"]:
                node["name"] = (report, name)
            node["aliases"].update(aliases)
            node["reports"].add(report)
            node["mentions"] += mentions
            node["methods"].update(dict(methods))
            if evidence and (len(node["evidence"]) < _EVIDENCE_PER_NODE or report < node["evidence"][-1][0]):
                node["evidence"] = sorted(node["evidence"] + [[report, *sentences[i]] for i in evidence])[:_EVIDENCE_PER_NODE]
        for source, label, target, begin, end, sentence, subject, obj, method in part.edges:
            edge = self.edges.setdefault((source, label, target), {"reports": set(), "evidence": []})
            edge["reports"].add(report)
            if len(edge["evidence"]) < _EVIDENCE_PER_EDGE or [report, begin] < edge["evidence"][-1][:2]:
                entry = [report, begin, end, sentence, subject, obj, method]
                edge["evidence"] = sorted(edge["evidence"] + [entry])[:_EVIDENCE_PER_EDGE]

    def finish(self, types: dict[str, EntityType], corrections: dict[str, dict[str, str]] | None = None,
               memo: Path | None = None) -> dict:
        """The data of :func:`to_vis_data`, with the types settled across reports.

        Args:
            types: entity key -> type across reports.
            corrections: report -> the facets its folder's ``manifest.csv``
                sets (``year``, ``level``, ``kind`` replace the report's own).
            memo: the file that keeps the last communities
                (:func:`kg.communities.communities`), or ``None``.
        """
        nodes = []
        for key, node in self.nodes.items():
            etype, name = types[key], node["name"][1]
            aliases = sorted(node["aliases"] - {name})
            reports = sorted(node["reports"])
            evidence = node["evidence"]
            title = "\n".join(
                line for line in (
                    name,
                    f"类型 type: {TYPE_LABELS[etype]}",
                    f"别名 aliases: {'、'.join(aliases)}" if aliases else "",
                    f"报告 reports ({len(reports)}): {'、'.join(reports[:_REPORTS_IN_TITLE])}"
                + ("…" if len(reports) > _REPORTS_IN_TITLE else ""),
                    f"证据 evidence: {_clip(evidence[0][3], 120)}（{evidence[0][0]}）" if evidence else "",
                ) if line
            )
            nodes.append({
                "id": str(entity_iri(key)), "key": key, "label": name, "type": etype.value, "color": TYPE_COLOURS[etype],
                "value": len(reports), "reports": reports, "aliases": aliases, "mentions": node["mentions"],
                "evidence": evidence, "title": title, "methods": dict(sorted(node["methods"].items())),
            })
        edges = []
        for (source, label, target), edge in sorted(self.edges.items()):
            first = edge["evidence"][0]
            edges.append({
                "id": hashlib.sha1(f"{source}|{label}|{target}".encode()).hexdigest()[:16],
                "from": source, "to": target, "label": label, "reports": sorted(edge["reports"]),
                "evidence": [[*e[:4], e[6]] for e in edge["evidence"]],
                "title": f"{first[4]} {label} {first[5]}\n{_clip(first[3], 120)}（{first[0]}）",
            })
        reports = sorted(self.reports)
        corrections = corrections or {}
        facets = [{**self.facets.get(r, {}), **{f: v for f, v in corrections.get(r, {}).items() if f in REPORT_FACETS}}
                  for r in reports]
        found = communities(nodes, memo=memo)
        for node in nodes:
            node["community"] = found.get(node["id"], 0)
        return {"reports": reports, "report_facets": facets, "nodes": sorted(nodes, key=lambda n: n["id"]), "edges": edges}


def to_vis_data(results: list[ReportResult], types: dict[str, EntityType]) -> dict:
    """Turn report results into the network's plain data (see :class:`NetworkData`).

    Args:
        results: one result per report.
        types: entity key -> type across reports (:func:`kg.resolution.entity_types`).

    Returns:
        ``{"reports": [file names], "report_facets": [...], "nodes": [...],
        "edges": [...]}``, each list sorted; ``report_facets`` gives each
        report's title, kind, year, place and level where known (strings,
        in the order of ``reports``). A node: ``id`` (entity IRI), ``key``
        (:func:`kg.resolution.entity_key`), ``label`` (canonical name,
        as the first report in file-name order writes it), ``type``,
        ``color``, ``value`` (the number of reports that mention it),
        ``reports``, ``aliases``, ``mentions`` (count), ``evidence`` (the
        first 10 ``[report, begin, end, sentence]`` by report and offset,
        offsets in characters), ``methods`` (rule -> mentions it found,
        :attr:`kg.model.Mention.rule`), ``community``
        (:func:`kg.communities.communities`, 0 for none) and ``title`` (a
        plain-text tooltip); a build adds ``curated``, the hand-curation
        entries that changed it (:class:`kg.curation.CurationOutcome`). An edge: ``id``, ``from``, ``to``, ``label``
        (relation type), ``reports``, ``evidence`` (the first 5
        ``[report, begin, end, sentence, method]``, :attr:`kg.model.Relation.method`)
        and ``title``.
    """
    data = NetworkData()
    for result in results:
        data.add(result)
    return data.finish(types)


#: The entities of the page's default view, the cross-report one: those named by the most reports.
ACROSS_ENTITIES = 200


def _most_named(nodes: list[dict], count: int) -> list[dict]:
    """The ``count`` entities named by the most reports (ties by label, then IRI)."""
    return sorted(nodes, key=lambda n: (-n["value"], n["label"], n["id"]))[:count]


def limit_nodes(data: dict, max_nodes: int | None) -> tuple[dict, dict]:
    """Keep the ``max_nodes`` most-connected entities and the edges between them.

    Connectedness is the degree in the relation graph (networkx, counting
    every relation in and out); ties go to the entity mentioned by more
    reports, then to the label. The :data:`ACROSS_ENTITIES` entities named by
    the most reports, which the page's cross-report view draws, are kept
    first (within ``max_nodes``). ``None`` keeps everything.

    Returns:
        ``(data, dropped)`` where ``dropped`` is ``{"nodes": n, "edges": m,
        "by_type": {type: n}}``.

    Raises:
        ValueError: ``max_nodes`` is below 1.
    """
    if max_nodes is None or max_nodes >= len(data["nodes"]):
        return data, {"nodes": 0, "edges": 0, "by_type": {}}
    if max_nodes < 1:
        raise ValueError("--max-nodes must be at least 1")
    import networkx as nx

    graph = nx.MultiDiGraph()
    graph.add_nodes_from(n["id"] for n in data["nodes"])
    graph.add_edges_from((e["from"], e["to"]) for e in data["edges"])
    degree = dict(graph.degree())
    across = {n["id"] for n in _most_named(data["nodes"], min(ACROSS_ENTITIES, max_nodes))}
    ranked = sorted(data["nodes"], key=lambda n: (n["id"] not in across, -degree[n["id"]], -n["value"], n["label"], n["id"]))
    keep = {n["id"] for n in ranked[:max_nodes]}
    nodes = [n for n in data["nodes"] if n["id"] in keep]
    edges = [e for e in data["edges"] if e["from"] in keep and e["to"] in keep]
    dropped = {
        "nodes": len(data["nodes"]) - len(nodes),
        "edges": len(data["edges"]) - len(edges),
        "by_type": dict(sorted(Counter(n["type"] for n in ranked[max_nodes:]).items())),
    }
    return {**data, "nodes": nodes, "edges": edges}, dropped


_EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source|audio|video)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//""", re.I)


def external_references(page: str) -> list[str]:
    """Return the tags of ``page`` that load anything from another host (should be none)."""
    return _EXTERNAL.findall(page)


def _json_for_html(value) -> str:
    """JSON that cannot close a ``<script>`` element (as Jinja's ``tojson``)."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


# Above these, a graph is drawn for speed: no edge labels on the canvas, edges
# hidden while zooming or dragging, fewer stabilisation iterations. Chosen by
# measuring bench/page.py on 2,000 nodes and 10,000 edges.
_BIG_NODES = 500
_BIG_EDGES = 2000
_DATASET = re.compile(r"(nodes|edges) = new vis\.DataSet\((\[.*?\])\);\n")


def _utf8_datasets(page: str) -> str:
    """Re-encode pyvis's embedded DataSets as UTF-8 JSON (Jinja writes ``\\uXXXX``, twice the bytes)."""
    def repl(match):
        return f"{match.group(1)} = new vis.DataSet({_json_for_html(json.loads(match.group(2)))});\n"

    return _DATASET.sub(repl, page)


def _community_legend(nodes: list[dict], labels: int = 3) -> list[dict]:
    """Each community of the page's entities: its number, size and the labels of its most widely named members."""
    members: dict[int, list[dict]] = {}
    for node in nodes:
        if node.get("community"):
            members.setdefault(node["community"], []).append(node)
    return [{"number": number, "size": len(group),
             "labels": [n["label"] for n in _most_named(group, labels)]}
            for number, group in sorted(members.items())]


def render_network(data: dict, title: str = "kg network") -> str:
    """Draw network data as one self-contained HTML page with pyvis.

    Args:
        data: from :func:`to_vis_data` (or :func:`limit_nodes`).
        title: the page's title (escaped).

    Returns:
        The page's HTML: all JavaScript inline, no request to another host.

    Raises:
        RuntimeError: pyvis wrote an external reference this function does
            not know how to remove (a newer pyvis); the page is not returned.
    """
    from pyvis.network import Network

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="")
    # Nodes and edges name their reports by position in meta.reports: an
    # entity of a 10,000-report build may be in thousands of them.
    index = {report: i for i, report in enumerate(data["reports"])}
    for node in data["nodes"]:
        net.add_node(
            node["id"], label=node["label"], title=node["title"], color=node["color"], value=node["value"],
            shape="dot", kg_type=node["type"], reports=[index[r] for r in node["reports"]], aliases=node["aliases"],
            mentions=node["mentions"], evidence=node["evidence"], methods=node.get("methods", {}),
            community=node.get("community", 0), curated=node.get("curated", []),
        )
    big = len(data["nodes"]) > _BIG_NODES or len(data["edges"]) > _BIG_EDGES
    for edge in data["edges"]:
        # a big graph draws no edge labels (the tooltip and the panel name the relation)
        net.add_edge(edge["from"], edge["to"], id=edge["id"], title=edge["title"], arrows="to",
                     reports=[index[r] for r in edge["reports"]], evidence=edge["evidence"], rel=edge["label"],
                     **({} if big else {"label": edge["label"]}))
    # Physics settles before the first draw, then stops; vis's "improved
    # layout" (Kamada-Kawai, slow and refused by vis above ~100 nodes) is off;
    # large graphs take fewer iterations.
    net.set_options(json.dumps({
        "layout": {"improvedLayout": False},
        "physics": {"solver": "forceAtlas2Based",
                    "stabilization": {"iterations": 150 if big else 300, "updateInterval": 50, "fit": True},
                    "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 120}},
        "edges": {"font": {"size": 9, "align": "middle"}, "smooth": False, "color": {"inherit": False},
                  "arrows": {"to": {"scaleFactor": 0.5 if big else 1}}},
        "nodes": {"font": {"size": 12}, "scaling": {"min": 8, "max": 40, "label": {"drawThreshold": 6}}},
        "interaction": {"hover": not big, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
    }))
    page = _utf8_datasets(net.generate_html())
    page = re.sub(r"<!--\s*<link[^>]*node_modules.*?-->", "", page, flags=re.S)
    page = re.sub(r"<link\s[^>]*href=\"https?://[^\"]*\"[^>]*/?>", "", page, flags=re.S)
    page = re.sub(r"<script\s[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", "", page, flags=re.S)
    facets = data.get("report_facets") or [{} for _ in data["reports"]]
    meta = {
        "reports": [{"name": name, **f} for name, f in zip(data["reports"], facets, strict=True)],
        "across": ACROSS_ENTITIES,
        "communities": _community_legend(data["nodes"]),
        "types": [{"type": t.value, "label": TYPE_LABELS[t], "color": TYPE_COLOURS[t]} for t in EntityType],
        "relations": sorted({e["label"] for e in data["edges"]}),
        "nodes": len(data["nodes"]),
        "edges": len(data["edges"]),
    }
    ui = _UI.read_text(encoding="utf-8").replace("__KG_META__", _json_for_html(meta))
    head, body = ui.split("<!-- body -->", 1)
    body, script = body.split("<!-- script -->", 1)
    page = page.replace("<head>", f"<head>\n<title>{html.escape(title)}</title>\n{head}", 1)
    page = page.replace("<body>", "<body>\n" + body, 1)
    page = page.replace("</body>", script + "\n</body>", 1)
    page = page.replace(
        "network = new vis.Network(container, data, options);",
        "network = new vis.Network(container, data, window.kgPrepare ? kgPrepare(nodes, edges, options) : options);\n"
        "                  network.once('stabilizationIterationsDone', function () {\n"
        "                      network.setOptions({physics: false});\n"
        "                      window.kgSettledMs = performance.now();\n"
        "                  });",
        1,
    )
    if "kgPrepare(nodes, edges, options)" not in page:
        raise RuntimeError("pyvis's page no longer creates the network as kg expects; the views cannot be drawn")
    leftovers = external_references(page) + re.findall(r"node_modules", page)
    if leftovers:
        raise RuntimeError(f"network page still loads from elsewhere: {leftovers[:3]}")
    return page
