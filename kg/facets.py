"""Report facets: the year a report was delivered, its place with its division code, and its level.

* **year**: the year of the meeting line (``2026年1月14日在北京市第十六届人民代表大会
  第四次会议上``; a party congress's ``2022年10月16日``), else the first year
  of the title, else the year of the party congress it is made to
  (``在…第二十次全国代表大会上`` -> 2022, or the next congress after the reporting
  ``第十九届中央委员会``; ``data/places/party_congresses.tsv``), else the
  document's own date field (``发文时间：2009-02-05``), else
  of the first lines that are not a web page's fields (a
  page's ``时间：2023-01-24`` is when it was posted, not when the report was
  delivered).
* **place**: the jurisdiction as the report writes it, from the first of:
  the manifest; the divisions that open the title after its year
  (``2025年北京市政府工作报告`` -> 北京市, ``保定市满城区…`` -> 保定市满城区);
  the meeting line (``在天津市第十八届人民代表大会…``); the author
  (``河北省人民政府`` -> 河北省). A place is matched to China's administrative
  divisions (:func:`divisions`, GB/T 2260 codes of ``data/places/divisions.tsv``,
  built from jionlp 1.5.31 by ``scripts/build_divisions.py``): the code of
  the last division of the chain, each a child of the one before. A name
  that several divisions bear (鼓楼区) with no parent to tell them apart, an
  abolished unit, an anonymised one (X区) get no code.
* **level**: ``national`` (the State Council's, the party congress's, the
  central committee's reports), ``provincial``, ``city``, ``county`` (and
  district), ``township``: the matched division's, else by the suffix of the
  place or the author's organ (区委 -> county).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .resources import places_table

__all__ = ["Division", "Facets", "divisions", "report_facets", "resolve_place", "LEVELS"]

#: The levels, from the top.
LEVELS = ("national", "provincial", "city", "county", "township")

_MEETING_YEAR = re.compile(r"((?:19|20)\d\d)年\d{1,2}月\d{1,2}日[^\n。]{0,40}?在[^\n。]{2,60}?(?:会议|大会|全会|会)上")
_CONGRESS_YEAR = re.compile(r"[（(]\s*((?:19|20)\d\d)年\d{1,2}月\d{1,2}日\s*[)）]")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
#: A web page's field line (时间：, 发布日期：, 来源：…): its year is when the page was posted.
_FIELD_LINE = re.compile(r"^\s*(?:发布)?(?:时间|日期|来源|作者|阅读|浏览)[：:]")
_LEADING_YEAR = re.compile(r"^\s*(?:(?:19|20)\d\d年)?(?:中共|中国共产党)?")
_MEETING_PLACE = re.compile(r"在((?:[\u4e00-\u9fff]{2,12}?)(?:省|自治区|市|区|县|旗|州|盟))第")
#: Bodies whose report is the nation's.
_NATIONAL = re.compile(r"^(?:中华人民共和国)?(?:国务院|党中央|中共中央|中央委员会|第[一二三四五六七八九十百]+届中央委员会|全国人民代表大会|中央纪委)")
#: The level each level word names (X区 -> county); :data:`_ORGAN_LEVEL` finds the word.
_WORD_LEVEL = {"自治区": "provincial", "省": "provincial", "街道": "township", "镇": "township", "乡": "township",
               "区": "county", "县": "county", "旗": "county", "州": "city", "盟": "city", "市": "city"}
_PLACEHOLDER = re.compile(r"^[X某]{1,3}")
#: A place name that opens an organ's name (清苑县人民政府 -> 清苑县), for a place the division table lacks.
_ORGAN_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,10}?(?:自治区|省|市|区|县|旗))(?:人民政府|政府|委员会|委|人大|政协)")
#: The party's national congress a report is made to (第二十次全国代表大会), for its year.
_CONGRESS = re.compile(r"在(?:中国共产党)?第([一二三四五六七八九十]{1,3})次全国代表大会上")
#: The central committee that reports (受十二届中央委员会委托): its term's congress is the next one.
_COMMITTEE = re.compile(r"(?:受|代表)(?:中国共产党)?第?([一二三四五六七八九十]{1,3})届中央委员会")
#: The document's own date field (发文时间：2009-02-05), not a web page's posting time.
_ISSUED = re.compile(r"^\s*(?:发文|成文)(?:时间|日期)[：:]\s*((?:19|20)\d\d)", re.M)
#: The organ whose name opens with the level's word (区委 -> 区, 县人民政府 -> 县).
_ORGAN_LEVEL = re.compile(r"^[X某]{0,3}[\u4e00-\u9fff]*?(自治区|街道|省|市|区|县|旗|州|盟|镇|乡)")


@dataclass(frozen=True)
class Division:
    """An administrative division: six-digit GB/T 2260 code, name, short name, level, parent's code ('' for a province)."""

    code: str
    name: str
    short: str
    level: str
    parent: str


@dataclass(frozen=True)
class Facets:
    """A report's facets: ``year`` (int or ``None``), ``place`` (as written, or ``None``), ``code`` (GB/T 2260
    of the place, or ``None``), ``level`` (one of :data:`LEVELS`, or ``None``)."""

    year: int | None
    place: str | None
    code: str | None
    level: str | None


@lru_cache(maxsize=1)
def divisions() -> tuple[dict[str, Division], dict[str, list[Division]]]:
    """The divisions of ``data/places/divisions.tsv``: ``(by code, by name)``."""
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[Division]] = {}
    for line in places_table("divisions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name, short, level, parent = (line.split("\t") + [""])[:5]
            division = Division(code, name, short, level, parent)
            by_code[code] = division
            by_name.setdefault(name, []).append(division)
    return by_code, by_name


@lru_cache(maxsize=1)
def _name_pattern() -> re.Pattern:
    names = sorted(divisions()[1], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def resolve_place(text: str) -> tuple[str, Division | None] | None:
    """The chain of division names that opens ``text``, and the division it ends in.

    ``保定市满城区人民政府`` -> (保定市满城区, 满城区 130607); ``鼓楼区…`` ->
    (鼓楼区, None): several divisions bear the name. ``None`` when no
    division name opens the text.
    """
    by_code, by_name = divisions()
    position, chain, current = 0, [], None
    while match := _name_pattern().match(text, position):
        candidates = by_name[match.group()]
        if current is not None:
            children = [d for d in candidates if d.parent == current.code or by_code.get(d.parent, d).parent == current.code]
            if not children:
                break
            candidates = children
        chain.append(match.group())
        current = candidates[0] if len(candidates) == 1 else None
        position = match.end()
        if current is None:
            break
    if not chain:
        return None
    return "".join(chain), current


def _level_of(name: str | None) -> str | None:
    """The level a place or an organ's name says by its first level word (X区 -> county, 省人民政府 -> provincial)."""
    if not name or not (match := _ORGAN_LEVEL.match(name)):
        return None
    return _WORD_LEVEL[match.group(1)]


@lru_cache(maxsize=1)
def _congress_years() -> dict[str, int]:
    rows = places_table("party_congresses.tsv").read_text(encoding="utf-8").splitlines()
    return {ordinal: int(year) for ordinal, year in (row.split("\t")[:2] for row in rows if row and not row.startswith("#"))}


def _year(title: str, opening: str) -> int | None:
    for pattern in (_MEETING_YEAR, _CONGRESS_YEAR):
        if match := pattern.search(opening):
            return int(match.group(1))
    if match := _YEAR.search(title):
        return int(match.group(1))
    years = _congress_years()
    if (match := _CONGRESS.search(opening[:300])) and match.group(1) in years:
        return years[match.group(1)]
    if (match := _COMMITTEE.search(opening[:300])) and match.group(1) in years:
        ordinals = list(years)
        following = ordinals.index(match.group(1)) + 1
        if following < len(ordinals):
            return years[ordinals[following]]
    if match := _ISSUED.search(opening):
        return int(match.group(1))
    for line in opening.splitlines()[:12]:
        if not _FIELD_LINE.match(line) and (match := _YEAR.search(line)):
            return int(match.group(1))
    return None


def report_facets(title: str, opening: str, author: str | None, kind: str, place: str | None = None) -> Facets:
    """The facets of a report (see the module's text).

    Args:
        title: its title line; ``opening``: its first characters (the meeting line is among them).
        author: its author as written, or ``None``; ``kind``: its controlled kind.
        place: the place the manifest gives, which wins.
    """
    year = _year(title, opening)
    found = None
    if place:
        found = resolve_place(place) or (place, None)
    else:
        sources = [_LEADING_YEAR.sub("", title)]
        if match := _MEETING_PLACE.search(opening):
            sources.append(match.group(1))
        if author:
            sources.append(author)
        for source in sources:
            if found := resolve_place(source):
                break
        else:  # a place the table lacks (abolished, renamed): as the author writes it, with no code
            if author and (match := _ORGAN_PLACE.match(author)) and not _PLACEHOLDER.match(author):
                found = (match.group(1), None)
    written, division = found if found else (None, None)
    if author and _NATIONAL.match(author) or (kind == "party-congress" and "全国代表大会" in opening[:600]):
        level = "national"
    elif division is not None:
        level = division.level
    else:
        level = _level_of(written) or _level_of(author)
    return Facets(year, written, division.code if division else None, level)
