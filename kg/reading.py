"""Stage 1, read: a file's bytes -> :class:`~kg.model.Document`.

The encodings Chinese reports come in are detected, not guessed: a byte-order
mark decides first (UTF-8 with BOM, UTF-16 LE/BE); then strict UTF-8; then
UTF-16 without BOM when every other byte of an ASCII-heavy text is NUL; then
strict GB18030 (a superset of GBK and GB2312), accepted only when the decoded
text looks like text (few control characters). A file that passes none of
these raises :class:`~kg.errors.ReadError` naming the file. The decoded text
is kept unchanged (no newline or width normalisation): it is the reference
for every offset downstream.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from .errors import ReadError
from .model import Document

__all__ = ["read_document", "read_bytes", "document_from_bytes", "decode"]

# Largest share of control characters (other than tab, CR, LF, FF) a decoded
# text may hold before we call the decoding wrong. Chosen by us: real reports
# hold none; a wrongly decoded binary holds many.
_MAX_CONTROL_SHARE = 0.001
# The control characters: Unicode's general category Cc is exactly U+0000-U+001F
# and U+007F-U+009F (the C0 and C1 controls and DEL; Unicode Standard, ch. 23.1);
# tab, LF, FF and CR are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _plausible(text: str) -> bool:
    return len(_CONTROL.findall(text)) <= _MAX_CONTROL_SHARE * len(text)


def _looks_utf16(data: bytes) -> str | None:
    """Return ``utf-16-le``/``utf-16-be`` for BOM-less UTF-16, else ``None``.

    UTF-8 and GB18030 text never holds a NUL byte; UTF-16 holds one in the
    high byte of every ASCII character (digits, newlines), and in the low
    byte of the few CJK characters at U+xx00 (开 U+5F00). So: NULs present,
    and at least 80% of them at odd offsets (LE) or at even offsets (BE).
    """
    if len(data) < 2 or len(data) % 2 or 0 not in data:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.8 * (even + odd):
        return "utf-16-le"
    if even >= 0.8 * (even + odd):
        return "utf-16-be"
    return None


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a report's bytes.

    Args:
        data: the file's content.
        name: the file's name, for the error message.

    Returns:
        ``(text, encoding)`` with encoding one of ``utf-8``, ``utf-8-sig``,
        ``utf-16-le``, ``utf-16-be``, ``gb18030``.

    Raises:
        ReadError: the bytes decode as none of the supported encodings, or
            hold a NUL or other control characters after decoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8"]
        utf16 = _looks_utf16(data)
        if utf16:
            candidates.insert(0, utf16)
        candidates.append("gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            if encoding == "utf-16":
                encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
            return text, encoding
    raise ReadError(
        f"{name}: not text in UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK"
    )


def document_from_bytes(data: bytes, name: str) -> Document:
    """Decode a report's bytes into a :class:`Document` named ``name``.

    Raises:
        ReadError: the bytes are empty or cannot be decoded.
    """
    if not data.strip():
        raise ReadError(f"{name}: the file is empty")
    text, encoding = decode(data, name)
    return Document(name=name, text=text, encoding=encoding, sha256=hashlib.sha256(data).hexdigest())


def read_document(path: str | Path) -> Document:
    """Read one report file.

    Args:
        path: the report's path.

    Returns:
        The :class:`Document`, its ``name`` the file's name without folder.

    Raises:
        ReadError: the file cannot be opened, is empty, or cannot be decoded.

    Examples:
        >>> doc = read_document("data/reports/000_bda7739a96efcbec.txt")
        >>> doc.text[:9], doc.encoding
        ('区委常委会工作报告', 'utf-8')
    """
    path = Path(path)
    return document_from_bytes(read_bytes(path), path.name)


def read_bytes(path: Path) -> bytes:
    """A report file's bytes, undecoded (what the extraction cache is keyed by).

    Raises:
        ReadError: the file cannot be opened.
    """
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(f"{path.name}: cannot be read: {exc.strerror or exc}") from exc
