"""The cross-report view, from the command line as a user runs it."""

import csv
import io

from click.testing import CliRunner

from kg.across import across, to_text
from kg.cli import main
from kg.query import query
from kg.viz import external_references


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_counts_are_the_graphs_mentions(built):
    table = across(built)
    total = query("PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#> "
                  "SELECT (COUNT(?m) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e }", built).rows[0][0]
    assert sum(r.mentions for r in table.rows) == int(total)
    assert len(table.reports) == 5
    top = table.rows[0]
    assert top.reports == 5
    assert [r.reports for r in table.rows] == sorted((r.reports for r in table.rows), reverse=True)


def test_type_and_min_reports_filters(built):
    result = _run("across", "--graph", str(built), "--type", "Initiative", "--min-reports", "3", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and all(r["type"] == "Initiative" and int(r["reports"]) >= 3 for r in rows)
    assert "习近平新时代中国特色社会主义思想" in {r["entity"] for r in rows}
    assert sum(1 for r in rows for f in r if f.endswith(".txt") and r[f] != "0") == sum(int(r["reports"]) for r in rows)


def test_terminal_table(built):
    result = _run("across", "--graph", str(built))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("entity") and "000_bda7739a96efcbec" in lines[0]
    assert lines[-1].endswith("rows)")


def test_html_page_is_sortable_self_contained_and_escaped(built, tmp_path):
    out = tmp_path / "across.html"
    result = _run("across", "--graph", str(built), "--format", "html", "-o", str(out), "--min-reports", "1")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert external_references(page) == []
    assert "addEventListener(\"click\"" in page and "<table id=\"across\">" in page
    assert (built / "across.html").read_text(encoding="utf-8") == page  # every build writes the same page


def test_unknown_type_is_refused(built):
    result = _run("across", "--graph", str(built), "--type", "Person")
    assert result.exit_code != 0
    assert "Person" in result.output


def test_a_wide_build_has_totals_and_no_per_report_columns(built, monkeypatch):
    import kg.across

    monkeypatch.setattr(kg.across, "MATRIX_MAX_REPORTS", 4)
    wide, narrow = across(built), None
    monkeypatch.undo()
    narrow = across(built)
    assert wide.reports == [] and wide.total_reports == 5
    assert all(r.counts == [] for r in wide.rows)
    assert [(r.iri, r.reports, r.mentions) for r in wide.rows] == [(r.iri, r.reports, r.mentions) for r in narrow.rows]
    assert all(sum(r.counts) == r.mentions and sum(1 for c in r.counts if c) == r.reports for r in narrow.rows)
    assert "entity" in to_text(wide) and "000_bda7739a96efcbec" not in to_text(wide)
