"""Stage 5, mentions: sentences -> :class:`~kg.model.Mention` of the four types.

One module per mechanism: :mod:`.titles`, :mod:`.quotes`, :mod:`.lexical`
(gazetteers, local organs), :mod:`.heads` with the verb frames of framed heads
(:mod:`.frames`), :mod:`.enumerations`, the engine that grows a name leftwards
(:mod:`.growth`) and the trims of its lead (:mod:`.trims`), the choice between
overlaps (:mod:`.select`), and what they share (:mod:`.core`); this module
composes them.

Rules follow the grammar of names in official Chinese writing
(shared/spec/ANNOTATION.md), with word lists from :mod:`kg.lexicon`:

1. **titles**: ``《…》`` is a Regulation when its title ends with a document
   head (条例, 方案, 意见 …); a title nested inside it (``〈…〉`` or an inner
   ``《…》``) is a Regulation of its own. Nothing else inside a title is a
   mention.
2. **quotes**: ``“…”`` followed by a head (``“四查四促”专项行动``) names a
   Campaign or Initiative by the head; a quoted name with no head is an
   Initiative when it is a numbered formulation (``“四个意识”``), a list of
   short parallel phrases (``“坚定信心、同舟共济”``) or ends with a head.
3. **gazetteer**: names of the lexicon (党中央, 新发展理念, 中央八项规定 …).
4. **local organs**: a jurisdiction prefix and a standing organ (区 + 政府,
   X区 + 委常委会, 团 + 区委).
5. **heads**: a head word (领导小组, 专项斗争, 机制 …) grown leftwards over
   jieba tokens until a boundary word, a function word or punctuation.
6. **titles without marks**: ``关于…的实施意见``, a document head after an
   issuing verb (制定…分工方案), a law after a verb of law (贯彻会计法).
7. **the CRF** (:mod:`.tagger`), when a tagger is given: spans of a
   statistical tagger, taken only where no rule's mention lies. Builds run
   the rules alone: under cross-validation the CRF no longer raises typed F1
   (README, "The tagger").

Overlaps are settled longest first; a span inside a title is dropped. Every
mention's ``surface`` is ``text[begin:end]`` of the report.
"""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType, Mention, Sentence
from .core import (
    _CLOSING_MARKS, _COUNTED_PHRASE, _OPENING_MARKS, _Candidate, _SentenceView, _Tables, _head_ending_at, _tables, canonical_name,
)
from .enumerations import _enumerated_kinds, _exemplars
from .frames import _FRAMED_PREFIX
from .growth import _is_boundary
from .heads import _headed, _veto_of_head
from .lexical import _gazetteer, _local_organs, _name_patterns
from .quotes import _quotes, opens_with_vetoed_quote
from .select import _select
from .tagger import NoTagger, SpanTagger
from .titles import _applied_titles, _guanyu, _laws, _titles, _unmarked_titles, is_document_title

__all__ = ["find_mentions", "rule_candidates", "canonical_name", "is_document_title"]


# Common nouns that end in a jurisdiction's character (jieba's dictionary): a
# name cannot open with that character when it ends such a word. 设立社区纪委 is
# a community's discipline committee, a kind of body, though jieba, knowing 区纪委
# as a word, cuts it 社|区纪委.
_PLACE_NOUN = re.compile(r"[社小园城街景校辖片山郊老林矿牧灾营库湾专分学考展厂院病商]区|[城超股楼都夜早集菜]市")


def _glued_place(view: _SentenceView, begin: int) -> bool:
    """Is the character at ``begin`` the end of such a noun, its first character a token of its own (社|区纪委)?"""
    if begin < 1 or begin not in view.start_set or not _PLACE_NOUN.fullmatch(view.text, begin - 1, begin + 1):
        return False
    return view.starts[view.token_at(begin - 1)] == begin - 1


def find_mentions(sentence: Sentence, lexicon: Lexicon, tagger: SpanTagger | NoTagger | None = None,
                  kind: str = "") -> list[Mention]:
    """Find the entity mentions of one sentence.

    Args:
        sentence: a sentence with its tokens (document offsets).
        lexicon: the loaded lexicon.
        tagger: the statistical tagger whose spans fill what the rules left
            (:mod:`.tagger`; :func:`~.tagger.shipped_tagger` for the shipped
            CRF); ``None`` or :class:`NoTagger` for the rules alone, the
            default since the CRF stopped raising cross-validated typed F1
            (README, "The tagger").
        kind: the kind of the sentence's report (:mod:`kg.metadata`), one of
            the tagger's features; ``""`` for none.

    Returns:
        Mentions sorted by begin offset, non-overlapping except that a title
        nested in another title is a mention of its own. Offsets are the
        document's, so ``document.text[m.begin:m.end] == m.surface``.

    Examples:
        >>> from kg.lexicon import load_lexicon
        >>> from kg.model import Document
        >>> from kg.segmentation import segment
        >>> doc = Document("r.txt", "开展“四查四促”专项行动，制定《区委常委会议事规则》。", "utf-8", "")
        >>> [(m.surface, m.type.value, m.name) for s in segment(doc, (), load_lexicon()) for m in find_mentions(s, load_lexicon())]
        [('“四查四促”专项行动', 'Campaign', '四查四促专项行动'), ('《区委常委会议事规则》', 'Regulation', '区委常委会议事规则')]
    """
    tables = _tables(lexicon)
    view = _SentenceView(sentence)
    chosen, protected = rule_candidates(view, lexicon)
    tagged = [
        _Candidate(b, s.end, s.type, canonical_name(view.text[b:s.end]), "", "crf", 99)
        for s in (tagger or NoTagger()).spans(view, tables, kind)
        if (b := _tagged_begin(view, s.begin, s.end, lexicon)) is not None
    ]
    if tagged:  # the CRF fills only what no rule took
        chosen = _select(chosen, protected + [(c.begin, c.end) for c in chosen],
                         [c for c in tagged if not _glued_place(view, c.begin) and _plausible(c.name, lexicon, tables)
                          and not _veto_of_head(view, c.begin, c.end, c.name, lexicon, tables)
                          and not _kind_of_programme(view, c.begin, c.end, tables)
                          and not opens_with_vetoed_quote(view, c.begin, c.end, lexicon)
                          and _headed_as_typed(c, lexicon, tables)
                          and not _states_an_act(view, c, lexicon, tables)])
    mentions = []
    for cand in chosen:
        if cand.rule == "honour":
            continue
        name = _drop_trailing(cand.name, lexicon) if cand.rule.split("/")[0] in ("head", "quote", "crf") else cand.name
        end = cand.end - (len(cand.name) - len(name)) if cand.rule.split("/")[0] in ("head", "crf") else cand.end
        if cand.rule == "crf" and end not in view.end_set:  # 立德树人根本|任务: the trailing word was not a word
            name, end = cand.name, cand.end
        if not name:
            continue
        mentions.append(
            Mention(
                begin=view.base + cand.begin,
                end=view.base + end,
                surface=view.text[cand.begin:end],
                type=cand.type,
                name=name,
                core=cand.core if cand.core != name else "",
                rule=cand.rule,
            )
        )
    return mentions


def rule_candidates(view: _SentenceView, lexicon: Lexicon) -> tuple[list[_Candidate], list[tuple[int, int]]]:
    """What the rules (1–6) find in one sentence, overlaps settled, and the spans inside titles.

    Returns:
        ``(candidates, protected)``: the chosen candidates sorted by begin
        (sentence offsets, characters), and the ``(begin, end)`` spans inside
        document titles where no other mention may stand.
    """
    tables = _tables(lexicon)
    titles, protected = _titles(view, lexicon)
    others = (
        _quotes(view, lexicon, tables)
        + _gazetteer(view, lexicon, tables)
        + _name_patterns(view, lexicon)
        + _local_organs(view, tables)
        + _headed(view, lexicon, tables)
        + _guanyu(view, lexicon)
        + _unmarked_titles(view, lexicon)
        + _laws(view)
        + _applied_titles(view, lexicon)
        + _enumerated_kinds(view, lexicon)
        + _exemplars(view, lexicon)
    )
    others = [c for c in others if not _glued_place(view, c.begin)]
    return _select(titles, protected, others), protected


# The POS tags of particles (的, 地, 得, 之, 了, 过, 着): none opens a name.
_PARTICLES = frozenset({"uj", "ul", "uz", "ug", "uv", "ud", "u"})


def _tagged_begin(view: _SentenceView, begin: int, end: int, lexicon: Lexicon) -> int | None:
    """Where a tagged span's name begins, or ``None`` when it cuts a word.

    A name opens and closes on jieba's token boundaries (or a mark); a leading
    boundary word or relation verb (落实, 推进 …) is dropped, as the head rule
    drops it (:func:`kg.mentions.growth._is_boundary`).
    """
    if not (end in view.end_set or view.text[end - 1] in _CLOSING_MARKS):
        return None
    if not (begin in view.start_set or view.text[begin] in _OPENING_MARKS):
        return None
    while begin in view.start_set and begin < end:
        i = view.token_at(begin)
        if view.ends[i] >= end or not _is_boundary(view.tokens[i].word, lexicon):
            break
        begin = view.ends[i]
    if begin in view.start_set and view.tokens[view.token_at(begin)].pos in _PARTICLES:
        return None  # 的基础制度, 之间协调配合的工作机制: a particle opens no name
    return begin


# A tagged name is no name when it crosses a clause (，；：), opens with
# punctuation other than an opening mark, or is only placeholders and digits (XXXX).
_NOT_A_NAME = re.compile(r".*[，。；：！？,;:!?]|[^\w“‘「『《〈]|[X某\d]+$")


# A count of people, bodies or days opens no name: 1340余家街道社区…联席会, 24名医护人员…, 100天拿销售许可.
_COUNT_OPENS = re.compile(r"\d+余?(?:家|名|天|人|户|所|座|位)")


# A note in brackets after a document's head: （试行）, （2021—2025年）.
_TRAILING_NOTE = re.compile(r"[（(][^（）()]*[）)]$")


def _headed_as_typed(candidate: _Candidate, lexicon: Lexicon, tables: _Tables) -> bool:
    """Does a tagged drive end with a drive's head, a tagged document with a document's head?

    Under cross-validation by report the CRF's drives with no head were right 3 times in 13
    (社区养老服务示范区, 省级园林城市 typed as drives) and its documents with no head 1 in 5;
    the other types carry no head more often than not (宁德时代, 中国式现代化) and stay.
    """
    name = candidate.name
    if candidate.type is EntityType.CAMPAIGN:
        found = _head_ending_at(name, len(name), tables)
        return found is not None and found[0] is EntityType.CAMPAIGN
    if candidate.type is EntityType.REGULATION:
        return _TRAILING_NOTE.sub("", name).endswith(lexicon.document_heads)  # …规定（试行）
    return True


def _states_an_act(view: _SentenceView, candidate: _Candidate, lexicon: Lexicon, tables: _Tables) -> bool:
    """Does a tagged programme with no head hold a boundary word or relation verb after its first word
    (城市更新两个项目|入选|全国典型案例, 国家卫计委|命名|为…, 环京地区|谋划|建设…)? It states an act,
    as a clause does, and names nothing: under cross-validation by report such spans were right 6
    times in 24 (城中村和危旧房改造, 双报到)."""
    if candidate.type is not EntityType.INITIATIVE or _head_ending_at(view.text, candidate.end, tables) is not None:
        return False
    i = view.token_at(candidate.begin) + 1
    while i < len(view.tokens) and view.ends[i] <= candidate.end:
        if _is_boundary(view.tokens[i].word, lexicon):
            return True
        i += 1
    return False


def _kind_of_programme(view: _SentenceView, begin: int, end: int, tables: _Tables) -> bool:
    """Is a tagged span a kind of programme by the head rule's measure: a ``framed`` head with fewer
    than :data:`~kg.mentions.frames._FRAMED_PREFIX` characters before it (注重|制度, 扩大|制度)?"""
    found = _head_ending_at(view.text, end, tables)
    if found is None:
        return False
    head = found[1]
    return head.takes_a_frame and not head.takes_a_name and end - len(head.word) - begin < _FRAMED_PREFIX


def _plausible(name: str, lexicon: Lexicon, tables: _Tables) -> bool:
    """Can a tagged span's canonical name be a name: two characters or more, one clause, not a bare head
    (专项行动, 机制), not a generic name, not a number, not a count (两个攻坚战, 134家互联网企业…)?"""
    return (len(name) >= 2 and name not in lexicon.generic_names and name not in tables.heads
            and not _NOT_A_NAME.match(name) and not _COUNTED_PHRASE.match(name) and not _COUNT_OPENS.match(name))


def _drop_trailing(name: str, lexicon: Lexicon) -> str:
    """Drop trailing non-name words (精神, 成果 …) from a name with no head after them."""
    for word in lexicon.trailing_words:
        if name.endswith(word) and len(name) > len(word) + 1:
            return name[: -len(word)]
    return name
