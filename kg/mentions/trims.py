"""The lead of a grown name trimmed: what cannot open a name of each type.

A name grown leftwards (:mod:`.growth`) may start with the words that govern, date or scope it
(援建|火神山医院, 全年|区委理论学习中心组, 规范|监事会制度, 增设|上海自贸试验区): they are cut
here, by type, before the name is judged.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType
from .core import _SentenceView
from .growth import _BEFORE_PLACEHOLDER, _PLACEHOLDER


# An organisation's name opens with a place, an organ or a noun: never with a
# verb, preposition, adverb or conjunction (援建火神山医院, 对微山路中学), nor
# with a verbal noun before the jurisdiction that opens it (建设|X区律师行业
# 党群服务中心).
_ORG_LEAD_POS = {"v", "vd", "p", "d", "ad", "c", "r", "a"}


# A campaign or initiative named for the whole jurisdiction is the same drive:
# 全市四查四促专项行动 is 四查四促专项行动.
_PLACE_START = re.compile(r"[X某]{0,3}[区市县省]")


# Prepositions jieba glues to the word after them (对微|山路中学, 情况按|市指挥部).
_PREPOSITIONS = "对按在向为把将从由经"


# a time scope is no part of any name (年度十大民生工程 is 十大民生工程, 全年区委
# 理论学习中心组 is 区委理论学习中心组); a place scope is none of a programme's
_TIME_LEAD = re.compile(r"(?:本年度|年度|今年|全年|明年)")


_SCOPE_LEAD = re.compile(r"(?:全区|全市|全县|全省|我区|我市|本区|本市)|" + _TIME_LEAD.pattern)


# The verbs of building that jieba tags as verbal nouns, so that growth takes
# them into a programme's name: 建设|光谷科创大走廊 (corpus, 2026).
_BUILDING_VERBS = frozenset({"建设", "共建", "建成", "打造", "创建"})
# ... but 建设 before these nouns is their modifier (建设用地增存挂钩机制, 建设项目审批).
_BUILT_THINGS = frozenset({"用地", "项目", "工程", "领域", "单位", "资金"})
# Verbs that set in order, improve, reform or conform to a system (规范|干部任用提名制度, 优化|生育假期制度,
# 符合|现代企业制度, 改革|党内选举制度 (party congress, 2007), 改革|户籍制度 (State Council, 1990s)), or
# extend, pilot or innovate one (扩大|长期护理保险制度试点, 试点|注册制: State Council 2019; 扩大内需 is one
# word of jieba's; 创新|农房建设管理制度: a province's report 2026):
# they govern a system's name, though a drive is named by what it does with them
# (规范涉企行政执法专项行动, 优化营商环境行动, 改革攻坚行动).
_SETTING_VERBS = frozenset({"规范", "优化", "符合", "改革", "扩大", "试点", "创新"})


# Proper-noun tags (jieba/ICTCLAS: place, person, other proper noun, abbreviation).
_PROPER_POS = {"ns", "nr", "nrt", "nz", "j"}


# The tags of the words that govern a programme named for a place (增设|上海…, 争取|国家…): verbs and
# adverbs of two characters or more (jieba splits rare place names into a one-character "verb" and a
# place: 合|滁).
_VERB_LEAD_POS = frozenset({"v", "vd", "d", "ad"})


def _opens_with_place(view: _SentenceView, i: int) -> bool:
    """Does token ``i`` name a place (ns: 上海, 辽宁; not 城市, which jieba tags so) or the state's level
    (国家, 全国, 省级) that opens a programme's name?"""
    word = view.tokens[i].word
    return (view.tokens[i].pos == "ns" and len(word) >= 2 and word != "城市") or word in ("国家", "全国", "省级")


def _new_of_a_name(view: _SentenceView, i: int) -> bool:
    """Is token ``i`` the 新 of a proper name (新八大里, 新梅江), not the adjective "new"?"""
    return (view.tokens[i].word == "新" and i + 1 < len(view.tokens)
            and view.tokens[i + 1].pos in _PROPER_POS)


def _trim_lead(view: _SentenceView, begin: int, head_begin: int, etype: EntityType, lexicon: Lexicon) -> int:
    """Drop what cannot open a name of this type from a grown name's start."""
    text = view.text
    if text[begin] == "年" and begin > 0 and text[begin - 1].isdigit() and begin + 1 < head_begin:
        begin += 1  # 2020|年作为…, 2020|年区人才工作领导小组: jieba glued the year's 年 to the name
    if etype is EntityType.ORGANIZATION:
        time = _TIME_LEAD.match(text, begin)
        if time and time.end() < head_begin and time.end() in view.start_set:
            begin = time.end()
        i = view.token_at(begin)
        # verbs, adverbs, pronouns; a verbal noun before a place or a proper noun (建设|中关村学院)
        while begin < head_begin and view.starts[i] == begin and not _new_of_a_name(view, i) and (
                view.tokens[i].pos in _ORG_LEAD_POS
                or (view.tokens[i].pos == "vn" and (_PLACE_START.match(text, view.ends[i]) or (
                    i + 1 < len(view.tokens) and view.tokens[i + 1].pos in _PROPER_POS)))):
            begin = view.ends[i]
            i += 1
        i = view.token_at(begin)
        if (view.starts[i] == begin and i + 1 < len(view.tokens) and view.ends[i] < head_begin
                and view.tokens[i].pos in ("", "v", "vn") and view.tokens[i].word not in _BEFORE_PLACEHOLDER
                and _PLACEHOLDER.fullmatch(view.tokens[i + 1].word)):
            begin = view.ends[i]  # 拓面|X数字经济产业创新中心: a placeholder opens the body's name
        if text[begin] in _PREPOSITIONS and begin + 1 < head_begin and view.token_at(begin) == view.token_at(begin + 1):
            begin += 1  # 对微|山路中学: a preposition glued to the name
        # a verb or preposition glued to the jurisdiction that opens the name:
        # 建成|区养老中心, 情况按|市指挥部
        for cut in range(begin + 1, min(begin + 4, head_begin)):
            lead = text[begin:cut]
            if _PLACE_START.match(text, cut) and (lead in lexicon.boundary_words or lead[-1] in _PREPOSITIONS):
                begin = cut
                break
    else:
        scope = _SCOPE_LEAD.match(text, begin)
        if scope and scope.end() < head_begin:
            begin = scope.end()
        i = view.token_at(begin)
        if (view.starts[i] == begin and view.tokens[i].word in _BUILDING_VERBS and view.ends[i] + 1 < head_begin
                and view.tokens[i + 1].word not in _BUILT_THINGS):
            begin = view.ends[i]  # 建设|光谷科创大走廊: building a named programme, not its name
        elif etype is not EntityType.CAMPAIGN and view.starts[i] == begin:
            k = i
            while k + 1 < len(view.tokens) and view.tokens[k].pos in ("d", "ad", "a") and view.ends[k] < head_begin:
                k += 1  # 积极稳妥|改革|户籍制度: the adverbs of the verb
            if view.tokens[k].word in _SETTING_VERBS and view.ends[k] + 1 < head_begin:
                begin = view.ends[k]  # 规范|监事会制度: setting a system in order, not its name
        i = view.token_at(begin)
        while (etype is EntityType.INITIATIVE and view.starts[i] == begin and i + 1 < len(view.tokens)
               and (view.ends[i + 1] < head_begin or view.tokens[i + 1].pos == "ns") and view.tokens[i].pos in _VERB_LEAD_POS
               and len(view.tokens[i].word) >= 2 and _opens_with_place(view, i + 1)):
            begin = view.ends[i]  # 增设|上海自贸试验区, 争取|国家算电协同试点, 融入|济南都市圈: a verb before the place that opens the name
            i += 1
    return begin
