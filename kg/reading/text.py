"""The plain-text reader: a text file's bytes -> its text, encoding and repairs.

The encodings Chinese reports come in are detected, not guessed: a byte-order
mark decides first (UTF-8 with BOM, UTF-16 LE/BE); then UTF-16 without BOM
when nearly every NUL byte stands at one parity (unless the bytes are valid
UTF-8 with a few stray NULs); then strict UTF-8; then
UTF-8 with a few bytes replaced by U+FFFD (a file cut inside a character);
then strict GB18030 (a superset of GBK and GB2312), accepted only when the
decoded text looks like text (few control characters). What was repaired
(replaced bytes, stray NULs, which extraction leaves out) is said in the
document's warnings, with byte offsets. A file that passes none of these
raises :class:`~kg.errors.ReadError` naming the file. The decoded text
is kept unchanged (no newline or width normalisation): it is the reference
for every offset downstream.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError

__all__ = ["decode"]

# Largest share of control characters (other than tab, CR, LF, FF) a decoded
# text may hold before we call the decoding wrong. Chosen by us: real reports
# hold none; a wrongly decoded binary holds many.
_MAX_CONTROL_SHARE = 0.001
# The control characters: Unicode's general category Cc is exactly U+0000-U+001F
# and U+007F-U+009F (the C0 and C1 controls and DEL; Unicode Standard, ch. 23.1);
# tab, LF, FF and CR are allowed.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# BOM-less UTF-16 is taken only with this many NUL bytes or more: a UTF-8
# report with a stray NUL or two is UTF-8 (an ASCII character in UTF-16 has
# one NUL, and a report has a newline every line). Chosen by us.
_UTF16_MIN_NULS = 8
# Bytes that are valid UTF-8 are read as UTF-16 only when at least this share
# of them is NUL (ASCII text in UTF-16: about half). Chosen by us.
_UTF16_NUL_SHARE = 0.1
# Largest share of a file's bytes that may fail to decode as UTF-8 for it to
# be read as UTF-8 with U+FFFD in their place (issue 13: a file cut inside a
# multibyte character). Past it, a GBK file is more likely than a damaged
# UTF-8 one. Chosen by us.
_MAX_BAD_SHARE = 0.001
# The lone surrogates Python's surrogateescape error handler puts for undecodable bytes (PEP 383).
_ESCAPED = re.compile("[\udc80-\udcff]")


def _plausible(text: str) -> bool:
    """Few control characters other than NUL (a stray NUL is left out of extraction, not a sign of a wrong codec)."""
    return len(_CONTROL.findall(text)) <= _MAX_CONTROL_SHARE * len(text)


def _looks_utf16(data: bytes) -> str | None:
    """Return ``utf-16-le``/``utf-16-be`` for BOM-less UTF-16, else ``None``.

    UTF-8 and GB18030 text holds no NUL byte (a stray one aside); UTF-16
    holds one in the high byte of every ASCII character (digits, newlines),
    and in the low byte of the few CJK characters at U+xx00 (开 U+5F00). So:
    at least :data:`_UTF16_MIN_NULS` NULs (one stray NUL in a UTF-8 file is
    no evidence), and at least 80% of them at odd offsets (LE) or at even
    offsets (BE).
    """
    if len(data) < 2 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if even + odd < _UTF16_MIN_NULS:
        return None
    if odd >= 0.8 * (even + odd):
        return "utf-16-le"
    if even >= 0.8 * (even + odd):
        return "utf-16-be"
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _undecodable_utf8(data: bytes, limit: int) -> tuple[str, list[int]]:
    """Decode UTF-8 with U+FFFD for each byte that is not UTF-8; returns the text and those bytes' offsets.

    Stops counting past ``limit`` offsets (the text is then not used).
    """
    text = data.decode("utf-8", errors="surrogateescape")  # each bad byte -> one of U+DC80..U+DCFF
    offsets, position, last = [], 0, 0
    for match in _ESCAPED.finditer(text):
        position += len(text[last:match.start()].encode("utf-8"))
        offsets.append(position)
        position += 1
        last = match.end()
        if len(offsets) > limit:
            break
    return _ESCAPED.sub("\ufffd", text), offsets


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode a report's bytes.

    In order: a byte-order mark; BOM-less UTF-16 (:func:`_looks_utf16`);
    strict UTF-8; UTF-8 with a few undecodable bytes (under
    :data:`_MAX_BAD_SHARE` of them: a file cut inside a character, a byte
    flipped), each replaced by U+FFFD; strict GB18030. NUL bytes in UTF-8
    text are kept (the extractor leaves them out, see
    :func:`kg.cleaning.find_excluded`).

    Args:
        data: the file's content.
        name: the file's name, for the messages.

    Returns:
        ``(text, encoding, warnings)`` with encoding one of ``utf-8``,
        ``utf-8-sig``, ``utf-16-le``, ``utf-16-be``, ``gb18030``, and
        warnings the lines that name the file and what was repaired, with
        byte offsets (NULs, replaced bytes).

    Raises:
        ReadError: the bytes decode as none of the supported encodings, or
            hold too many control characters after decoding; the message
            gives the byte offset of the first byte that is not UTF-8.
    """
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "utf-8-repaired", "gb18030"]
        utf16 = _looks_utf16(data)
        if utf16 and (data.count(0) >= _UTF16_NUL_SHARE * len(data) or not _is_utf8(data)):
            candidates.insert(0, utf16)  # valid UTF-8 with a few NULs is UTF-8
    first_bad = None
    for encoding in candidates:
        warnings = []
        if encoding == "utf-8-repaired":
            limit = max(1, int(_MAX_BAD_SHARE * len(data)))
            text, offsets = _undecodable_utf8(data, limit)
            first_bad = offsets[0] if offsets else None
            if not offsets or len(offsets) > limit:
                continue
            shown = ", ".join(map(str, offsets[:10])) + (" …" if len(offsets) > 10 else "")
            warnings.append(f"{name}: {len(offsets)} byte(s) not UTF-8, read as U+FFFD (at byte {shown})")
            encoding = "utf-8"
        else:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
        if not _plausible(text):
            continue
        if encoding == "utf-16":
            encoding = "utf-16-le" if data.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        if encoding.startswith("utf-8") and (nuls := data.count(0)):
            warnings.append(f"{name}: {nuls} NUL byte(s) left out of extraction (the first at byte {data.index(0)})")
        return text, encoding, tuple(warnings)
    where = f" (the first byte that is not UTF-8 is at offset {first_bad})" if first_bad is not None else ""
    raise ReadError(f"{name}: not text in UTF-8, UTF-8 with BOM, UTF-16 or GB18030/GBK{where}")
