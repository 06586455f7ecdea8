"""The web-page reader: a saved ``.html`` page -> the article's text, with ``readability-lxml``.

A report saved from a government site sits among the site's banner,
navigation, breadcrumbs, side links, share bar and footer, which name
bodies of their own (国务院 in a link list, 主办：… in the footer). The
page's main text is found by ``readability-lxml`` (a port of Arc90's
Readability, the algorithm of Firefox's reader view), chosen by
measurement (``bench/readers.py``): on the 25 gold reports wrapped in a
government page, it and ``trafilatura`` 2.3 both kept every character of
every report line; with the article inside a layout table, as older
government sites have it, trafilatura also kept the table's navigation
cell on all 25 pages, readability on none; readability needs ``lxml``,
``cssselect`` and ``chardet`` alone.

Decoding: a byte-order mark, else the page's declared charset (``<meta
charset>`` or ``http-equiv``; GB2312 and GBK read as their superset
GB18030), else kg's text decoding (:func:`kg.reading.text.decode`).

The article is turned into lines as a browser lays it out: a block element
(``p``, ``div``, ``li``, ``tr``, headings …) or ``<br>`` ends a line, inline
elements run on, white space collapses. The title is the piece of
``<title>`` (split at the separators sites put before their own name:
``_ | - —``) that a heading of the body shows, else the first piece the body shows; it opens the text when the
article left it out (Readability drops the ``<h1>``).
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError
from .text import decode

__all__ = ["read_html"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
#: Declared charsets read as a superset: GB18030 holds every GB2312 and GBK character (GB 18030-2005).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}
#: Elements that end a line (HTML's block-level and table elements, and list items).
_BLOCKS = frozenset("""address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td th thead tfoot
tr ul""".split())
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "title"})
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML's white space (not U+3000, which a report's indentation uses)
#: What sites put between a page's title and their own name (``报告_X市人民政府网``).
_TITLE_SEPARATORS = re.compile(r"\s*(?:[_|｜]|\s[-—–]+\s|——|--)\s*")


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if match := _CHARSET.search(data[:8192]):
        declared = match.group(1).decode("ascii").lower()
        encoding = _SUPERSETS.get(declared, declared)
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: detect as for a text file
    text, encoding, _ = decode(data, name)
    return text, encoding


def _lines(element) -> list[str]:
    """The element's text laid out in lines: blocks and ``<br>`` break, white space collapses."""
    lines, current = [], []

    def flush():
        line = _SPACE.sub(" ", "".join(current)).strip(" ")
        if line.strip():
            lines.append(line)
        current.clear()

    def walk(node):
        tag = node.tag if isinstance(node.tag, str) else ""  # comments and processing instructions: no tag
        if tag in _SKIP:
            return
        breaks = tag in _BLOCKS or tag == "br"
        if breaks:
            flush()
        if node.text and tag:
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if breaks:
            flush()

    walk(element)
    flush()
    return lines


def _title(page) -> str | None:
    """The piece of the page's ``<title>`` that a heading of the body shows, else the first piece the body shows.

    The full title counts as a piece; pieces shorter than four characters
    (a site's 首页) do not.
    """
    found = page.find(".//title")
    if found is None or not (found.text_content() or "").strip():
        return None
    full = _SPACE.sub(" ", found.text_content()).strip()
    pieces = [piece for piece in dict.fromkeys([full, *_TITLE_SEPARATORS.split(full)]) if len(piece) >= 4]
    body = page.find("body")
    if body is None:
        return None
    headings = "\n".join(_SPACE.sub(" ", h.text_content()) for h in body.iter("h1", "h2", "h3"))
    body_text = "\n".join(_lines(body))
    return (next((piece for piece in pieces if piece in headings), None)
            or next((piece for piece in pieces if piece in body_text), None))


def read_html(data: bytes, name: str) -> tuple[str, str, tuple[str, ...], str | None]:
    """Read a saved web page's main text.

    Args:
        data: the page's bytes.
        name: the report's identity, for the messages.

    Returns:
        ``(text, encoding, warnings, title)``: the article's lines, the title
        first where the article left it out; the charset it was decoded
        with; no warnings; the title or ``None``.

    Raises:
        ReadError: the bytes cannot be decoded, are not HTML, or hold no main text.
    """
    import lxml.etree
    import lxml.html
    from readability import Document as Readable

    markup, encoding = _decode(data, name)
    try:
        page = lxml.html.document_fromstring(markup)
        summary = Readable(markup).summary(html_partial=True)
        article = lxml.html.fragment_fromstring(summary, create_parent="div")
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(f"{name}: not a readable web page: {exc}") from exc
    lines = _lines(article)
    if not lines:
        raise ReadError(f"{name}: no main text found in the web page")
    title = _title(page)
    if title and not any(title in line for line in lines[:3]):
        lines.insert(0, title)
    return "\n".join(lines) + "\n", encoding, (), title
