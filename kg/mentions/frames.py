"""The verb frames of the mentions stage's framed heads: where the object of a programme verb
(实施|科教兴国战略, 完善|重大风险处置统筹协调机制) begins before a head that a verb frames
(政策, 计划, 机制 …), and the clauses that report such a programme carried out.

The frames are those of ANNOTATION.md's implements relation; the verbs are data
(``programme_verbs.txt``); the head rule (:mod:`kg.mentions.heads`) and the quote rule ask here.
"""

from __future__ import annotations

import functools
import re

from ..lexicon import Lexicon
from .core import _MAX_NAME, _MEASURES, _STOP_POS, _SentenceView, _head_ending_at, _is_punct, _tables
from .growth import _is_boundary

# The shortest name before a "framed" head, in characters: a programme is
# named by at least two words (预期管理|机制, 扩大内需|战略); one word before
# the head is a kind of programme even after a verb (健全|市场机制, 完善|决策机制).
_FRAMED_PREFIX = 4


def _framed(text: str, begin: int, head: str, lexicon: Lexicon) -> bool:
    """Is the name at ``begin`` the object of a programme verb (实施|科教兴国战略), or a later one
    of names of framed heads joined by 和/与/及/、 after such a verb in the clause
    (实施就业优先战略和|扩大内需战略, 深入推进特殊引才计划和|关键核心技术人才工程; not
    制定企业发展战略、|技术创新战略: 制定 is no programme verb)?"""
    if text.endswith(lexicon.programme_verbs, 0, begin) or _opens_clause(text, begin, lexicon):
        return True
    heads = _framed_heads(lexicon)
    if not (begin > len(head) and text[begin - 1] in "和与及、" and text.endswith(heads, 0, begin - 1)):
        return False
    clause = max(text.rfind(mark, 0, begin) for mark in "，。；：！？") + 1
    found = max(((text.rfind(verb, clause, begin), -len(verb), verb) for verb in lexicon.programme_verbs), default=(-1, 0, ""))
    if found[0] < 0:
        return False
    names = re.split("[和与及、]", text[found[0] + len(found[2]):begin - 1])
    return all(len(name) >= 4 and name.endswith(heads) for name in names)


def _opens_clause(text: str, begin: int, lexicon: Lexicon) -> bool:
    """Does a clause-start programme verb (``lexicon.clause_verbs``: 形成, 创新 …) open the clause
    right before ``begin`` (，形成|拒腐防变教育长效机制)?"""
    verb = next((v for v in lexicon.clause_verbs if text.endswith(v, 0, begin)), None)
    return verb is not None and (begin == len(verb) or _CLAUSE_START.match(text, begin - len(verb) - 1) is not None)


def _reported(view: _SentenceView, begin: int, end: int, lexicon: Lexicon) -> bool:
    """Is the name ``text[begin:end]`` the subject of a clause that reports it carried out: it opens the
    clause with no verb, and a programme verb follows it after at most an adverb (，新就业形态人员职业
    伤害保障试点|有序推进: the verb frame of the implements relation, turned round as reports of the
    year's work write it; not 加大|以工代赈政策|实施力度, where the verb before it governs it)?"""
    text = view.text
    if (begin > 0 and _CLAUSE_START.match(text, begin - 1) is None) or begin not in view.start_set \
            or view.tokens[view.token_at(begin)].pos in ("v", "vd", "d", "p", "c"):
        return False
    adverb = _PROGRESS_ADVERB.match(text, end)
    return text.startswith(lexicon.programme_verbs, adverb.end())


# The adverbs of a report's predicate of progress (有序|推进, 扎实|推进, 全面|实施).
_PROGRESS_ADVERB = re.compile(r"(?:有序|扎实|稳步|全面|深入|加快|持续|积极|顺利|稳妥|加速|不断)?")


# What a clause opens after: its punctuation, or a line's start.
_CLAUSE_START = re.compile(r"[，。；：！？\n]")


@functools.lru_cache(maxsize=8)
def _framed_heads(lexicon: Lexicon) -> tuple[str, ...]:
    """The Initiative heads a programme verb frames (``framed``, ``named-or-framed``): 政策, 计划, 工程 …"""
    return tuple(h.word for h in lexicon.initiative_heads if h.takes_a_frame)


def _frame_begin(view: _SentenceView, begin: int, head_begin: int, lexicon: Lexicon) -> int | None:
    """Where the object of a programme verb before a framed head begins, when growth stopped short of
    the verb at a verb of the name (完善|重大风险处置统筹协调机制, 完善|人民币汇率形成机制): the
    verb frame of ANNOTATION.md's implements relation takes the whole span from the verb to the head.

    Words are crossed leftwards from ``begin``: the verbs right before the head (处置统筹协调|机制,
    失信联合惩戒|机制: what the mechanism does), then plain words and the adverbs that qualify those
    verbs (工资|正常|增长|机制, 长期|稳定|支持|机制), and boundary words only when
    jieba tags them no verb (全面|节约战略) or a noun stands on each side (党政|联合|调度机制:
    :func:`_between_nouns`; rules-alone typed F1 0.8066 -> 0.8072), and a 和 that joins two parts of one object
    (健全|投入增长和风险分担机制, 实施|以质取胜和市场多元化战略; not after a head or a gazetteer
    name, which end a name of their own, nor right before the head: 总体要求和政策), up to
    :data:`_MAX_NAME` characters back from the head (:func:`_joins_parts`). The first programme
    verb, a whole token, whose object so reaches :data:`_FRAMED_PREFIX` characters gives the begin, after its complement
    (落实好|…政策). ``None`` at punctuation, a function word other than an adverb, a number, a conjunction, a governing
    verb (是, 作为, 纳入 …) or a programme verb too close to the head (深入实施|城镇化战略).
    """
    i = view.token_at(begin) - 1
    at_head = all(view.tokens[k].pos in ("v", "vn") for k in range(i + 1, view.token_at(head_begin)))
    while i >= 0 and head_begin - view.starts[i] <= _MAX_NAME:
        token = view.tokens[i]
        if token.word in lexicon.programme_verbs or (
                token.word in lexicon.clause_verbs and _opens_clause(view.text, view.ends[i], lexicon)):
            if head_begin - view.ends[i] >= _FRAMED_PREFIX:
                after = view.tokens[i + 1].word
                return view.ends[i + 1] if after in _COMPLEMENTS else view.ends[i]
            if token.pos == "v":
                return None
        elif _joins_parts(view, i, head_begin, lexicon):
            pass  # 健全|投入增长和风险分担机制: two parts of one mechanism's object
        elif (_is_punct(token.word) or token.word == "等" or (token.pos in _STOP_POS and token.pos not in ("d", "ad")) or token.pos in ("q", "m") or token.word in _MEASURES
                or token.word in ("和", "与", "及", "等")
                or (_is_boundary(token.word, lexicon) and token.pos == "v" and not at_head
                    and not _between_nouns(view, i))):
            return None
        at_head = at_head and token.pos in ("v", "vn")
        i -= 1
    return None


def _joins_parts(view: _SentenceView, i: int, head_begin: int, lexicon: Lexicon) -> bool:
    """Is token ``i`` a 和 that joins two parts of one framed object: a word before it that ends no
    head and no gazetteer name and is no programme verb or punctuation, and two characters or more
    after it before the head? A 、 is no such join: measured on the 25 gold reports, it joined more
    whole names than parts (rules-alone typed F1 0.7870 with 和 alone, 0.7868 with 和 and 、)."""
    if view.tokens[i].word != "和" or i == 0 or head_begin - view.ends[i] < 2:
        return False
    before = view.tokens[i - 1].word
    return (_head_ending_at(view.text, view.starts[i], _tables(lexicon)) is None and before not in lexicon.gazetteer
            and before not in lexicon.programme_verbs and not _is_punct(before))


# The nouns around a verb inside a mechanism's name (民企|参与|重大项目, 党政|联合|调度).
_NOUN_POS = frozenset({"n", "vn", "j", "nz", "nt", "ns", "s"})


def _between_nouns(view: _SentenceView, i: int) -> bool:
    """Is token ``i`` a verb with a noun on each side: a verb inside a framed object (经济运行党政|联合|调度机制,
    民企|参与|重大项目建设长效机制), not one that governs it?"""
    return 0 < i < len(view.tokens) - 1 and view.tokens[i - 1].pos in _NOUN_POS and view.tokens[i + 1].pos in _NOUN_POS


# The complements of a programme verb, which start no name: 落实好|…, 建立起|….
_COMPLEMENTS = frozenset({"好", "起"})


# The heads whose object may be a list of the practices they join: 健全|党内激励、关怀、帮扶|机制,
# 改革完善|人才培养、使用、评价|机制 (party congress 2007, State Council 2019; corpus: 健全|政府科学决策、
# 民主决策、依法决策|机制, 完善|领导帮包、现场办公|机制).
_LISTED_HEADS = frozenset({"机制", "工作机制"})
_LISTED_ITEM_MAX = 6


def _listed_begin(view: _SentenceView, head_begin: int, head: str, lexicon: Lexicon) -> int | None:
    """Where a programme verb's object begins when it is a list of practices joined by 、 before a
    mechanism's head, and the last item alone is too short to name one (…、帮扶|机制: under
    :data:`_FRAMED_PREFIX` characters): the list is one object, the mechanism that joins them.

    Each item is one to :data:`_LISTED_ITEM_MAX` characters of words and adverbs (日常|保洁; no
    punctuation, other function word, number, relation verb, or verb with its object: 聚焦|重点), ends with no head and is no gazetteer name (工作责任制度、激励机制 are two);
    a programme verb right before the first item opens the object. ``None`` when any of this fails.
    """
    if head not in _LISTED_HEADS or view.text.startswith("、", head_begin + len(head)):
        return None  # 强化战时状态、战时机制、|战时思维: the list goes on after the head, a list of names
    text, tables = view.text, _tables(lexicon)
    i = view.token_at(head_begin) - 1
    item_end, items = head_begin, 0
    while i >= 0:
        token = view.tokens[i]
        verb = _opens_object(view, i, lexicon)
        if token.word == "、" or verb:
            item_begin = view.ends[i]
            item = text[item_begin:item_end]
            if (not item or len(item) > _LISTED_ITEM_MAX or (items == 0 and len(item) >= _FRAMED_PREFIX)
                    or item in lexicon.gazetteer or (items > 0 and _head_ending_at(text, item_end, tables) is not None)):
                return None
            items += 1
            if token.word != "、":
                return item_begin if items >= 2 else None
            item_end = view.starts[i]
        elif (_is_punct(token.word) or token.word == "等" or (token.pos in _STOP_POS and token.pos not in ("d", "ad")) or token.pos in ("m", "q")
              or _is_boundary(token.word, lexicon, verbs_only=True)
              or (token.pos == "v" and view.ends[i] < item_end and view.tokens[i + 1].pos in ("n", "nz", "ns", "j"))):
            return None  # 聚焦|重点、创新机制: a verb and its object make a clause, no practice
        i -= 1
    return None


def _opens_object(view: _SentenceView, i: int, lexicon: Lexicon) -> bool:
    """Is token ``i`` a programme verb, or its complement after one (建立健全|…, 落实好|…), so that
    the verb's object starts after it? A token that ends with one counts (建立健全, which jieba tags
    as a name)."""
    if i > 0 and view.tokens[i].word in _COMPLEMENTS:
        i -= 1
    return view.tokens[i].word.endswith(lexicon.programme_verbs)
