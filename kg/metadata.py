"""Stage 3, metadata: what a report says about itself.

* **title**: the title the file's own metadata gives (a .docx's core
  properties, a web page's ``<title>`` less the site's name, a PDF's Title;
  :attr:`kg.model.Document.title`, kept only where the text holds it), else
  a ``标题：`` field line of the file, else the first line of the
  clean text when it reads as a title (no sentence punctuation, at most 60
  characters).
* **author**: the body that reports (shared/spec/ANNOTATION.md, Relations),
  written as the report writes it, from the first of these that names one
  (the guide's order): the speaker's own words (``我代表省人民政府向大会…``,
  ``受区委常委会委托``); a ``发文单位：`` field line; the organ that opens
  the title (``2026年北京市政府工作报告`` -> 北京市政府, ``区委常委会工作报告``)
  unless the title is a speech at a meeting (``在区委全会上的讲话`` names
  the meeting); the signature line (``河北省人民政府省长 王正谱``); last, a
  local organ that opens a sentence of the first lines (``2019年，区委常委会
  坚持…``). Anonymised prefixes go (X区委 -> 区委). When nothing names one,
  there is no author: none is invented, and no relation gets an unstated
  subject. The span the author was read from is kept (``author_span``).
* **kind**: the controlled kind of report (``government``,
  ``party-committee``, ``party-congress`` … the gold's kinds), by the first
  row of ``report_kinds.txt`` whose pattern matches the title, else the
  file's name, else the opening lines; ``""`` when none does.
* **year**, **jurisdiction** (the place), its **level** and its GB/T 2260
  **division code**: :mod:`kg.facets` (the meeting line's year; the place
  from the manifest, the title, the meeting line or the author).
"""

from __future__ import annotations

import re

from .facets import report_facets
from .lexicon import Lexicon, load_lexicon
from .model import Document, Metadata, Sentence

__all__ = ["extract_metadata", "normalise_organ", "strip_placeholder"]

_TITLE_MAX = 60
#: How much of the file's opening (characters) the author and the fields are looked for in.
_OPENING_CHARS = 4000
_SENTENCE_PUNCT = re.compile(r"[。；！？!?]")
_ORGAN_BARE = r"[区市县省](?:委常委会|委|人民政府|政府|人大常委会|人大|政协|纪委监委|法院|检察院)"
_ORGAN = r"(?:[X某]{1,3})?" + _ORGAN_BARE
_OPENING_ORGAN = re.compile(r"(?:^|[，,])(" + _ORGAN + r")(?=[\u4e00-\u9fff])")
#: The last words of a body's name that can report (a government, a committee, a court …).
_HEADS = (r"(?:国务院|人民政府|政府|中央委员会|委员会|常委会|常务委员会|党委|党工委|党组|委|人大常委会|人大|政协"
          r"|纪委监委|监委|法院|检察院)")
_NAME = r"[\u4e00-\u9fffX某]{0,24}?" + _HEADS
# the speaker's words: 我代表省人民政府向大会作政府工作报告 / 省长刘小涛代表省人民政府向大会 /
# 我代表中国共产党第十一届中央委员会，向党的第十二次全国代表大会作报告 / 受区委常委会委托;
# not 我代表区委，向在抗疫斗争中…致敬 (thanks, where any body may stand)
_SPEAKER = re.compile(r"代表(" + _NAME + r")[，,]?\s*向[^，。；]{0,16}?(?:大会|全会|会议)|受(" + _NAME + r")委托")
_ISSUER_FIELD = re.compile(r"^[ \t　]*发文单位\s*[：:]\s*(" + _NAME + r")\s*$", re.MULTILINE)
_TITLE_FIELD = re.compile(r"^[ \t　]*标题\s*[：:]\s*(\S[^\n]{0,58}?)\s*$", re.MULTILINE)
# the heads of a body's name that opens a title, longest first: 区委常委会 is not 区委 + 常委会
_TITLE_HEADS = ("委常委会", "人大常委会", "政协常委会", "纪委监委", "人民政府", "中央委员会", "常务委员会", "委员会",
                "常委会", "国务院", "党工委", "政府", "党委", "党组", "人大", "政协", "法院", "检察院", "委")
_TITLE_PREFIX = re.compile(r"^(?:(?:19|20)\d\d年)?(?:中共)?([\u4e00-\u9fffX某]{0,12})")
_SIGNATURE = re.compile(r"^[ \t　]*([\u4e00-\u9fff]{2,20}?(?:人民政府|政府))(?:省长|市长|县长|区长|州长|盟长|旗长|镇长|乡长"
                        r"|主席)[ \t　]*\S{2,4}[ \t　]*$", re.MULTILINE)
# A speech at a meeting names the meeting's body, not the author, in its title.
_MEETING = re.compile(r"会议|全会|讲话|发言|大会上")


def strip_placeholder(name: str) -> str:
    """Drop an anonymised jurisdiction from a standing organ: X区委 -> 区委, XX区人民政府 -> 区人民政府.

    Other names keep their placeholder: X区社会主义学院 stays.
    """
    return re.sub(r"^[X某]{1,3}(?=" + _ORGAN_BARE + r"$)", "", name)


def normalise_organ(name: str) -> str:
    """The bare form of a standing organ, for entity resolution: no placeholder, and 人民政府 as 政府.

    Two names a report writes for one body (区人民政府 and 区政府) resolve to
    one entity with both as names; the author keeps the name as written
    (:func:`strip_placeholder` only).
    """
    return strip_placeholder(name).replace("人民政府", "政府")


def _title(sentences: tuple[Sentence, ...], opening: str, document: Document) -> tuple[str, int | None]:
    """The title and where it begins (document characters), or ``("", None)``."""
    if document.title and (begin := document.text.find(document.title)) >= 0:
        return document.title, begin
    if field := _TITLE_FIELD.search(opening):
        return field.group(1), field.start(1)
    if sentences:
        text = sentences[0].text
        first = text.strip()
        if len(first) <= _TITLE_MAX and not _SENTENCE_PUNCT.search(first):
            return first, sentences[0].begin + len(text) - len(text.lstrip())
    return "", None


def _title_organ(title: str) -> tuple[int, int] | None:
    """The span of the body that opens a title (after its year): the shortest prefix a head follows, the longest head.

    ``2026年北京市政府工作报告`` -> 北京市政府; ``区委常委会工作报告`` -> 区委常委会;
    ``X区委2020年…`` -> X区委.
    """
    match = _TITLE_PREFIX.match(title)
    words = match.group(1)
    for i in range(len(words)):
        for head in _TITLE_HEADS:
            if words.startswith(head, i) and (i or head == "国务院"):  # 政府工作报告 alone names no body
                return match.start(1), match.start(1) + i + len(head)
    return None


def _author(title: str, title_begin: int | None, opening: str,
            sentences: tuple[Sentence, ...]) -> tuple[str, tuple[int, int]] | None:
    """The author and the span (document characters) it was read from, in ANNOTATION.md's order."""
    if match := _SPEAKER.search(opening):
        group = 1 if match.group(1) else 2
        return match.group(group), match.span(group)
    if match := _ISSUER_FIELD.search(opening):
        return match.group(1), match.span(1)
    if title and title_begin is not None and not _MEETING.search(title):
        if found := _title_organ(title):
            begin, end = found
            return title[begin:end], (title_begin + begin, title_begin + end)
    if match := _SIGNATURE.search(opening):
        return match.group(1), match.span(1)
    for sentence in sentences[1:6]:
        if match := _OPENING_ORGAN.search(sentence.text):
            return match.group(1), (sentence.begin + match.start(1), sentence.begin + match.end(1))
    return None


def extract_metadata(document: Document, sentences: tuple[Sentence, ...], jurisdiction: str | None = None,
                     lexicon: Lexicon | None = None) -> Metadata:
    """Read title, author, kind, year and jurisdiction of a report.

    Args:
        document: the decoded report.
        sentences: its clean sentences, in order.
        jurisdiction: the place from the manifest, if one was given.
        lexicon: gives ``report_kinds`` (default: the bundled lexicon).

    Returns:
        The report's :class:`Metadata`; ``author`` and ``author_span`` are
        ``None`` when the report names no author.

    Examples:
        >>> from kg.model import Document, Sentence
        >>> doc = Document("r.txt", "X区委2020年落实全面从严治党主体责任情况报告", "utf-8", "")
        >>> m = extract_metadata(doc, (Sentence(0, 24, doc.text),))
        >>> m.author, m.author_span, m.year, m.kind
        ('区委', (1, 3), 2020, 'party-committee')
    """
    lexicon = lexicon or load_lexicon()
    opening = document.text[:_OPENING_CHARS]
    title, title_begin = _title(sentences, opening, document)
    first_lines = " ".join(s.text for s in sentences[:6])
    found = _author(title, title_begin, opening, sentences)
    author, span = (None, None)
    if found is not None:
        name, span = found
        author = strip_placeholder(name)
        if author != name:  # the placeholder is left out of the name, and of its span
            span = (span[1] - len(author), span[1])
    kind = ""
    for text in (title, document.file_name.rsplit(".", 1)[0], f"{first_lines}\n{opening[:1500]}"):
        if kind := next((k for k, pattern in lexicon.report_kinds if pattern.search(text)), ""):
            break
    facets = report_facets(title, opening[:1500], author, kind, jurisdiction)
    return Metadata(
        title=title,
        author=author,
        year=facets.year,
        kind=kind,
        jurisdiction=facets.place,
        author_span=span,
        level=facets.level,
        division_code=facets.code,
    )
