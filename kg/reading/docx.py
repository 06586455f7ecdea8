"""The .docx reader: a Word (Office Open XML) file -> the report's text, with ``python-docx``.

The body is read in document order: each paragraph one line (a manual
line break inside it stays a newline, as ``python-docx`` gives it); each
table row by row, one line a row, its cells joined by a tab, a cell merged
across columns taken once. Headers, footers, footnotes, comments and text
boxes are not the report's body and are left out. The title is the file's
core property ``title`` (Word's File > Info > Title) where the text holds
it (:func:`kg.reading.document_from_bytes` checks).
"""

from __future__ import annotations

import io
import zipfile

from ..errors import ReadError

__all__ = ["read_docx"]


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:  # a merged cell comes once per grid column it spans
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text.replace("\n", " ").strip())
        lines.append("\t".join(cells))
    return lines


def read_docx(data: bytes, name: str) -> tuple[str, str, tuple[str, ...], str | None]:
    """Read a .docx file's body.

    Args:
        data: the file's bytes.
        name: the report's identity, for the messages.

    Returns:
        ``(text, "", warnings, title)``: the body's paragraphs and table rows,
        one a line; no encoding (the XML's is the package's business); no
        warnings; the core property ``title`` or ``None``.

    Raises:
        ReadError: the bytes are not a .docx (not a ZIP package, or one with
            no Word document in it: a .doc renamed, a damaged download).
    """
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = open_docx(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        hint = " (a Word 97-2003 .doc renamed?)" if data.startswith(b"\xd0\xcf\x11\xe0") else ""
        raise ReadError(f"{name}: not a readable .docx file{hint}: {exc}") from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_table_lines(block))
    title = (document.core_properties.title or "").strip() or None
    return "\n".join(lines) + "\n", "", (), title
