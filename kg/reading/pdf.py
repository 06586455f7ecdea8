"""The .pdf reader: a PDF's text layer -> the report's text, with ``pdfminer.six``.

A PDF holds positioned lines, not paragraphs: the page layout broke each
paragraph into lines, and every page repeats a running header, a footer
and a page number. The reader gives the report's text back:

- **Lines** are pdfminer's text lines (its layout analysis, default
  ``LAParams``), read top to bottom; lines on one baseline (a table row)
  become one line, their pieces joined by a tab.
- **Running headers, footers and page numbers** are left out: a line in the
  top or bottom tenth of a page that reads as a page number (``3``, ``- 3 -``,
  ``第3页``, ``3/12``), or whose text, digits aside, recurs in that band on at
  least half the pages (two at least). How many were left out is said in
  the document's warnings.
- **Lines the layout broke inside a paragraph are joined**: a line runs on
  into the next when it ends closer to the body's right margin than the
  width of what the next line opens with (one character, with the
  punctuation the line-breaking rules keep with it, or a whole Latin word
  or number) and one character more, unless the next is indented as a
  paragraph's first line or set apart by a larger gap than lines are. Chinese joins with nothing between; a space is put only between two
  Latin letters or digits.
- **Radical code points are mapped back** to the ideographs they show
  (⼯ -> 工, ⺠ -> 民; browsers and some office suites write them, because the
  font gives both the same glyph), by ``data/unicode/radicals.tsv``
  (``scripts/build_radicals.py``), and every character with a canonical
  equivalent by it (NFC: a CJK compatibility ideograph, ``〈`` U+2329 -> ``〈``
  U+3008, which fonts also draw with one glyph).

A PDF with no text layer (a scan) is refused with that reason, as is an
encrypted or damaged one.
"""

from __future__ import annotations

import io
import logging
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..errors import ReadError
from ..resources import unicode_table

__all__ = ["read_pdf"]

#: Share of a page's height at the top and at the bottom where running headers and footers stand. Chosen by us:
#: A4 with Word's default margins puts them in the outer 6 %, a printed web page's in the outer 5 %.
_BAND = 0.10
_PAGE_NUMBER = re.compile(r"[-—–·\s]*(?:第\s*)?\d{1,4}\s*(?:页)?\s*(?:/\s*\d{1,4}|共\s*\d{1,4}\s*页)?[-—–·\s]*")
#: A gap between two lines of a page larger than this many times the usual one parts paragraphs (layouts
#: that space paragraphs instead of indenting them). Chosen by us: line spacing varies by a few percent.
_PARAGRAPH_GAP = 1.4
#: What may not open a line (closing punctuation) and not end one (opening punctuation), by the line-breaking
#: rules of Chinese typesetting (W3C, Requirements for Chinese Text Layout, 3.1.7): a layout moves one more
#: character to the next line with them.
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—%％·")
_NO_LINE_END = frozenset("（《「『【〔〈“‘")
#: A Latin word or number, which a layout moves to the next line whole.
_LATIN_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%\-]*")
#: Width of a Latin letter or digit in characters of the body's CJK font (proportional fonts: about half).
_LATIN_WIDTH = 0.6
#: Fewest non-space characters per page for a PDF to count as having a text layer. Chosen by us: a
#: scan's text layer is empty or holds a stray page number; a report's page holds hundreds.
_MIN_CHARS_PER_PAGE = 20


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    y0: float
    y1: float
    text: str


@lru_cache(maxsize=1)
def _radicals() -> dict[int, str]:
    table = {}
    for line in unicode_table("radicals.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            radical, ideograph = line.split("\t")[:2]
            table[ord(radical)] = ideograph
    return table


def _parse(data: bytes) -> tuple[list[_Line], list[float], str | None]:
    """One parse of the PDF: pdfminer's horizontal text lines of every page, each page's height, and the Title."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLineHorizontal
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    document = PDFDocument(PDFParser(io.BytesIO(data)))
    manager = PDFResourceManager(caching=True)
    device = PDFPageAggregator(manager, laparams=LAParams())
    interpreter = PDFPageInterpreter(manager, device)
    lines, heights = [], []
    for number, pdf_page in enumerate(PDFPage.create_pages(document)):
        interpreter.process_page(pdf_page)
        page = device.get_result()
        heights.append(page.height)
        for box in page:
            if not isinstance(box, LTTextContainer):
                continue
            for line in box:
                if isinstance(line, LTTextLineHorizontal) and (text := line.get_text().rstrip("\n")).strip():
                    lines.append(_Line(number, line.x0, line.x1, line.y0, line.y1, text))
    return lines, heights, _info_title(document)


def _rows(lines: list[_Line]) -> list[_Line]:
    """Lines on one baseline of a page made one (a table's row), top to bottom."""
    rows: list[_Line] = []
    for line in sorted(lines, key=lambda l: (l.page, -round(l.y1), l.x0)):
        last = rows[-1] if rows else None
        if last and last.page == line.page and abs((last.y0 + last.y1) - (line.y0 + line.y1)) / 2 < 0.5 * (line.y1 - line.y0):
            rows[-1] = _Line(last.page, last.x0, line.x1, last.y0, last.y1, f"{last.text}\t{line.text}")
        else:
            rows.append(line)
    return rows


def _running(lines: list[_Line], heights: list[float]) -> set[int]:
    """Indexes of the running headers, footers and page numbers (see the module's text)."""
    def band(line: _Line) -> str | None:
        height = heights[line.page]
        if line.y0 >= height * (1 - _BAND):
            return "top"
        if line.y1 <= height * _BAND:
            return "bottom"
        return None

    shape = lambda text: re.sub(r"\d+", "#", re.sub(r"\s+", "", text))  # noqa: E731
    recurring = Counter()
    for line in lines:
        if where := band(line):
            recurring[where, shape(line.text)] += 1
    pages = len(heights)
    running = set()
    for i, line in enumerate(lines):
        if (where := band(line)) and (_PAGE_NUMBER.fullmatch(line.text)
                                      or (pages >= 2 and recurring[where, shape(line.text)] >= max(2, pages / 2))):
            running.add(i)
    return running


def _opening_width(text: str) -> float:
    """Width, in characters, of what a layout cannot split off the start of a line (see the module's text)."""
    if match := _LATIN_WORD.match(text):
        return _LATIN_WIDTH * len(match.group())
    i = 0
    while i < len(text) and text[i] in _NO_LINE_END:
        i += 1
    i += 1
    while i < len(text) and text[i] in _NO_LINE_START:
        i += 1
    return float(min(i, len(text)))


def _join(lines: list[_Line]) -> str:
    """The lines as paragraphs: a line that reaches the right margin runs on into the next unless it is indented."""
    if not lines:
        return ""
    widths = [(l.x1 - l.x0) / len(l.text) for l in lines if len(l.text) >= 10] or [(l.x1 - l.x0) / max(1, len(l.text)) for l in lines]
    char = statistics.median(widths)
    right = statistics.quantiles([l.x1 for l in lines], n=20)[-1] if len(lines) >= 2 else lines[0].x1
    left = statistics.quantiles([l.x0 for l in lines], n=20)[0] if len(lines) >= 2 else lines[0].x0
    steps = [b.y0 - l.y0 for b, l in zip(lines, lines[1:]) if b.page == l.page and b.y0 > l.y0]
    step = statistics.median(steps) if steps else 0.0
    out = [lines[0].text]
    for before, line in zip(lines, lines[1:]):
        full = right - before.x1 <= (_opening_width(line.text) + 1) * char
        indented = line.x0 > left + 0.8 * char
        apart = before.page == line.page and before.y0 - line.y0 > _PARAGRAPH_GAP * step
        if full and not indented and not apart and "\t" not in before.text and "\t" not in line.text:
            space = " " if before.text[-1:].isascii() and before.text[-1:].isalnum() and line.text[:1].isascii() and line.text[:1].isalnum() else ""
            out[-1] += space + line.text
        else:
            out.append(line.text)
    return "\n".join(out) + "\n"


def read_pdf(data: bytes, name: str) -> tuple[str, str, tuple[str, ...], str | None]:
    """Read a PDF's text layer as the report's text.

    Args:
        data: the file's bytes.
        name: the report's identity, for the messages.

    Returns:
        ``(text, "", warnings, title)``: the paragraphs, one a line; no
        encoding; a warning that says how many running header and footer
        lines were left out; the document information's Title or ``None``.

    Raises:
        ReadError: the bytes are not a PDF, it is damaged or encrypted, or
            it has no text layer (a scan: run OCR first, e.g. ``ocrmypdf``).
    """
    if not data.lstrip()[:1024].startswith(b"%PDF") and b"%PDF-" not in data[:1024]:
        raise ReadError(f"{name}: not a PDF file (no %PDF- header)")
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it warns of every font without a bounding box
    try:
        lines, heights, title = _parse(data)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged or encrypted files
        raise ReadError(f"{name}: the PDF cannot be read ({type(exc).__name__}: {exc})") from exc
    characters = sum(len(line.text.strip()) for line in lines)
    if characters < _MIN_CHARS_PER_PAGE * max(1, len(heights)) and characters < 200:
        raise ReadError(f"{name}: the PDF has no text layer ({len(heights)} pages, {characters} characters of text; "
                        "a scan?): make one with OCR first, e.g. 'ocrmypdf -l chi_sim FILE OUT.pdf'")
    if sum(line.text.count("(cid:") for line in lines) * 10 > characters:
        raise ReadError(f"{name}: the PDF's fonts do not say which characters they draw (no ToUnicode map): "
                        "its text cannot be taken out; run OCR on it, e.g. 'ocrmypdf --force-ocr -l chi_sim FILE OUT.pdf'")
    table = _radicals()
    lines = [_Line(l.page, l.x0, l.x1, l.y0, l.y1, unicodedata.normalize("NFC", l.text.translate(table)))
             for l in _rows(lines)]
    running = _running(lines, heights)
    body = [line for i, line in enumerate(lines) if i not in running]
    warnings = ((f"{name}: {len(running)} running header, footer and page-number lines of the PDF left out",)
                if running else ())
    return _join(body), "", warnings, title


def _info_title(document) -> str | None:
    """The Title of a parsed PDF's document information dictionary, or ``None``."""
    from pdfminer.utils import decode_text

    for info in document.info:
        title = info.get("Title")
        if hasattr(title, "resolve"):
            title = title.resolve()
        if isinstance(title, bytes):
            return decode_text(title).strip() or None
        if isinstance(title, str):
            return title.strip() or None
    return None
