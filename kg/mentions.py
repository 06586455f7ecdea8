"""Stage 5, mentions: sentences -> :class:`~kg.model.Mention` of the four types.

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
6. **关于 titles without marks**: ``关于…的实施意见``.

Overlaps are settled longest first; a span inside a title is dropped. Every
mention's ``surface`` is ``text[begin:end]`` of the report.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from .lexicon import Head, Lexicon
from .model import EntityType, Mention, Sentence

__all__ = ["find_mentions", "canonical_name", "is_document_title"]

_QUOTE_CHARS = "“”‘’「」『』\"'"
_QUOTE_RE = re.compile(r"“([^“”]{1,40})”|‘([^‘’]{1,40})’|「([^「」]{1,40})」|『([^『』]{1,40})』|\"([^\"]{1,40})\"")


def _is_punct(word: str) -> bool:
    """Punctuation or white space, by Unicode category (so ``．`` and ``·`` count)."""
    return all(unicodedata.category(ch)[0] in "PZS" or ch.isspace() for ch in word)
_CLAUSE_PUNCT = re.compile(r"[，。；：！？,;:!?]")
# Characters that open a numbered formulation (四个意识, 两个维护, 六稳, 133工程).
_NUMERALS = set("一二三四五六七八九十百千万两双0123456789０１２３４５６７８９")
# POS tags (jieba/ICTCLAS) that never stand inside a name grown from its head:
# adverbs, conjunctions, prepositions, pronouns, particles, interjections.
_STOP_POS = {"d", "ad", "c", "p", "r", "uj", "ul", "uz", "ug", "uv", "y", "e", "o", "zg"}
_PREFIX_RE = re.compile(r"(团)?(中共)?([X某]{1,3})?(全)?([区市县省])")
# Longest name grown from a head, in characters. Chosen by us: the longest
# organisation and campaign names of the field run to about 30 characters.
_MAX_NAME = 32
# Longest prefix before a quoted name with a head (廉政文化“六进”活动), in
# characters. Chosen by us.
_QUOTE_PREFIX = 6
# Longest run of words between a quoted name and its head (“做志愿表率、为党旗
# 增辉”党员志愿服务活动), in characters. Chosen by us.
_QUOTE_HEAD_SPAN = 8
_ORDINAL = re.compile(r"第[一二三四五六七八九十百零〇\dX]+(?:届|期|批|次|轮|季)")  # 第二医院 keeps 第二
# A count is no name: 一次集中行动, 两个攻坚战, 数十场大型交流活动.
_COUNTED_PHRASE = re.compile(r"^(?:[一二两三四五六七八九十百千数多几X\d]+)(?:个|次|场|项|批|轮|系列|类|种)")
# A quoted phrase ending with one of these names a problem or state, not an
# initiative (“三大问题”, “四风”问题 is caught by its own quote).
_NOT_NAME_ENDS = ("问题", "现象", "情况", "倾向", "之外", "以外", "之内", "以内")
# A quotation that counts things by size (“一大两小”、“两大三小”社会足球场: big
# and small ones) is a number, and numbers are no entities (shared/spec/ANNOTATION.md).
_SIZE_COUNT = re.compile(r"(?:[一二两三四五六七八九十]+[大小])+")
# A quotation before one of these is a way of thinking the report urges
# (树牢“一盘棋”思想, 树牢“大环境”理念), not a programme; the named guiding
# theories (习近平…思想, 新发展理念) are in the gazetteer.
_MINDSET = re.compile(r"(?:思想|理念|观念)")
# A quotation before 目标 is a target, and targets are no entities (shared/spec/ANNOTATION.md).
_TARGET = re.compile(r"的?目标")
# Verbs that give an honour or title (honours and titles are no entities:
# shared/spec/ANNOTATION.md, rules of thumb): 荣获“双拥模范城”.
_AWARDED = re.compile(r"(?:荣获|获评|荣膺|被评为|评为|被授予|获得)$")
# An ordinal count in a name describes its bearer: 全国第七家信用增信公司.
_ORDINAL_COUNT = re.compile(r"第[一二三四五六七八九十百\dX]+[家个所名位]")
# A quoted term followed by one of these names a programme (“书香城市”建设,
# “电代煤”工作, “区管校聘”管理改革, “下考上”考核, “凡提五必”要求); a figure of speech in
# quotes (“牛鼻子”, “保护伞”) is followed by other words.
_PROGRAMME_NOUN = re.compile(r"(?:建设|工作|改革|管理改革|试点|考核|模式|服务|品牌|经验|项目|要求)")
# A document head alone is too weak to mark a title without 《》; only titles
# of this form count: 关于 … (的) head.
_GUANYU = re.compile(r"关于[^，。；：、《》“”！？\s]{4,60}?(?:实施意见|指导意见|若干意见|意见|实施方案|工作方案|方案|办法|细则|规定|通知|决定|若干措施|措施|计划|规则|要点)")


@dataclass(frozen=True)
class _Candidate:
    begin: int
    end: int
    type: EntityType
    name: str
    core: str
    rule: str
    rank: int  # lower wins among spans of equal length


def canonical_name(surface: str) -> str:
    """Return the canonical name of a surface form (ANNOTATION.md, Names).

    Quotation marks and white space go; the book-title marks that wrap the
    whole name go; nested title marks stay, as the gold writes them.

    Examples:
        >>> canonical_name("“四查四促”专项行动")
        '四查四促专项行动'
        >>> canonical_name("《X区落实〈X市任务安排〉分工方案》")
        'X区落实〈X市任务安排〉分工方案'
    """
    name = "".join(ch for ch in surface if ch not in _QUOTE_CHARS and not ch.isspace())
    while len(name) >= 2 and (name[0], name[-1]) in {("《", "》"), ("〈", "〉")}:
        name = name[1:-1]
    return name


def _strip_suffix_parens(title: str) -> str:
    """Drop trailing parentheticals: （试行）, (2019—2022年)."""
    while True:
        stripped = re.sub(r"[（(][^（）()]*[）)]$", "", title)
        if stripped == title:
            return title
        title = stripped


def is_document_title(title: str, lexicon: Lexicon) -> bool:
    """Tell whether a title inside 《》 names an official document.

    True when, with trailing parentheticals and quotes dropped, it ends with a
    document head of ``data/lexicon/document_heads.txt``.

    Examples:
        >>> from kg.lexicon import load_lexicon
        >>> lex = load_lexicon()
        >>> is_document_title("中国共产党巡视工作条例", lex), is_document_title("习近平谈治国理政", lex)
        (True, False)
    """
    core = _strip_suffix_parens(canonical_name(title))
    return bool(core) and core.endswith(lexicon.document_heads)


class _SentenceView:
    """A sentence's tokens indexed by offsets, for alignment checks."""

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.text = sentence.text
        self.base = sentence.begin
        self.tokens = sentence.tokens
        self.starts = [t.begin - self.base for t in self.tokens]
        self.ends = [t.end - self.base for t in self.tokens]
        self.start_set = set(self.starts)
        self.end_set = set(self.ends)

    def token_at(self, pos: int) -> int:
        """Index of the token that covers sentence offset ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1


def _title_spans(text: str) -> list[tuple[int, int, int]]:
    """Return ``(begin, end, depth)`` of every 《…》/〈…〉 pair, marks included."""
    spans, stack = [], []
    for i, ch in enumerate(text):
        if ch in "《〈":
            stack.append(i)
        elif ch in "》〉" and stack:
            begin = stack.pop()
            spans.append((begin, i + 1, len(stack)))
    return spans


def _titles(view: _SentenceView, lexicon: Lexicon) -> tuple[list[_Candidate], list[tuple[int, int]]]:
    candidates, protected = [], []
    for begin, end, depth in _title_spans(view.text):
        if depth == 0:
            protected.append((begin, end))
        surface = view.text[begin:end]
        if is_document_title(surface[1:-1], lexicon):
            candidates.append(
                _Candidate(begin, end, EntityType.REGULATION, canonical_name(surface), "", "title", 0)
            )
    return candidates, protected


def _head_at_end(name: str, heads) -> str | None:
    for head in heads:
        if name.endswith(head.word):
            return head.word
    return None


# An item with a subject before a copula or modal is a statement, not a name:
# 隐患就是事故, 北京不能去 (but 不能腐, with none, names a goal).
_STATEMENT = re.compile(r".+?(?:就是|都是|就要|不能|不得)")


# 以X为Y (以人民为中心): "take X as Y", a formulation, whatever its last word.
_TAKE_AS = re.compile(r"以.+为")


def _is_enumeration(core: str) -> bool:
    """A quoted list of short items (四个意识 … 不敢腐、不能腐、不想腐), none of them a statement.

    Three or more items with no numeral are a list of values or methods
    (突出重点、分类指导、统筹推进), which shared/spec/ANNOTATION.md excludes;
    the central formulations of that shape are in the gazetteer.
    """
    parts = core.split("、")
    return (len(parts) >= 2 and all(1 <= len(p) <= 6 for p in parts)
            and not any(_STATEMENT.match(p) for p in parts)
            and (len(parts) < 3 or any(ch in _NUMERALS for ch in core)))


# Words between a quotation and a head that end the quoted name: 的, and the
# conjunctions that join two names (暨 joins two names of one event, so it is
# not here).
_NAME_BREAKS = frozenset({"的", "和", "与", "及", "以及", "或", "并"})


def _head_after(view: _SentenceView, end: int, lexicon: Lexicon, tables: _Tables):
    """The farthest head right after ``end`` (a quotation or a gazetteer name),
    over whole tokens: ``(head end, type)``, or ``(None, None)``."""
    text = view.text
    best_end, head_type = None, None
    if end in view.start_set and not _COUNTED_KIND.match(text, end):
        i = view.token_at(end)
        while i < len(view.tokens):
            tok = view.tokens[i]
            t_end = view.ends[i]
            if t_end - end > _QUOTE_HEAD_SPAN or _is_punct(tok.word) or _is_boundary(tok.word, lexicon, verbs_only=True):
                break
            if tok.word in lexicon.trailing_words or tok.word in _NAME_BREAKS or tok.word == "等":
                break  # “百日攻坚”和社区环境整治: a head past 和 names the next drive; past 等, a kind
            found = _head_ending_at(text[end:t_end], t_end - end, tables)
            if found is not None and found[1].word == "改革" and t_end - end > 2:
                found = None  # “区管校聘”管理改革: only 改革 right after a name makes its reform
            if found is not None and not text.startswith("新", end):  # “…”新机制: a new one described, no name
                best_end, head_type = t_end, found[0]
            i += 1
    return best_end, head_type


def _quotes(view: _SentenceView, lexicon: Lexicon, tables: _Tables) -> list[_Candidate]:
    candidates = []
    listed = []  # (begin, end, core, type or None) of the quotes that may be names
    text = view.text
    for match in _QUOTE_RE.finditer(text):
        core = next(g for g in match.groups() if g is not None)
        if _CLAUSE_PUNCT.search(core):
            continue
        core = canonical_name(core)
        if not core:
            continue  # “‘’”, “'”专项行动: only marks and spaces, no name (and no core for a head to name)
        begin, end = match.span()
        if _AWARDED.search(text, 0, begin):
            # 荣获“双拥模范城”: an honour or title, no entity (ANNOTATION.md); the
            # candidate only keeps other rules out of it and is never a mention
            candidates.append(_Candidate(begin, end, EntityType.INITIATIVE, core, "", "honour", 0))
            continue
        if _SIZE_COUNT.fullmatch(core) or core.endswith("式") or _MINDSET.match(text, end) or _TARGET.match(text, end):
            continue  # “两大三小”足球场: a count by size; “保姆式”服务: a manner; “一盘棋”思想: a mindset;
            # “一年大变样、三年换新颜”的目标: a target
        best_end, head_type = _head_after(view, end, lexicon, tables)
        if best_end is not None:
            if begin > 0 and begin in view.start_set:  # 廉政文化“六进”活动
                before = view.tokens[view.token_at(begin - 1)]
                if lexicon.gazetteer.get(before.word, (None,))[0] is EntityType.CAMPAIGN:
                    begin = before.begin - view.base  # 污染防治攻坚战“百日会战”专项行动: a drive within a drive
                else:
                    begin = _grow_left(view, begin, lexicon, limit=_QUOTE_PREFIX + 1)
            name = canonical_name(text[begin:best_end])
            candidates.append(_Candidate(begin, best_end, head_type, name, core, "quote+head", 1))
            continue
        if any(core == h.word for h in lexicon.campaign_heads):
            # a drive named by its head alone takes what names it before the
            # quote: 中央环保督察“回头看”, 社区环境整治“百日会战”
            prefix = _grow_left(view, begin, lexicon, limit=_QUOTE_PREFIX + 1) if begin in view.start_set else begin
            if prefix < begin:
                candidates.append(_Candidate(prefix, end, EntityType.CAMPAIGN, canonical_name(text[prefix:end]), "", "quote+head", 1))
            continue
        etype = None
        if core in lexicon.generic_names:
            continue  # “两委”: no name of its own
        headed = _head_at_end(core, lexicon.initiative_heads) or _head_at_end(core, lexicon.campaign_heads)
        if core.endswith(_NOT_NAME_ENDS) or (core[0].isdigit() and not headed and not re.search(r"\d+条$", core)):
            continue  # “三大问题”; “132”, “100天拿销售许可”: a number with no head (“15分钟阅读圈” has one)
        if re.search(r"\d+条$", core):
            etype = EntityType.REGULATION
        elif _head_at_end(core, lexicon.campaign_heads):
            etype = EntityType.CAMPAIGN
        elif _head_at_end(core, lexicon.organization_heads) and len(core) >= 4 and not _TAKE_AS.match(core):
            if _COUNT_BEFORE.search(text, 0, begin):
                continue  # 10个“枫桥式退役军人服务站”: a count of bodies of a kind, no body
            etype = EntityType.ORGANIZATION
        elif (core[0] in _NUMERALS or _is_enumeration(core) or _head_at_end(core, lexicon.initiative_heads)
              or _TAKE_AS.match(core)
              or _PROGRAMME_NOUN.match(text, end)
              or (text.endswith(lexicon.programme_verbs, 0, begin) and not _CATEGORY_AFTER.match(text, end))):
            etype = EntityType.INITIATIVE
        if etype is not None:
            gaz = lexicon.gazetteer.get(core)
            if gaz is not None:
                etype = gaz[0]
            candidates.append(_Candidate(begin, end, etype, core, "", "quote", 1))
        listed.append((begin, end, core, etype))
    return candidates + _quote_runs(text, listed)


# A quotation used as the label of a category (“专精特新”企业, “小巨人”企业家) names no programme
# (ANNOTATION.md, Initiative): the nouns of people and things that follow such a label.
_CATEGORY_AFTER = re.compile(r"(?:企业|企业家|人才|产品|项目|村|镇|县|城市|单位|家庭|干部|工程师|党员|群众|品牌)")


# A count and a programme head after a list of quotations: “A”、“B”、“C”三大工程.
_COUNTED_KIND = re.compile(r"[一二两三四五六七八九十]+[大项个]?(?:工程|举措|机制|制度|品牌|行动|建设)")


def _quote_runs(text: str, listed: list) -> list[_Candidate]:
    """Quotations side by side or in an enumeration (“电代煤”“气代煤”工作,
    “A”、“B”、“C”三大工程) are a list of one kind: where one of them names a
    programme, or a programme noun or a counted head follows the list, the
    untyped ones do too."""
    candidates = []
    runs: list[list] = []
    for item in listed:
        if runs and text[runs[-1][-1][1]:item[0]] in ("", "、"):
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        if len(run) < 2:
            continue
        after = run[-1][1]
        if (any(t is EntityType.INITIATIVE for *_, t in run) or _PROGRAMME_NOUN.match(text, after)
                or _COUNTED_KIND.match(text, after)):
            candidates += [_Candidate(b, e, EntityType.INITIATIVE, core, "", "quote", 1)
                           for b, e, core, t in run if t is None]
    return candidates


def _gazetteer(view: _SentenceView, lexicon: Lexicon, tables: _Tables) -> list[_Candidate]:
    by_first = tables.by_first
    candidates = []
    text = view.text
    for pos in view.starts:
        for name in by_first.get(text[pos], ()):
            end = pos + len(name)
            if text.startswith(name, pos) and end in view.end_set:
                etype, canonical = lexicon.gazetteer[name]
                if etype is EntityType.ORGANIZATION and text.endswith("国家", 0, pos) and pos - 2 in view.start_set:
                    pos, name = pos - 2, "国家" + name  # 国家民政部: the name as written, with the state it belongs to
                candidates.append(_Candidate(pos, end, etype, name, "", "gazetteer", 2))
                if etype in (EntityType.CAMPAIGN, EntityType.INITIATIVE):
                    # 不忘初心、牢记使命主题宣讲活动: a drive of the drive; 证照分离改革: the reform of a formulation
                    head_end, head_type = _head_after(view, end, lexicon, tables)
                    if head_end is not None and head_type is etype:
                        candidates.append(_Candidate(pos, head_end, head_type, text[pos:head_end], name, "gazetteer+head", 2))
                break
    return candidates


def _local_organs(view: _SentenceView, tables: _Tables) -> list[_Candidate]:
    organs_by_first = tables.organs_by_first
    candidates = []
    text = view.text
    for pos in view.starts:
        match = _PREFIX_RE.match(text, pos)
        if not match:
            continue
        after = match.end()
        for organ in organs_by_first.get(text[after:after + 1], ()):
            end = after + len(organ)
            # a standing organ of 3+ characters is taken even where jieba glued
            # its end to the next word (区委中心组|学习 as 中心/组织)
            if text.startswith(organ, after) and (end in view.end_set or len(organ) >= 3):
                name = text[pos:end]
                if match.group(1) and organ != "委":  # 团 goes only with 区委/市委: 团区委
                    break
                candidates.append(_Candidate(pos, end, EntityType.ORGANIZATION, name, "", "local-organ", 2))
                break
    return candidates


# Measure words: "X次全会", "X项制度" — a count is not part of a name.
_MEASURES = {"次", "项", "个", "件", "名", "家", "场", "批", "轮", "届", "余", "条", "位", "支"}
# A count of the items of an enumeration before its head: 五大创建, 三大保卫战.
_COUNTED = re.compile(r"[一二三四五六七八九十两]大")
_ENUM_ITEM_MAX = 6


def _is_boundary(word: str, lexicon: Lexicon, verbs_only: bool = False) -> bool:
    """A boundary word, or a token ending with a relation verb (大力开展, 认真落实).

    With ``verbs_only``, only relation verbs count (for the words after a
    quoted name, where 服务 in “…”党员志愿服务活动 is part of the name).
    """
    if word in lexicon.relation_verbs or (not verbs_only and word in lexicon.boundary_words):
        return True
    return any(word[-n:] in lexicon.relation_verbs for n in (2, 3) if len(word) > n)


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


def _opening_place(view: _SentenceView, j: int, floor: int, lexicon: Lexicon) -> int | None:
    """The token at or before ``j`` where a jurisdiction, 国家 or a placeholder
    opens a name, reached over plain words (nouns and verbs; boundary words
    that are no relation verb, as 服务 and 创新 in 区社区治理和服务创新办公室; one
    和 or 与), or ``None``."""
    joined = False
    while j >= 0 and view.starts[j] >= floor:
        tok = view.tokens[j]
        if _PLACEHOLDER.match(tok.word) or _PREFIX_RE.match(view.text, view.starts[j]) or tok.word == "国家":
            while j > 0 and (_PLACEHOLDER.match(view.tokens[j - 1].word) or view.tokens[j - 1].word in ("中共", "团", "全")):
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
    the drive does (党建创新提升|活动, 环境整治|行动), not where a name starts.
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
        if at_head and word in lexicon.boundary_words and tok.pos in ("v", "vn") and not _is_boundary(word, lexicon, verbs_only=True):
            begin = view.starts[j]
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
    return begin


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


# Proper-noun tags (jieba/ICTCLAS: place, person, other proper noun, abbreviation).
_PROPER_POS = {"ns", "nr", "nrt", "nz", "j"}


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
        while begin < head_begin and view.starts[i] == begin and not _new_of_a_name(view, i) and (
                view.tokens[i].pos in _ORG_LEAD_POS
                or (view.tokens[i].pos == "vn" and _PLACE_START.match(text, view.ends[i]))):
            begin = view.ends[i]
            i += 1
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
    return begin


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


# POS tags of tokens that name something: places, proper nouns, organisation
# names, other proper nouns, numbers, Latin letters (X placeholders); "" is a
# word jieba's dictionary lacks, most often a name.
_NAMING_POS = {"ns", "nr", "nrt", "nrfg", "nt", "nz", "m", "eng", "j", ""}


def _names_something(view: _SentenceView, begin: int, head_begin: int) -> bool:
    """Does the prefix ``text[begin:head_begin]`` hold a naming token?

    Only tokens within the prefix count: a word that jieba glued to the head
    (交易中心, tagged nt) names the kind of body, not one body (股权交易中心).
    """
    i = view.token_at(begin)
    while i < len(view.tokens) and view.ends[i] <= head_begin:
        tok = view.tokens[i]
        if tok.pos in _NAMING_POS and not _is_punct(tok.word):
            return True
        i += 1
    return bool(_PREFIX_RE.match(view.text, begin))


# Words that open the name of a kind of body, not of one body
# (shared/spec/ANNOTATION.md: "No: categories and plurals").
_CATEGORY_LEAD = re.compile(r"(?:辖区|各级|各|相关|有关|所属|下属|市属|区属|县属|省属|驻区)")
# A count of bodies right before the name (X家物业公司, 12所学校, 10个“…服务站”)
# or right after it (建立党建联盟X个).
_BODY_COUNT = r"(?:\d+|[X某]+|[一二两三四五六七八九十百千几多]+)余?(?:家|个|所|支|座)"
_COUNT_BEFORE = re.compile(_BODY_COUNT + "“?$")
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
    for end in view.ends:
        found = _head_ending_at(text, end, tables)
        if found is None:
            continue
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


# 完善学区制、集团化办学等机制: the items of an enumeration that 等 closes
# before a kind noun are named instances of that kind (制度 and 机制 of work
# are Initiatives, 活动 and 行动 Campaigns, 企业 and 机构 bodies, with a count
# and a few modifiers between: 等36家北京知名互联网企业; shared/spec/ANNOTATION.md).
_KIND_AFTER_DENG = re.compile(
    r"等(?:(?:[\dX]+|[一二两三四五六七八九十百几多]+)余?家)?(?:[^，。；：、“”《》]{0,8}?"
    r"(企业|公司|机构|单位|媒体|高校|院校|银行)|(机制|制度|模式|工作法|活动|行动))")
_KIND_TYPE = {"活动": EntityType.CAMPAIGN, "行动": EntityType.CAMPAIGN}
_ITEM_MAX = 15


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
        for begin, end in items:
            item = text[begin:end]
            if (not 2 <= len(item) <= _ITEM_MAX or begin not in view.start_set or end not in view.end_set
                    or any(_is_punct(ch) for ch in item) or item in lexicon.generic_names
                    or item.endswith(lexicon.document_heads) or _is_boundary(item, lexicon)):
                continue  # quoted and titled items have rules of their own; documents too
            if etype is EntityType.ORGANIZATION:
                # a body is named by a proper noun or a word the dictionary lacks
                # (京东云, 中关村), a sector by common nouns (冶金工贸、烟花爆竹等重点企业)
                begin = _trim_lead(view, begin, end, etype, lexicon)
                if not _names_something(view, begin, end):
                    continue
                item = text[begin:end]
            candidates.append(_Candidate(begin, end, etype, item, "", "enumeration", 3))
    return candidates


def _guanyu(view: _SentenceView) -> list[_Candidate]:
    return [
        _Candidate(m.start(), m.end(), EntityType.REGULATION, m.group(), "", "guanyu", 3)
        for m in _GUANYU.finditer(view.text)
        if not _VAGUE_DOCUMENT.search(m.group())  # 关于…的有关规定: the relevant rules, no title
    ]


_VAGUE_DOCUMENT = re.compile(r"(?:有关|相关|各项|一系列|系列)(?:规定|意见|要求|措施|办法)$")
# The heads of documents named without marks: 制定专业型人才引进办法.
_UNMARKED_HEADS = ("实施方案", "工作方案", "分工方案", "方案", "实施意见", "意见", "暂行办法", "办法",
                   "实施细则", "细则", "若干措施", "工作措施", "措施", "规定", "规则", "要点", "清单",
                   "应急预案", "预案", "工作计划", "计划", "制度")
_TITLE_TAIL = r"(?:" + "|".join(_UNMARKED_HEADS) + r")(?:[（(][^（）()]{1,20}[）)])?)(?=[，。；、和及等（(]|$)"
_UNMARKED = re.compile(
    r"(?:研究制定|制定出台|制定下发|研究出台|制定|出台|印发|制发|修订)(?:完善|修订|修改|并印发)?了?"
    r"([^，。；：《》！？\s]{4,60}?" + _TITLE_TAIL
)
# Verbs that follow an issuing verb and edit the document (制定细化|完善…).
_EDIT_LEAD = re.compile(r"(?:细化|完善|健全)")
# The next title of an enumeration after the verb: 、网络舆情管理办法
_UNMARKED_NEXT = re.compile(r"、([^，。；：、《》！？\s]{4,60}?" + _TITLE_TAIL)
# Descriptions, not titles: 制定具体实施方案, 制定33条具体措施.
_UNMARKED_GENERIC = re.compile(r"^(?:[0-9X]+条|具体|相关|有关|配套|工作|重点任务|政策|若干)")
# The shared-head enumeration 工会、共青团、妇联改革方案: short items, no count.
_SHARED_ITEM_MAX = 4


def _unmarked_titles(view: _SentenceView, lexicon: Lexicon) -> list[_Candidate]:
    """Documents named without 《》 after an issuing verb (ANNOTATION.md, rules of thumb).

    ``制定A、B、C等制度`` names every document of the enumeration;
    ``制定工会、共青团、妇联改革方案`` names three documents that share the
    head: 工会改革方案 (its mention is the span of 工会), 共青团改革方案 and
    妇联改革方案. A document after an issuing verb is a Regulation even
    when its head is 制度 ("制度 as a document").
    """
    candidates = []
    text = view.text
    for match in _UNMARKED.finditer(text):
        title, begin = match.group(1), match.start(1)
        if "关于" in title[:4]:  # 制定出合关于…: a typo or a second verb before the title
            cut = title.index("关于")
            title, begin = title[cut:], begin + cut
        edit = _EDIT_LEAD.match(title)  # 制定细化工作预案: a second verb, no title's first word
        if edit and len(title) - edit.end() >= 4:
            title, begin = title[edit.end():], begin + edit.end()
        scope = _SCOPE_LEAD.match(title)  # 我区目标考核细则: the scope is not the title
        if scope:
            title, begin = title[scope.end():], begin + scope.end()
        candidates.extend(_unmarked_title(view, title, begin, lexicon))
        end = match.end(1)
        while (following := _UNMARKED_NEXT.match(text, end)) is not None:
            candidates.extend(_unmarked_title(view, following.group(1), following.start(1), lexicon))
            end = following.end(1)
    return candidates


def _unmarked_title(view: _SentenceView, title: str, begin: int, lexicon: Lexicon) -> list[_Candidate]:
    """The candidates of one unmarked title (one, or one per item of a shared-head enumeration)."""
    if _UNMARKED_GENERIC.match(title) or _VAGUE_DOCUMENT.search(title) or len(title) < 4 or title in _UNMARKED_HEADS:
        return []
    if all(part in _UNMARKED_HEADS for part in re.split(r"[和及与]", title)):
        return []  # 实施方案和实施细则: heads with no name
    items = title.split("、")
    if any(item.endswith(_UNMARKED_HEADS) or _head_at_end(item, lexicon.initiative_heads) for item in items[:-1]):
        return []  # 干部激励机制、容错纠错机制、…三项制度: complete names, each found on its own
    if len(items) > 1 and all(len(i) <= _SHARED_ITEM_MAX for i in items[:-1]) and not _COUNTED.search(title):
        last = items[-1]
        i = view.token_at(begin + len(title) - len(last))
        tail = view.text[view.ends[i]:begin + len(title)]
        if not (tail and tail.endswith(_UNMARKED_HEADS) and len(tail) > 2):
            return []
        candidates, pos = [], begin
        for item in items[:-1]:
            candidates.append(_Candidate(pos, pos + len(item), EntityType.REGULATION, item + tail, "", "unmarked", 2))
            pos += len(item) + 1
        candidates.append(_Candidate(pos, begin + len(title), EntityType.REGULATION, canonical_name(last), "", "unmarked", 2))
        return candidates
    return [_Candidate(begin, begin + len(title), EntityType.REGULATION, canonical_name(title), "", "unmarked", 2)]


def _select(titles: list[_Candidate], protected, others: list[_Candidate]) -> list[_Candidate]:
    """The titles, and the other candidates longest first that overlap nothing taken before them.

    What is taken is kept as one flag per character of the sentence, so a
    candidate is checked in the time of its own length, not of every span
    taken (a sentence of 100,000 characters holds thousands of candidates).
    """
    chosen = list(titles)
    size = max([e for _, e in protected] + [c.end for c in others] + [0])
    taken = bytearray(size)
    for b, e in protected:
        taken[b:e] = b"\x01" * (e - b)
    for cand in sorted(others, key=lambda c: (-(c.end - c.begin), c.rank, c.begin)):
        if taken.find(1, cand.begin, cand.end) < 0:
            chosen.append(cand)
            taken[cand.begin:cand.end] = b"\x01" * (cand.end - cand.begin)
    return sorted(chosen, key=lambda c: (c.begin, -c.end))


@dataclass(frozen=True)
class _Tables:
    """Lookup tables built once per lexicon.

    ``by_first``: first character -> gazetteer names, longest first.
    ``organs_by_first``: first character -> local organs, in the lexicon's order.
    ``heads``: head word -> (type, head), the organisation table first, then
    campaign, then initiative; ``head_lengths``: last character -> the
    lengths of the heads that end with it, longest first, so the longest head
    ending at a place is found by a few dict lookups instead of trying every
    head.
    """

    by_first: dict[str, tuple[str, ...]]
    organs_by_first: dict[str, tuple[str, ...]]
    heads: dict[str, tuple[EntityType, Head]]
    head_lengths: dict[str, tuple[int, ...]]


@functools.lru_cache(maxsize=4)
def _tables(lexicon: Lexicon) -> _Tables:
    by_first: dict[str, list[str]] = {}
    for name in lexicon.gazetteer:
        by_first.setdefault(name[0], []).append(name)
    heads: dict[str, tuple[EntityType, Head]] = {}
    for etype, table in (
        (EntityType.ORGANIZATION, lexicon.organization_heads),
        (EntityType.CAMPAIGN, lexicon.campaign_heads),
        (EntityType.INITIATIVE, lexicon.initiative_heads),
    ):
        for head in table:
            heads.setdefault(head.word, (etype, head))
    return _Tables(
        by_first={ch: tuple(sorted(names, key=lambda n: (-len(n), n))) for ch, names in by_first.items()},
        organs_by_first={ch: tuple(o for o in lexicon.local_organs if o[0] == ch) for ch in {o[0] for o in lexicon.local_organs}},
        heads=heads,
        head_lengths={
            last: tuple(sorted({len(w) for w in heads if w[-1] == last}, reverse=True))
            for last in {w[-1] for w in heads}
        },
    )


def _head_ending_at(text: str, end: int, tables: _Tables) -> tuple[EntityType, Head] | None:
    """The longest head that ends at ``end``, with its type, or ``None``."""
    if end == 0:
        return None
    for length in tables.head_lengths.get(text[end - 1], ()):
        if length <= end:
            found = tables.heads.get(text[end - length:end])
            if found is not None:
                return found
    return None


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


def find_mentions(sentence: Sentence, lexicon: Lexicon) -> list[Mention]:
    """Find the entity mentions of one sentence.

    Args:
        sentence: a sentence with its tokens (document offsets).
        lexicon: the loaded lexicon.

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
    titles, protected = _titles(view, lexicon)
    others = (
        _quotes(view, lexicon, tables)
        + _gazetteer(view, lexicon, tables)
        + _local_organs(view, tables)
        + _headed(view, lexicon, tables)
        + _guanyu(view)
        + _unmarked_titles(view, lexicon)
        + _enumerated_kinds(view, lexicon)
    )
    others = [c for c in others if not _glued_place(view, c.begin)]
    mentions = []
    for cand in _select(titles, protected, others):
        if cand.rule == "honour":
            continue
        name = _drop_trailing(cand.name, lexicon) if cand.rule in ("head", "quote") else cand.name
        end = cand.end - (len(cand.name) - len(name)) if cand.rule == "head" else cand.end
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


def _drop_trailing(name: str, lexicon: Lexicon) -> str:
    """Drop trailing non-name words (精神, 成果 …) from a name with no head after them."""
    for word in lexicon.trailing_words:
        if name.endswith(word) and len(name) > len(word) + 1:
            return name[: -len(word)]
    return name
