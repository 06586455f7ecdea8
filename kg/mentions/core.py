"""What every rule of the mentions stage shares: the candidate, the sentence view, the head tables, canonical names.

A rule (one module each: :mod:`.titles`, :mod:`.quotes`, :mod:`.lexical`,
:mod:`.heads`, :mod:`.enumerations`) reads a :class:`_SentenceView` and
gives :class:`_Candidate` spans; :mod:`.select` settles their overlaps.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from ..lexicon import Head, Lexicon
from ..model import EntityType, Sentence

_QUOTE_CHARS = "“”‘’「」『』\"'"

# Quotation and title marks that open and close a span, opening -> closing.
_MARK_PAIRS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "〈": "〉"}
_OPENING_MARKS = "".join(_MARK_PAIRS)
_CLOSING_MARKS = "".join(_MARK_PAIRS.values())


# A quotation: “…”, ‘…’, 「…」, 『…』 or "…"; a “ closed by a straight " or '' as web pages mistype it
# (开展统战工作“三项建设", 解决“两个不平衡''问题: district reports 2019).
_QUOTE_RE = re.compile(r"“([^“”\"]{1,40})(?:”|\"|'')|‘([^‘’]{1,40})’|「([^「」]{1,40})」|『([^『』]{1,40})』|\"([^\"]{1,40})\"")


@functools.lru_cache(maxsize=1 << 16)
def _is_punct(word: str) -> bool:
    """Punctuation, white space or an item's numeral, by Unicode category (so ``．``, ``·`` and
    the list marks ``③``, ``⑵`` of category No count). Cached: the rules ask it of the same
    tokens and characters again and again (some 900 times a report)."""
    return all((category := unicodedata.category(ch))[0] in "PZS" or category == "No" or ch.isspace() for ch in word)


def _is_han(text: str) -> bool:
    """Is ``text`` made of CJK unified ideographs alone (no digit, letter, mark or space)?"""
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


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


# Longest prefix before a quoted name with a head (廉政文化“六进”活动, 国有企业研发投入“…”专项行动),
# in characters. Chosen by us: 8 takes the field and subject of a quoted programme whole
# (科技型中小企业, 地方政府专项债); over the 192 corpus reports 6 cut about 35 such names short.
_QUOTE_PREFIX = 8


# Longest run of words between a quoted name and its head (“做志愿表率、为党旗
# 增辉”党员志愿服务活动), in characters. Chosen by us.
_QUOTE_HEAD_SPAN = 8


_ORDINAL = re.compile(r"第[一二三四五六七八九十百零〇\dX]+(?:届|期|批|次|轮|季)")  # 第二医院 keeps 第二


# A count is no name: 一次集中行动, 两个攻坚战, 数十场大型交流活动, 230余项改革.
_COUNTED_PHRASE = re.compile(r"^(?:[一二两三四五六七八九十百千数多几X\d]+)[余多]?(?:个|次|场|项|批|轮|系列|类|种)"
                             r"|^\d+[余多]?(?:处|家|所|座|亿|万)")  # 3处矿山修复治理主体工程 (not 百家民企进河北活动)


# A quoted phrase ending with one of these names a problem or state, not an
# initiative (“三大问题”, “四风”问题 is caught by its own quote).
_NOT_NAME_ENDS = ("问题", "现象", "情况", "倾向", "之外", "以外", "之内", "以内")


@dataclass(frozen=True)


class _Candidate:
    begin: int
    end: int
    type: EntityType
    name: str
    core: str
    rule: str
    rank: int  # lower wins among spans of equal length


# A footnote's mark after a term, as reports printed with notes carry them (“六稳[4]”).
_FOOTNOTE_MARK = re.compile(r"[\[［【]\d{1,3}[\]］】]")


def _gazetteer_type(word: str, lexicon: Lexicon) -> EntityType | None:
    """The type the gazetteer gives ``word`` (a jieba token: 世贸组织, 污染防治攻坚战), or ``None``."""
    found = lexicon.gazetteer.get(word)
    return found[0] if found is not None else None


def canonical_name(surface: str) -> str:
    """Return the canonical name of a surface form (ANNOTATION.md, Names).

    Quotation marks, white space and footnote marks (两不愁三保障[3]: a
    note of the printed report) go; the book-title marks that wrap the
    whole name go; nested title marks stay, as the gold writes them.

    Examples:
        >>> canonical_name("“四查四促”专项行动")
        '四查四促专项行动'
        >>> canonical_name("《X区落实〈X市任务安排〉分工方案》")
        'X区落实〈X市任务安排〉分工方案'
    """
    name = "".join(ch for ch in _FOOTNOTE_MARK.sub("", surface) if ch not in _QUOTE_CHARS and not ch.isspace())
    while len(name) >= 2 and (name[0], name[-1]) in {("《", "》"), ("〈", "〉")}:
        name = name[1:-1]
    return name


class _SentenceView:
    """A sentence's tokens indexed by offsets, for alignment checks."""

    def __init__(self, sentence: Sentence):
        self.sentence = sentence
        self.text = sentence.text
        self.base = base = sentence.begin
        self.tokens = sentence.tokens
        self.starts = [t.begin - base for t in self.tokens]
        self.ends = [t.end - base for t in self.tokens]
        self.start_set = set(self.starts)
        self.end_set = set(self.ends)
        self._heads = None

    def heads_at_ends(self, tables: "_Tables") -> list[tuple[int, tuple[EntityType, Head]]]:
        """``(end, (type, head))`` for every token end where a head of ``tables`` ends.

        Computed once per sentence, with the first call's ``tables`` (a view
        serves one lexicon): the head rule and the tagger's features share it.
        """
        if self._heads is None:  # _head_ending_at at every end, written out: some 5,000 ends a report
            text, lengths_of, head_of = self.text, tables.head_lengths.get, tables.heads.get
            self._heads = []
            for end in self.ends:
                for length in lengths_of(text[end - 1], ()):
                    if length <= end and (found := head_of(text[end - length:end])) is not None:
                        self._heads.append((end, found))
                        break
        return self._heads

    def token_at(self, pos: int) -> int:
        """Index of the token that covers sentence offset ``pos``."""
        return bisect.bisect_right(self.starts, pos) - 1


def _head_at_end(name: str, etype: EntityType, tables: _Tables) -> str | None:
    """The first head word, in the order of ``etype``'s head table, that ends ``name``, or ``None``.

    Found by looking up ``name``'s suffixes of the table's head lengths
    (``tables.head_rows``), not by trying every head: the quote rule asks
    this some 250 times a report, of tables of about 50 heads.
    """
    rows, lengths = tables.head_rows[etype]
    found = None
    for length in lengths:
        if length <= len(name) and (row := rows.get(word := name[-length:])) is not None and (found is None or row < found[0]):
            found = (row, word)
    return found[1] if found is not None else None


# A count and a programme head after a list of quotations: “A”、“B”、“C”三大工程.
_COUNTED_KIND = re.compile(r"[一二两三四五六七八九十]+[大项个]?(?:工程|举措|机制|制度|品牌|行动|建设)")


# Measure words: "X次全会", "X项制度" — a count is not part of a name.
_MEASURES = {"次", "项", "个", "件", "名", "家", "场", "批", "轮", "届", "余", "条", "位", "支"}


# A count of the items of an enumeration before its head: 五大创建, 三大保卫战.
_COUNTED = re.compile(r"[一二三四五六七八九十两]大")


_ENUM_ITEM_MAX = 6


# A count of bodies right before the name (X家物业公司, 12所学校, 10个“…服务站”)
# or right after it (建立党建联盟X个).
_BODY_COUNT = r"(?:\d+|[X某]+|[一二两三四五六七八九十百千几多]+)余?(?:家|个|所|支|座)"


_COUNT_BEFORE = re.compile(_BODY_COUNT + "“?$")


@dataclass(frozen=True)


class _Tables:
    """Lookup tables built once per lexicon.

    ``name_lengths``: first two characters -> the lengths of the gazetteer
    names that begin with them, longest first (a name is then found by a few
    dict lookups, not by trying every name of its first characters; the two
    characters key far fewer lengths, and far fewer places, than the first
    alone); ``one_character_names``: the gazetteer's names of one character, tried last.
    ``organs_by_first``: first character -> local organs, in the lexicon's order.
    ``heads``: head word -> (type, head), the organisation table first, then
    campaign, then initiative; ``head_lengths``: last character -> the
    lengths of the heads that end with it, longest first, so the longest head
    ending at a place is found by a few dict lookups instead of trying every
    head. ``head_rows``: type -> (head word -> its row in that type's
    table, the lengths of those words). ``any_organ`` and ``any_name_pattern`` find whether a sentence
    holds a local organ or a match of a name pattern at all, in one scan: the
    rules that look for them token by token skip the many sentences without.
    """

    name_lengths: dict[str, tuple[int, ...]]
    one_character_names: frozenset[str]
    organs_by_first: dict[str, tuple[str, ...]]
    heads: dict[str, tuple[EntityType, Head]]
    head_lengths: dict[str, tuple[int, ...]]
    head_rows: dict[EntityType, tuple[dict[str, int], tuple[int, ...]]]
    any_organ: re.Pattern[str]
    any_name_pattern: re.Pattern[str]


@functools.lru_cache(maxsize=4)
def _tables(lexicon: Lexicon) -> _Tables:
    name_lengths: dict[str, set[int]] = {}
    for name in lexicon.gazetteer:
        if len(name) > 1:
            name_lengths.setdefault(name[:2], set()).add(len(name))
    heads: dict[str, tuple[EntityType, Head]] = {}
    head_rows: dict[EntityType, tuple[dict[str, int], tuple[int, ...]]] = {}
    for etype, table in (
        (EntityType.ORGANIZATION, lexicon.organization_heads),
        (EntityType.CAMPAIGN, lexicon.campaign_heads),
        (EntityType.INITIATIVE, lexicon.initiative_heads),
    ):
        rows: dict[str, int] = {}
        for row, head in enumerate(table):
            heads.setdefault(head.word, (etype, head))
            rows.setdefault(head.word, row)
        head_rows[etype] = (rows, tuple(sorted({len(word) for word in rows if word})))
    return _Tables(
        name_lengths={first: tuple(sorted(lengths, reverse=True)) for first, lengths in name_lengths.items()},
        one_character_names=frozenset(name for name in lexicon.gazetteer if len(name) == 1),
        organs_by_first={ch: tuple(o for o in lexicon.local_organs if o[0] == ch) for ch in {o[0] for o in lexicon.local_organs}},
        heads=heads,
        head_lengths={
            last: tuple(sorted({len(w) for w in heads if w[-1] == last}, reverse=True))
            for last in {w[-1] for w in heads}
        },
        head_rows=head_rows,
        any_organ=re.compile("|".join(map(re.escape, lexicon.local_organs)) or "(?!)"),
        any_name_pattern=re.compile("|".join(f"(?:{row.pattern.pattern})" for row in lexicon.name_patterns) or "(?!)"),
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
