"""Stage 4, segment: clean text -> sentences with jieba tokens, all with offsets.

Sentences end at 。！？!? and at line breaks; advertising lines (from
:mod:`kg.cleaning`) are left out. Tokens are jieba's segmentation (its
dictionary, with the HMM for unknown words) on a dictionary that also knows
the lexicon's names and heads as words, so a gazetteer name is never split.
POS tags are looked up in jieba's dictionary (``jieba.posseg``'s word-tag
table, with the lexicon's corrections) rather than computed by its slower POS
tagger; a word the dictionary lacks gets ``""``.

The segmentation is computed by rjieba (jieba-rs, the same algorithm in
Rust: the DAG of dictionary words, the maximum-probability route, the same
HMM), about ten times faster than jieba's Python code. :class:`Segmenter`
gives it the very dictionary and word-frequency total of the Python
tokenizer, and hands tokens outside the Chinese script back to jieba, so
the tokens are jieba's own; ``tests/test_segmentation.py`` checks that on
the sample reports.
"""

from __future__ import annotations

import functools
import logging

import jieba
import jieba.finalseg
import rjieba

from .lexicon import Lexicon
from .model import SENTENCE_END, Document, Sentence, Token

__all__ = ["Segmenter", "segment", "segmenter_for"]

jieba.setLogLevel(logging.WARNING)


def _jieba_keeps_whole(word: str) -> bool:
    """Would jieba's HMM keep this word, absent from the dictionary, as one token?

    It does for a run of Chinese characters and for a run of Latin letters and
    digits (with a decimal part and a per cent sign): jieba.finalseg's own
    ``re_han`` and ``re_skip``.
    """
    return bool(jieba.finalseg.re_han.fullmatch(word) or jieba.finalseg.re_skip.fullmatch(word))


# A word no text contains (Unicode private-use characters), used to carry the
# part of jieba's frequency total that no single word accounts for.
_TOTAL_PAD_WORD = "\ue000\ue001"


class Segmenter:
    """jieba's segmentation, computed by rjieba.

    Built from a ``jieba.Tokenizer`` (after its user words were added): every
    word with a non-zero frequency goes into an empty ``rjieba.Jieba`` with
    the same frequency. The route's probabilities are ``freq / total``, and
    jieba's ``add_word`` adds a user word's frequency to the total even when
    the word already had one, so the Python total is larger than the sum of
    the frequencies; one padding word of the difference makes the two totals
    equal, and with them the routes.

    jieba-rs keeps a run of Latin letters, digits and ``-._`` that the
    dictionary lacks as one token (``X-X``, ``1-10``), where jieba's HMM
    splits it (``X``, ``-``, ``X``); such tokens are re-segmented by jieba
    itself.

    Args:
        tokenizer: an initialised ``jieba.Tokenizer``.
    """

    def __init__(self, tokenizer: jieba.Tokenizer):
        self.tokenizer = tokenizer
        self._freq = tokenizer.FREQ
        self._rust = rjieba.Jieba.empty()
        words_total = 0
        for word, freq in tokenizer.FREQ.items():
            if freq:
                self._rust.add_word(word, freq, None)
                words_total += freq
        if tokenizer.total > words_total:
            self._rust.add_word(_TOTAL_PAD_WORD, tokenizer.total - words_total, None)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        """Segment ``text`` into ``(word, begin, end)`` tokens (character offsets).

        The same tokens as ``jieba.Tokenizer.tokenize(text)`` (default mode, HMM on), but for a word
        it lacks that ends in 等 (see :meth:`_add_unknown`).
        """
        return [(token.word, token.begin, token.end) for token in self.tokens(text, 0, {})]

    def tokens(self, text: str, base: int, tags: dict[str, str]) -> tuple[Token, ...]:
        """:meth:`tokenize`'s tokens as :class:`~kg.model.Token` objects: offsets plus ``base``, the POS
        tag of ``tags`` (``""`` for a word it lacks). One pass over jieba-rs's tokens, for :func:`segment`."""
        tokens = []
        known, tag = self._freq.get, tags.get
        for word, begin, end in self._rust.tokenize(text):
            if len(word) == 1 or known(word):  # a dictionary word: the common case, kept as it is
                tokens.append(_token((word, base + begin, base + end, tag(word, ""))))
            else:
                unknown: list[tuple[str, int, int]] = []
                self._add_unknowns(unknown, word, begin, end)
                tokens.extend(_token((w, base + b, base + e, tag(w, ""))) for w, b, e in unknown)
        return tuple(tokens)

    def _add_unknowns(self, tokens: list, word: str, begin: int, end: int) -> None:
        """Append the tokens of a word jieba-rs gave that the dictionary lacks, as jieba makes them."""
        if _jieba_keeps_whole(word):
            self._add_unknown(tokens, word, begin, end)
        else:
            for w, b, e in self.tokenizer.tokenize(word):
                self._add_unknown(tokens, w, begin + b, begin + e)

    def _add_unknown(self, tokens: list, word: str, begin: int, end: int) -> None:
        """Append a word the dictionary may lack; one that ends in the enumeration particle 等 as two
        tokens (jieba's HMM glues 等 to the last item of a list: 创业担保贷等 → 创业担保贷|等): 等
        closes the list, it is no part of the item's name."""
        if len(word) > 1 and word[-1] == "等" and not self._freq.get(word):
            tokens.append((word[:-1], begin, end - 1))
            tokens.append(("等", end - 1, end))
        else:
            tokens.append((word, begin, end))


@functools.lru_cache(maxsize=4)
def segmenter_for(lexicon: Lexicon) -> Segmenter:
    """Return a segmenter that keeps every lexicon word whole and cuts the
    lexicon's split words (``split_words.txt``) into their parts (cached).

    Source of the base dictionary: jieba's ``dict.txt`` (jieba 0.42).
    """
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in lexicon.user_words:
        tokenizer.add_word(word, freq=max(tokenizer.suggest_freq(word, tune=False), 1000))
    for word in lexicon.split_words:
        tokenizer.del_word(word)  # frequency 0: no route takes it, and the Segmenter leaves it out
    return Segmenter(tokenizer)


@functools.lru_cache(maxsize=4)
def _pos_table(lexicon: Lexicon) -> dict[str, str]:
    """jieba's word-tag table with the lexicon's corrections (``pos_corrections.txt``)."""
    import jieba.posseg  # loads its word-tag table on import (about a second): only when a report is segmented

    return {**jieba.posseg.dt.word_tag_tab, **lexicon.pos_corrections}


def _spans(text: str, excluded: tuple[tuple[int, int], ...]):
    """Yield the ``(begin, end)`` spans of text outside the excluded spans."""
    begin = 0
    for b, e in excluded:
        if b > begin:
            yield begin, b
        begin = max(begin, e)
    if begin < len(text):
        yield begin, len(text)


def segment(
    document: Document, excluded: tuple[tuple[int, int], ...], lexicon: Lexicon
) -> tuple[Sentence, ...]:
    """Split a report into sentences and tokens.

    Args:
        document: the decoded report.
        excluded: sorted spans (characters) to leave out (ad lines).
        lexicon: the lexicon whose words jieba keeps whole.

    Returns:
        The sentences in text order; each has ``text == document.text[begin:end]``
        (surrounding white space trimmed) and tokens with document offsets.

    Examples:
        >>> from kg.lexicon import load_lexicon
        >>> doc = Document("r.txt", "深入开展扫黑除恶专项斗争。成立领导小组", "utf-8", "")
        >>> [s.text for s in segment(doc, (), load_lexicon())]
        ['深入开展扫黑除恶专项斗争。', '成立领导小组']
    """
    tokenizer = segmenter_for(lexicon)
    tags = _pos_table(lexicon)
    text = document.text
    sentences = []
    for span_begin, span_end in _spans(text, excluded):
        chunk = text[span_begin:span_end]
        start = 0
        for match in SENTENCE_END.finditer(chunk):
            if _inside_title_link(chunk, match.start(), match.end()):
                continue
            pieces = [(start, match.end() if match.group().strip() else match.start())]
            start = match.end()
            sentences.extend(_sentence(text, span_begin + b, span_begin + e, tokenizer, tags) for b, e in pieces)
        sentences.append(_sentence(text, span_begin + start, span_end, tokenizer, tags))
    return tuple(s for s in sentences if s is not None)


# Reports copied from web pages where each title was a link keep the link on a
# line of its own: 制定了《\n国家中长期科学和技术发展规划纲要\n》。 (the State
# Council's reports of 1979–2006 on gov.cn). A line break right after an
# opening title mark or right before a closing one ends no sentence.
_OPENING_TITLE, _CLOSING_TITLE = "《〈", "》〉"


def _inside_title_link(chunk: str, begin: int, end: int) -> bool:
    """Is the line break ``chunk[begin:end]`` inside a title mark's pair (after 《, before 》)?"""
    if chunk[begin] not in "\r\n":
        return False
    before = begin - 1
    while before >= 0 and chunk[before] in " \t\u3000":
        before -= 1
    after = end
    while after < len(chunk) and chunk[after] in " \t\u3000":
        after += 1
    return (before >= 0 and chunk[before] in _OPENING_TITLE) or (after < len(chunk) and chunk[after] in _CLOSING_TITLE)


def _sentence(text, begin, end, tokenizer, tags) -> Sentence | None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if begin >= end:
        return None
    sentence_text = text[begin:end]
    return Sentence(begin, end, sentence_text, tokenizer.tokens(sentence_text, begin, tags))


# Token(word, begin, end, pos) made from one tuple, without the call of a named
# tuple's __new__: a report makes some 5,000 tokens (1.6 ms against 2.1 ms a
# report, measured on 300 reports of bench/scale.py).
_token = functools.partial(tuple.__new__, Token)
