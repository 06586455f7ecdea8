"""The left-growing engine of the mentions stage: from a head word leftwards over jieba's tokens to where a name begins.

The boundaries a name does not cross (punctuation, boundary words, function
words by POS, measure words, years), shared by the head, quote and
enumeration rules; the trims of a grown name's lead (verbs, scopes, times)
are in :mod:`.trims`.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType
from .core import (
    _CLAUSE_PUNCT, _COUNTED_KIND, _MAX_NAME, _MEASURES, _ORDINAL, _PREFIX_RE,
    _QUOTE_HEAD_SPAN, _STOP_POS, _SentenceView, _Tables, _head_ending_at, _is_han, _is_punct,
)

# Words between a quotation and a head that end the quoted name: 的, and the
# conjunctions that join two names (暨 joins two names of one event, so it is
# not here).
_NAME_BREAKS = frozenset({"的", "和", "与", "及", "以及", "或", "并"})


def _name_vetoed(lexicon: Lexicon, etype: EntityType, head: str, name: str) -> bool:
    """Does a ``name`` row of ``head_vetoes.txt`` for this type and head match ``name``?"""
    return any(v.where == "name" and v.covers(etype, head) and v.pattern.search(name) for v in lexicon.head_vetoes)


def _head_after(view: _SentenceView, end: int, lexicon: Lexicon, tables: _Tables):
    """The farthest head right after ``end`` (a quotation or a gazetteer name),
    over whole tokens: ``(head end, type, Head)``, or ``(None, None, None)``."""
    text = view.text
    best_end, head_type, best = None, None, None
    if end in view.start_set and not _COUNTED_KIND.match(text, end):
        i = view.token_at(end)
        while i < len(view.tokens):
            tok = view.tokens[i]
            t_end = view.ends[i]
            if (t_end - end > _QUOTE_HEAD_SPAN or _is_punct(tok.word) or _is_boundary(tok.word, lexicon, verbs_only=True)
                    or tok.word in _LIGHT_VERBS or tok.pos in ("p", "c", "r") or (len(tok.word) > 1 and tok.word.endswith("为"))):
                break  # …企业|进行了|整治: a light verb makes what follows its object, no head of the name; nor does
                # a preposition, conjunction or pronoun (民主集中制|为|重点加强制度, 新发展格局|这个|战略) or a verb of
                # becoming (京津冀协同发展|上升为|国家战略) stand inside one name
            if tok.word in lexicon.trailing_words or tok.word in _NAME_BREAKS or tok.word == "等":
                break  # “百日攻坚”和社区环境整治: a head past 和 names the next drive; past 等, a kind
            if tok.word.startswith("新") or (best_end is not None and tok.pos in ("m", "t")):
                break  # 西部大开发形成|新格局: a new one described; 新型城镇化战略|五年行动计划: a count starts another name
            found = _head_ending_at(text[end:t_end], t_end - end, tables)
            if found is not None and found[1].word == "改革" and t_end - end > 2:
                found = None  # “区管校聘”管理改革: only 改革 right after a name makes its reform
            if found is not None and len(found[1].word) == 1 and (len(tok.word) >= 2 or (i > 0 and view.tokens[i - 1].pos == "v")):
                found = None  # “十五五”开局, 开好局, 开好|局: a one-character head glued into a word, or a verb's object
            if found is not None and not text.startswith("新", end):  # “…”新机制: a new one described, no name
                best_end, (head_type, best) = t_end, found
            i += 1
    return best_end, head_type, best


def _is_boundary(word: str, lexicon: Lexicon, verbs_only: bool = False) -> bool:
    """A boundary word, or a token ending with a relation verb (大力开展, 认真落实) or made of
    two boundary words (全面完成, 继续抓好: jieba's idioms of an adverb and a verb).

    With ``verbs_only``, only relation verbs count (for the words after a
    quoted name, where 服务 in “…”党员志愿服务活动 is part of the name).
    """
    if word in lexicon.relation_verbs or (not verbs_only and word in lexicon.boundary_words):
        return True
    boundaries = () if verbs_only else lexicon.boundary_words
    return any(word[-n:] in lexicon.relation_verbs or (word[-n:] in boundaries and word[:-n] in boundaries)
               for n in (2, 3) if len(word) > n)


def _crosses_conjunction(view: _SentenceView, j: int, lexicon: Lexicon) -> bool:
    """May a name grow over the 和/与 at token ``j``?

    Not between two bodies: when a jurisdiction follows it (区中医医院与市肿瘤医院)
    or an organisation head or organ ends before it (区委常委会和党建工作领导小组).
    """
    after = view.text[view.ends[j]:view.ends[j] + 1]
    before = view.text[:view.starts[j]]
    if after in "区市县省" or not before:
        return False
    return not before.endswith(tuple(h.word for h in lexicon.organization_heads) + lexicon.local_organs + ("会",))


_QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『", "’": "‘"}


def _opening_quote(view: _SentenceView, j: int) -> int | None:
    """If token ``j`` closes a quotation in this sentence, the index of the token that opens it."""
    if j < 0 or view.tokens[j].word not in _QUOTE_PAIRS:
        return None
    opening = _QUOTE_PAIRS[view.tokens[j].word]
    for k in range(j - 1, -1, -1):
        word = view.tokens[k].word
        if word == opening:
            return k
        if word in _QUOTE_PAIRS or _CLAUSE_PUNCT.search(word):
            return None
    return None


_PLACEHOLDER = re.compile(r"[X某]{1,3}$")
# The words that stand before a placeholder in a body's name (中共|X区委, 团|X市委, 全|X区).
_BEFORE_PLACEHOLDER = frozenset({"中共", "团", "全"})


def _opening_place(view: _SentenceView, j: int, floor: int, lexicon: Lexicon) -> int | None:
    """The token at or before ``j`` where a jurisdiction, 国家 or a placeholder
    opens a name, reached over plain words (nouns and verbs; boundary words
    that are no relation verb, as 服务 and 创新 in 区社区治理和服务创新办公室; one
    和 or 与), or ``None``."""
    joined = False
    while j >= 0 and view.starts[j] >= floor:
        tok = view.tokens[j]
        if _PLACEHOLDER.match(tok.word) or _PREFIX_RE.match(view.text, view.starts[j]) or tok.word == "国家":
            while j > 0 and (_PLACEHOLDER.match(view.tokens[j - 1].word) or view.tokens[j - 1].word in _BEFORE_PLACEHOLDER):
                j -= 1  # X|市: the placeholder opens the jurisdiction
            return j
        if tok.word in ("和", "与") and not joined:
            joined = True
            j -= 1
            continue
        if (_is_punct(tok.word) or tok.pos in _STOP_POS or tok.pos == "q" or tok.word in _MEASURES
                or _is_boundary(tok.word, lexicon, verbs_only=True)
                or (tok.word in lexicon.boundary_words and tok.pos not in ("v", "vn"))):
            return None
        j -= 1
    return None


# A jurisdiction or its party committee or government, before 领导 "leaders": 区委领导, 市领导.
_ORGAN_TOKEN = re.compile(r"[X某]{0,3}[区市县省](?:委|政府)?")


# The light verbs (形式动词) that take a verbal noun as their object and say nothing of what is done:
# 进行|综合整治, 加以|整治. Growth crosses no light verb before a drive's head.
_LIGHT_VERBS = frozenset({"进行", "加以", "予以", "给予", "给以"})


def _grow_left(view: _SentenceView, head_begin: int, lexicon: Lexicon, limit: int = _MAX_NAME,
               body: bool = False, drive: bool = False) -> int:
    """Grow a name leftwards from the token holding ``head_begin``; return its begin.

    Tokens are taken while they are not punctuation, boundary words, measure
    words, years, or function words by POS; a 和/与 is crossed only inside
    one body's name that starts with a jurisdiction (区社区治理和服务创新办公室).
    With ``body`` (an organisation's head), a boundary word is crossed too
    when plain words beyond it reach a jurisdiction or placeholder that opens
    the name (X市科技|创新|发展中心). With ``drive`` (a campaign's head), the
    verbs of the boundary list right before the head are crossed: they say what
    the drive does (党建创新提升|活动, 环境整治|行动), not where a name starts, and so
    do relation verbs after a noun (绿色消费|推进|行动), but 开展, which conducts the drive;
    a light verb (:data:`_LIGHT_VERBS`) says nothing and is not crossed.
    """
    i = view.token_at(head_begin)
    begin = view.starts[i]
    fallback = None  # where to cut back if a conjunction is not crossed after all
    j = i - 1
    at_head = drive
    while j >= 0:
        tok = view.tokens[j]
        word = tok.word
        if view.ends[i] - view.starts[j] > limit:
            break
        if (at_head and word in lexicon.boundary_words and tok.pos in ("v", "vn") and word not in _LIGHT_VERBS
                and (not _is_boundary(word, lexicon, verbs_only=True)
                     or (j > 0 and view.tokens[j - 1].pos in ("n", "vn", "nz", "j") and not word.endswith("开展")))):
            begin = view.starts[j]
            j -= 1
            continue
        if at_head and _DURATION.fullmatch(word):
            begin = view.starts[j]  # 环境品质提升|三年|行动: the drive's term is part of its head
            j -= 1
            continue
        at_head = False
        if word in ("和", "与") and fallback is None:
            if not _crosses_conjunction(view, j, lexicon):
                break
            fallback = begin
            begin = view.starts[j]
            j -= 1
            continue
        if word == "领导" and ((j + 1 < len(view.tokens) and view.tokens[j + 1].word in ("干部", "班子"))
                             or (j > 0 and _ORGAN_TOKEN.fullmatch(view.tokens[j - 1].word))):
            begin = view.starts[j]  # 领导干部, 领导班子, 区委领导: nouns, not the verb 领导
            j -= 1
            continue
        if word == "及其":  # 四大班子及其班子成员: "and its", inside one name
            begin = view.starts[j]
            j -= 1
            continue
        if word == "的" and view.text.endswith("领导下", 0, view.starts[j]) and (led := view.starts[j] - 3) in view.start_set:
            begin = led  # 党组织领导下的|校长负责制: the system under a body's leadership, one formulation
            j = view.token_at(led) - 1
            continue
        if word == "）" and (opening := _alternative_in_parentheses(view, j, lexicon)) is not None:
            begin = view.starts[opening - 1]  # 乡镇（街道）|履职事项清单: the name runs on over the word
            j = opening - 2                   # before the alternative, and over nouns before it
            while j >= 0 and view.tokens[j].pos in _NOUN_TAGS and view.ends[i] - view.starts[j] <= limit \
                    and not _is_punct(view.tokens[j].word) and not _is_boundary(view.tokens[j].word, lexicon):
                begin = view.starts[j]        # (重点|企业（项目）…制度), not over verbs (共建|上海（长三角）…)
                j -= 1
            break
        if _is_boundary(word, lexicon) and body and not _is_punct(word):
            opener = _opening_place(view, j - 1, view.ends[i] - limit, lexicon)
            if opener is not None:
                begin = view.starts[opener]
            break
        if _is_punct(word) or word in _MEASURES or tok.pos == "q" or _is_boundary(word, lexicon):
            break
        if word == "暨":  # 暨 joins the two names of one event: 送党课进基层暨微型党课巡回示范宣讲活动
            opening = _opening_quote(view, j - 1)
            if opening is not None:  # “送党课进基层”暨…: the quoted name is the first
                begin = view.starts[opening]
                break
        elif tok.pos in _STOP_POS and not (word == "的" and j > 0 and view.tokens[j - 1].word == "党"):
            break
        if (word.isdigit() and len(word) >= 4) or _ORDINAL.fullmatch(word):
            break  # a year or an ordinal (第八届) is not part of a name
        begin = view.starts[j]
        j -= 1
    if fallback is not None and not _PREFIX_RE.match(view.text, begin):
        begin = fallback
    while begin < view.ends[i] and view.text[begin] in "的和与":
        begin += 1
    return _bilateral_begin(view, begin)


# The tags of the nouns a name takes in before an alternative in parentheses (places, proper nouns,
# abbreviations, attributives, common nouns and words jieba lacks).
_NOUN_TAGS = frozenset({"n", "nz", "ns", "nt", "nr", "j", "b", ""})


# The most characters of an alternative in parentheses inside a name: 河（湖）长制, 乡镇（街道）履职事项清单,
# 重点企业（项目）服务联席会议制度, 北京（京津冀）国际科技创新中心 (district, province and city reports).
_ALTERNATIVE_MAX = 4


def _alternative_in_parentheses(view: _SentenceView, j: int, lexicon: Lexicon) -> int | None:
    """If token ``j`` closes ``（…）`` around at most :data:`_ALTERNATIVE_MAX` Chinese characters right
    after a word that may be part of a name (no punctuation, boundary or function word, measure or
    number), the index of the token that opens it: the alternative (or the wider scope) of that word,
    inside one name. ``None`` otherwise."""
    end = view.starts[j]
    opening = view.text.rfind("（", max(0, end - _ALTERNATIVE_MAX - 1), end)
    if opening <= 0 or opening not in view.start_set:
        return None
    inner = view.text[opening + 1:end]
    if not inner or not _is_han(inner):
        return None
    k = view.token_at(opening)
    before = view.tokens[k - 1]
    if (_is_punct(before.word) or not _is_han(before.word[-1]) or _is_boundary(before.word, lexicon)
            or before.pos in _STOP_POS or before.pos in ("m", "q") or before.word in _MEASURES):
        return None
    return k


# The dashes that join two places into the name of what they share (中国—东盟, 北京-雄安).
_DASHES = frozenset({"—", "－", "-", "–", "——"})


def _bilateral_begin(view: _SentenceView, begin: int) -> int:
    """The begin of a name grown to ``begin``, with the place and dash before it when a dash joins two
    places (中国—|东盟医疗保健合作中心, 北京-|雄安人才科创走廊: bilateral bodies and programmes)."""
    j = view.token_at(begin) - 1
    if (begin in view.start_set and j >= 1 and view.tokens[j].word in _DASHES and view.tokens[j - 1].pos == "ns"
            and len(view.tokens[j - 1].word) >= 2):
        return view.starts[j - 1]
    return begin


# The term of a drive, right before its head: 三年|行动, 百日|攻坚 (X三年行动, the State Council's
# and the ministries' action plans name their term so).
_DURATION = re.compile(r"(?:[一二两三四五六七八九十百]|\d+)(?:年|日|天)")


# POS tags of tokens that name something: places, proper nouns, organisation
# names, other proper nouns, numbers, Latin letters (X placeholders); "" is a
# word jieba's dictionary lacks, most often a name.
_NAMING_POS = {"ns", "nr", "nrt", "nrfg", "nt", "nz", "m", "eng", "j", ""}


# The marks of the items of a paragraph (一是, 二是: "first", "second"), which jieba tags as numbers.
_ITEM_MARK = re.compile(r"[一二三四五六七八九十]+是")


def _names_something(view: _SentenceView, begin: int, head_begin: int) -> bool:
    """Does the prefix ``text[begin:head_begin]`` hold a naming token?

    Only tokens within the prefix count: a word that jieba glued to the head
    (交易中心, tagged nt) names the kind of body, not one body (股权交易中心).
    A jurisdiction or 中国 that opens the prefix names it too (中国服装协会, 中国农业科学院,
    which jieba tags as one word with the head; not 国家, which opens kinds as well: 国家级试点).
    """
    i = view.token_at(begin)
    while i < len(view.tokens) and view.ends[i] <= head_begin:
        tok = view.tokens[i]
        if tok.pos in _NAMING_POS and not _is_punct(tok.word) and not _ITEM_MARK.fullmatch(tok.word):
            return True
        i += 1
    return bool(_PREFIX_RE.match(view.text, begin)) or view.text.startswith("中国", begin)
