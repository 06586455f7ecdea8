"""Stage 3, metadata: what a report says about itself.

* **title**: the first line of the clean text, when it reads as a title
  (no sentence punctuation, at most 60 characters).
* **author**: the body that reports (shared/spec/ANNOTATION.md, Relations):
  the organisation named in the title (``X区委2020年…报告`` -> 区委,
  ``区委常委会工作报告`` -> 区委常委会) unless the title is a speech at a
  meeting (``在区委全会上的讲话`` names the meeting); else the one the speaker reports for
  (``我受区委常委会委托``); else the first local organ that opens a sentence
  in the first lines (``2019年，区委常委会坚持…``). Anonymised prefixes go
  (X区委 -> 区委). When nothing names one, the author is ``区委``, the
  usual reporting body of the district reports this tool is for.
* **year**: the first 20xx年 in the title or first sentences.
* **kind**: the title's document kind (工作报告, 情况报告, 讲话 …).
* **jurisdiction**: from ``manifest.csv`` when given, else a real place name
  that opens the title (``津南区委…`` -> 津南区); anonymised names give none.
"""

from __future__ import annotations

import re

from .model import Document, Metadata, Sentence

__all__ = ["extract_metadata", "normalise_organ"]

_TITLE_MAX = 60
_SENTENCE_PUNCT = re.compile(r"[。；！？!?]")
_ORGAN_BARE = r"[区市县省](?:委常委会|委|人民政府|政府|人大常委会|人大|政协|纪委监委|法院|检察院)"
_ORGAN = r"(?:[X某]{1,3})?" + _ORGAN_BARE
_TITLE_ORGAN = re.compile(_ORGAN)
_ON_BEHALF = re.compile(r"受(" + _ORGAN + r")委托")
_OPENING_ORGAN = re.compile(r"(?:^|[，,])(" + _ORGAN + r")(?=[\u4e00-\u9fff])")
# A speech at a meeting names the meeting's body, not the author, in its title.
_MEETING = re.compile(r"会议|全会|讲话|发言")
_YEAR = re.compile(r"(20\d\d|19\d\d)年")
_KINDS = ("常委会工作报告", "政府工作报告", "主体责任情况报告", "工作报告", "情况报告", "专题报告", "述职报告", "工作总结", "讲话", "报告", "总结")
_PLACE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,8}?[省市区县旗])(?:委|人民政府|政府|人大|政协)")
#: The author when a report names none (see the module docstring).
DEFAULT_AUTHOR = "区委"


def normalise_organ(name: str) -> str:
    """Drop an anonymised jurisdiction from a standing organ (X区委 -> 区委) and 人民 (区人民政府 -> 区政府).

    Other names keep their placeholder: X区社会主义学院 stays.
    """
    name = re.sub(r"^[X某]{1,3}(?=" + _ORGAN_BARE + r"$)", "", name)
    return name.replace("人民政府", "政府")


def extract_metadata(
    document: Document, sentences: tuple[Sentence, ...], jurisdiction: str | None = None
) -> Metadata:
    """Read title, author, year, kind and jurisdiction of a report.

    Args:
        document: the decoded report.
        sentences: its clean sentences, in order.
        jurisdiction: the place from the manifest, if one was given.

    Returns:
        The report's :class:`Metadata`.

    Examples:
        >>> from kg.model import Document, Sentence
        >>> doc = Document("r.txt", "X区委2020年落实全面从严治党主体责任情况报告", "utf-8", "")
        >>> m = extract_metadata(doc, (Sentence(0, 24, doc.text),))
        >>> m.author, m.year, m.kind
        ('区委', 2020, '主体责任情况报告')
    """
    title = ""
    if sentences:
        first = sentences[0].text.strip()
        if len(first) <= _TITLE_MAX and not _SENTENCE_PUNCT.search(first):
            title = first
    opening = " ".join(s.text for s in sentences[:6])

    author = None
    match = None if _MEETING.search(title) else _TITLE_ORGAN.search(title)
    if match:
        author = match.group()
    elif match := _ON_BEHALF.search(opening):
        author = match.group(1)
    else:
        for sentence in sentences[1:6]:
            if match := _OPENING_ORGAN.search(sentence.text):
                author = match.group(1)
                break
    author = normalise_organ(author) if author else DEFAULT_AUTHOR

    year_match = _YEAR.search(title) or _YEAR.search(opening)
    kind = next((k for k in _KINDS if k in title), "")
    if jurisdiction is None and (place := _PLACE.match(title)) and "X" not in place.group(1):
        jurisdiction = place.group(1)
    return Metadata(
        title=title,
        author=author,
        year=int(year_match.group(1)) if year_match else None,
        kind=kind,
        jurisdiction=jurisdiction,
    )
