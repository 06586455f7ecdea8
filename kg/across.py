"""The cross-report view: which entities appear in which reports, how often.

Every build writes each entity's ``kg:reportCount`` and ``kg:mentionCount``
into the union graph (:func:`kg.rdf.graph.summary_triples`), so the
cross-report question is one index lookup in the store (:data:`ACROSS_QUERY`)
however many reports there are; counting every mention at query time took
5.2 s on 1,000 reports. For a build of up to :data:`MATRIX_MAX_REPORTS`
reports, :func:`across` also counts the mentions per report
(:data:`PER_REPORT_QUERY`) to draw an entity × report matrix; a wider matrix
would not be read by anyone. The renderers draw a terminal table, CSV, or a
self-contained HTML page (``across.html``, written by every build) whose
columns a person can sort.

``kg across --by year|place|level|kind`` (:func:`across_by`) spreads the
entities over a facet of the reports instead (:mod:`kg.facets`): per entity,
the reports (or mentions) of each year, place, level or kind, its first and
last year and the number of distinct years and places that name it.
"""

from __future__ import annotations

import bisect
import csv
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from .folders import text_file
from .model import SENTENCE_END, EntityType
from .rdf.store import open_store, run_query

__all__ = ["across", "AcrossTable", "AcrossRow", "ACROSS_QUERY", "PER_REPORT_QUERY", "MATRIX_MAX_REPORTS",
           "to_text", "to_csv", "to_html", "across_by", "FacetTable", "FacetRow", "FACETS", "facet_to_csv",
           "facet_to_text", "year_view", "page", "YEAR_VIEW_MAX_REPORTS"]

#: The widest build that gets per-report columns.
MATRIX_MAX_REPORTS = 30

_PREFIXES = """PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>
"""

#: Entities of the four types mentioned by at least ``$min`` reports, with their counts.
ACROSS_QUERY = _PREFIXES + """SELECT ?e ?label ?type ?reports ?mentions WHERE {
  ?e kg:reportCount ?reports .
  FILTER(?reports >= $min)
  ?e kg:mentionCount ?mentions ; rdfs:label ?label ; a ?type .
  FILTER(?type IN (kg:Organization, kg:Campaign, kg:Regulation, kg:Initiative))
}
"""

#: Mentions per entity and report (for the matrix of a small build).
PER_REPORT_QUERY = _PREFIXES + """SELECT ?e ?file (COUNT(?m) AS ?n) WHERE {
  ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?r .
  ?r kg:path ?file .
} GROUP BY ?e ?file
"""


@dataclass
class AcrossRow:
    """One entity: IRI, canonical name, type, the number of reports and of
    mentions, and the mentions per report of the table's ``reports`` (empty
    when the table has no per-report columns)."""

    iri: str
    label: str
    type: str
    reports: int
    mentions: int
    counts: list[int] = field(default_factory=list)


@dataclass
class AcrossTable:
    """The rows, sorted by report count, mentions, name; ``reports`` names the
    per-report columns (none for a build of more than :data:`MATRIX_MAX_REPORTS`)."""

    reports: list[str]
    rows: list[AcrossRow]
    total_reports: int = 0


def across(outdir: str | Path = "output", etype: str | None = None, min_reports: int = 1) -> AcrossTable:
    """Count the reports and mentions of each entity of a build.

    Args:
        outdir: the build folder.
        etype: keep one entity type (``Initiative`` …), or all with ``None``.
        min_reports: keep entities mentioned by at least this many reports.

    Returns:
        The :class:`AcrossTable`.

    Raises:
        QueryError: no build in ``outdir``, or a build made before the counts
            were written (build it again).
        ValueError: ``etype`` is not one of the four types.
    """
    if etype is not None:
        etype = EntityType(etype).value
    store = open_store(outdir)
    files = sorted(
        row["file"].value
        for row in run_query(store, _PREFIXES + "SELECT ?file WHERE { ?r kg:path ?file }")  # only reports have one
    )
    rows: dict[str, AcrossRow] = {}
    for row in run_query(store, ACROSS_QUERY.replace("$min", str(int(min_reports)))):
        kind = row["type"].value.rsplit("#", 1)[1]
        if etype and kind != etype:
            continue
        iri = row["e"].value
        entry = AcrossRow(iri, row["label"].value, kind, int(row["reports"].value), int(row["mentions"].value))
        if iri not in rows or entry.label < rows[iri].label:  # one label, the same in every run
            rows[iri] = entry
    columns = files if len(files) <= MATRIX_MAX_REPORTS else []
    if columns:
        column = {f: i for i, f in enumerate(columns)}
        for entry in rows.values():
            entry.counts = [0] * len(columns)
        for row in run_query(store, PER_REPORT_QUERY):
            entry = rows.get(row["e"].value)
            if entry is not None:
                entry.counts[column[row["file"].value]] = int(row["n"].value)
    kept = sorted(rows.values(), key=lambda r: (-r.reports, -r.mentions, r.label, r.iri))
    return AcrossTable(columns, kept, len(files))


def _short(report: str) -> str:
    return Path(report).stem


def to_csv(table: AcrossTable) -> str:
    """CSV: entity, type, reports, mentions, then one column of mention counts per report."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["entity", "type", "reports", "mentions", *table.reports, "iri"])
    for r in table.rows:
        writer.writerow([r.label, r.type, r.reports, r.mentions, *r.counts, r.iri])
    return buffer.getvalue()


def to_text(table: AcrossTable) -> str:
    """A terminal table (CJK characters count two columns)."""
    from .query import QueryResult, format_result

    header = ["entity", "type", "reports", "mentions", *(_short(r) for r in table.reports)]
    rows = [[r.label, r.type, str(r.reports), str(r.mentions), *(str(c) if c else "·" for c in r.counts)] for r in table.rows]
    return format_result(QueryResult("select", header, rows), "table")


def to_html(table: AcrossTable, title: str = "kg across: entities × reports", view: dict | None = None) -> str:
    """A self-contained page with the matrix; a click on a column header sorts by it.

    With ``view`` (:func:`year_view`), the page opens on a heat map of
    entities × years, sortable by name, first year, spread and reports; a
    click on an entity lists its reports, each with its year and one
    evidence sentence. The page makes no request.
    """
    e = html.escape
    heat = _heat_map(view) if view else ""
    head = "".join(f'<th title="{e(r)}">{e(_short(r))}</th>' for r in table.reports)
    body = "\n".join(
        f'<tr><td>{e(r.label)}</td><td>{e(r.type)}</td><td class="n">{r.reports}</td><td class="n">{r.mentions}</td>'
        + "".join(f'<td class="n{" z" if not c else ""}">{c}</td>' for c in r.counts)
        + "</tr>"
        for r in table.rows
    )
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{e(title)}</title>
<style>
 body {{ font: 13px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 12px; }}
 table {{ border-collapse: collapse; }}
 th, td {{ border: 1px solid #ddd; padding: 2px 6px; }}
 th {{ background: #f3f3f3; cursor: pointer; position: sticky; top: 0; white-space: nowrap; }}
 td.n {{ text-align: right; }} td.z {{ color: #bbb; }}
</style></head>
<body>
<h1 style="font-size:17px">{e(title)}</h1>
{heat}
<h2 style="font-size:15px">entities × reports</h2>
<p>{len(table.rows)} entities · {table.total_reports} reports · click a header to sort</p>
<table id="across"><thead><tr><th>entity 实体</th><th>type 类型</th><th>reports 报告数</th><th>mentions 提及数</th>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
<script>
(function () {{
  var table = document.getElementById("across"), dir = {{}};
  table.querySelectorAll("th").forEach(function (th, col) {{
    th.addEventListener("click", function () {{
      var rows = Array.prototype.slice.call(table.tBodies[0].rows), up = dir[col] = !dir[col];
      rows.sort(function (a, b) {{
        var x = a.cells[col].textContent, y = b.cells[col].textContent, nx = parseFloat(x), ny = parseFloat(y);
        var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y, "zh");
        return up ? c : -c;
      }});
      rows.forEach(function (r) {{ table.tBodies[0].appendChild(r); }});
    }});
  }});
}})();
</script>
</body></html>
"""


#: The facets ``kg across --by`` can spread entities over, and the report property that gives each.
FACETS = {"year": "kg:year", "place": "kg:jurisdiction", "level": "kg:level", "kind": "kg:documentKind"}

#: One row per report and entity it names, with the report's facets; ``?n``, its mentions of the entity.
FACET_QUERY = _PREFIXES + """SELECT ?e ?label ?type ?path ?year ?place ?level ?kind ?n ?begin WHERE {
  { SELECT ?e ?r (COUNT(?m) AS ?n) (MIN(?b) AS ?begin) WHERE {
      ?m itsrdf:taIdentRef ?e ; nif:referenceContext ?r ; nif:beginIndex ?b } GROUP BY ?e ?r }
  ?r kg:path ?path .
  ?e rdfs:label ?label ; a ?type .
  FILTER(?type IN (kg:Organization, kg:Campaign, kg:Regulation, kg:Initiative))
  OPTIONAL { ?r kg:year ?year } OPTIONAL { ?r kg:jurisdiction ?place }
  OPTIONAL { ?r kg:level ?level } OPTIONAL { ?r kg:documentKind ?kind }
}"""


@dataclass
class FacetRow:
    """One entity spread over a facet: its counts per facet value (in :attr:`FacetTable.values`' order),
    the reports that name it, the first and last year, and the number of distinct years and places (its spread);
    ``first_mentions``: report identity -> where its first mention of the entity begins (characters)."""

    iri: str
    label: str
    type: str
    reports: int
    mentions: int
    first: int | None
    last: int | None
    years: int
    places: int
    counts: list[int] = field(default_factory=list)
    first_mentions: dict[str, int] = field(default_factory=dict)


@dataclass
class FacetTable:
    """Entities × the values of one facet (``by``), counting ``count`` (``reports`` or ``mentions``);
    ``reports``: each report counted -> its ``[year, place, level, kind]``, as the graph writes them (``None``
    where unknown)."""

    by: str
    count: str
    values: list[str]
    rows: list[FacetRow]
    reports: dict[str, list] = field(default_factory=dict)

    @property
    def total_reports(self) -> int:
        """How many reports the table counts."""
        return len(self.reports)


def across_by(outdir: str | Path = "output", by: str = "year", etype: str | None = None, min_reports: int = 1,
              count: str = "reports", since: int | None = None, until: int | None = None) -> FacetTable:
    """Spread the entities of a build over a report facet (``kg across --by``).

    Args:
        by: ``year``, ``place``, ``level`` or ``kind`` (:data:`FACETS`).
        etype: keep one entity type, or all with ``None``.
        min_reports: keep entities named by at least this many of the reports counted.
        count: ``reports`` (the reports of each value that name the entity) or ``mentions``.
        since, until: count only reports of these years (inclusive); a report with no year is then left out.

    Returns:
        A :class:`FacetTable`, rows sorted by reports, spread, name; a report
        without the facet counts under ``?``.

    Raises:
        QueryError: no build in ``outdir``.
        ValueError: an unknown facet, count or type.
    """
    if by not in FACETS:
        raise ValueError(f"--by must be one of {', '.join(FACETS)}")
    if count not in ("reports", "mentions"):
        raise ValueError("--count must be reports or mentions")
    if etype is not None:
        etype = EntityType(etype).value
    store = open_store(outdir)
    value = lambda row, name: row[name].value if row[name] is not None else None  # noqa: E731
    per_entity: dict[str, dict] = {}
    reports_seen: dict[str, list] = {}
    for row in run_query(store, FACET_QUERY):
        kind = row["type"].value.rsplit("#", 1)[1]
        if etype and kind != etype:
            continue
        year = int(value(row, "year")) if value(row, "year") else None
        if (since is not None or until is not None) and (year is None or (since and year < since) or (until and year > until)):
            continue
        facet = {"year": str(year) if year else None, "place": value(row, "place"), "level": value(row, "level"),
                 "kind": value(row, "kind")}[by] or "?"
        iri = row["e"].value
        entry = per_entity.setdefault(iri, {"label": row["label"].value, "type": kind, "reports": set(), "mentions": 0,
                                            "years": set(), "places": set(), "counts": {}, "first": {}})
        entry["label"] = min(entry["label"], row["label"].value)  # one label, the same in every run
        report = row["path"].value
        reports_seen[report] = [value(row, "year"), value(row, "place"), value(row, "level"), value(row, "kind")]
        if report in entry["reports"]:
            continue  # the same report again (a second label): counted once
        entry["reports"].add(report)
        entry["first"][report] = int(row["begin"].value)
        mentions = int(row["n"].value)
        entry["mentions"] += mentions
        if year:
            entry["years"].add(year)
        if value(row, "place"):
            entry["places"].add(value(row, "place"))
        entry["counts"][facet] = entry["counts"].get(facet, 0) + (1 if count == "reports" else mentions)
    kept = {iri: e for iri, e in per_entity.items() if len(e["reports"]) >= min_reports}
    values = sorted({v for e in kept.values() for v in e["counts"]}, key=lambda v: (v == "?", v))
    rows = [FacetRow(iri, e["label"], e["type"], len(e["reports"]), e["mentions"], min(e["years"], default=None),
                     max(e["years"], default=None), len(e["years"]), len(e["places"]),
                     [e["counts"].get(v, 0) for v in values], e["first"])
            for iri, e in kept.items()]
    rows.sort(key=lambda r: (-r.reports, -(r.years + r.places), r.label, r.iri))
    return FacetTable(by, count, values, rows, dict(sorted(reports_seen.items())))


def facet_to_csv(table: FacetTable) -> str:
    """CSV: entity, type, reports, mentions, first and last year, years, places, then one column per facet value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["entity", "type", "reports", "mentions", "first_year", "last_year", "years", "places", *table.values, "iri"])
    for r in table.rows:
        writer.writerow([r.label, r.type, r.reports, r.mentions, r.first or "", r.last or "", r.years, r.places, *r.counts, r.iri])
    return buffer.getvalue()


def facet_to_text(table: FacetTable) -> str:
    """A terminal table of :func:`facet_to_csv`'s columns (no IRI)."""
    from .query import QueryResult, format_result

    header = ["entity", "type", "reports", "first", "last", "years", "places", *table.values]
    rows = [[r.label, r.type, str(r.reports), str(r.first or ""), str(r.last or ""), str(r.years), str(r.places),
             *(str(c) if c else "·" for c in r.counts)] for r in table.rows]
    return format_result(QueryResult("select", header, rows), "table")


#: The widest build whose across.html gets the year heat map (it reads every mention's offset once).
YEAR_VIEW_MAX_REPORTS = 300
#: The entities the heat map shows: those named by at least two reports, at most this many (the most named).
YEAR_VIEW_ENTITIES = 1000
#: Characters of evidence shown around a mention, at most.
_EVIDENCE_CHARS = 160


class _Sentences:
    """A report's text with its sentence ends found once (:data:`kg.model.SENTENCE_END`, as
    :mod:`kg.segmentation` bounds sentences), for the evidence of many mentions."""

    def __init__(self, text: str):
        self.text = text
        marks = [m.span() for m in SENTENCE_END.finditer(text)]
        self.starts = [s for s, _ in marks]
        self.ends = [e for _, e in marks]

    def around(self, begin: int) -> str:
        """The sentence around character ``begin`` (a mention's start, never inside an end mark),
        cut to :data:`_EVIDENCE_CHARS`."""
        i = bisect.bisect_right(self.ends, begin) - 1
        start = self.ends[i] if i >= 0 else 0
        j = bisect.bisect_left(self.starts, begin)
        end = self.ends[j] if j < len(self.ends) else len(self.text)
        return _clip(self.text[start:end].strip(), begin - start)


def _clip(sentence: str, offset: int) -> str:
    """``sentence`` cut to :data:`_EVIDENCE_CHARS` around ``offset`` (characters from its start)."""
    if len(sentence) > _EVIDENCE_CHARS:
        offset = max(0, offset - _EVIDENCE_CHARS // 2)
        sentence = "…" + sentence[offset:offset + _EVIDENCE_CHARS] + "…"
    return sentence


def year_view(outdir: str | Path) -> dict | None:
    """The data of across.html's heat map: entities named by two reports or more (at most
    :data:`YEAR_VIEW_ENTITIES`, the most named), and the facets of the reports that name them.

    ``reports`` maps each report to its ``[year, place, level, kind]``; each
    entity carries its report count, first and last year, spread (distinct
    years and places), and each report that names it with one evidence
    sentence (around its first mention there, cut from the build's ``texts/``,
    the text as read; none where that file is missing). The page counts the cells of whichever facet is chosen from
    these. ``None`` when fewer than two years are known.
    """
    table = across_by(outdir, "year", min_reports=2)
    years = [v for v in table.values if v != "?"]
    if len(years) < 2:
        return None
    rows = table.rows[:YEAR_VIEW_ENTITIES]
    facets = table.reports
    cache: dict[str, _Sentences] = {}

    def text(report: str) -> _Sentences:
        if report not in cache:
            try:
                cache[report] = _Sentences((Path(outdir) / text_file(report)).read_bytes().decode("utf-8"))
            except OSError:
                cache[report] = _Sentences("")
        return cache[report]

    entities, named = [], set()
    for row in rows:
        order = sorted(row.first_mentions.items(), key=lambda kv: (facets.get(kv[0], [None])[0] or "", kv[0]))
        named.update(report for report, _ in order)
        entities.append({"label": row.label, "type": row.type, "reports": row.reports, "first": row.first,
                         "last": row.last, "years": row.years, "places": row.places,
                         "evidence": [[report, text(report).around(begin)] for report, begin in order]})
    return {"reports": {report: facets.get(report, [None] * 4) for report in sorted(named)}, "entities": entities}


def page(outdir: str | Path, table: AcrossTable) -> str:
    """``across.html`` of a build: :func:`to_html` of ``table``, with the heat map (:func:`year_view`) for a
    build of up to :data:`YEAR_VIEW_MAX_REPORTS` reports. What a build writes and ``kg across --format html`` prints."""
    view = year_view(outdir) if table.total_reports <= YEAR_VIEW_MAX_REPORTS else None
    return to_html(table, view=view)


def _heat_map(view: dict) -> str:
    """The heat map section of across.html: a table drawn from the embedded view by its own script."""
    data = json.dumps(view, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    return f"""<h2 style="font-size:15px">entities × years 年度热图</h2>
<p>{len(view["entities"])} entities named by two reports or more · {len(view["reports"])} reports · columns:
<select id="facet"><option value="0">year 年份</option><option value="1">place 地方</option>
<option value="2">level 层级</option><option value="3">kind 类型</option></select> · sort:
<button data-sort="first">first year 首次年份</button> <button data-sort="spread">spread 覆盖</button>
<button data-sort="reports">reports 报告数</button> <button data-sort="label">name 名称</button>
· click an entity for its reports and evidence</p>
<style>
 #heat td.h {{ width: 14px; padding: 0; border: 1px solid #fff; }}
 #heat th.y {{ writing-mode: vertical-rl; font-weight: normal; font-size: 11px; padding: 2px 0; }}
 #heat td.e {{ cursor: pointer; white-space: nowrap; }}
 #evidence {{ border: 1px solid #ccc; padding: 6px 10px; margin: 8px 0; max-width: 60em; display: none; }}
 #evidence li {{ margin: 3px 0; }}
</style>
<div id="evidence"></div>
<table id="heat"><thead></thead><tbody></tbody></table>
<script type="application/json" id="heat-data">{data}</script>
<script>
(function () {{
  var view = JSON.parse(document.getElementById("heat-data").textContent);
  var table = document.getElementById("heat"), panel = document.getElementById("evidence");
  var select = document.getElementById("facet"), order = "reports";
  function text(tag, value, cls) {{ var el = document.createElement(tag); el.textContent = value; if (cls) el.className = cls; return el; }}
  function facetOf(report) {{ var v = (view.reports[report] || [])[+select.value]; return v === null || v === undefined ? "?" : String(v); }}
  function show(e) {{
    panel.textContent = "";
    panel.appendChild(text("b", e.label + " · " + e.type + " · " + e.reports + " reports, " + (e.first || "?") + "–" + (e.last || "?")));
    var list = document.createElement("ul");
    e.evidence.forEach(function (item) {{
      var li = document.createElement("li"), year = (view.reports[item[0]] || [])[0];
      li.appendChild(text("b", (year || "?") + " " + item[0] + ": "));
      li.appendChild(document.createTextNode(item[1]));
      list.appendChild(li);
    }});
    panel.appendChild(list); panel.style.display = "block";
    window.kgShown = e.label;
  }}
  var keys = {{
    first: function (a, b) {{ return (a.first || 9999) - (b.first || 9999) || b.reports - a.reports; }},
    spread: function (a, b) {{ return (b.years + b.places) - (a.years + a.places) || b.reports - a.reports; }},
    reports: function (a, b) {{ return b.reports - a.reports; }},
    label: function (a, b) {{ return a.label.localeCompare(b.label, "zh"); }}
  }};
  function draw() {{
    var values = {{}};
    Object.keys(view.reports).forEach(function (r) {{ values[facetOf(r)] = true; }});
    var columns = Object.keys(values).sort(function (a, b) {{
      return (a === "?") - (b === "?") || (select.value === "0" ? a - b : a.localeCompare(b, "zh"));
    }});
    var at = {{}}; columns.forEach(function (c, i) {{ at[c] = i; }});
    var rows = view.entities.map(function (e) {{
      var counts = columns.map(function () {{ return 0; }});
      e.evidence.forEach(function (item) {{ counts[at[facetOf(item[0])]] += 1; }});
      return {{ e: e, counts: counts }};
    }});
    var max = 1;
    rows.forEach(function (r) {{ r.counts.forEach(function (c) {{ if (c > max) max = c; }}); }});
    rows.sort(function (a, b) {{ return keys[order](a.e, b.e) || a.e.label.localeCompare(b.e.label, "zh"); }});
    table.tHead.textContent = "";
    var head = document.createElement("tr");
    head.appendChild(text("th", "entity 实体")); head.appendChild(text("th", "first")); head.appendChild(text("th", "spread"));
    columns.forEach(function (c) {{ head.appendChild(text("th", c, "y")); }});
    table.tHead.appendChild(head);
    var body = table.tBodies[0]; body.textContent = "";
    rows.forEach(function (r) {{
      var e = r.e, tr = document.createElement("tr");
      var name = text("td", e.label, "e"); name.title = e.type; name.addEventListener("click", function () {{ show(e); }});
      tr.appendChild(name); tr.appendChild(text("td", e.first || "", "n")); tr.appendChild(text("td", e.years + e.places, "n"));
      r.counts.forEach(function (c, i) {{
        var td = text("td", "", "h"); td.title = columns[i] + ": " + c;
        if (c) td.style.background = "rgba(200, 40, 40, " + (0.15 + 0.85 * c / max).toFixed(3) + ")";
        tr.appendChild(td);
      }});
      body.appendChild(tr);
    }});
    window.kgHeatOrder = rows.map(function (r) {{ return r.e.label; }});
  }}
  document.querySelectorAll("button[data-sort]").forEach(function (b) {{
    b.addEventListener("click", function () {{ order = b.getAttribute("data-sort"); draw(); }});
  }});
  select.addEventListener("change", draw);
  draw();
}})();
</script>
"""
