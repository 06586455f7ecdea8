"""Rule 2 of the mentions stage: quoted names (“四查四促”专项行动, “四个意识”, 推进“智改数转网联”) and runs of them.

The contexts that veto a quotation or make it an Initiative are data, the rows
of ``data/lexicon/quote_patterns.txt`` (:class:`kg.lexicon.QuotePattern`); a
mention one of them makes records its id as its rule (``quote/programme-noun``).
"""

from __future__ import annotations

import functools
import re

from ..lexicon import _FOOTNOTE_PATTERN, Lexicon
from ..model import EntityType
from .core import (
    _CLAUSE_PUNCT, _COUNTED_KIND, _COUNT_BEFORE, _MEASURES, _Candidate, _NOT_NAME_ENDS, _NUMERALS,
    _QUOTE_RE, _SentenceView, _Tables, _gazetteer_type, _head_at_end, _is_han, _is_punct, canonical_name,
)
from .growth import _head_after, _is_boundary, _name_vetoed
from .leads import _quote_lead, quoted_name_begin
from .frames import _framed

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
            and not any(_STATEMENT.match(p) for p in parts) and not _is_values_list(core))


def _is_values_list(core: str) -> bool:
    """Three or more quoted items with no numeral: values or methods (突出重点、分类指导、统筹推进)."""
    return core.count("、") >= 2 and not any(ch in _NUMERALS for ch in core)


def _decided(lexicon: Lexicon, text: str, begin: int, end: int, core: str):
    """The first honour or veto row of ``quote_patterns.txt`` that decides the quotation
    ``text[begin:end]`` (its canonical core ``core``), or ``None``."""
    return next((p for p in lexicon.quote_patterns if p.verdict in ("honour", "veto") and p.matches(text, begin, end, core)), None)


def opens_with_vetoed_quote(view: _SentenceView, begin: int, end: int, lexicon: Lexicon) -> bool:
    """Does ``text[begin:end]`` open with a quotation, as the quote rule reads one (:data:`_QUOTE_RE`),
    that a veto row of ``quote_patterns.txt`` rules out (“清”|政商关系: a stressed character;
    “保姆式”|服务: a manner)? The quote rule's vetoes hold for the CRF's spans too."""
    match = _QUOTE_RE.match(view.text, begin, end)
    if match is None:
        return False
    core = canonical_name(next(g for g in match.groups() if g is not None))
    decided = _decided(lexicon, view.text, begin, match.end(), core)
    return decided is not None and decided.verdict == "veto"


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
        decided = _decided(lexicon, text, begin, end, core)
        if decided is not None:
            if decided.verdict == "honour":
                # 荣获“双拥模范城”: an honour or title, no entity (ANNOTATION.md); the
                # candidate only keeps other rules out of it and is never a mention
                candidates.append(_Candidate(begin, end, EntityType.INITIATIVE, core, "", "honour", 0))
            continue  # a veto of quote_patterns.txt: “两大三小”, “保姆式”服务, “一盘棋”思想 …
        best_end, head_type, head = _head_after(view, end, lexicon, tables)
        if (best_end is not None and head.mode == "framed" and _is_values_list(core)
                and not any(ch in _NUMERALS for ch in text[end:best_end]) and not _framed(text, begin, head.word, lexicon)):
            best_end = None  # 按照“突出重点、分类指导、统筹推进”原则: an uncounted list of values is named by a framed head only in its frame
        if best_end is not None:
            if begin > 0 and begin in view.start_set:  # 廉政文化“六进”活动
                before = view.tokens[view.token_at(begin - 1)]
                if _gazetteer_type(before.word, lexicon) is EntityType.CAMPAIGN:
                    begin = before.begin - view.base  # 污染防治攻坚战“百日会战”专项行动: a drive within a drive
                else:  # the words that name it before the quotation, not a verb that governs it (优化|“两新”政策)
                    begin = _counted_items_begin(text, begin, core) or quoted_name_begin(view, begin, best_end, head_type, lexicon)
            name = canonical_name(text[begin:best_end])
            candidates.append(_Candidate(begin, best_end, head_type, name, core, "quote+head", 1))
            continue
        if core in tables.head_rows[EntityType.CAMPAIGN][0]:
            # a drive named by its head alone takes what names it before the
            # quote: 中央环保督察“回头看”, 社区环境整治“百日会战”
            prefix = _quote_lead(view, begin, lexicon) if begin in view.start_set else begin
            if prefix < begin:
                candidates.append(_Candidate(prefix, end, EntityType.CAMPAIGN, canonical_name(text[prefix:end]), "", "quote+head", 1))
            continue
        etype, rule = None, "quote"
        if core in lexicon.generic_names or core in tables.head_rows[EntityType.INITIATIVE][0]:
            continue  # “两委”: no name of its own; 政策“组合拳”, “体系”: a kind's word stressed
        headed = _head_at_end(core, EntityType.INITIATIVE, tables) or _head_at_end(core, EntityType.CAMPAIGN, tables)
        if _COUNT_FORMULA.fullmatch(core):  # “1+3”重点功能区, “8+4”等: a count formula names with its noun
            phrase_end = _noun_phrase_end(view, end, lexicon)
            candidates.append(_Candidate(begin, phrase_end, EntityType.INITIATIVE, canonical_name(text[begin:phrase_end]),
                                         "", "quote/count-formula", 1))
            continue
        if core.endswith(_NOT_NAME_ENDS) or (core[0].isdigit() and not headed and not re.search(r"\d+条$", core)):
            continue  # “三大问题”; “132”, “100天拿销售许可”: a number with no head (“15分钟阅读圈” has one)
        if re.search(r"\d+条(?:政策|措施)?$", core):  # “惠企21条”, “13条政策”: a policy document (ANNOTATION.md)
            etype = EntityType.REGULATION
        elif _head_at_end(core, EntityType.CAMPAIGN, tables):
            etype = EntityType.CAMPAIGN
        elif ((org_head := _head_at_end(core, EntityType.ORGANIZATION, tables)) and len(core) >= 4 and not _TAKE_AS.match(core)
              and core[0] not in "一二两三四五六七八九十"  # “三基地两中心”, “五个中心”: a numbered formulation, no body
              and not _name_vetoed(lexicon, EntityType.ORGANIZATION, org_head, core)):
            if _COUNT_BEFORE.search(text, 0, begin):
                continue  # 10个“枫桥式退役军人服务站”: a count of bodies of a kind, no body
            etype = EntityType.ORGANIZATION
        elif not headed and (found := next(
                (p for p in lexicon.quote_patterns if p.verdict == "Campaign" and p.matches(text, begin, end, core)
                 and (p.where != "before" or _WHOLE_OBJECT.match(text, end))), None)):
            etype, rule = EntityType.CAMPAIGN, f"quote/{found.id}"  # 开展|“万人助万企”: what 开展 conducts
        elif (core[0] in _NUMERALS or _is_enumeration(core) or _head_at_end(core, EntityType.INITIATIVE, tables)
              or _TAKE_AS.match(core)):
            etype = EntityType.INITIATIVE
        elif found := next((p for p in lexicon.quote_patterns if p.verdict == "Initiative"
                            and p.matches(text, begin, end, core)), None):
            etype, rule = EntityType.INITIATIVE, f"quote/{found.id}"
        elif text.endswith(lexicon.quote_verbs, 0, begin) and not _CATEGORY_AFTER.match(text, end):
            etype, rule = EntityType.INITIATIVE, "quote/programme-verb"
        elif (verb := _verb_before_field(view, begin, lexicon)) and not _CATEGORY_AFTER.match(text, end):
            conducted = verb.endswith("开展") and _WHOLE_OBJECT.match(text, end)
            etype = EntityType.CAMPAIGN if conducted else EntityType.INITIATIVE  # 开展河湖|“清四乱”: a drive, as 开展“…”
            rule = "quote/programme-verb-field"
        if etype in (None, EntityType.INITIATIVE) and not headed and _kind_of_drive(lexicon).match(text, end):
            etype, rule = EntityType.CAMPAIGN, "quote/kind-of-drive"
        elif etype is None and _kind_of_initiative(lexicon).match(text, end):
            etype, rule = EntityType.INITIATIVE, "quote/kind-of-programme"
        if etype is not None:
            gaz = lexicon.gazetteer.get(core)
            if gaz is not None:
                etype = gaz[0]
            candidates.append(_Candidate(begin, end, etype, core, "", rule, 1))
        listed.append((begin, end, core, etype))
    return candidates + _quote_runs(text, listed, lexicon)


# A quotation that counts the items listed right before it by the character they share:
# 空港、陆港、海港、信息港|“四港联动”机制, 文明城、卫生城、园林城、森林城|“四城”同创 (provinces' and
# counties' reports, corpus): the list is part of the name.
_COUNTED_QUOTE = re.compile(r"([一二两三四五六七八九十])(\w)")
_COUNTED_ITEM_MAX = 6


def _counted_items_begin(text: str, quote: int, core: str) -> int | None:
    """Where the items a quotation counts begin (:data:`_COUNTED_QUOTE`): as many items, joined by 、 and
    each of one to :data:`_COUNTED_ITEM_MAX` characters, as the count says, each ending with the character
    after the numeral, right before the quotation; ``None`` when they are not there."""
    counted = _COUNTED_QUOTE.match(core)
    if counted is None:
        return None
    count = "一二三四五六七八九十".find(counted.group(1)) + 1 or 2  # 两 is two
    if count < 2:
        return None
    items = re.search(r"(?:[\u4e00-\u9fff]{1,%d}、){%d}[\u4e00-\u9fff]{1,%d}$" % (_COUNTED_ITEM_MAX, count - 1, _COUNTED_ITEM_MAX),
                      text[max(0, quote - count * (_COUNTED_ITEM_MAX + 1)):quote])
    if items is None:
        return None
    parts = items.group(0).split("、")
    parts[0] = parts[0][-len(parts[1]):]  # the first item as long as the second: 完善|空港、陆港…
    if not all(part.endswith(counted.group(2)) for part in parts):
        return None
    return quote - len("、".join(parts))


# A count formula (N+M, N+M+N: “1+3”, “7+18+N”, “1+N”): the count of a programme's main and supporting
# parts, a coined term of the provinces' and counties' reports (corpus: over 200 of them, each before the
# noun of what it counts: “1+9”工作部署, “7+20+N”现代化产业体系, “4+X”信访工作机制).
_COUNT_FORMULA = re.compile(r"[\dNX]+(?:[+＋][\dNX]+)+")
# The most characters of the noun phrase after a count formula.
_FORMULA_NOUN_MAX = 10


def _noun_phrase_end(view: _SentenceView, end: int, lexicon: Lexicon) -> int:
    """Where the noun phrase right after a count formula ends (“1+3”|重点功能区|建设, “1+10+N”|广西政府投资
    基金集群|。): over nouns, attributives, verbal nouns and words jieba lacks, at most
    :data:`_FORMULA_NOUN_MAX` characters, not over a verb, punctuation, a measure word, 等 or a
    boundary word, and back to its last noun (重点功能区|建设: the building of the zones). ``end``
    itself when no noun follows (“8+4”|等, “1+9”|项)."""
    if end not in view.start_set:
        return end
    i, phrase_end = view.token_at(end), end
    while i < len(view.tokens):
        token = view.tokens[i]
        if (view.ends[i] - end > _FORMULA_NOUN_MAX or token.pos not in _PHRASE_POS or _is_punct(token.word)
                or token.word == "等" or token.word in _MEASURES or _is_boundary(token.word, lexicon)
                or not _is_han(token.word)):
            break
        if token.pos in _NOUN_END_POS:
            phrase_end = view.ends[i]
        i += 1
    return phrase_end


# The tags of the words of a noun phrase after a count formula, and of the words that may end it.
_PHRASE_POS = frozenset({"n", "nz", "ns", "nt", "j", "b", "vn", "a", ""})
_NOUN_END_POS = frozenset({"n", "nz", "ns", "nt", "j", ""})


# The tags of a noun that names the field of a programme between its verb and its quoted name.
_FIELD_POS = frozenset({"n", "nz", "j"})


def _verb_before_field(view: _SentenceView, begin: int, lexicon: Lexicon) -> str | None:
    """The programme verb, when the quotation at ``begin`` is the programme it puts to work in a field
    named by one noun between them (深化|人才|“校（院）企双聘”, 深化|制造业|“智改数转网联”: provinces' reports 2026;
    推进|河湖|“清四乱”: county reports), the programme-verb frame with the field of the programme in it;
    ``None`` otherwise, and after 打造 (:data:`_FIGURE_VERBS`). After 开展, as the verb's whole object, it is a drive
    (开展河湖|“清四乱”), as the ``conducted`` row of quote_patterns.txt has it without the field."""
    if begin not in view.start_set:
        return None
    i = view.token_at(begin) - 1
    if i < 1:
        return None
    field, verb = view.tokens[i], view.tokens[i - 1]
    if (field.pos in _FIELD_POS and len(field.word) <= 4 and not _is_boundary(field.word, lexicon)
            and field.word not in lexicon.gazetteer and verb.word.endswith(lexicon.quote_verbs)
            and not verb.word.endswith(_FIGURE_VERBS)):
        return verb.word
    return None


# 打造 + a noun + a quotation builds a figure of the noun (打造县城|“新地标”, 打造传统产业|“升级版”:
# county reports, corpus), no programme in a field.
_FIGURE_VERBS = ("打造",)


# What may follow a quotation that is a verb's whole object: the clause's end or the next item
# (开展“万人助万企”，; 开展“扫黄”“打非”), not a noun it qualifies (开展“亩均论英雄”改革).
_WHOLE_OBJECT = re.compile(r"[，。；：！？、”“和与及]|$")


# A footnote's mark after a quotation: “三创四建”[2]等活动.
_NOTE = "(?:" + _FOOTNOTE_PATTERN + ")?"


def _kind_after(heads, between: str) -> re.Pattern[str]:
    """The quotations after this one (each with its footnote's mark), then 等, ``between`` (a pattern of
    what may stand before the head) and one of ``heads``: the head is the kind of the quoted items,
    though no part of their names."""
    alternatives = "|".join(re.escape(h.word) for h in heads)
    return re.compile(_NOTE + r"(?:[、，]?[“\"][^”\"，。；]{1,30}[”\"]" + _NOTE + r")*等" + between + "(?:" + alternatives + ")")


@functools.lru_cache(maxsize=8)
def _kind_of_drive(lexicon: Lexicon) -> re.Pattern[str]:
    """The quotations after this one, then 等 and a campaign head: “秋收100”、“打渣除痞”等专项行动,
    “双创双服”“三深化三提升”等活动 (ANNOTATION.md: a drive's head makes a quoted name a Campaign)."""
    return _kind_after([h for h in lexicon.campaign_heads if not h.quoted_only], "(?:系列|各类|各项)?")


@functools.lru_cache(maxsize=8)
def _kind_of_initiative(lexicon: Lexicon) -> re.Pattern[str]:
    """The quotations after this one, then 等, at most five characters that qualify the kind, and an
    Initiative head: “先用后转”等集成改革, “企呼我办”等新机制, “揭榜挂帅”、“赛马”等攻关模式
    (ANNOTATION.md: coined policy terms are Initiatives)."""
    heads = sorted((h for h in lexicon.initiative_heads if h.mode != "compound"), key=lambda h: -len(h.word))
    return _kind_after(heads, r"[^，。；、“”\"]{0,5}?")


# A quotation used as the label of a category (“专精特新”企业, “小巨人”企业家) names no programme
# (ANNOTATION.md, Initiative): the nouns of people and things that follow such a label.
_CATEGORY_AFTER = re.compile(r"(?:企业|企业家|人才|产品|项目|村|镇|县|城市|单位|家庭|干部|工程师|党员|群众|品牌)")


def _quote_runs(text: str, listed: list, lexicon: Lexicon) -> list[_Candidate]:
    """Quotations side by side or in an enumeration (“电代煤”“气代煤”工作,
    “A”、“B”、“C”三大工程) are a list of one kind: where one of them names a
    programme, or a programme noun (an ``after`` Initiative row of
    ``quote_patterns.txt``) or a counted head follows the list, the untyped
    ones do too; after 开展, the drives it conducts are all drives."""
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
        if run[0][3] is EntityType.CAMPAIGN and _WHOLE_OBJECT.match(text, after):
            etype = EntityType.CAMPAIGN  # 开展“扫黄”“打非”: the drives that 开展 conducts, all of them
        elif (any(t is EntityType.INITIATIVE for *_, t in run)
                or any(p.where == "after" and p.verdict == "Initiative" and p.pattern.match(text, after)
                       for p in lexicon.quote_patterns)
                or _COUNTED_KIND.match(text, after)):
            etype = EntityType.INITIATIVE
        else:
            continue
        candidates += [_Candidate(b, e, etype, core, "", "quote", 1) for b, e, core, t in run if t is None]
    return candidates
