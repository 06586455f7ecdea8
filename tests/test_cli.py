"""The kg command as a user runs it: click's CliRunner on the real entry point."""

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import main

from .conftest import DATA, GOLD, REPORTS, files_of


def _run(*args):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("command", ["build", "query", "queries", "reports", "eval", "validate", "viz", "serve", "across"])
def test_every_command_has_help(command):
    result = _run(command, "--help")
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_build_prints_the_summary(built):
    result = _run("eval", str(GOLD), "--graph", str(built))
    assert result.exit_code == 0
    assert "reports scored: 5" in result.output


def test_summary_counts_reports_entities_relations(tmp_path):
    result = _run("build", str(REPORTS / "000_bda7739a96efcbec.txt"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert "reports read: 1 (0 from the cache), skipped: 0" in result.output
    assert "entities: Organization" in result.output and "relations: issued" in result.output
    assert "triples:" in result.output and "seconds:" in result.output


def test_a_bad_report_is_named_and_skipped_and_the_others_built(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(REPORTS / "000_bda7739a96efcbec.txt", folder)
    shutil.copy(DATA / "binary.txt", folder / "broken.txt")
    result = _run("build", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert "reports read: 1 (0 from the cache), skipped: 1" in result.stdout
    assert "broken.txt: not text in UTF-8" in result.stderr
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_no_readable_report_is_an_error_and_keeps_the_old_output(tmp_path, built):
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = files_of(out, recursive=True)
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DATA / "binary.txt", folder / "broken.txt")
    result = _run("build", str(folder), "-o", str(out))
    assert result.exit_code != 0
    assert "no report could be read" in result.output
    assert files_of(out, recursive=True) == before


@pytest.mark.parametrize("stage", ["kg.pipeline.render_network", "kg.pipeline.write_graph_files"])
def test_a_build_that_fails_while_writing_leaves_the_previous_output(tmp_path, built, monkeypatch, stage):
    """The pages are written in this thread, the graph files and store in another: a failure in either fails the build."""
    out = tmp_path / "out"
    shutil.copytree(built, out)
    before = files_of(out, recursive=True)

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(stage, fail)
    result = _run("build", str(REPORTS / "000_bda7739a96efcbec.txt"), "-o", str(out))
    assert result.exit_code != 0
    assert "disk full" in result.output
    assert files_of(out, recursive=True) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def test_missing_input_is_a_clear_error(tmp_path):
    result = _run("build", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert result.exit_code != 0
    assert "nowhere: no such file or folder" in result.output


def test_query_without_a_build_says_so(tmp_path):
    result = _run("query", "SELECT * WHERE { ?s ?p ?o }", "--graph", str(tmp_path))
    assert result.exit_code != 0
    assert "no build found" in result.output


def test_malformed_query_is_a_clear_error(built):
    result = _run("query", "SELECT WHERE {", "--graph", str(built))
    assert result.exit_code != 0
    assert "SPARQL error" in result.output


def test_query_formats(built):
    q = "PREFIX kg: <https://w3id.org/kg-reports/ontology#> SELECT ?f WHERE { ?r kg:fileName ?f } ORDER BY ?f"
    out = _run("query", q, "--graph", str(built), "--format", "json")
    assert json.loads(out.output)[0] == {"f": "000_bda7739a96efcbec.txt"}


def test_eval_errors_groups_by_cause(built):
    result = _run("eval", str(GOLD), "--graph", str(built), "--errors")
    assert result.exit_code == 0
    assert "error groups" in result.output
    for cause in ("boundary", "missed", "spurious"):
        assert cause in result.output


def test_eval_json(built):
    result = _run("eval", str(GOLD), "--graph", str(built), "--json")
    scores = json.loads(result.output)
    assert scores["reports"] == 5
    assert set(scores["per_type"]) == {"Organization", "Campaign", "Regulation", "Initiative"}


def test_eval_of_a_bad_gold_folder(tmp_path, built):
    (tmp_path / "x.json").write_text("{", encoding="utf-8")
    result = _run("eval", str(tmp_path), "--graph", str(built))
    assert result.exit_code != 0
    assert "x.json: not a gold file" in result.output


def test_validate(built):
    result = _run("validate", "--graph", str(built))
    assert result.exit_code == 0
    assert "Conforms: True" in result.output


def test_a_folder_scan_says_what_it_ignored_and_skips_links_out_of_it(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(REPORTS / "000_bda7739a96efcbec.txt", folder)
    for name in ("a.xlsx", "b.zip", "c.docx", "d.pdf", "e.doc", "~$a.docx", ".hidden.txt", "README.md", "README.txt"):
        (folder / name).write_bytes(b"not a report")
    outside = tmp_path / "passwd.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "same.txt").symlink_to(folder / "000_bda7739a96efcbec.txt")  # inside: followed, but a second name
    result = _run("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code == 0, result.output
    assert (f"warning: {folder}: ignored: 2 files of unknown type (.xlsx, .zip); 1 sub-folder (--recursive reads it"
            in result.stderr)
    assert "passwd.txt" in result.stderr and "outside the folder" in result.stderr
    assert "loop.txt" in result.stderr and "loops" in result.stderr
    # a file of a format kg reads but cannot take is named with the reason; a .doc with the command that converts it
    assert "warning: skipped c.docx: not a readable .docx file" in result.stderr
    assert "warning: skipped d.pdf: not a PDF file" in result.stderr
    assert f"libreoffice --headless --convert-to docx {folder / 'e.doc'}" in result.stderr
    assert "reports read: 2 (0 from the cache), skipped: 5" in result.stdout  # the sample and its link
    reports = json.loads((tmp_path / "out" / "network.json").read_text(encoding="utf-8"))["reports"]
    assert sorted(r if isinstance(r, str) else r.get("name", r.get("file")) for r in reports) == [
        "000_bda7739a96efcbec.txt", "same.txt"]


def test_a_link_named_on_the_command_line_is_followed(tmp_path):
    link = tmp_path / "report.txt"
    link.symlink_to(REPORTS / "000_bda7739a96efcbec.txt")
    result = _run("build", str(link), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code == 0 and "reports read: 1" in result.stdout


def test_repairs_of_a_damaged_report_are_warned_on_every_build(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = (REPORTS / "000_bda7739a96efcbec.txt").read_bytes()
    (folder / "r.txt").write_bytes(data[:100] + b"\x00" + data[100:])
    for _ in range(2):  # the second from the cache
        result = _run("build", str(folder), "-o", str(tmp_path / "out"))
        assert result.exit_code == 0, result.output
        assert "warning: r.txt: 1 NUL byte(s) left out of extraction (the first at byte 100)" in result.stderr
