"""The lists a name takes in before its head: the problems a drive is against (形式主义官僚主义、
不作为不担当问题专项治理), the parallel items that share a drive's head (蓝天、碧水、净土保卫战) and the
counted items before a counted head (A、B、C五大创建).

Each list is grown leftwards from where :func:`~.growth._grow_left` put a name's begin, over
the same boundaries.
"""

from __future__ import annotations

from ..lexicon import Lexicon
from .core import (
    _COUNTED, _ENUM_ITEM_MAX, _MAX_NAME, _MEASURES, _ORDINAL, _STOP_POS, _SentenceView, _Tables, _head_ending_at, _is_han, _is_punct,
)
from .growth import _grow_left, _is_boundary


# A drive against problems is named by all the problems it lists before 问题,
# joined by 、, 和, 以及 or 及 and with the 不 of 不作为: 形式主义官僚主义、
# 不作为不担当问题专项治理; 漠视侵害群众利益问题专项整治 (the national drive of 2019).
_PROBLEM_JOINS = {"、", "和", "与", "及", "以及", "不"}


def _grow_problems(view: _SentenceView, begin: int, head_begin: int, end: int, lexicon: Lexicon) -> int:
    """Take in the whole list of problems before ``…问题`` + a campaign head.

    Grows left from ``begin`` over words and the joins of
    :data:`_PROBLEM_JOINS`; stops at clause punctuation, quotation marks,
    boundary words (开展, 纳入), 等, years and ordinals, and at
    :data:`_MAX_NAME` characters.
    """
    if not view.text.endswith("问题", begin, head_begin):
        return begin
    j = view.token_at(begin) - 1
    grown = begin
    while j >= 0 and end - view.starts[j] <= _MAX_NAME:
        tok = view.tokens[j]
        word = tok.word
        negated = j > 0 and view.tokens[j - 1].word == "不"  # 不作为, 不落实: a problem, not a verb that governs
        if word not in _PROBLEM_JOINS and (
                _is_punct(word) or (_is_boundary(word, lexicon) and not negated) or word == "等"
                or tok.pos in ("m", "q", "r", "p")
                or _ORDINAL.fullmatch(word) or word in _MEASURES or tok.pos in _STOP_POS):
            break
        if word not in _PROBLEM_JOINS:
            grown = view.starts[j]
        j -= 1
    return grown


# Parallel modifiers (排比) of one name: items of equal length joined by 、
# before a name whose first characters are one more such item. The name is
# the whole list (蓝天、碧水、|净土保卫战, the State Council's reports since
# 2018; 高端化、智能化、|绿色化技改专项行动; 医疗、医保、|医药联动改革).
# An item that ends with the head is a name of its own (经济体制改革、|科技
# 体制改革), and the list opens a phrase: after a verb, an adverb, punctuation.
_PARALLEL_ITEM = (2, 4)
_PARALLEL_NOUNS = {"vn", "j", "m", "eng", ""}
_PARALLEL_NOT_ITEM = {"v", "vd", "d", "ad", "p", "m", "q", "r", "c", "u", "ns"}


def _grow_parallel(view: _SentenceView, begin: int, head_begin: int, lexicon: Lexicon, tables: _Tables,
                   whole_first: bool = True) -> int:
    """Take in the parallel items before ``begin``: each :data:`_PARALLEL_ITEM` characters, aligned
    with jieba's tokens, of the length of the one nearest the name (the shortest that aligns), and
    made of no verb, adverb, number, function word or place, nor is the name's own text before
    its head ``text[begin:head_begin]`` (党委有部署、|政府见行动 lists clauses; 白洋淀、|野三坡
    创建 lists places, each a site of its own); no item is a name of the gazetteer (精准扶贫、|脱贫攻坚)
    or ends with a head (经济体制改革、|科技体制改革, 专项行动、|城乡环境大整治).
    ``whole_first``: the name's own first item must end at a token's end too (not for a
    gazetteer's name, which jieba keeps as one token: 净土保卫战)."""
    text = view.text

    def content(b: int, e: int) -> bool:
        i = view.token_at(b)
        while i < len(view.tokens) and view.starts[i] < e:
            if view.tokens[i].pos in _PARALLEL_NOT_ITEM:
                return False
            i += 1
        return True

    length, at, first = None, begin - 1, begin
    while at > 0 and text[at] == "、":
        sizes = [n for n in range(_PARALLEL_ITEM[0], _PARALLEL_ITEM[1] + 1)
                 if at - n >= 0 and at - n in view.start_set and _is_han(text[at - n:at])]
        if length is None:  # the first item: the shortest that starts the list or follows another item
            size = next((n for n in sizes if at - n == 0 or text[at - n - 1] == "、" or not _noun_opener(view, at - n)),
                        sizes[0] if sizes else None)
        else:
            size = length if length in sizes else None
        if (size is None or _head_ending_at(text, at, tables) is not None or not content(at - size, at)
                or text[at - size:at] in lexicon.gazetteer):
            break
        length, first, at = size, at - size, at - size - 1
    if length is None or not content(begin, head_begin) or (whole_first and begin + length not in view.end_set):
        return begin
    if first > 0 and _noun_opener(view, first):
        return begin  # …的蓝天、碧水: the list goes on to the left, or modifies another noun
    return first


def _noun_opener(view: _SentenceView, pos: int) -> bool:
    """Is the token before sentence offset ``pos`` a noun (or a word used as one), no punctuation?"""
    opener = view.tokens[view.token_at(pos - 1)]
    return (opener.pos.startswith("n") or opener.pos in _PARALLEL_NOUNS) and not _is_punct(opener.word)


def _grow_enumeration(view: _SentenceView, begin: int, name: str, lexicon: Lexicon) -> int:
    """Take in the items of ``A、B、C五大创建`` when the name counts them.

    Each item is grown like a name (boundary words stop it) and has at most
    :data:`_ENUM_ITEM_MAX` characters.
    """
    counted = _COUNTED.search(name)
    if not counted or len(name) - counted.end() > 4:
        return begin  # 四大班子及其班子成员…制度: the count is of a noun inside the name, not of items before it
    while begin > 1 and view.text[begin - 1] == "、" and begin - 1 in view.end_set:
        item_begin = _grow_left(view, begin - 2, lexicon, limit=_ENUM_ITEM_MAX)
        if item_begin >= begin - 1:
            break
        begin = item_begin
    return begin
