"""Reading the files analysts have: .docx, .pdf and saved web pages, sub-folders, and the texts kept beside the graph.

The .docx files are 30 real provincial government work reports of 2025
(``../shared/corpus/provincial-2025-docx``). The PDFs and web pages are made
here from the five sample reports (:mod:`tests.pages`): a web page that
wraps a report in a government site's navigation, breadcrumbs and footer,
and that page printed to PDF by headless Chromium with a running header and
page numbers. A build of each must find what the build of the ``.txt``
files finds.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import ReadError
from kg.reading import document_from_bytes, read_document
from kg.rdf.store import open_store, run_query

from .conftest import REPORTS, ROOT
from .pages import CHROMIUM, NAVIGATION_NAMES, government_page, print_pdf

CORPUS = ROOT.parent / "shared" / "corpus"
DOCX = CORPUS / "provincial-2025-docx"
SAMPLES = sorted(REPORTS.glob("*.txt"))
needs_corpus = pytest.mark.skipif(not DOCX.is_dir(), reason="../shared/corpus is not beside the project")
if not Path(CHROMIUM).exists() and os.environ.get("KG_REQUIRE_BROWSER"):
    raise RuntimeError(f"KG_REQUIRE_BROWSER is set and there is no Chromium at {CHROMIUM} to print the PDFs")
needs_chromium = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _build(*args: str) -> str:
    result = _run("build", *args, "--no-cache")
    assert result.exit_code == 0, result.output
    return result.stdout


def _names_by_report(outdir: Path) -> dict[str, set[str]]:
    """Report file name without ending -> canonical names of the entities it mentions."""
    query = """PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?path ?label WHERE { ?r kg:path ?path ; kg:mentions ?e . ?e rdfs:label ?label }"""
    found: dict[str, set[str]] = {}
    for row in run_query(open_store(outdir), query):
        found.setdefault(row["path"].value.rsplit(".", 1)[0], set()).add(row["label"].value)
    return found


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _mentions_hold_in_texts(outdir: Path) -> int:
    """Check ``text[begin:end] == anchorOf`` of every mention against ``texts/``; returns how many were checked."""
    query = """PREFIX kg: <https://w3id.org/kg-reports/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?path ?anchor ?b ?e WHERE { ?m nif:referenceContext ?r ; nif:anchorOf ?anchor ;
  nif:beginIndex ?b ; nif:endIndex ?e . ?r kg:path ?path }"""
    texts: dict[str, str] = {}
    checked = 0
    for row in run_query(open_store(outdir), query):
        path = row["path"].value
        name = path if path.endswith(".txt") else path + ".txt"
        if path not in texts:
            texts[path] = (outdir / "texts" / name).read_bytes().decode("utf-8")
        assert texts[path][int(row["b"].value):int(row["e"].value)] == row["anchor"].value, (path, row["anchor"].value)
        checked += 1
    return checked


# ---- .docx --------------------------------------------------------------------------------------------------------


@needs_corpus
def test_the_30_provincial_docx_reports_all_build(tmp_path):
    out = tmp_path / "out"
    started = time.perf_counter()
    stdout = _build(str(DOCX), "-o", str(out))
    seconds = time.perf_counter() - started
    print(f"30 .docx built in {seconds:.1f} s")  # a figure for the README, not a bar
    assert "reports read: 30 (0 from the cache), skipped: 0" in stdout
    assert _mentions_hold_in_texts(out) > 5000
    rows = _run("reports", "--graph", str(out), "--format", "csv").stdout.splitlines()
    assert len(rows) == 31 and all(",government," in row for row in rows[1:])
    graph = (out / "graph.nt").read_text(encoding="utf-8")
    assert '<http://purl.org/dc/terms/format> "application/vnd.openxmlformats-officedocument.wordprocessingml.document"' in graph


def _docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None, title: str | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, value in enumerate(row):
                grid.cell(i, j).text = value
        document.add_paragraph("表后的段落。")
    if title is not None:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_docx_gives_paragraphs_in_order_and_tables_row_by_row():
    data = _docx_bytes(["2024年X县政府工作报告", "各位代表：", "过去一年，县政府深入开展“双提升”行动。"],
                       [["指标", "目标"], ["地区生产总值", "增长6%"]], title="2024年X县政府工作报告")
    document = document_from_bytes(data, "r.docx")
    assert document.text == ("2024年X县政府工作报告\n各位代表：\n过去一年，县政府深入开展“双提升”行动。\n"
                             "指标\t目标\n地区生产总值\t增长6%\n表后的段落。\n")
    assert document.title == "2024年X县政府工作报告" and document.encoding == ""
    assert document.media_type.endswith("wordprocessingml.document")


def test_a_docx_title_the_text_does_not_hold_is_no_title():
    data = _docx_bytes(["2024年X县政府工作报告", "各位代表："], title="Microsoft Word 文档")
    assert document_from_bytes(data, "r.docx").title is None


def test_a_renamed_doc_or_a_damaged_docx_is_named_with_the_reason():
    with pytest.raises(ReadError, match=r"r\.docx: not a readable \.docx file \(a Word 97-2003 \.doc renamed\?\)"):
        document_from_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "r.docx")
    with pytest.raises(ReadError, match=r"x\.doc: a Word 97-2003 file.*libreoffice --headless --convert-to docx x\.doc"):
        document_from_bytes(b"\xd0\xcf\x11\xe0", "x.doc")


# ---- web pages and PDFs made from the samples ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def sample_pages(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    for path in SAMPLES:
        (folder / f"{path.stem}.html").write_text(government_page(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def sample_pdfs(sample_pages, tmp_path_factory) -> Path:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    folder = tmp_path_factory.mktemp("pdfs")
    for page in sorted(sample_pages.glob("*.html")):
        print_pdf(page, folder / f"{page.stem}.pdf")
    return folder


def _compare_with_the_text_build(built: Path, folder: Path, tmp_path: Path, what: str) -> None:
    out = tmp_path / "out"
    stdout = _build(str(folder), "-o", str(out))
    assert "reports read: 5 (0 from the cache), skipped: 0" in stdout
    expected, found = _names_by_report(built), _names_by_report(out)
    assert sorted(found) == sorted(expected)
    for report in sorted(expected):
        overlap = _overlap(expected[report], found[report])
        print(f"{what} {report}: overlap {overlap:.4f}; only in the .txt build: {sorted(expected[report] - found[report])}; "
              f"only in the {what} build: {sorted(found[report] - expected[report])}")
        assert overlap >= 0.98, report
        assert not (found[report] - expected[report]) & set(NAVIGATION_NAMES)
    assert _mentions_hold_in_texts(out) > 1000


def test_web_pages_of_the_samples_find_what_their_text_files_find(built, sample_pages, tmp_path):
    _compare_with_the_text_build(built, sample_pages, tmp_path, ".html")
    text = (tmp_path / "out" / "texts" / "000_bda7739a96efcbec.html.txt").read_text(encoding="utf-8")
    assert text.startswith("区委常委会工作报告\n同志们：\n")  # the title from <title>, less the site's name
    for frame in ("当前位置", "版权所有", "ICP备", "分享到", "X市人民政府门户网站", *NAVIGATION_NAMES):
        assert frame not in text


def test_a_web_page_declared_gbk_is_decoded_as_declared():
    text = SAMPLES[0].read_text(encoding="utf-8")
    page = government_page(text).replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    document = document_from_bytes(page.encode("gb18030"), "r.htm")
    assert document.encoding == "gb18030" and "区委常委会坚持以习近平新时代中国特色社会主义思想为指导" in document.text


@needs_chromium
def test_printed_pdfs_of_the_samples_find_what_their_text_files_find(built, sample_pdfs, tmp_path):
    _compare_with_the_text_build(built, sample_pdfs, tmp_path, ".pdf")
    document = read_document(sample_pdfs / "000_bda7739a96efcbec.pdf")
    # the running header and the page numbers are left out and said; the radicals Chromium writes are mapped back
    assert "X市人民政府门户网站" not in document.text and "- 2 -" not in document.text
    assert any("running header, footer and page-number lines" in w for w in document.warnings)
    assert "⼯" not in document.text and "工作" in document.text
    # the lines the page broke inside a paragraph are joined: the paragraphs are the .txt file's lines
    lines = [line.strip() for line in SAMPLES[0].read_text(encoding="utf-8").splitlines() if line.strip()]
    assert document.text.splitlines() == lines


@needs_chromium
@pytest.mark.parametrize("style", [
    "@page { size: A5; margin: 15mm 12mm; } .content p { text-align: justify; font-size: 12px; }",
    ".content p { text-indent: 0; margin-bottom: 1.2em; font-size: 18px; }",  # paragraphs apart, not indented
])
def test_the_lines_of_a_pdf_in_another_layout_join_into_the_reports_lines(style, tmp_path):
    source = SAMPLES[2]
    page = tmp_path / "page.html"
    page.write_text(government_page(source.read_text(encoding="utf-8"), style), encoding="utf-8")
    print_pdf(page, tmp_path / "report.pdf")
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = read_document(tmp_path / "report.pdf").text.splitlines()
    same = sum(a == b for a, b in zip(lines, found))
    print(f"{style}: {same} of {len(lines)} lines the same, {len(found)} read")
    assert found == lines


def test_a_pdf_without_a_text_layer_is_refused_with_the_reason():
    # one empty page: what a scan without OCR gives to a text extractor
    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
    with pytest.raises(ReadError, match=r"scan\.pdf: the PDF has no text layer \(1 pages, 0 characters.*ocrmypdf"):
        document_from_bytes(pdf, "scan.pdf")


def test_a_text_file_named_pdf_is_refused_not_built_as_a_report():
    with pytest.raises(ReadError, match=r"r\.pdf: not a PDF file"):
        document_from_bytes(SAMPLES[0].read_bytes(), "r.pdf")


# ---- sub-folders and identities -----------------------------------------------------------------------------------


def test_recursive_reads_sub_folders_and_names_reports_by_their_path(tmp_path):
    root = tmp_path / "in"
    for sub in ("a", "b/c"):
        (root / sub).mkdir(parents=True)
        shutil.copy(SAMPLES[0], root / sub / "report.txt")
    (root / "a" / "manifest.csv").write_text("file,jurisdiction\nreport.txt,津南区\n", encoding="utf-8")
    out = tmp_path / "out"
    flat = _run("build", str(root), "-o", str(out), "--no-cache")
    assert flat.exit_code != 0 and "2 sub-folders (--recursive reads them)" in flat.stderr
    assert "reports read: 2" in _build("--recursive", str(root), "-o", str(out))
    rows = _run("reports", "--graph", str(out), "--format", "csv").stdout.splitlines()
    assert [row.split(",")[:2] for row in rows[1:]] == [["a/report.txt", "津南区"], ["b/c/report.txt", ""]]
    assert sorted(p.relative_to(out / "texts").as_posix() for p in (out / "texts").rglob("*.txt")) == [
        "a/report.txt", "b/c/report.txt"]
    manifest = json.loads((out / "build.json").read_text(encoding="utf-8"))
    assert sorted(manifest["reports"]) == ["a/report.txt", "b/c/report.txt"]


def test_two_reports_of_one_identity_are_an_error_naming_both(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        shutil.copy(SAMPLES[0], tmp_path / folder / "report.txt")
    result = _run("build", str(tmp_path / "one"), str(tmp_path / "two"), "-o", str(tmp_path / "out"), "--no-cache")
    assert result.exit_code != 0
    assert f"two reports have the identity report.txt: {tmp_path / 'one' / 'report.txt'} and {tmp_path / 'two' / 'report.txt'}" in result.stderr
    assert not (tmp_path / "out").exists()
    # the same file given twice is read once
    again = _run("build", str(tmp_path / "one"), str(tmp_path / "one" / "report.txt"), "-o", str(tmp_path / "out"), "--no-cache")
    assert again.exit_code == 0 and "reports read: 1 " in again.stdout


def test_the_texts_as_read_hold_every_mention_of_the_sample_build(built):
    assert sorted(p.name for p in (built / "texts").iterdir()) == [p.name for p in SAMPLES]
    for path in SAMPLES:  # a text file is kept as decoded
        assert (built / "texts" / path.name).read_bytes() == path.read_bytes()
    assert _mentions_hold_in_texts(built) > 1000


@needs_corpus
def test_the_whole_corpus_builds_recursively_with_nothing_skipped(tmp_path):
    expected = len(list(CORPUS.rglob("*.txt"))) + len(list(CORPUS.rglob("*.docx")))
    stdout = _build("--recursive", str(CORPUS), "-o", str(tmp_path / "out"), "--jobs", "2")
    assert f"reports read: {expected} (0 from the cache), skipped: 0" in stdout
    assert expected == 222


def test_eval_finds_the_gold_of_reports_built_in_a_sub_folder(tmp_path):
    """The gold names a report by its file name; a report built under a sub-folder answers to it when the name is unique."""
    from .conftest import GOLD

    (tmp_path / "in" / "district").mkdir(parents=True)
    for path in SAMPLES[:2]:
        shutil.copy(path, tmp_path / "in" / "district" / path.name)
    _build("--recursive", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    nested = _run("eval", str(GOLD), "--graph", str(tmp_path / "out"), "--json")
    assert nested.exit_code == 0, nested.output
    scores = json.loads(nested.stdout)
    assert scores["reports"] == 2
    assert scores["entities_typed"]["tp"] > 100
