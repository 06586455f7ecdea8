"""Report facets (year, place with its GB/T 2260 code, level), kg across --by, and parameterised SPARQL (issue 18)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import QueryError
from kg.extraction import extract_report
from kg.facets import report_facets, resolve_place
from kg.query import bind_parameters

from .conftest import EXCERPTS, REPORTS, ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "state-council").is_dir(), reason="../shared/corpus is not beside the project")


@pytest.mark.parametrize("name, year, place, code, level", [
    ("d01_国务院_2024.txt", 2024, None, None, "national"),          # State Council
    ("d03_二十大_2022.txt", 2022, None, None, "national"),          # party congress: its year from the congress
    ("d09_十八大_2012.txt", 2012, None, None, "national"),          # the reporting 17th committee -> the 18th congress
    ("d04_浙江省_2026.txt", 2026, "浙江省", "330000", "provincial"),  # a province, its author 省人民政府
    ("d16_广西_2026.txt", 2026, "广西壮族自治区", "450000", "provincial"),
    ("d15_北京市_2026.txt", 2026, "北京市", "110000", "provincial"),  # a municipality is provincial
    ("d07_涞水县_2022.txt", 2022, "涞水县", "130623", "county"),      # 时间：2023-01-24 is the page's, not the report's
    ("d02_高阳县_2019.txt", 2019, "高阳县", "130628", "county"),
])
def test_the_facets_of_reports_of_every_level(lexicon, name, year, place, code, level):
    meta = extract_report(EXCERPTS / name, lexicon).metadata
    assert (meta.year, meta.jurisdiction, meta.division_code, meta.level) == (year, place, code, level)


def test_an_anonymised_report_gets_a_level_and_no_place(lexicon):
    meta = extract_report(REPORTS / "000_bda7739a96efcbec.txt", lexicon).metadata
    assert (meta.jurisdiction, meta.division_code, meta.level, meta.year) == (None, None, "county", 2019)


def test_places_resolve_by_their_chain_and_ambiguous_or_abolished_ones_get_no_code():
    assert resolve_place("保定市满城区人民政府")[0] == "保定市满城区"
    assert resolve_place("保定市满城区人民政府")[1].code == "130607"
    assert resolve_place("鼓楼区人民政府") == ("鼓楼区", None)  # several cities have one
    assert resolve_place("江苏省南京市鼓楼区")[1].code == "320106"
    facets = report_facets("2005年清苑县政府工作报告", "", "清苑县人民政府", "government")
    assert (facets.place, facets.code, facets.level, facets.year) == ("清苑县", None, "county", 2005)  # now 清苑区


def test_the_meeting_line_gives_the_year_not_the_title_or_a_page_date():
    opening = "标题：政府工作报告\n时间：2023-01-24 作者：中国县域\n——2022年1月6日在X县第十七届人民代表大会第一次会议上\n"
    assert report_facets("政府工作报告", opening, None, "government").year == 2022


def _build(folder: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def state_council(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sc") / "out"
    _build(CORPUS / "state-council", out)
    return out


@needs_corpus
def test_across_by_year_over_43_state_council_reports(state_council):
    result = CliRunner().invoke(main, ["across", "--graph", str(state_council), "--by", "year", "--type", "Initiative",
                                       "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {row["entity"]: row for row in csv.DictReader(io.StringIO(result.output))}
    years = [column for column in next(iter(rows.values())) if column.isdigit()]
    assert len(years) == 43 and years[0] == "1978" and years[-1] == "2025"
    for name in ("一带一路", "供给侧结构性改革", "新质生产力", "碳达峰碳中和"):
        row = rows[name]
        print(f"{name}: first {row['first_year']}, last {row['last_year']}, {row['reports']} reports")
        assert int(row["reports"]) == sum(int(row[y]) for y in years) >= 2
        assert row["places"] == "0"  # the nation's reports have no place
    assert rows["新质生产力"]["first_year"] == "2024" and rows["一带一路"]["first_year"] < "2018"
    since = CliRunner().invoke(main, ["across", "--graph", str(state_council), "--by", "year", "--since", "2020",
                                      "--type", "Initiative", "--format", "csv"])
    header = next(csv.reader(io.StringIO(since.output)))
    assert [c for c in header if c.isdigit()] == [y for y in years if y >= "2020"]


@needs_corpus
def test_the_shipped_parameterised_queries_answer_on_real_reports(state_council):
    def rows(name, *params):
        args = ["query", "--shipped", name, "--graph", str(state_council), "--format", "csv"]
        for param in params:
            args += ["--param", param]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        return list(csv.DictReader(io.StringIO(result.output)))

    first = rows("initiatives_first_seen", "year=2024")
    assert first and all(r["year"] == "2024" for r in first) and "新质生产力" in {r["initiative"] for r in first}
    assert {r["year"] for r in rows("entity_years", "name=新质生产力")} == {"2024", "2025"}
    shared = rows("shared_entities", "a=2024_国务院政府工作报告.txt", "b=2025_国务院政府工作报告.txt")
    assert len(shared) > 50 and "新质生产力" in {r["entity"] for r in shared}
    assert rows("initiatives_by_places", "min=1") == []  # the nation's reports have no place


@needs_corpus
def test_provinces_of_2026_by_place_and_the_initiatives_they_share(tmp_path):
    out = tmp_path / "p26"
    _build(CORPUS / "provincial-2026", out)
    result = CliRunner().invoke(main, ["query", "--shipped", "initiatives_by_places", "--graph", str(out),
                                       "--param", "min=20", "--format", "csv"])
    rows = {r["initiative"]: r for r in csv.DictReader(io.StringIO(result.output))}
    print(f"新质生产力: named by {rows['新质生产力']['places']} of 27 provinces")
    assert rows["新质生产力"]["places"] == "27"
    by_level = CliRunner().invoke(main, ["across", "--graph", str(out), "--by", "level", "--min-reports", "27", "--format", "csv"])
    header = next(csv.reader(io.StringIO(by_level.output)))
    assert header[8:-1] == ["provincial"]


def test_parameters_are_bound_by_values_clauses_and_cannot_add_query_text():
    query = "SELECT ?x WHERE { ?x ?p ?name }"
    bound = bind_parameters(query, {"name": '新质生产力" } . ?x ?y ?z { "'})
    assert bound.count("VALUES ?name {") == 1 and '\\"' in bound  # the quote is escaped inside one literal
    default = bind_parameters("SELECT * WHERE { VALUES ?year { 2000 } ?r ?p ?year }", {"year": "2024"})
    assert 'VALUES ?year { "2024"^^<http://www.w3.org/2001/XMLSchema#integer> }' in default and "2000" not in default
    with pytest.raises(QueryError, match="not a variable name"):
        bind_parameters(query, {"x }": "1"})


def test_the_builds_csv_files_open_with_a_byte_order_mark(built):
    for name in ("entities.csv", "relations.csv"):
        assert (built / name).read_bytes().startswith("\ufeff".encode("utf-8")), name


def test_a_manifest_sets_or_corrects_any_facet_and_kg_reports_is_a_valid_manifest(tmp_path):
    import shutil

    folder = tmp_path / "in"
    folder.mkdir()
    for path in sorted(REPORTS.glob("*.txt"))[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "manifest.csv").write_text(
        "file,jurisdiction,year,level,kind,code\n"
        "000_bda7739a96efcbec.txt,天津市津南区,2020,county,party-committee,120112\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-cache"])
    assert result.exit_code == 0, result.output
    listed = CliRunner().invoke(main, ["reports", "--graph", str(out), "--format", "csv"]).output
    rows = {row["file"]: row for row in csv.DictReader(io.StringIO(listed))}
    first = rows["000_bda7739a96efcbec.txt"]
    assert (first["jurisdiction"], first["year"], first["level"], first["code"]) == ("天津市津南区", "2020", "county", "120112")
    assert rows["001_60ffe4ad60b6dedb.txt"]["year"] == "2020"  # its own, unchanged
    # the listing fed back as the manifest gives the same facets
    (folder / "manifest.csv").write_text(listed, encoding="utf-8")
    again = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-cache"])
    assert again.exit_code == 0, again.output
    assert CliRunner().invoke(main, ["reports", "--graph", str(out), "--format", "csv"]).output == listed
    # a malformed cell names the file and the row
    (folder / "manifest.csv").write_text("file,level\n000_bda7739a96efcbec.txt,district\n", encoding="utf-8")
    bad = CliRunner().invoke(main, ["build", str(folder), "-o", str(out), "--no-cache"])
    assert bad.exit_code != 0 and "manifest.csv, row 2: level 'district' is not valid" in bad.output
