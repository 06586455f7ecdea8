"""Rules 3 and 4 of the mentions stage: names of the lexicon's gazetteers and name patterns, and local organs.

A local organ is a jurisdiction prefix and a standing organ (区 + 政府); a name
pattern (``data/lexicon/name_patterns.txt``, :class:`kg.lexicon.NamePattern`)
is a construction that writes a name (…省第十四届人民代表大会).
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType
from .core import _Candidate, _PREFIX_RE, _SentenceView, _Tables, _head_ending_at, _tables
from .growth import _head_after
from .lists import _grow_parallel

_PLACE_TOKEN = re.compile(r".{2,}[省市县区州盟旗]")


def _is_place(token) -> bool:
    """A place name: a token jieba tags ``ns``, or one that ends in 省/市/县/区/州/盟/旗."""
    return token.pos == "ns" or _PLACE_TOKEN.fullmatch(token.word) is not None


def _name_patterns(view: _SentenceView, lexicon: Lexicon) -> list[_Candidate]:
    """The matches of the lexicon's name patterns that begin and end at token bounds."""
    candidates = []
    text = view.text
    if not _tables(lexicon).any_name_pattern.search(text):
        return candidates
    for row in lexicon.name_patterns:
        for match in row.pattern.finditer(text):
            begin, end = match.span()
            if begin not in view.start_set or end not in view.end_set:
                continue
            if row.left in ("place", "place-first") and begin > 0:
                before = view.tokens[view.token_at(begin - 1)]
                if _is_place(before):
                    begin = before.begin - view.base
                elif row.left == "place-first":
                    continue
            elif row.left == "place-first":
                continue
            elif row.left == "then-place":
                if end >= len(text) or not _is_place(after := view.tokens[view.token_at(end)]):
                    continue
                end = after.end - view.base
            candidates.append(_Candidate(begin, end, row.type, text[begin:end], "", f"pattern/{row.id}", 2))
    return candidates


def _parallel_of_gazetteer(view: _SentenceView, begin: int, end: int, lexicon: Lexicon, tables: _Tables) -> int:
    """Where the parallel items before a gazetteer's drive of an item and a head begin
    (蓝天、碧水、|净土保卫战: :func:`~.lists._grow_parallel`); ``begin`` when none are there."""
    found = _head_ending_at(view.text, end, tables)
    if found is None or not 2 <= end - len(found[1].word) - begin <= 4:
        return begin  # 脱贫攻坚: no item and head
    return _grow_parallel(view, begin, end - len(found[1].word), lexicon, tables, whole_first=False)


# The rows of quote_patterns.txt whose words after a quotation make it the label of a kind, and
# a gazetteer's formulation too: bodies and persons (“两新”组织), zones and funds (全域旅游|示范区).
# Not the others: 绿水青山就是金山银山|理念 is the formulation itself (mindset is for quotations).
_KIND_LABEL_ROWS = frozenset({"collective-body", "zone-field"})


def _labels_a_kind(text: str, begin: int, end: int, lexicon: Lexicon) -> bool:
    """Does a row of :data:`_KIND_LABEL_ROWS` match right after ``text[begin:end]``?"""
    return any(p.id in _KIND_LABEL_ROWS and p.matches(text, begin, end, text[begin:end]) for p in lexicon.quote_patterns)


# The term a committee was elected for, right before its name: 第十九届|中央委员会 (the party congress
# reports' first line: 我代表第十九届中央委员会向大会作报告), 十三届|中央委员会.
_TERM_BEFORE = re.compile(r"第?[一二三四五六七八九十]+届$")


def _gazetteer(view: _SentenceView, lexicon: Lexicon, tables: _Tables) -> list[_Candidate]:
    name_lengths, gazetteer = tables.name_lengths, lexicon.gazetteer
    candidates = []
    text = view.text
    singles = tables.one_character_names
    for pos in view.starts:
        lengths = name_lengths.get(text[pos:pos + 2], ())
        if singles and text[pos] in singles:
            lengths += (1,)
        for length in lengths:
            end = pos + length
            if end in view.end_set and (name := text[pos:end]) in gazetteer:  # the longest name first
                etype, canonical = gazetteer[name]
                if etype is EntityType.ORGANIZATION and name[0] in "区市县省" and text.endswith("全", 0, pos):
                    break  # 全|县政府系统: the organs across the place, as for a local organ
                if etype is EntityType.INITIATIVE and _labels_a_kind(text, pos, end, lexicon):
                    break  # 美丽中国|先行区, 全域旅游|示范区: the formulation names the field of a zone or a kind
                rule = f"gazetteer/{lexicon.gazetteer_files[name]}"
                if etype is EntityType.ORGANIZATION and text.endswith("国家", 0, pos) and pos - 2 in view.start_set:
                    pos, name = pos - 2, "国家" + name  # 国家民政部: the name as written, with the state it belongs to
                term = _TERM_BEFORE.search(text, 0, pos) if etype is EntityType.ORGANIZATION and name.endswith("委员会") else None
                if term and term.start() in view.start_set:
                    pos, name = term.start(), text[term.start():end]  # 第十九届|中央委员会: the committee of that term
                if etype is EntityType.CAMPAIGN and (first := _parallel_of_gazetteer(view, pos, end, lexicon, tables)) < pos:
                    candidates.append(_Candidate(first, end, etype, text[first:end], "", rule + "+parallel", 2))
                candidates.append(_Candidate(pos, end, etype, name, "", rule, 2))
                if etype in (EntityType.CAMPAIGN, EntityType.INITIATIVE):
                    # 不忘初心、牢记使命主题宣讲活动: a drive of the drive; 证照分离改革: the reform of a formulation
                    head_end, head_type, _ = _head_after(view, end, lexicon, tables)
                    if head_end is not None and head_type is etype:
                        candidates.append(_Candidate(pos, head_end, head_type, text[pos:head_end], name, "gazetteer+head", 2))
                break
    return candidates


def _local_organs(view: _SentenceView, tables: _Tables) -> list[_Candidate]:
    """A jurisdiction's standing organs: a prefix and an organ (区 + 政府, X区 + 委常委会), with the
    place name before the prefix when one is written (涞水|县委, 天津市津南|区委), or a place word that
    ends in its level and the organ after it (保定市|政府, 河北省委, 湖北省人民政府: jieba's tokens)."""
    organs_by_first = tables.organs_by_first
    candidates = []
    text = view.text
    if not tables.any_organ.search(text):
        return candidates  # every candidate ends with an organ
    for i, pos in enumerate(view.starts):
        match = _PREFIX_RE.match(text, pos) if text[pos] in _PREFIX_FIRST else None
        if match:
            after = match.end()
            begin = _place_before(view, i) if not (match.group(1) or match.group(2) or match.group(3)) else pos
        elif (len(word := view.tokens[i].word) >= 3 and not _LEVEL_LAST.isdisjoint(word[2:])
              and (place := _PLACE_WORD.match(word)) and not _NO_PLACE.match(place.group())):
            after, begin = pos + place.end(), pos  # 保定市|政府, 河北省|委 (one token: 河北省委)
            match = None
        else:
            continue
        for organ in organs_by_first.get(text[after:after + 1], ()):
            end = after + len(organ)
            # a standing organ of 3+ characters is taken even where jieba glued
            # its end to the next word (区委中心组|学习 as 中心/组织)
            if text.startswith(organ, after) and (end in view.end_set or len(organ) >= 3):
                if match is None and end < view.ends[i]:
                    break  # 河北省委员会: a word that goes on past the organ
                name = text[begin:end]
                if match and match.group(1) and organ != "委":  # 团 goes only with 区委/市委: 团区委
                    break
                if (match and match.group(4)) or text.endswith("全", 0, begin):
                    break  # 全县政府系统, 全省人大代表, 全省政府债务: the organs across the place, no one body
                candidates.append(_Candidate(begin, end, EntityType.ORGANIZATION, name, "", f"local-organ/{organ}", 2))
                break
    return candidates


# The first characters of a jurisdiction prefix (团区委, 中共X区委, X区, 全县, 区) and the level that ends
# a place word (保定市, 河北省|人民政府): cheap tests before the patterns.
_PREFIX_FIRST = frozenset("团中X某全区市县省")
_LEVEL_LAST = frozenset("省市县区州")
# A place word that ends in its level (保定市, 河北省, 涞水县), at a token's start; not a level
# alone or a scope (省市县, 全省, 各市, 本县).
_PLACE_WORD = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:自治区|自治州|省|市|县|区|州)")
_NO_PLACE = re.compile(r"^(?:[全各本该我每外年月日][\u4e00-\u9fff]|[省市县区乡镇]+$|.*(?:城区|市区|县区|地区|社区|园区|景区|街区|片区|城市|省市|市县|区县|行政区|直辖市|[委府会]))")


def _place_before(view: _SentenceView, i: int) -> int:
    """Where the place names right before token ``i`` begin (天津市|津南|区委: two), or its start."""
    begin = view.starts[i]
    for k in (i - 1, i - 2):
        if k < 0 or view.ends[k] != begin:
            break
        tok = view.tokens[k]
        if tok.pos != "ns" or len(tok.word) < 2 or _NO_PLACE.match(tok.word):
            break  # a place jieba knows (津南, 涞水县); not 新一届, 历届 or 严格执行 (石家庄 nr and 定兴 b are missed)
        begin = view.starts[k]
    return begin
