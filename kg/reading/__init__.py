"""Stage 1, read: a report file's bytes -> :class:`~kg.model.Document`.

One reader per format, chosen by the file name's ending, each a small
module that turns the bytes into the report's text (and, where the file
carries one, its title):

========================  ==========================  ==========================================
ending                    reader                      depends on
========================  ==========================  ==========================================
``.txt .text .md``        :mod:`kg.reading.text`      the standard library (codec detection)
``.docx``                 :mod:`kg.reading.docx`      ``python-docx``
``.pdf``                  :mod:`kg.reading.pdf`       ``pdfminer.six``
``.html .htm``            :mod:`kg.reading.html`      ``readability-lxml`` (and ``lxml``)
========================  ==========================  ==========================================

A file of another ending named on the command line is read as plain text.
A ``.doc`` (Word 97-2003) or ``.wps`` file is not read: it is refused with
the command that converts it (:data:`UNSUPPORTED`).

The text a reader gives is the reference for every offset downstream
(``text[begin:end] == anchorOf``; ``../spec/GRAPH.md``); a build keeps it
as ``texts/<report>.txt`` beside the graph so that any offset can be
checked. A file a reader cannot take raises :class:`~kg.errors.ReadError`
naming the file and the problem; the build skips that report and goes on.
"""

from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath

from ..errors import ReadError
from ..model import Document
from .text import decode

__all__ = ["read_document", "read_bytes", "document_from_bytes", "decode", "MEDIA_TYPES", "UNSUPPORTED",
           "READ_SUFFIXES", "media_type"]

#: The media type (IANA) of each ending a reader takes.
MEDIA_TYPES = {
    ".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pdf": "application/pdf",
    ".html": "text/html", ".htm": "text/html",
}
#: The endings a folder scan reads as reports.
READ_SUFFIXES = frozenset(MEDIA_TYPES)
#: Endings of report formats kg does not read, with what to do instead.
UNSUPPORTED = {
    ".doc": "a Word 97-2003 file, which kg does not read; convert it with "
            "'libreoffice --headless --convert-to docx {path}' and build the .docx",
    ".wps": "a WPS Office file, which kg does not read; save it as .docx "
            "(or 'libreoffice --headless --convert-to docx {path}') and build that",
}


def media_type(name: str) -> str:
    """The media type kg reads a file of this name as (plain text for an ending it does not know)."""
    return MEDIA_TYPES.get(PurePosixPath(name).suffix.lower(), "text/plain")


def _read(data: bytes, name: str, kind: str) -> tuple[str, str, tuple[str, ...], str | None]:
    """``(text, encoding, warnings, title)`` of a file of media type ``kind``."""
    if kind == "application/pdf":
        from .pdf import read_pdf

        return read_pdf(data, name)
    if kind == MEDIA_TYPES[".docx"]:
        from .docx import read_docx

        return read_docx(data, name)
    if kind == "text/html":
        from .html import read_html

        return read_html(data, name)
    return (*decode(data, name), None)


def document_from_bytes(data: bytes, name: str) -> Document:
    """Read a report's bytes into a :class:`Document` of identity ``name``, by the reader of its ending.

    Args:
        data: the file's bytes.
        name: the report's identity (its path relative to the folder
            given); its ending chooses the reader.

    Raises:
        ReadError: the bytes are empty, the format is one kg does not read,
            or the reader cannot take them (the message names the file and
            the problem).
    """
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in UNSUPPORTED:
        raise ReadError(f"{name}: " + UNSUPPORTED[suffix].format(path=name))
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    kind = media_type(name)
    text, encoding, warnings, title = _read(data, name, kind)
    if not text.strip():
        raise ReadError(f"{name}: no text in the file")
    if title is not None and (title := title.strip()) not in text:
        title = None  # a title the text does not hold is no title of the report (a site's, a template's)
    return Document(name=name, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest(),
                    warnings=tuple(warnings), media_type=kind, title=title or None)


def read_document(path: str | Path, name: str | None = None) -> Document:
    """Read one report file.

    Args:
        path: the report's path.
        name: the report's identity (default: the file's name without folder).

    Returns:
        The :class:`Document`.

    Raises:
        ReadError: the file cannot be opened, is empty, is of a format kg
            does not read, or its reader cannot take it.

    Examples:
        >>> doc = read_document("data/reports/000_bda7739a96efcbec.txt")
        >>> doc.text[:9], doc.encoding, doc.media_type
        ('区委常委会工作报告', 'utf-8', 'text/plain')
    """
    path = Path(path)
    return document_from_bytes(read_bytes(path), name or path.name)


def read_bytes(path: Path) -> bytes:
    """A report file's bytes, undecoded (what the extraction cache is keyed by).

    Raises:
        ReadError: the file cannot be opened.
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot be read: {exc.strerror or exc}") from exc
