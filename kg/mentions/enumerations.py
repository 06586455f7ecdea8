"""The mentions stage's enumerations closed by 等 and a kind noun: 完善学区制、集团化办学等机制 names each item."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType
from .core import _CLAUSE_PUNCT, _Candidate, _SentenceView, _is_punct
from .growth import _grow_left, _is_boundary, _names_something
from .trims import _trim_lead

# 完善学区制、集团化办学等机制: the items of an enumeration that 等 closes
# before a kind noun are named instances of that kind (制度 and 机制 of work
# are Initiatives, 活动 and 行动 Campaigns, 企业 and 机构 bodies, with a count
# and a few modifiers between: 等36家北京知名互联网企业; shared/spec/ANNOTATION.md). A 的 between
# makes the items what the bodies do (日间照料、康复护理、助餐助行等服务的机构: State Council 2019).
# A kind noun that qualifies the noun after it is no kind of the items: 中央预算内投资、新型政策性金融工具
# 等政策资金 (funds; a province's report 2026), 等政策工具, 等制度改革, 等制度型开放 (corpus reports).
_KIND_AFTER_DENG = re.compile(
    r"等(?:(?:[\dX]+|[一二两三四五六七八九十百几多]+)余?家)?(?:[^，。；：、“”《》的]{0,8}?"
    r"(企业|公司|机构|单位|媒体|高校|院校|银行)|(机制|制度|模式|工作法|活动|行动|政策)(?!资金|工具|机遇|红利|效应|协同|协调|改革|不便|[性型]))")


_KIND_TYPE = {"活动": EntityType.CAMPAIGN, "行动": EntityType.CAMPAIGN}


_ITEM_MAX = 15
# Items of 政策 name a policy by what it grants (婚假延长、育儿补贴、学前一年免费等政策: a province's
# report 2026; 企业研发费用加计扣除、研发投入后补助等政策) in four characters or more; shorter ones
# are the fields of policy (就业、投资、消费等政策).
_POLICY_ITEM_MIN = 4


def _breaks_item(view: _SentenceView, begin: int, end: int, lexicon: Lexicon) -> bool:
    """Does ``text[begin:end]`` hold what no enumerated name holds: clause
    punctuation, a preposition, conjunction or pronoun, or a relation verb?"""
    if _CLAUSE_PUNCT.search(view.text, begin, end):
        return True
    i = view.token_at(begin)
    while i < len(view.tokens) and view.starts[i] < end:
        tok = view.tokens[i]
        if tok.pos in ("p", "c", "r") or _is_boundary(tok.word, lexicon, verbs_only=True):
            return True
        i += 1
    return False


def _enumerated_kinds(view: _SentenceView, lexicon: Lexicon) -> list[_Candidate]:
    candidates = []
    text = view.text
    for match in _KIND_AFTER_DENG.finditer(text):
        if match.group(1):  # 汇集京东云、澎湃新闻等36家北京知名互联网企业: bodies
            etype = EntityType.ORGANIZATION
        else:
            etype = _KIND_TYPE.get(match.group(2), EntityType.INITIATIVE)
        items, end = [], match.start()
        while end > 0 and end in view.end_set:
            comma = text.rfind("、", 0, end)
            if comma >= 0 and comma + 1 in view.start_set and not _breaks_item(view, comma + 1, end, lexicon):
                items.append((comma + 1, end))
                end = comma
                continue
            # the first item is grown left like a name (领导干部能上能下 of 市委关于…)
            items.append((_grow_left(view, end - 1, lexicon, limit=_ITEM_MAX), end))
            break
        if len(items) < 2:
            continue  # 等 after one item closes no enumeration
        kept = [(begin, end) for begin, end in items if not (
            not (_POLICY_ITEM_MIN if match.group(2) == "政策" else 2) <= end - begin <= _ITEM_MAX
            or begin not in view.start_set or end not in view.end_set
            or any(_is_punct(ch) for ch in text[begin:end]) or text[begin:end] in lexicon.generic_names
            or text[begin:end].endswith(lexicon.document_heads) or _is_boundary(text[begin:end], lexicon))]
        # quoted and titled items have rules of their own; documents too
        if etype is EntityType.ORGANIZATION:
            kept = _named_bodies(view, kept, len(items), lexicon)
        candidates.extend(_Candidate(begin, end, etype, text[begin:end], "", "enumeration", 3) for begin, end in kept)
    return candidates


def _named_bodies(view: _SentenceView, items: list[tuple[int, int]], listed: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """The items of a list of bodies that name one: a body is named by a proper noun or a word the
    dictionary lacks (京东云, 中关村), a sector by common nouns (冶金工贸、烟花爆竹等重点企业). When
    most of three or more ``listed`` items name bodies so, the others do too, as they are written
    (界面新闻、澎湃新闻 among 航天长峰、京东云…等36家企业: a coordination joins like with like)."""
    trimmed = [(_trim_lead(view, begin, end, EntityType.ORGANIZATION, lexicon), end) for begin, end in items]
    named = [_names_something(view, begin, end) for begin, end in trimmed]
    if listed >= 3 and 2 * sum(named) > listed:
        return [t if n else (_after_governing(view, begin, end, lexicon), end)
                for t, n, (begin, end) in zip(trimmed, named, items)]
    return [t for t, n in zip(trimmed, named) if n]


def _after_governing(view: _SentenceView, begin: int, end: int, lexicon: Lexicon) -> int:
    """``begin`` moved past the boundary words that open ``text[begin:end]``, and, in the list's first
    item (grown leftwards, not opened by 、), past the verbs, adverbs and prepositions that govern the
    list (扶持|大午、吉正…等农业龙头企业); items after a 、 are taken as written (澎湃新闻)."""
    first = begin == 0 or view.text[begin - 1] != "、"
    i = view.token_at(begin)
    while view.ends[i] < end and (_is_boundary(view.tokens[i].word, lexicon)
                                  or (first and view.tokens[i].pos in ("v", "vd", "d", "ad", "p"))):
        i += 1
    return view.starts[i]


# 以通美晶体、中科锂电为代表的新材料产业: the firms a report holds up as the exemplars of an industry,
# a park or a cluster (以A、B为代表的 + a kind of industry; county and city reports, corpus: 以河钢集团、
# 中交集团为代表的绿色建材产业园). Each item that holds a proper noun or a word jieba lacks names a
# body; sectors (以新能源、大数据为代表的战略性新兴产业) do not.
_EXEMPLARS = re.compile(r"以([^，。；：“”《》以]{2,40}?)(?:等)?为代表的[^，。；：]{0,20}?(?:产业|企业|集群|园区|产业园|行业)")


def _exemplars(view: _SentenceView, lexicon: Lexicon) -> list[_Candidate]:
    """The bodies named as exemplars in ``以A、B为代表的…产业``: one candidate per item that names something."""
    candidates = []
    for match in _EXEMPLARS.finditer(view.text):
        pos = match.start(1)
        for item in match.group(1).split("、"):
            begin, end = pos, pos + len(item)
            pos = end + 1
            glued = begin == match.start(1) and begin - 1 in view.start_set  # 以通美|晶体: jieba glued 以 to the name
            if (not 2 <= len(item) <= _ITEM_MAX or (begin not in view.start_set and not glued) or end not in view.end_set
                    or any(_is_punct(ch) for ch in item) or _breaks_item(view, begin, end, lexicon)):
                continue
            if not glued:
                begin = _trim_lead(view, begin, end, EntityType.ORGANIZATION, lexicon)
            if begin < end and _names_something(view, begin, end):
                candidates.append(_Candidate(begin, end, EntityType.ORGANIZATION, view.text[begin:end], "", "exemplar", 3))
    return candidates

