"""Rule 1 and 6 of the mentions stage: document titles, in book-title marks (《…》, nested 〈…〉) and without them (关于…的实施意见, …分工方案, 贯彻会计法)."""

from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..model import EntityType
from .core import _COUNTED, _Candidate, _SentenceView, _gazetteer_type, _head_at_end, _tables, canonical_name
from .trims import _SCOPE_LEAD

# A document head alone is too weak to mark a title without 《》; only titles
# of this form count: 关于 … (的) head.
_GUANYU = re.compile(r"关于[^，。；：、《》“”！？\s]{4,60}?(?:实施意见|指导意见|若干意见|意见|实施方案|工作方案|方案|办法|细则|规定|通知|决定|若干措施|措施|计划|规则|要点|的建议)")


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


def _bare_head(title: str, lexicon: Lexicon) -> bool:
    """Is the title a document head alone (纲要（草案）, 报告, 方案) that no gazetteer row names
    (宪法 and 党章 are names)?"""
    core = _strip_suffix_parens(canonical_name(title))
    return core in lexicon.document_heads and core not in lexicon.gazetteer


def _title_spans(text: str) -> list[tuple[int, int, int]]:
    """Return ``(begin, end, depth)`` of every 《…》/〈…〉 pair, marks included."""
    spans, stack = [], []
    if "《" not in text and "〈" not in text:
        return spans
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
        if _bare_head(surface[1:-1], lexicon):
            continue  # 连同《纲要（草案）》, 《报告》: the document named in full before, no title of its own
        if is_document_title(surface[1:-1].strip(), lexicon):  # 《\n会计法\n》: a title link on its own line
            candidates.append(
                _Candidate(begin, end, EntityType.REGULATION, canonical_name(surface), "", "title", 0)
            )
    return candidates, protected


def _issuer_before(view: _SentenceView, begin: int, lexicon: Lexicon) -> int:
    """Where the issuer that opens an unmarked 关于 title begins, when a body the gazetteer names stands
    right before 关于 (中央|关于…的建议, 国务院|关于…的决定: the title as the body issued it); else ``begin``."""
    if begin == 0 or begin not in view.start_set:
        return begin
    before = view.tokens[view.token_at(begin - 1)]
    return before.begin - view.base if _gazetteer_type(before.word, lexicon) is EntityType.ORGANIZATION else begin


def _guanyu(view: _SentenceView, lexicon: Lexicon) -> list[_Candidate]:
    return [
        _Candidate(begin, m.end(), EntityType.REGULATION, view.text[begin:m.end()], "", "guanyu", 3)
        for m in _GUANYU.finditer(view.text)
        if not _VAGUE_DOCUMENT.search(m.group())  # 关于…的有关规定: the relevant rules, no title
        for begin in (_issuer_before(view, m.start(), lexicon),)
        if begin < m.start() or not m.group().endswith("的建议")  # 中央|关于…的建议; not 关于…代表提出的建议
    ]


# The relevant rules, or kinds of rules: no one document's title
# (关于…的有关规定, 财务、工资等各种规章条例和实施办法).
_VAGUE_DOCUMENT = re.compile(r"(?:有关|相关|相应|各项|一系列|系列)的?(?:配套)?(?:规定|意见|要求|措施|办法)$|等各[种类项]")


# The heads of documents named without marks: 制定专业型人才引进办法.
_UNMARKED_HEADS = ("实施方案", "工作方案", "分工方案", "方案", "实施意见", "意见", "暂行办法", "办法",
                   "实施细则", "细则", "若干措施", "工作措施", "措施", "规定", "规则", "要点", "清单",
                   "应急预案", "预案", "工作计划", "计划", "制度", "规划纲要", "纲要", "规划", "目录")


_TITLE_TAIL = r"(?:" + "|".join(_UNMARKED_HEADS) + r")(?:[（(][^（）()]{1,20}[）)])?)(?=[，。；、和及等（(]|$)"


_UNMARKED = re.compile(
    r"(?:研究制定|制定出台|制定下发|研究出台|制定|出台|印发|制发|修订)(?:完善|修订|修改|并印发|并实施|实施|[和并](?:实施|实行|执行|落实|完善))?了?"
    r"(?![了和与并好])([^，。；：《》！？\s]{4,60}?" + _TITLE_TAIL  # not 制定|了指导性意见, 制定|与完善…: the verb's
)


# Verbs that follow an issuing verb and edit the document (制定细化|完善…).
_EDIT_LEAD = re.compile(r"(?:细化|完善|健全)")


# The next title of an enumeration after the verb: 、网络舆情管理办法
_UNMARKED_NEXT = re.compile(r"、([^，。；：、《》！？\s]{4,60}?" + _TITLE_TAIL)


# Descriptions, not titles: 制定具体实施方案, 制定33条具体措施, 实施一系列政策措施.
_UNMARKED_GENERIC = re.compile(r"^(?:[0-9X]+条|具体|相关|有关|配套|工作|重点任务|政策|若干|一系列|系列|各项|各类|这些|一批)")


# The shared-head enumeration 工会、共青团、妇联改革方案: short items, no count.
_SHARED_ITEM_MAX = 4


# A law (…法) or an administrative or local regulation (…条例) named without
# marks as the object of a verb that makes, revises or applies it (立法法,
# arts. 65, 72 and 81: laws, administrative and local regulations are so named):
# 贯彻会计法、建筑法和招标投标法, 实施修改后的个人所得税法, 修订省优化营商
# 环境条例. Words of 法 that
# name no law (办法, 方法, 执法 …) and the kinds of rules (规章条例) are none; before
# 条例 they are words of the name (领导干部选拔任用条例).
_LAW_VERBS = r"(?:制定|修订|修改|颁布|出台|实施|施行|贯彻|落实|执行|遵守|宣传)+(?:好)?了?"
_LAW_NAME = r"(?![了好])([^，。；：、《》“”！？\s的和及与等]{1,16}?(?:法|条例))(?=[，。；、和及等（(]|$)"
_LAW = re.compile(_LAW_VERBS + r"(?:新修订的|修订后的|修改后的|新的|新)?" + _LAW_NAME)
_LAW_NEXT = re.compile(r"(?:、|和|及|以及)(?:" + _LAW_VERBS + ")?" + _LAW_NAME)
# ... and a law or regulation named as what its implementation or supporting rules are of, after a
# verb that advances them: 推进|城市更新条例|实施, 健全|民营经济促进法|配套法规政策 (a city's and a
# province's reports 2026; corpus reports).
_LAW_OF = re.compile(r"(?:推进|推动|健全|完善|做好|加强|抓好|加快)(?!了)([^，。；：、《》“”！？\s的和及与等]{2,16}?(?:法|条例))"
                     r"(?=(?:的)?(?:实施|施行|配套|贯彻))")
_NOT_A_LAW = re.compile(r"(?:国|办|方|做|执|学|司|立|普|手|算|技|疗|说|想|看|用|违|守|依|作|兵|书|章|语|写|方法|工作|条令)法$|(?:规章|工作)(?:法|条例)$")


# A negative or positive list (负面清单, 正面清单) named without marks as the
# object of a verb that makes, applies or shortens it: 实施|跨境服务贸易负面清单,
# 缩减|外资准入负面清单. The State Council issues 市场准入负面清单 as a document
# (国发〔2015〕55号, 关于实行市场准入负面清单制度的意见), and the ministries the
# lists of foreign investment (外商投资准入特别管理措施（负面清单）) and of
# cross-border services trade; a list with no name before it is none (实施负面清单).
_LIST = re.compile(r"(?:制定|实施|缩减|压缩|推出|出台|落实|执行|修订|编制)(?:好)?"
                   r"(?![并又再])([^，。；：、《》“”！？\s的和及与等]{2,14}?[负正]面清单)(?=[，。；、和及等（(]|$)")


# A document named without marks as the object of a verb that applies it, when its head can only
# be a document's: 全面落实|促进民营经济发展壮大的意见, 落实|一揽子化债方案, 实施|新一轮优化营商
#环境政策措施, 贯彻落实|党的十五届四中全会决定, 遵守|廉洁自律准则, 扩大|鼓励外商投资产业目录
# (ANNOTATION.md, rules of thumb: an unbracketed name of one document with a document head is a
# Regulation; State Council 2000 and 2024, provinces' reports 2026, corpus reports 1990s-2020s).
# Heads that also name a programme or a kind (措施, 办法, 计划, 规划, 制度) are left to the issuing
# verbs of :data:`_UNMARKED`; 反馈意见 and 决议决定 are what a body sends back or resolves, no title.
_APPLYING_VERBS = r"(?:贯彻落实|全面落实|认真落实|落实|贯彻|实施|执行|遵守|扩大|缩减)(?:好)?了?"
_APPLIED = re.compile(_APPLYING_VERBS + r"(?![了和与并好的])([^，。；：《》“”！？\s、]{4,30}?(?:意见|方案|政策措施|决定|准则|目录))"
                      r"(?=[，。；、和及等（(]|$)")
_NOT_APPLIED = re.compile(r"(?:反馈意见|决议决定|(?:各项|一系列|系列|一揽子|配套|相关|有关|这些)(?:政策)?措施)$")
_APPLIED_MIN = 6


def _applied_titles(view: _SentenceView, lexicon: Lexicon) -> list[_Candidate]:
    """Documents named without marks after a verb that applies them (:data:`_APPLIED`): at least
    :data:`_APPLIED_MIN` characters from a token's start, no description (:data:`_UNMARKED_GENERIC`,
    :data:`_NOT_APPLIED`), and no body at their start: 国务院和我省…的实施意见, 中央…政策措施 name
    their issuers, whose own mentions stay."""
    candidates = []
    for match in _APPLIED.finditer(view.text):
        title, begin = match.group(1), match.start(1)
        if "关于" in title:  # 中央关于…的意见: the 关于 title is found on its own (_guanyu)
            continue
        if any(part in lexicon.gazetteer for part in re.split("[和及与]", title)[:-1]):
            continue  # 遵守|党章和党内政治生活准则: a name of its own, then the next document
        scope = _SCOPE_LEAD.match(title)  # 落实全省…方案: the scope is not the title
        if scope:
            title, begin = title[scope.end():], begin + scope.end()
        first = view.tokens[view.token_at(begin)].word if begin in view.start_set else ""
        if (not first or len(title) < _APPLIED_MIN or _UNMARKED_GENERIC.match(title) or _NOT_APPLIED.search(title)
                or _gazetteer_type(first, lexicon) is EntityType.ORGANIZATION):
            continue
        candidates.append(_Candidate(begin, begin + len(title), EntityType.REGULATION, canonical_name(title), "", "applied", 2))
    return candidates


def _laws(view: _SentenceView) -> list[_Candidate]:
    """Laws and regulations named without marks after a verb of making or applying them (:data:`_LAW`),
    and named negative and positive lists after a verb of making, applying or shortening them (:data:`_LIST`)."""
    candidates = []
    spans = []
    spans += [match.span(1) for match in _LAW_OF.finditer(view.text)]
    for match in _LAW.finditer(view.text):
        spans.append(match.span(1))
        while (following := _LAW_NEXT.match(view.text, spans[-1][1])) is not None:  # 会计法、|建筑法和|招标投标法
            spans.append(following.span(1))
    spans += [match.span(1) for match in _LIST.finditer(view.text)]
    for begin, end in spans:
        name = view.text[begin:end]
        scope = _SCOPE_LEAD.match(name)  # 落实全省…条例: the scope is not the title
        if scope:
            begin, name = begin + scope.end(), name[scope.end():]
        if (len(name) < 2 or _NOT_A_LAW.search(name) or _COUNTED.search(name)
                or begin not in view.start_set or end not in view.end_set):
            continue
        rule = "law" if name.endswith(("法", "条例")) else "named-list"
        candidates.append(_Candidate(begin, end, EntityType.REGULATION, name, "", rule, 2))
    return candidates


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


def _described(view: _SentenceView, title: str, begin: int) -> bool:
    """Does one word before a 的 open the unmarked title: a quality the document has (统一的监管规则,
    科学的人才评价制度, 切实可行的措施), not the verb phrase of what it is about (鼓励消费的政策措施,
    支持民间投资发展的实施意见)?"""
    de = title.find("的")
    if de <= 0 or view.tokens[view.token_at(begin + de)].word != "的":
        return False  # 党的建设|工作领导小组工作要点: the 的 inside a word
    return view.token_at(begin) == view.token_at(begin + de - 1) and view.starts[view.token_at(begin)] == begin


def _unmarked_title(view: _SentenceView, title: str, begin: int, lexicon: Lexicon) -> list[_Candidate]:
    """The candidates of one unmarked title (one, or one per item of a shared-head enumeration)."""
    if _UNMARKED_GENERIC.match(title) or _VAGUE_DOCUMENT.search(title) or len(title) < 4 or title in _UNMARKED_HEADS:
        return []
    if _described(view, title, begin):
        return []  # 制定|统一的监管规则, 有针对性的应对方案: what the document is like, no title
    if all(part in _UNMARKED_HEADS for part in re.split(r"[和及与]", title)):
        return []  # 实施方案和实施细则: heads with no name
    items = title.split("、")
    if any(item.endswith(_UNMARKED_HEADS) or _head_at_end(item, EntityType.INITIATIVE, _tables(lexicon)) for item in items[:-1]):
        return []  # 干部激励机制、容错纠错机制、…三项制度: complete names, each found on its own
    if len(items) > 1 and all(len(i) <= _SHARED_ITEM_MAX for i in items[:-1]) and not _COUNTED.search(title):
        last = items[-1]
        i = view.token_at(begin + len(title) - len(last))
        tail = view.text[view.ends[i]:begin + len(title)]
        if tail.startswith(("等", "和", "及", "与")):  # A、B、C等领域…方案, 鼓励、支持和引导…措施: the list is
            return [_Candidate(begin, begin + len(title), EntityType.REGULATION,  # part of one title
                               canonical_name(title), "", "unmarked", 2)]
        if not (tail and tail.endswith(_UNMARKED_HEADS) and len(tail) > 2):
            return []
        candidates, pos = [], begin
        for item in items[:-1]:
            # rank 1: an item spans only its own words (工会、共青团、妇联改革方案), which a gazetteer
            # name may fill; the shared head makes it a document's name, not the body's
            candidates.append(_Candidate(pos, pos + len(item), EntityType.REGULATION, item + tail, "", "unmarked", 1))
            pos += len(item) + 1
        candidates.append(_Candidate(pos, begin + len(title), EntityType.REGULATION, canonical_name(last), "", "unmarked", 2))
        return candidates
    return [_Candidate(begin, begin + len(title), EntityType.REGULATION, canonical_name(title), "", "unmarked", 2)]
