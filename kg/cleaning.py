"""Stage 2, clean: find the advertising, watermark and web-page lines of a report.

Reports shared online carry lines that are not the report: membership ads,
QQ numbers, "仅供学习 禁止外传", "本文系作者原创投稿" and the like. They are
found by the patterns in ``data/lexicon/ad_patterns.txt`` (regular
expressions, one a line) and excluded from extraction; the reference text
keeps them, so offsets do not move. A short line with no sentence punctuation
that stands next to an ad line (a site's brand name, a slogan of the ad
block) is part of the block and excluded too, unless it looks like a title.
The lines of the web page or file a report was saved from (its tool bar,
its 来源/时间/标题/发文单位 fields, its footer: ``web_lines.txt``, each
matched against a whole line) are excluded the same way, and so are its
lists of links to other pages: a head line (``link_list_heads.txt``: 上一篇：,
相关文章, 阅读排行) and the short lines without sentence punctuation after it.
Stray NUL characters (a damaged file, see :mod:`kg.reading`) are excluded
the same way, each run of them on its own.
"""

from __future__ import annotations

import re

from .lexicon import Lexicon
from .model import Document

__all__ = ["find_excluded", "line_spans"]

# A line this short (characters, after stripping) with no sentence
# punctuation, next to an ad line, belongs to the ad block. Chosen by us from
# the brand lines of document-sharing sites ("XX文库", "自建平台、实时分享").
_BLOCK_LINE_MAX = 16
_SENTENCE_PUNCT = re.compile(r"[。；;：:！？!?]")
# A line of a list of links this short (characters, stripped) or shorter: the titles of other reports
# (焦作市解放区2025年政府工作报告) and dates. Chosen by us from the corpus's web pages.
_LINK_LINE_MAX = 40
_TITLE_END = re.compile(r"(报告|讲话|总结|发言|汇报|要点|规划|纲要)$")
_NULS = re.compile("\x00+")


def line_spans(text: str) -> list[tuple[int, int]]:
    """Return the ``(begin, end)`` character span of every line, newline excluded."""
    spans, begin = [], 0
    for match in re.finditer(r"\r\n|\n|\r", text):
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, len(text)))
    return spans


def find_excluded(document: Document, lexicon: Lexicon) -> tuple[tuple[int, int], ...]:
    """Return the spans (characters, sorted) of the lines and NUL runs to leave out of extraction.

    Args:
        document: the decoded report.
        lexicon: gives ``ad_patterns``, a compiled alternation of ad patterns.

    Returns:
        Sorted, non-overlapping ``(begin, end)`` spans: whole ad lines, and
        runs of NUL characters outside them.

    Examples:
        >>> from kg.lexicon import load_lexicon
        >>> from kg.model import Document
        >>> doc = Document("r.txt", "仅供学习 禁止外传\\n某某文库\\n区委工作报告\\n同志们：", "utf-8", "")
        >>> find_excluded(doc, load_lexicon())
        ((0, 9), (10, 14))
    """
    text = document.text
    lines = line_spans(text)
    is_ad = [bool(lexicon.ad_patterns.search(text[b:e]) or lexicon.web_lines.fullmatch(text[b:e].strip()))
             for b, e in lines]
    # A list of links after its head: short lines with no sentence punctuation, to the first other line
    in_list = False
    for i, (b, e) in enumerate(lines):
        line = text[b:e].strip()
        if lexicon.link_list_heads.fullmatch(line):
            is_ad[i] = in_list = True
        elif in_list and (not line or (len(line) <= _LINK_LINE_MAX and not _SENTENCE_PUNCT.search(line))):
            is_ad[i] = bool(line)
        else:
            in_list = False
    # Grow ad blocks over short, punctuation-free neighbours, until stable.
    changed = True
    while changed:
        changed = False
        for i, (b, e) in enumerate(lines):
            if is_ad[i]:
                continue
            line = text[b:e].strip()
            if not line or len(line) > _BLOCK_LINE_MAX:
                continue
            if _SENTENCE_PUNCT.search(line) or _TITLE_END.search(line):
                continue
            if (i > 0 and is_ad[i - 1]) or (i + 1 < len(lines) and is_ad[i + 1]):
                is_ad[i] = changed = True
    spans = [(b, e) for (b, e), ad in zip(lines, is_ad, strict=True) if ad and e > b]
    if "\x00" in text:
        ads = spans
        spans = sorted(ads + [m.span() for m in _NULS.finditer(text)
                              if not any(b <= m.start() < e for b, e in ads)])
    return tuple(spans)
