"""How well and how fast the readers of kg.reading take reports out of web pages, PDFs and .docx files.

Usage: python bench/readers.py [--pdf]

1. **Web-page main-text extractors** (the choice behind :mod:`kg.reading.html`):
   each of the 25 gold reports (the five samples and the twenty excerpts)
   is wrapped in a government site's page (:func:`tests.pages.government_page`),
   once as it is and once with the article inside a layout table, as older
   government sites have it. For each extractor: the share of the report's
   line characters kept (a line counts when it is found whole, white space
   aside), the pages where a piece of the site's frame that the report does
   not hold (navigation, breadcrumbs, footer) came through, and the time.
   Candidates: ``readability-lxml`` (kg's), ``trafilatura`` (when installed).
2. **Reading times** of kg's readers: the 30 provincial ``.docx`` files of
   ``../shared/corpus/provincial-2025-docx``, and with ``--pdf`` the five
   samples printed to PDF by Chromium (:func:`tests.pages.print_pdf`).
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.reading import read_document  # noqa: E402
from kg.reading.html import _lines  # noqa: E402
from tests.pages import NAVIGATION_NAMES, government_page, print_pdf  # noqa: E402

FRAME = (*NAVIGATION_NAMES, "版权所有", "当前位置", "分享到", "发布时间", "首页", "X市人民政府门户网站")


def _in_a_table(page: str) -> str:
    """The same page with the article inside a layout table whose first cell is a navigation link."""
    return (page.replace('<div class="content">', '<table><tr><td class="menu"><a href="/">首页</a></td><td><div id="zoom">')
                .replace('<div class="share">', '</div></td></tr></table><div class="share">')
                .replace("<p>", '<p><span style="font-size:16px">').replace("</p>", "</span></p>"))


def _readability(page: str) -> str:
    import lxml.html
    from readability import Document

    return "\n".join(_lines(lxml.html.fragment_fromstring(Document(page).summary(html_partial=True), create_parent="div")))


def _trafilatura(page: str) -> str:
    import trafilatura

    return trafilatura.extract(page, include_tables=True, deduplicate=False) or ""


def extractors() -> None:
    candidates = {"readability-lxml": _readability}
    try:
        import trafilatura  # noqa: F401

        candidates["trafilatura"] = _trafilatura
    except ImportError:
        print("trafilatura is not installed: pip install trafilatura to compare it")
    squeeze = lambda text: re.sub(r"\s+", "", text)  # noqa: E731
    reports = sorted((ROOT / "data" / "reports").glob("*.txt")) + sorted((ROOT / "tests" / "excerpts").glob("*.txt"))
    for layout, wrap in (("article in a div", lambda page: page), ("article in a layout table", _in_a_table)):
        for label, extract in candidates.items():
            kept = total = leaked = 0
            started = time.perf_counter()
            for path in reports:
                text = path.read_text(encoding="utf-8")
                body = [squeeze(line) for line in text.splitlines()[1:] if line.strip()]
                out = extract(wrap(government_page(text)))
                flat = squeeze(out)
                kept += sum(len(line) for line in body if line in flat)
                total += sum(len(line) for line in body)
                leaked += any(piece in out and piece not in text for piece in FRAME)
            seconds = time.perf_counter() - started
            print(f"{layout:26} {label:17} kept {kept / total:.4f} of {total} characters; "
                  f"frame kept on {leaked} of {len(reports)} pages; {seconds:.2f} s")


def reading_times(pdf: bool) -> None:
    docx = sorted((ROOT.parent / "shared" / "corpus" / "provincial-2025-docx").glob("*.docx"))
    if docx:
        started = time.perf_counter()
        characters = sum(len(read_document(path).text) for path in docx)
        print(f".docx: read {len(docx)} files ({characters:,} characters) in {time.perf_counter() - started:.2f} s")
    if pdf:
        with tempfile.TemporaryDirectory() as folder:
            pdfs = []
            for path in sorted((ROOT / "data" / "reports").glob("*.txt")):
                page = Path(folder) / f"{path.stem}.html"
                page.write_text(government_page(path.read_text(encoding="utf-8")), encoding="utf-8")
                print_pdf(page, page.with_suffix(".pdf"))
                pdfs.append(page.with_suffix(".pdf"))
            started = time.perf_counter()
            characters = sum(len(read_document(path).text) for path in pdfs)
            print(f".pdf: read {len(pdfs)} files ({characters:,} characters) in {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true", help="also print the samples to PDF with Chromium and time their reading")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    extractors()
    reading_times(args.pdf)
