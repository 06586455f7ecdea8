"""Rule 5 of the mentions stage: a head word (领导小组, 专项斗争, 机制 …) grown leftwards into a name, with the vetoes that keep kinds and descriptions out."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType
from .core import (
    _BODY_COUNT, _COUNTED_KIND, _COUNTED_PHRASE, _COUNT_BEFORE, _Candidate, _PREFIX_RE, _SentenceView,
    _Tables, _is_punct, canonical_name,
)
from .growth import _grow_enumeration, _grow_left, _grow_problems, _names_something, _trim_lead

# An ordinal count in a name describes its bearer: 全国第七家信用增信公司.
_ORDINAL_COUNT = re.compile(r"第[一二三四五六七八九十百\dX]+[家个所名位]")


# Words that open the name of a kind of body, not of one body
# (shared/spec/ANNOTATION.md: "No: categories and plurals").
_CATEGORY_LEAD = re.compile(r"(?:辖区|各级|各|相关|有关|所属|下属|市属|区属|县属|省属|驻区)")


_COUNT_AFTER = re.compile(_BODY_COUNT)


# 工程 after these words is construction work: facilities and buildings are
# no entities (shared/spec/ANNOTATION.md, rules of thumb).
_CONSTRUCTION = re.compile(r"(?:建设|扩建|新建|改造|维修|修缮|加装\w{0,6})工程$")


# Two heads in a row name the systems of a field, not one system.
_DOUBLE_HEAD = re.compile(r"(?:体制机制|机制体制|制度机制|机制制度)$")


_SECOND_HEAD = re.compile(r"(?:体制|机制|制度)")


# A name, a count and a head: 干部能上能下三项制度.
_COUNT_OF_HEAD = re.compile(r"(.{2,}?)[一二两三四五六七八九十]+[项大个].{1,4}")


# After an initiative head, a noun it qualifies or a count: the head names a
# kind there, not a programme (监察制度优势, 体制机制创新, 建立防控制度X项,
# 深化党的建设制度改革: the reform of a field's system; named reforms are in the gazetteer).
_HEAD_MODIFIES = re.compile(r"(?:优势|创新|体系|改革|[X\d一二三四五六七八九十]+[项个条])")


# 中心 before these words means "central" (围绕区委中心工作, 服务中心大局), not a centre.
_CENTRAL_TASK = re.compile(r"(?:工作|任务|大局|环节)")


def _headed(view: _SentenceView, lexicon: Lexicon, tables: _Tables) -> list[_Candidate]:
    candidates = []
    text = view.text
    for end, found in view.heads_at_ends(tables):
        etype, head = found
        if head.quoted_only or (head.word == "中心" and _CENTRAL_TASK.match(text, end)):
            continue
        if etype is EntityType.INITIATIVE and _HEAD_MODIFIES.match(text, end):
            continue  # 监察制度优势, 防控制度X项: the head qualifies a noun or is counted
        head_begin = end - len(head.word)
        token = view.tokens[view.token_at(end - 1)]
        if token.word in lexicon.gazetteer and token.end - view.base == end:
            continue  # 污染防治攻坚战 is a name of its own: the gazetteer has it
        grown = _grow_left(view, head_begin, lexicon, body=etype is EntityType.ORGANIZATION,
                           drive=etype is EntityType.CAMPAIGN)
        begin = _trim_lead(view, grown, head_begin, etype, lexicon)
        prefix = text[begin:head_begin]
        if begin > 0 and text[begin - 1] == "等":
            continue  # “小金库”专项治理等领域专项行动: after 等, the kind of the items, no name
        if begin > 0 and text[begin - 1] in "”’」』" and _COUNTED_KIND.fullmatch(text, begin, end):
            continue  # “A”、“B”、“C”三大工程: the count of the quoted names before it
        if len(prefix) < 2 and not (prefix and (prefix in "X某" or _PREFIX_RE.fullmatch(prefix))):
            continue  # X医院, 市指挥部: a placeholder or a jurisdiction names it
        if head.mode == "named" and not _names_something(view, begin, head_begin):
            continue
        if etype is EntityType.ORGANIZATION and (_CATEGORY_LEAD.match(text, begin) or _COUNT_BEFORE.search(text, 0, begin)
                                                 or _COUNT_AFTER.match(text, end)):
            continue  # 辖区大学, 市属三级医院, X家物业公司, 党建联盟X个: a kind of body, no body
        begin = _grow_enumeration(view, begin, text[begin:end], lexicon)
        if etype is EntityType.CAMPAIGN:
            begin = _grow_problems(view, begin, head_begin, end, lexicon)
        name = canonical_name(text[begin:end])
        if head.word == "工程" and _CONSTRUCTION.search(name):
            continue  # 小学改扩建工程: a building site, not a programme
        if _ORDINAL_COUNT.search(name) or (head_begin in view.start_set
                                           and view.tokens[view.token_at(head_begin - 1)].word == "新"):
            continue  # 全国第七家信用增信公司, 智慧养老新模式: descriptions, not names
        if _DOUBLE_HEAD.search(name) or _SECOND_HEAD.match(text, end):
            continue  # 党管保密体制机制: the systems of a field, no named one
        counted = _COUNT_OF_HEAD.fullmatch(name)
        if counted and "、" not in name and text.endswith(name[counted.end(1):], 0, end):
            end -= len(name) - counted.end(1)  # 干部能上能下三项制度: the named thing is
            name = counted.group(1)            # what the count and head follow
        if name in lexicon.generic_names or _COUNTED_PHRASE.match(name) or any(_is_punct(ch) for ch in name.replace("、", "")):
            continue
        candidates.append(_Candidate(begin, end, etype, name, "", "head", 3))
    return candidates
