"""The words that name a quotation before it, in a name that holds the quotation.

国有企业研发投入|“三年上、五年强”专项行动 (the lead names the drive), 迭代升级|“凤凰行动”计划
(the lead governs it): read by the quotation rule (:mod:`.quotes`) and by the head rule
(:mod:`.heads`) when a head's name runs back to a quotation.
"""

from __future__ import annotations

from ..lexicon import Lexicon
from ..model import EntityType
from .core import _QUOTE_PREFIX, _SentenceView
from .growth import _grow_left
from .trims import _VERB_LEAD_POS, _trim_lead


def _quote_lead(view: _SentenceView, begin: int, lexicon: Lexicon) -> int:
    """Where the words that name a quotation before it start (国有企业研发投入|“三年上、五年强”专项行动),
    at most :data:`_QUOTE_PREFIX` characters back; a 和 or 与 there joins the quotation to
    another item (市委反馈问题和|“回头看”), so the lead starts after it."""
    lead = _grow_left(view, begin, lexicon, limit=_QUOTE_PREFIX + 1)
    i = view.token_at(begin) - 1
    while i >= 0 and view.starts[i] >= lead:
        if view.tokens[i].word in ("和", "与"):
            return view.ends[i]
        i -= 1
    return lead


def _governing_lead(view: _SentenceView, begin: int, quote: int) -> bool:
    """Are the words from ``begin`` to the quotation at ``quote`` verbs and adverbs alone
    (搞好|“四五”普法, 迭代升级|“凤凰行动”计划, 列入|“十五”计划)? Then they govern the
    named programme and do not name it; a verb before a noun may (充电|设施, 信访|问题)."""
    i = view.token_at(begin)
    verbs = 0
    while i < len(view.tokens) and view.starts[i] < quote:
        if view.tokens[i].pos not in _VERB_LEAD_POS and view.tokens[i].pos != "vn":
            return False
        verbs += view.tokens[i].pos != "vn"
        i += 1
    return verbs > 0 and view.tokens[view.token_at(begin)].pos != "vn"  # 消费扶贫|“六进”活动: a field


def quoted_name_begin(view: _SentenceView, quote: int, end: int, etype: EntityType, lexicon: Lexicon) -> int:
    """Where a name that holds the quotation opening at ``quote`` and ends at ``end`` starts: at the
    words that name the quotation before it, without a verb that governs the name (优化|“两新”政策)."""
    if etype is EntityType.ORGANIZATION:
        return _quote_lead(view, quote, lexicon)
    begin = _trim_lead(view, _quote_lead(view, quote, lexicon), end, etype, lexicon)
    return quote if _governing_lead(view, begin, quote) else begin
