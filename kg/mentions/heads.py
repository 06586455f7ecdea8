"""Rule 5 of the mentions stage: a head word (领导小组, 专项斗争, 机制 …) grown leftwards into a name, with the vetoes that keep kinds and descriptions out.

The vetoes are data (``data/lexicon/head_vetoes.txt``: where a context is
matched, what it applies to, why, an example); the counts of bodies, shared
with the quote rule, and the rewrite of a counted head stay here.
"""

from __future__ import annotations

import functools
import re

from ..lexicon import Lexicon
from ..model import EntityType, RelationType
from .core import (
    _BODY_COUNT, _COUNTED_KIND, _COUNTED_PHRASE, _COUNT_BEFORE, _MAX_NAME, _Candidate, _PREFIX_RE, _SentenceView,
    _Tables, _gazetteer_type, _head_ending_at, _is_han, _is_punct, canonical_name,
)
from .frames import _FRAMED_PREFIX, _frame_begin, _framed, _listed_begin, _reported
from .growth import _ALTERNATIVE_MAX, _DASHES, _grow_left, _is_boundary, _names_something, _opening_quote
from .lists import _grow_enumeration, _grow_parallel, _grow_problems
from .leads import quoted_name_begin
from .trims import _ORG_LEAD_POS, _trim_lead

_COUNT_AFTER = re.compile(_BODY_COUNT)


# An alternative in parentheses inside a name (河（湖）长制; growth.py crosses it).
_ALTERNATIVE = re.compile(r"（[\u4e00-\u9fff]{1,%d}）" % _ALTERNATIVE_MAX)

# A name, a count and a head: 干部能上能下三项制度.
_COUNT_OF_HEAD = re.compile(r"(.{2,}?)[一二两三四五六七八九十]+[项大个].{1,4}")


def _vetoed(lexicon: Lexicon, where: str, etype: EntityType, head: str, match) -> bool:
    """Does a row of ``head_vetoes.txt`` at ``where`` that covers this type and head match (``match(pattern)``)?"""
    return any(match(pattern) for pattern in _veto_patterns(lexicon, where, etype, head))


@functools.lru_cache(maxsize=4096)
def _veto_patterns(lexicon: Lexicon, where: str, etype: EntityType, head: str) -> tuple[re.Pattern[str], ...]:
    """The patterns of the vetoes at ``where`` that cover this type and head, in the file's order."""
    return tuple(v.pattern for v in lexicon.head_vetoes if v.where == where and v.covers(etype, head))


# What the compound before a "compound" head is made of: nouns, verbs used as
# nouns, attributives, places and words jieba does not know (人才|强国,
# 制造|强省, 新型|能源|强省, 临港|产业|强省), but no word that governs the
# compound (建设|农业强国, 迈向|人才强国: boundary and relation verbs, and the
# two verbal nouns of building and heading for that the boundary list lacks;
# 指, 五是: a one-character word, an enumeration's 是).
_COMPOUND_POS = {"n", "vn", "v", "b", "nz", "ns", "an", "j", ""}
_COMPOUND_MAX = 4
_GOVERNING = frozenset({"建设", "迈向"})


def _compound_begin(view: _SentenceView, begin: int, head_begin: int, lexicon: Lexicon) -> int | None:
    """Where the compound of a ``compound`` head begins: the words right before it
    (:data:`_COMPOUND_POS`), at most :data:`_COMPOUND_MAX` characters, from
    ``begin`` on; ``None`` when none is there."""
    i = view.token_at(head_begin) - 1
    start = None
    while i >= 0 and view.starts[i] >= begin:
        token = view.tokens[i]
        word = token.word
        if len(word) == 1 and token.pos in ("a", "b") and start is not None:
            start = view.ends[i + 1]  # 新|时代|网络强国: the word after an attributive is its, not the compound's
            break
        if (len(word) == 1 or token.pos not in _COMPOUND_POS or _is_punct(word) or word in _GOVERNING
                or word.endswith("是") or _is_boundary(word, lexicon) or word in lexicon.programme_verbs):
            break
        if head_begin - view.starts[i] > _COMPOUND_MAX:
            if start is not None and _is_han(view.tokens[i + 1].word) and _is_han(word):
                start = view.ends[i + 1]  # the word cut at the limit belongs to a longer modifier
            break
        start = view.starts[i]
        i -= 1
    return start if start is not None and start < head_begin else None


def _governed(view: _SentenceView, head_begin: int, lexicon: Lexicon) -> bool:
    """Is the head at ``head_begin`` the object of a verb (深化改革, 解决|改革), not the head of a name?

    The verb is glued to the head in one jieba token, or is the token right
    before it (tagged ``v``, an idiom tagged ``l`` as 圆满完成, or a boundary word),
    unless it is a verb of two characters or more after :data:`_FRAMED_PREFIX`
    characters of nouns: that names the practice reformed (养老保险省级|统筹|改革,
    要素市场化|配置|改革; rules-alone typed F1 0.8101 -> 0.8102, 27 corpus reforms
    more, one a clause: 人民共享改革).
    """
    i = view.token_at(head_begin)
    glued = view.text[view.starts[i]:head_begin]
    if glued:
        return _is_boundary(glued, lexicon) or view.tokens[i].pos == "v"
    if i == 0:
        return True
    before = view.tokens[i - 1]
    if before.pos == "v" and len(before.word) >= 2 and not _is_boundary(before.word, lexicon) \
            and _nouns_before(view, i - 1) >= _FRAMED_PREFIX:
        return False  # 养老保险省级|统筹|改革, 综合行政|执法|改革: the practice reformed, not a verb that governs
    return before.pos in ("v", "l") or _is_boundary(before.word, lexicon)


def _reform_of_a_body(view: _SentenceView, head_begin: int, lexicon: Lexicon) -> bool:
    """Is the head at ``head_begin`` right after a token that the gazetteer names as a body
    (参与|世贸组织|改革)? The body is what is named there; the reform of an institution is a
    topic of diplomacy, no programme of the report's author."""
    i = view.token_at(head_begin)
    if i == 0 or view.starts[i] != head_begin:
        return False
    return _gazetteer_type(view.tokens[i - 1].word, lexicon) is EntityType.ORGANIZATION


# The nouns, verbal nouns and attributives that open the name of a practice (养老保险|省级|统筹, 综合|行政|执法).
_PRACTICE_POS = frozenset({"n", "nz", "j", "b", "ns", "vn"})


def _nouns_before(view: _SentenceView, i: int) -> int:
    """The characters of the nouns and attributives (:data:`_PRACTICE_POS`) right before token ``i``."""
    k, chars = i - 1, 0
    while k >= 0 and view.tokens[k].pos in _PRACTICE_POS:
        chars += len(view.tokens[k].word)
        k -= 1
    return chars


# The POS tags of words that govern or date an object rather than name it:
# those that open no organisation's name (verbs, adverbs, prepositions,
# conjunctions, pronouns, adjectives), and times and numbers (配合|国企改革,
# 重大|改革, 目前|工资改革, 230余项|改革). A one-character adjective stays,
# glued to its noun (新|时代); idioms (l) stay, as jieba tags 高等教育 so.
# Chosen by the rules' scores on the 25 gold reports: skipping idioms too, or
# no verbs, moved typed F1 by under 0.001.
_GOVERNING_POS = frozenset(_ORG_LEAD_POS | {"t", "m"})


def _skip_governing(view: _SentenceView, begin: int, head_begin: int) -> int:
    """The begin of a name after the governing words at its start (:data:`_GOVERNING_POS`)."""
    i = view.token_at(begin)
    while begin < head_begin and view.starts[i] == begin and view.ends[i] <= head_begin \
            and view.tokens[i].pos in _GOVERNING_POS and not (view.tokens[i].pos == "a" and len(view.tokens[i].word) == 1):
        begin = view.ends[i]
        i += 1
    return begin


def _veto_of_head(view: _SentenceView, begin: int, end: int, name: str, lexicon: Lexicon, tables: _Tables) -> bool:
    """Does a head veto (``head_vetoes.txt``) rule out a name ``text[begin:end]`` found by another
    rule (the CRF) that ends with a head word? The head's own type is the one checked."""
    found = _head_ending_at(view.text, end, tables)
    if found is None:
        return False
    etype, head = found
    text = view.text
    return (_vetoed(lexicon, "after", etype, head.word, lambda p: p.match(text, end))
            or _vetoed(lexicon, "lead", etype, head.word, lambda p: p.match(text, begin))
            or _vetoed(lexicon, "name", etype, head.word, lambda p: p.search(name)))


def _first_conjunct(view: _SentenceView, begin: int, head_begin: int, lexicon: Lexicon, tables: _Tables | None = None) -> int:
    """Take in a first noun joined by 和/与/及 to the object of an ``object`` head or to a drive's
    name: 国有企业和|事业单位人事制度改革, 公用事业和|公共服务价格改革 reform both;
    城镇燃气和|天然气基础设施建设攻坚行动 is one drive. With ``tables`` (a drive), the first
    noun is no verbal noun and ends with no head (培育和|新一轮…行动, 专项斗争和|…行动: two)."""
    i = view.token_at(begin)
    if (begin >= head_begin or view.starts[i] != begin or i < 2 or view.tokens[i - 1].word not in ("和", "与", "及")
            or _COUNTED_PHRASE.match(view.text[begin:head_begin])):
        return begin  # 九大体系和|两个攻坚战: counted things, each of its own
    noun = view.tokens[i - 2]
    head_start = view.text[head_begin:head_begin + 2]
    # in a drive's name, a verb after a noun names an event (上市企业|培育和|高质量发展行动, 电动自行车|行驶和|停放秩序专项治理)
    event = tables is not None and noun.pos in ("v", "vn") and i >= 3 and view.tokens[i - 3].pos in ("n", "nz", "j") \
        and not _is_boundary(view.tokens[i - 3].word, lexicon)
    if ((noun.pos not in ("n", "nz", "vn", "j", "nt") and not event) or _is_boundary(noun.word, lexicon)
            or noun.word.endswith(head_start)
            or (tables is not None and ((noun.pos == "vn" and not event) or noun.word.endswith(lexicon.document_heads)
                                        or _head_ending_at(view.text, noun.end - view.base, tables) is not None))):
        return begin  # 零基预算改革和|省以下财政体制改革, 实施方案和|…行动: the first is a whole name of its own
    return _grow_left(view, view.starts[i - 2], lexicon)


@functools.lru_cache(maxsize=8)
def _establishing_verbs(lexicon: Lexicon) -> tuple[str, ...]:
    """The verbs of the ``established`` relation (``relation_verbs.txt``: 成立, 组建, 挂牌 …), longest first,
    but 设立, whose subject is as often a kind of body setting up a kind (高校设立|科技商学院)."""
    return tuple(sorted((v for v, rels in lexicon.relation_verbs.items()
                         if RelationType.ESTABLISHED in rels and not v.endswith("设立")),
                        key=lambda v: (-len(v), v)))


def _kind_after_deng(view: _SentenceView, begin: int) -> bool:
    """Do only attributives stand between 等 and the name at ``begin`` (等先进|算力中心, 等重点|企业)?"""
    if begin not in view.start_set:
        return False
    i = view.token_at(begin) - 1
    while i >= 0 and view.tokens[i].pos in ("a", "b", "ad") and begin - view.starts[i] <= 4:
        i -= 1
    return i >= 0 and i < view.token_at(begin) - 1 and view.tokens[i].word == "等"


def _established_before(text: str, begin: int, lexicon: Lexicon) -> bool:
    """Is the name at ``begin`` the object of a verb of setting a body up (成立|行政审批局, 组建了|…)?
    The body set up is one body, named or not: the report's own (ANNOTATION.md, ``established``)."""
    end = begin - 1 if text.endswith("了", 0, begin) else begin
    return text.endswith(_establishing_verbs(lexicon), 0, end)


def _field_before(view: _SentenceView, i: int) -> bool:
    """Is the token before token ``i`` a noun that names a field, no verb, scope or function word
    (疾控|机构改革, 省市县政府|机构改革: the reform of that field's bodies)?"""
    if i == 0:
        return False
    before = view.tokens[i - 1]
    return before.pos in ("n", "nz", "j", "", "ns", "nt") and not _is_punct(before.word) and before.word not in (
        "全省", "全市", "全区", "全县", "全国", "这次", "此次")


def _headed(view: _SentenceView, lexicon: Lexicon, tables: _Tables) -> list[_Candidate]:
    candidates = []
    text = view.text
    for end, found in view.heads_at_ends(tables):
        etype, head = found
        if head.quoted_only or _vetoed(lexicon, "after", etype, head.word, lambda p: p.match(text, end)):
            continue  # 区委中心工作, 监察制度优势, 机制体制: the head names no entity here
        head_begin = end - len(head.word)
        token = view.tokens[view.token_at(end - 1)]
        if token.word in lexicon.gazetteer and token.end - view.base == end and not (
                head.mode == "object" and _field_before(view, view.token_at(end - 1))):
            continue  # 污染防治攻坚战 is a name of its own: the gazetteer has it (but 疾控|机构改革 reforms a field's)
        if len(head.word) == 1 and len(token.word) == 2 and token.pos not in ("", "m"):
            continue  # 遏制, 格局, 餐厅: a one-character head ends a word of jieba's dictionary (not 住|建厅, 水利|一局)
        grown = _grow_left(view, head_begin, lexicon, body=etype is EntityType.ORGANIZATION,
                           drive=etype is EntityType.CAMPAIGN)
        begin = _trim_lead(view, grown, head_begin, etype, lexicon)
        if head.mode == "compound":
            begin = _compound_begin(view, begin, head_begin, lexicon)
            if begin is None:
                continue
        elif head.mode == "object":
            if _governed(view, head_begin, lexicon) or _reform_of_a_body(view, head_begin, lexicon):
                continue
            begin = _skip_governing(view, _first_conjunct(view, begin, head_begin, lexicon), head_begin)
        if head.takes_a_frame and (head_begin - begin < _FRAMED_PREFIX or not (
                _framed(text, begin, head.word, lexicon) or _reported(view, begin, end, lexicon))) \
                and not (head.takes_a_name and begin < head_begin and _names_something(view, begin, head_begin)):
            begin = (_frame_begin(view, begin, head_begin, lexicon)  # 完善|人民币汇率形成机制
                     or _listed_begin(view, head_begin, head.word, lexicon) or begin)  # 健全|激励、关怀、帮扶机制
        elif (etype is EntityType.INITIATIVE and begin in view.start_set and view.token_at(begin) > 0
              and view.tokens[view.token_at(begin) - 1].pos in ("d", "ad")):
            begin = _frame_begin(view, begin, head_begin, lexicon) or begin  # 完善|党员干部直接|联系群众制度
        prefix = text[begin:head_begin]
        if begin > 0 and (text[begin - 1] == "等" or _kind_after_deng(view, begin)):
            continue  # “小金库”专项治理等领域专项行动, 智算、超算等先进|算力中心: after 等, the kind of the items
        if begin in view.start_set and [t.word for t in view.tokens[max(0, view.token_at(begin) - 2):view.token_at(begin)]] == ["新", "的"]:
            continue  # 组建了新|的|投融资公司: a new one described, no name (as 智慧养老新模式; not 创新|的)
        if begin > 0 and text[begin - 1] in "”’」』" and _COUNTED_KIND.fullmatch(text, begin, end):
            continue  # “A”、“B”、“C”三大工程: the count of the quoted names before it
        if len(prefix) < 2 and not (prefix and (prefix in "X某" or (
                etype is EntityType.ORGANIZATION and _PREFIX_RE.fullmatch(prefix)))):
            continue  # X医院, 市指挥部: a placeholder or a jurisdiction names a body (not 县|改革, 县|创建)
        named = head.takes_a_name and _names_something(view, begin, head_begin)
        if head.mode == "named" and not named and not (
                etype is EntityType.ORGANIZATION and _established_before(text, begin, lexicon)):
            continue
        conjunct = text.rfind(head.word, begin, head_begin)
        if conjunct >= 0 and text[conjunct + len(head.word):conjunct + len(head.word) + 1] in ("和", "与", "及", "、"):
            begin = conjunct + len(head.word) + 1  # 区域发展总体战略和|主体功能区战略: two names of one head
        if head.takes_a_frame and not named and (head_begin - begin < _FRAMED_PREFIX or not (
                _framed(text, begin, head.word, lexicon) or _reported(view, begin, end, lexicon))):
            continue  # 发展战略, 惠民政策: without the verb that puts it to work, a kind of programme
        if _vetoed(lexicon, "lead", etype, head.word, lambda p: p.match(text, begin)):
            continue  # 辖区大学, 市属三级医院: a kind of body, no body; 各级|环保督察组: every one of a kind
        if etype is EntityType.ORGANIZATION and (_COUNT_BEFORE.search(text, 0, begin) or _COUNT_AFTER.match(text, end)):
            continue  # X家物业公司, 党建联盟X个: counted bodies, a kind of body
        begin = _grow_enumeration(view, begin, text[begin:end], lexicon)
        if etype is EntityType.CAMPAIGN:
            begin = _grow_problems(view, begin, head_begin, end, lexicon)
        if etype is not EntityType.ORGANIZATION and head.mode != "object" and begin in view.start_set:
            # a programme's name runs back over a quotation in it (“1650”产业体系补短板技术攻关专项行动), but
            # a reform is of what is right before 改革, as the quotation rule takes it (“区管校聘”|管理改革)
            opening = _opening_quote(view, view.token_at(begin) - 1)
            if opening is not None and end - view.starts[opening] <= _MAX_NAME:
                begin = quoted_name_begin(view, view.starts[opening], end, etype, lexicon)
        if etype is EntityType.CAMPAIGN and not head.takes_a_name:
            own = canonical_name(text[begin:end])
            if _vetoed(lexicon, "name", etype, head.word, lambda p: p.search(own)):
                continue  # 统一思想、统一意志、|统一行动: the last item is no drive, so the list is none
            begin = _grow_parallel(view, begin, head_begin, lexicon, tables)  # 乱堆、乱建、|乱排专项整治
            begin = _first_conjunct(view, begin, head_begin, lexicon, tables)
        if etype is EntityType.CAMPAIGN and begin in view.start_set and all(
                _is_boundary(view.tokens[k].word, lexicon) for k in range(view.token_at(begin), view.token_at(head_begin))):
            continue  # 巩固深化|专项斗争, 深化|主题教育: what is done to a drive of no name
        name = canonical_name(text[begin:end])
        if _vetoed(lexicon, "name", etype, head.word, lambda p: p.search(name)):
            continue  # 小学改扩建工程, 全国第七家信用增信公司, 党管保密体制机制
        if head_begin in view.start_set and view.tokens[view.token_at(head_begin - 1)].word == "新":
            continue  # 智慧养老新模式: a new one described, not named
        counted = _COUNT_OF_HEAD.fullmatch(name)
        if counted and "、" not in name and text.endswith(name[counted.end(1):], 0, end):
            end -= len(name) - counted.end(1)  # 干部能上能下三项制度: the named thing is
            name = counted.group(1)            # what the count and head follow
        if name in lexicon.generic_names or (_COUNTED_PHRASE.match(name) and text[begin] not in "“「『‘") or any(_is_punct(ch) and ch not in _DASHES for ch in _ALTERNATIVE.sub("", name.replace("、", ""))):
            continue
        candidates.append(_Candidate(begin, end, etype, name, "", f"head/{head.word}", 3))
    return candidates
